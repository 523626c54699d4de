"""Northdene County Council: its people, colours, text styles and page furniture."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
)

from samples.drawing import pdf as drawing

ORG = "Northdene County Council"
SERVICE = "Northdene County Council Children's Services"
AUTHOR = "Northdene County Council (fictional)"
CREATOR = "plandrift samples/generate.py"
FICTION_NOTE = (
    "Fictional sample document generated for plandrift testing. Northdene "
    "County Council, all people named and all data are invented."
)

# People (all invented).
DCS = "Catherine Blaydon"
DCS_SALUTATION = "Ms Blaydon"
AD_CSC = "Marcus Ellingham"
CHAIR = "Professor Judith Ormerod"
HOP = "Sunil Varma"
PSW_NAME = "Aoife Brennan"
HMI_LEAD = "Gareth Pellow"
HMI_TWO = "Rachel Daintree"
CABINET = "Councillor Helen Strickland"

RAG_ORDER = {"Blue": 0, "Green": 1, "Amber": 2, "Red": 3}
NOT_YET_DUE = "Not yet due"
RAG_FILL = {
    "Blue": colors.HexColor("#9DC3E6"),
    "Green": colors.HexColor("#A9D08E"),
    "Amber": colors.HexColor("#FFD966"),
    "Red": colors.HexColor("#FF8B8B"),
    NOT_YET_DUE: colors.HexColor("#D9D9D9"),
}
NAVY = colors.HexColor("#1F3864")
SECTION_FILL = colors.HexColor("#DDEBF7")
GRID = colors.HexColor("#404040")

# The standard Helvetica encoding puts the bullet at code 127, which PDF text
# extractors cannot map back to U+2022, so bullets use reportlab's bundled
# Bitstream Vera (embedded with a ToUnicode map). Body text stays Helvetica.
BULLET_FONT = "Vera"


def register_fonts() -> None:
    """Register the embedded TrueType font used for list bullets."""
    if BULLET_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BULLET_FONT, "Vera.ttf"))


# --------------------------------------------------------------------------
# Paragraph styles
# --------------------------------------------------------------------------


def _style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
    """Return a Helvetica paragraph style."""
    kw.setdefault("fontName", "Helvetica")
    return ParagraphStyle(name, fontSize=size, leading=leading, **kw)


BODY = _style("body", 10.5, 14, spaceAfter=7)
BODY_TIGHT = _style("body_tight", 10.5, 14, spaceAfter=3)
SMALL = _style("small", 7, 9, textColor=colors.HexColor("#555555"))
H_ORG = _style("org", 18, 22, fontName="Helvetica-Bold", textColor=NAVY)
H_TITLE = _style("title", 15, 19, fontName="Helvetica-Bold", spaceAfter=4)
H_SUB = _style("sub", 11, 14, fontName="Helvetica-Oblique", spaceAfter=10)
H1 = _style("h1", 12.5, 16, fontName="Helvetica-Bold", spaceBefore=8, spaceAfter=5)
H2 = _style("h2", 11, 14, fontName="Helvetica-Bold", spaceBefore=6, spaceAfter=4)
CELL = _style("cell", 8.5, 10.5)
CELL_BOLD = _style("cell_bold", 8.5, 10.5, fontName="Helvetica-Bold")
CELL_HEAD = _style("cell_head", 8.5, 10.5, fontName="Helvetica-Bold", textColor=colors.white)
CELL_CHILD = _style("cell_child", 8.5, 10.5, leftIndent=8)
CELL_SECTION = _style("cell_section", 9.5, 12, fontName="Helvetica-Bold")
DCELL = _style("dcell", 7.5, 9)
DCELL_BOLD = _style("dcell_bold", 7.5, 9, fontName="Helvetica-Bold")
DCELL_HEAD = _style("dcell_head", 7.5, 9, fontName="Helvetica-Bold", textColor=colors.white)
DCELL_NUM = _style("dcell_num", 7.5, 9, alignment=TA_RIGHT)
NUMBERED = _style("numbered", 10.5, 14, spaceAfter=7, leftIndent=28, bulletIndent=0)
RIGHT = _style("right", 10.5, 14, alignment=TA_RIGHT)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """Paragraph from plain text; most sample text is body text."""
    return drawing.para(text, style)


def markup(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """Paragraph from text that already contains reportlab mini-markup."""
    return Paragraph(text, style)


def bullets(items: Sequence[str], style: ParagraphStyle = BODY_TIGHT) -> ListFlowable:
    """A bulleted list of plain-text items."""
    return ListFlowable(
        [ListItem(para(item, style), leftIndent=14) for item in items],
        bulletType="bullet",
        start="\u2022",
        leftIndent=14,
        bulletFontName=BULLET_FONT,
        bulletFontSize=9,
    )


# --------------------------------------------------------------------------
# PDF building
# --------------------------------------------------------------------------

# Draws one page's furniture given (canvas, page number, total pages).
Decorator = Callable[[Canvas, int, int], None]
StoryFactory = Callable[[], list[Flowable]]


def build_numbered_pdf(
    path: Path,
    make_story: StoryFactory,
    *,
    pagesize: tuple[float, float],
    margins: drawing.Margins,
    title: str,
    subject: str,
    decorate: Decorator,
) -> int:
    """Build a PDF in two passes, the first counting pages for "Page N of M"; return the count."""

    def build(target: Path | io.BytesIO, total: int) -> int:
        def on_page(canv: Canvas, doc: SimpleDocTemplate) -> None:
            canv.saveState()
            decorate(canv, doc.page, total)
            canv.restoreState()

        return drawing.build_pdf(
            target,
            make_story(),
            pagesize=pagesize,
            margins=margins,
            title=title,
            subject=subject,
            author=AUTHOR,
            creator=CREATOR,
            on_page=on_page,
        )

    total = build(io.BytesIO(), 0)
    pages = build(path, total)
    if pages != total:
        raise RuntimeError(f"{path.name}: page count changed between passes")
    return pages


def footer(
    canv: Canvas,
    pagesize: tuple[float, float],
    left_text: str,
    page: int,
    total: int,
    margin: float,
) -> None:
    """Draw a standard running footer with page numbers and the fiction note."""
    width, _ = pagesize
    canv.setStrokeColor(colors.HexColor("#999999"))
    canv.setLineWidth(0.5)
    canv.line(margin, 14 * mm, width - margin, 14 * mm)
    canv.setFont("Helvetica", 8)
    canv.setFillColor(colors.black)
    canv.drawString(margin, 10 * mm, left_text)
    canv.drawRightString(width - margin, 10 * mm, f"Page {page} of {total}")
    canv.setFont("Helvetica", 6)
    canv.setFillColor(colors.HexColor("#777777"))
    canv.drawCentredString(width / 2, 6 * mm, FICTION_NOTE)
