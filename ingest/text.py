"""Read plain text or Markdown: form feeds separate pages, ``#`` marks headings."""

from __future__ import annotations

import re

from .errors import NoText
from .model import Line, Page, ReadDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


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
            text = re.sub(r" {2,}", " ", raw).strip()
            if not text:
                continue
            heading = _MARKDOWN_HEADING.match(text)
            if heading:
                lines.append(Line(text=heading.group(2), heading_level=len(heading.group(1))))
            else:
                lines.append(Line(text=text))
        pages.append(Page(number=number, lines=lines, text_layer="native" if lines else "none"))
    document = ReadDocument(file_kind="text", pages=pages)
    if not document.has_text:
        raise NoText("the text file holds only white space")
    return document
