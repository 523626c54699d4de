"""Read a Word (.docx) board paper into one page of lines and tables, in reading order.

Many board papers and plan updates circulate as Word files. python-docx gives the body's
paragraphs (a heading style keeps its level) and tables, in the order they are written. A
Word file has no pages and no coordinates, so, like a web page, it becomes one page without
geometry: table rows are also lines (cells joined by tabs, as the HTML reader does), so the
page text holds everything and list reading leaves them to the table reader. Page headers
and footers are read once, before and after the body.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..wording import squash
from .colour import from_markup
from .errors import DamagedDocument, NoText
from .model import Cell, Line, Page, ReadDocument, Table

_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"^list", re.I)


def is_docx(path: Path) -> bool:
    """A ZIP archive holding a Word document body (what .docx files are)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_docx(path: Path) -> ReadDocument:
    """The document's paragraphs and tables as a single page; raise when it cannot be read."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise DamagedDocument(
            f"the Word document could not be opened ({type(error).__name__})"
        ) from None
    lines: list[Line] = []
    tables: list[Table] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            line = _paragraph_line(Paragraph(element, document))
            if line:
                lines.append(line)
        elif element.tag == qn("w:tbl"):
            rows = _table_rows(WordTable(element, document))
            if rows:
                tables.append(Table(page=1, rows=rows, method="markup", line_index=len(lines)))
                lines.extend(
                    Line(text="\t".join(squash(cell.text) for cell in row if cell is not None))
                    for row in rows
                )
    header, footer = _running_lines(document)
    lines = header + lines + footer
    for table in tables:
        table.line_index += len(header)
    if not any(line.text.strip() for line in lines):
        raise NoText("the Word document has no text in its body")
    title = (document.core_properties.title or "").strip() or None
    page = Page(number=1, lines=lines, tables=tables)
    return ReadDocument(
        file_kind="docx",
        pages=[page],
        embedded_title=title,
        running_text=tuple(line.text for line in header + footer),
    )


def _running_lines(document) -> tuple[list[Line], list[Line]]:
    """Page headers and footers, once each: a footer often carries the update's date
    ("progress update April 2020"), as it does on every page of the PDF twin."""
    parts: dict[str, dict[str, Line]] = {"header": {}, "footer": {}}
    for section in document.sections:
        for part, container in (("header", section.header), ("footer", section.footer)):
            if container.is_linked_to_previous and parts[part]:
                continue
            for paragraph in container.paragraphs:
                line = _paragraph_line(paragraph)
                if line:
                    parts[part].setdefault(line.text, line)
    return list(parts["header"].values()), list(parts["footer"].values())


def _paragraph_line(paragraph) -> Line | None:
    text = squash(paragraph.text)
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(style)
    level = int(heading.group(1)) if heading else (1 if style == "Title" else None)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if level is None and (numbered or _LIST_STYLE.match(style)):
        text = "• " + text  # Word's automatic bullet or number is not part of the text
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    marks = [
        from_markup(str(run.font.color.rgb))
        for run in runs
        if any(char in _MARKS for char in run.text) and run.font.color and run.font.color.rgb
    ]
    return Line(
        text=text,
        heading_level=level,
        bold=bold,
        size=_type_size(paragraph, runs),
        mark_colour=marks[0] if marks else None,
    )


_DEFAULT_SIZE = 11.0  # Word's body text when neither the runs nor the styles set a size


def _type_size(paragraph, runs) -> float:
    """The largest type on the paragraph, in points: a run's own size, else its style's (or
    the style it is based on), as in the PDF a title stands out by its size."""
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    if sizes:
        return max(sizes)
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return _DEFAULT_SIZE


_MARKS = "●■◆▲✔✓"  # marks a status may be shown by, in its colour


def _cell_text(cell) -> str:
    """A line per paragraph of the cell, "• " before a bulleted or numbered one (Word's
    automatic numbering is not part of the text), so steps listed in a cell stay apart."""
    lines = []
    for paragraph in cell.paragraphs:
        text = squash(paragraph.text)
        if text:
            listed = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
            lines.append(f"• {text}" if listed else text)
    return "\n".join(lines)


def _shading(cell) -> str | None:
    """The cell's fill (``w:shd w:fill``), as Word's table styles and users' shading set it,
    or the colour of a mark that is all the cell holds (a RAG dot in a coloured font)."""
    from docx.oxml.ns import qn

    text = cell.text.strip()
    if text and len(text) <= 2 and all(char in _MARKS for char in text):
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                if run.text.strip() and run.font.color is not None and run.font.color.rgb:
                    return from_markup(str(run.font.color.rgb))
    properties = cell._tc.tcPr
    shading = properties.find(qn("w:shd")) if properties is not None else None
    return from_markup(shading.get(qn("w:fill"))) if shading is not None else None


def _table_rows(table) -> list[list[Cell | None]]:
    """Cell texts row by row; a slot covered by a merged cell (across or down) is None."""
    rows: list[list[Cell | None]] = []
    above: list = []
    for row in table.rows:
        cells: list[Cell | None] = []
        seen: list = []
        for column, cell in enumerate(row.cells):
            merged_across = seen and cell._tc is seen[-1]
            merged_down = column < len(above) and cell._tc is above[column]
            covered = merged_across or merged_down
            cells.append(None if covered else Cell(_cell_text(cell), colour=_shading(cell)))
            seen.append(cell._tc)
        above = seen
        if any(cell is not None and cell.text for cell in cells):
            rows.append(cells)
    return rows
