"""The page model every reader produces and every extractor consumes.

Small objects with clear geometry (after pdfplumber): coordinates are PDF points from the
top-left corner of the page, so any extracted row can be traced to its place on the page.
Formats without geometry (HTML, text) leave the boxes empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


def union_box(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding all of ``boxes`` (None for none)."""
    if not boxes:
        return None
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters without a space, with its horizontal extent."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as it sits on the page."""

    text: str
    bbox: BBox | None = None
    size: float | None = None  # largest font size on the line, in points
    bold: bool = False
    heading_level: int | None = None  # from markup (HTML h1-h6, Markdown #), when known
    mark_colour: str | None = None  # "#rrggbb" of a coloured dot or tick on the line (a RAG)
    # With positions, while a PDF page is read (to find unruled tables); dropped after.
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    bbox: BBox | None = None
    # "#rrggbb" of the cell's fill, or of a coloured mark that is all it holds (a RAG dot):
    # plans often give a status only as colour.
    colour: str | None = None


@dataclass(frozen=True, slots=True)
class Fill:
    """A coloured area on the page (a filled rectangle, or a coloured glyph's box)."""

    bbox: BBox
    colour: str  # "#rrggbb"


@dataclass
class Table:
    """A grid of cells as found on one page.

    ``rows[r][c]`` is None where a merged (spanned) cell covers that slot, so a section
    row that spans the table reads as one cell followed by Nones.
    """

    page: int
    rows: list[list[Cell | None]]
    bbox: BBox | None = None
    method: str = "ruled"  # ruled (drawn lines) | aligned (text alignment) | markup (HTML/text)
    # Formats without geometry: where the table starts among the page's lines (the lines
    # before it are what precedes it, a section heading for one).
    line_index: int | None = None


@dataclass
class Page:
    """One page: its text, where that text came from, and its lines with positions."""

    number: int  # 1-based, as printed by a PDF viewer
    lines: list[Line] = field(default_factory=list)
    text_layer: str = "native"  # native | ocr | none
    width: float | None = None
    height: float | None = None
    tables: list[Table] = field(default_factory=list)
    ocr_confidence: float | None = None  # Tesseract's mean word confidence (0-100), if OCR'd
    has_images: bool = False  # holds a picture (a scan, when it has no text)
    # The library that read a PDF page: "pdfium" (a page of prose) or "pdfplumber".
    reader: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class ReadDocument:
    """What a reader returns: the pages of one file plus hints found while reading."""

    file_kind: str  # pdf | docx | html | text
    pages: list[Page]
    embedded_title: str | None = None  # PDF Info title or HTML <title>: a hint, often stale
    warnings: list[str] = field(default_factory=list)
    # Header and footer text a format stores once for every page (Word); the page lines
    # hold it too, and a PDF's running heads are found by repetition instead.
    running_text: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def has_text(self) -> bool:
        return any(line.text.strip() for page in self.pages for line in page.lines)
