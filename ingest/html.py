"""Read a web page into one page of lines: the visible content, not the site's chrome.

Council news pages wrap a few paragraphs in navigation, cookie banners, scripts and
footers. We keep headings (with their level), paragraphs, list items (as "• " lines) and
table rows (cells joined by tabs); when the page marks its content with <main> or
<article>, only that is kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..wording import squash
from .errors import NoText
from .model import Cell, Line, Page, ReadDocument, Table
from .text import decode_text

_SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "select",
    "head",
    "object",
    "canvas",
}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
_CHROME_NAMES = re.compile(
    r"cookie|consent|breadcrumb|skip-?link|site-?(header|footer|nav)|menu|share|social", re.I
)
_VOID_TAGS = {
    "br",
    "img",
    "meta",
    "link",
    "input",
    "hr",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "wbr",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
}
_CONTENT_TAGS = {"main", "article"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[Line, bool]] = []  # (line, inside <main>/<article>)
        self.title = ""
        self._in_title = False
        self._skip: list[str] = []  # open tags whose content is chrome
        self._content_depth = 0
        self._buffer: list[str] = []
        self._cells: list[str] | None = None  # the open table row's cells
        self._spans: list[int] = []  # each open-row cell's colspan
        self._in_cell = False
        self._span = 1
        self._table_depth = 0
        self._rows: list[list[Cell | None]] = []  # rows of the open (outermost) table
        self.tables: list[list[list[Cell | None]]] = []
        self._heading: int | None = None
        self._bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = not self.title  # the first <title>, even inside the skipped <head>
            return
        if self._skip:
            if tag not in _VOID_TAGS:
                self._skip.append(tag)
            return
        if tag in _SKIPPED_TAGS or _is_chrome(attrs):
            if tag not in _VOID_TAGS:
                self._flush()
                self._skip.append(tag)
            return
        if tag in _CONTENT_TAGS:
            self._flush()
            self._content_depth += 1
        if tag == "table":
            self._flush()
            self._table_depth += 1
        if tag == "tr":
            self._flush()
            self._cells, self._spans = [], []
        elif tag in ("td", "th") and self._cells is not None:
            self._flush_cell()  # a previous cell left open
            self._buffer = []
            self._in_cell = True
            colspan = dict(attrs).get("colspan") or "1"
            self._span = int(colspan) if colspan.isdigit() and 0 < int(colspan) < 100 else 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._heading = int(tag[1:])
            elif tag == "li":
                self._bullet = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip:
            # Close back to the matching open tag; tolerate unclosed children.
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in ("td", "th") and self._cells is not None:
            self._flush_cell()
        elif tag == "tr" and self._cells is not None:
            self._flush_cell()
            cells, self._cells = self._cells, None
            if any(cells):
                self._emit("\t".join(cells))
                row: list[Cell | None] = []
                for text, span in zip(cells, self._spans, strict=True):
                    row += [Cell(text=text)] + [None] * (span - 1)
                self._rows.append(row)
        elif tag == "table" and self._table_depth:
            self._table_depth -= 1
            if self._table_depth == 0 and self._rows:
                self.tables.append(self._rows)
                self._rows = []
        elif tag in _BLOCK_TAGS:
            self._flush()
        if tag in _CONTENT_TAGS and self._content_depth:
            self._content_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush_cell(self) -> None:
        if self._in_cell and self._cells is not None:
            self._cells.append(squash("".join(self._buffer)))
            self._spans.append(self._span)
        self._buffer = []
        self._in_cell = False

    def _flush(self) -> None:
        if self._cells is not None:
            if self._in_cell:
                self._buffer.append(" ")  # a block inside a cell: keep its words apart
            return
        text = squash("".join(self._buffer))
        self._buffer = []
        if text:
            self._emit(("• " + text) if self._bullet else text)
        self._heading = None
        self._bullet = False

    def _emit(self, text: str) -> None:
        self.lines.append((Line(text=text, heading_level=self._heading), self._content_depth > 0))


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    if (values.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if "hidden" in values or (values.get("aria-hidden") or "").lower() == "true":
        return True
    names = f"{values.get('id') or ''} {values.get('class') or ''}"
    return bool(_CHROME_NAMES.search(names))


def read_html(data: bytes) -> ReadDocument:
    """Visible text of a web page as a single page; raise NoText when there is none."""
    parser = _VisibleText()
    parser.feed(decode_text(data))
    parser.close()
    content = [line for line, in_content in parser.lines if in_content]
    lines = content or [line for line, _ in parser.lines]
    if not lines:
        raise NoText("the web page has no visible text in its body")
    title = squash(parser.title) or None
    tables = [Table(page=1, rows=rows, method="markup") for rows in parser.tables]
    page = Page(number=1, lines=lines, tables=tables)
    return ReadDocument(file_kind="html", pages=[page], embedded_title=title)
