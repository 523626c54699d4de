"""Read a web page into one page of lines: the visible content, not the site's chrome.

Parsed with lxml (libxml2's HTML parser, which mends broken markup as browsers do).

Council news pages wrap a few paragraphs in navigation, cookie banners, scripts and
footers. We keep headings (with their level), paragraphs, list items (as "• " lines) and
table rows (cells joined by tabs); when the page marks its content with <main> or
<article>, only that is kept.
"""

from __future__ import annotations

import re

from ..wording import squash
from .colour import from_markup
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
_MAX_SPAN = 100  # a colspan or rowspan beyond this is damage, not layout
_MARKS = re.compile("[●■◆▲✔✓]")  # marks a status may be shown by, in its colour


def read_html(data: bytes) -> ReadDocument:
    """Visible text of a web page as a single page; raise NoText when there is none."""
    root = _parse(decode_text(data))
    title = (squash(root.findtext(".//title")) or None) if root is not None else None
    body = _without_chrome(root) if root is not None else None
    lines: list[Line] = []
    tables: list[tuple[int, list[list[Cell | None]]]] = []  # (first line, grid)
    if body is not None:
        content = [element for element in body.iter(*_CONTENT_TAGS) if _outermost_content(element)]
        for element in content or [body]:
            _Walker(lines, tables).block(element)
    if not lines:
        raise NoText("the web page has no visible text in its body")
    page = Page(
        number=1,
        lines=lines,
        tables=[
            Table(page=1, rows=rows, method="markup", line_index=start) for start, rows in tables
        ],
    )
    return ReadDocument(file_kind="html", pages=[page], embedded_title=title)


def _parse(text: str):
    """lxml's HTML parser (libxml2): it mends unclosed and misnested tags as browsers do."""
    import lxml.html
    from lxml import etree

    # huge_tree: committee systems inline images as base64 attributes of many megabytes,
    # past libxml2's default 10 MB limit; each file is read under --max-memory anyway.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None  # nothing but white space, comments or a bare declaration


def _without_chrome(root):
    """The body with scripts, navigation, banners, hidden parts and the like removed."""
    body = root.find("body")
    if body is None:
        return None
    chrome = [
        element
        for element in body.iter()
        if isinstance(element.tag, str) and (element.tag in _SKIPPED_TAGS or _is_chrome(element))
    ]
    for element in chrome:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element (its tail)
    for comment in body.xpath(".//comment() | .//processing-instruction()"):
        comment.drop_tree()
    return body


def _outermost_content(element) -> bool:
    return not any(parent.tag in _CONTENT_TAGS for parent in element.iterancestors())


class _Walker:
    """Turn an element tree into lines: one per paragraph, heading, list item or table row
    (cells joined by tabs), and each outermost table into a grid of cells."""

    def __init__(
        self, lines: list[Line], tables: list[tuple[int, list[list[Cell | None]]]]
    ) -> None:
        self.lines, self.tables = lines, tables
        self.buffer: list[str] = []
        self.mark_colour: str | None = None

    def block(self, element, heading: int | None = None, bullet: bool = False) -> None:
        """A block element's text as lines of its own, apart from what comes before and after."""
        self.flush()
        self._contents(element)
        self.flush(heading, bullet)

    def _contents(self, element) -> None:
        """An element's text joins the open line, except where a block, a line break or a
        table inside it starts lines of its own (browsers allow <a><div>...</div></a> too)."""
        self._inline(element.text)
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else None  # None: a comment
            if tag == "table":
                self.flush()
                self._table(child)
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK_TAGS:
                level = int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else None
                self.block(child, heading=level, bullet=tag == "li")
            elif tag:
                self._contents(child)
                self._note_mark_colour(child)
            self._inline(child.tail)

    def flush(self, heading: int | None = None, bullet: bool = False) -> None:
        text = squash("".join(self.buffer))
        self.buffer = []
        colour, self.mark_colour = self.mark_colour, None
        if text:
            self.lines.append(
                Line(
                    text=("• " + text) if bullet else text,
                    heading_level=heading,
                    mark_colour=colour,
                )
            )

    def _note_mark_colour(self, element) -> None:
        """A mark in a coloured font ("RAG: <span style='color:red'>●</span>")."""
        if _MARKS.search(element.text_content() or ""):
            self.mark_colour = _mark_colour(element)

    def _inline(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def _table(self, table) -> None:
        """A line per row, and the table as a grid in which a cell spanning rows or columns
        fills one slot and leaves None in the others, so later cells keep their columns."""
        rows = [row for row in table.iter("tr") if _nearest_table(row) is table]
        start = len(self.lines)
        grid: list[list[Cell | None]] = []
        covered: dict[tuple[int, int], bool] = {}  # slots taken by a rowspan from above
        for number, row in enumerate(rows):
            slots: list[Cell | None] = []
            texts: list[str] = []
            for cell in (child for child in row if child.tag in ("td", "th")):
                while covered.pop((number, len(slots)), False):
                    slots.append(None)
                text = _cell_text(cell)
                texts.append(text)
                colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
                for below in range(number + 1, min(number + rowspan, len(rows))):
                    for column in range(len(slots), len(slots) + colspan):
                        covered[(below, column)] = True
                slots += [Cell(text=text, colour=_background(cell, row))] + [None] * (colspan - 1)
            while covered.pop((number, len(slots)), False):
                slots.append(None)
            if any(texts):
                self.lines.append(Line(text="\t".join(squash(text) for text in texts)))
                grid.append(slots)
        if grid and _nearest_table(table.getparent()) is None:
            self.tables.append((start, grid))


def _mark_colour(element) -> str | None:
    """The colour an element paints a mark in: its text colour, else its background."""
    style = element.get("style") or ""
    text = re.search(r"(?<![-\w])color\s*:\s*([^;]+)", style, re.I)
    background = re.search(r"background(?:-color)?\s*:\s*([^;]+)", style, re.I)
    for value in (text and text.group(1), element.get("color"), background and background.group(1)):
        colour = from_markup(value)
        if colour:
            return colour
    return None


def _background(cell, row) -> str | None:
    """A cell's colour: its background (its own, else its row's: bgcolor or a CSS
    background), or the colour of a mark that is all it holds (a RAG dot)."""
    if _MARKS.search(_cell_text(cell)) and len(_cell_text(cell)) <= 2:
        colour = next(filter(None, (_mark_colour(element) for element in cell.iter())), None)
        if colour:
            return colour
    for element in (cell, row):
        style = re.search(r"background(?:-color)?\s*:\s*([^;]+)", element.get("style") or "", re.I)
        colour = from_markup(style.group(1) if style else element.get("bgcolor"))
        if colour:
            return colour
    return None


def _cell_text(cell) -> str:
    """A cell's text, a line for each paragraph, line break or list item inside it ("• "
    before an item), so steps listed in one cell stay apart."""
    parts: list[str] = []

    def walk(element) -> None:
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag in _BLOCK_TAGS:
                    parts.append("\n• " if tag == "li" else "\n")
                walk(child)
                if tag in _BLOCK_TAGS:
                    parts.append("\n")
            parts.append(child.tail or "")

    walk(cell)
    lines = (squash(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line and line != "•")


def _nearest_table(element):
    while element is not None and element.tag != "table":
        element = element.getparent()
    return element


def _span(cell, attribute: str) -> int:
    value = (cell.get(attribute) or "1").strip()
    return int(value) if value.isdigit() and 0 < int(value) < _MAX_SPAN else 1


def _is_chrome(element) -> bool:
    if (element.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
        return True
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    return bool(_CHROME_NAMES.search(names))
