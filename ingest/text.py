"""Read plain text or Markdown: form feeds separate pages, ``#`` marks headings."""

from __future__ import annotations

import re

from .errors import NoText
from .model import Cell, Line, Page, ReadDocument, Table

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6}) +([^\t]*?)\s*#*\s*$")  # a tab after "#" is a cell


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: UTF-16/UTF-8 by BOM or validity, else Windows-1252.

    Control characters (NUL included) are dropped: they only ever come from damage.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return _CONTROL.sub("", text)


def read_text(data: bytes) -> ReadDocument:
    """Plain text as pages of lines; raise NoText when only white space is left."""
    pages = []
    for number, chunk in enumerate(decode_text(data).split("\f"), start=1):
        lines = []
        for raw in chunk.splitlines():
            text = re.sub(r" {2,}", " ", raw).strip(" \r\v")  # tabs separate cells: keep them
            if not text.strip():
                continue
            heading = _MARKDOWN_HEADING.match(text)
            if heading:
                lines.append(Line(text=heading.group(2), heading_level=len(heading.group(1))))
            else:
                lines.append(Line(text=text))
        pages.append(
            Page(
                number=number,
                lines=lines,
                text_layer="native" if lines else "none",
                tables=_tab_tables(lines, number),
            )
        )
    document = ReadDocument(file_kind="text", pages=pages)
    if not document.has_text:
        raise NoText("the text file holds only white space")
    return document


def _tab_tables(lines: list[Line], page: int) -> list[Table]:
    """Runs of lines split by tabs into the same number of cells (three or more), as a table
    pasted from a spreadsheet or Word keeps them. A line without tabs between two rows is a
    heading row spanning the table."""
    tables = []
    index = 0
    while index < len(lines):
        width = lines[index].text.count("\t")
        end = index
        rows: list[list[Cell | None]] = []
        while end < len(lines) and width >= 2:
            text = lines[end].text
            if text.count("\t") == width:
                rows.append([Cell(text=part.strip()) for part in text.split("\t")])
            elif "\t" not in text and _rows_resume(lines, end + 1, width):
                rows.append([Cell(text=text.strip())] + [None] * width)
            else:
                break
            end += 1
        if len(rows) >= 2:
            tables.append(Table(page=page, rows=rows, method="markup", line_index=index))
        index = max(end, index + 1)
    return tables


def _rows_resume(lines: list[Line], start: int, width: int) -> bool:
    """Within a few lines without tabs (headings), rows of the same width go on."""
    for line in lines[start : start + 3]:
        if "\t" in line.text:
            return line.text.count("\t") == width
    return False
