"""reportlab pieces that every generator draws with, so their PDFs look and build alike.

Everything here is deterministic: documents are built with ``invariant=1`` and nothing reads a
clock, so the same story always gives the same bytes.  Layouts (column widths, which cells are
shaded, page decorations beyond the footer) stay with the generator that owns them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from samples.drawing.blocks import Grid

# (left, right, top, bottom) page margins in points.
Margins = tuple[float, float, float, float]
# Called by reportlab on each page, e.g. to draw a running footer.
PageDecorator = Callable[[Canvas, SimpleDocTemplate], None]

FIXTURE_AUTHOR = "plandrift test fixture"
# SimpleDocTemplate pads its frame by this much, so a table starts at the left margin + FRAME_PAD.
FRAME_PAD = 6.0
CELL_PAD = 2.5


@dataclass(frozen=True)
class Fonts:
    """The regular, bold and italic face of one of reportlab's standard font families."""

    regular: str
    bold: str
    italic: str


HELVETICA = Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique")
TIMES = Fonts("Times-Roman", "Times-Bold", "Times-Italic")

GREY = colors.Color(0.4, 0.4, 0.4)
HEAD_BG = colors.Color(0.80, 0.86, 0.94)
SECTION_BG = colors.Color(0.87, 0.91, 0.96)
SUBSECTION_BG = colors.Color(0.94, 0.95, 0.97)
# Status drawn as colour: the cell fill for each RAG word a plan or dashboard prints.
RAG_FILL = {
    "Blue": colors.Color(0.62, 0.76, 0.96),
    "Green": colors.Color(0.62, 0.86, 0.62),
    "Amber": colors.Color(1.0, 0.80, 0.45),
    "Red": colors.Color(0.96, 0.55, 0.55),
    "Complete": colors.Color(0.62, 0.76, 0.96),
}


def escape(text: str, keep: Collection[str] = ()) -> str:
    """Plain text as Paragraph markup; tags named in *keep* (e.g. ``("b", "i")``) stay markup."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for tag in keep:
        out = out.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
    return out


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text.

    Empty table cells are empty Paragraphs too, not "": reportlab counts a full line for every
    string cell when deciding whether a row may break across a page.
    """
    return Paragraph(escape(text), style)


def hex_rgb(colour: colors.Color) -> str:
    """``RRGGBB`` of a colour, for a Word cell shading the same as the PDF cell."""
    return "".join(f"{round(part * 255):02X}" for part in (colour.red, colour.green, colour.blue))


@dataclass(frozen=True)
class CellStyles:
    """Paragraph styles for the cells of one table size."""

    body: ParagraphStyle
    head: ParagraphStyle
    centred: ParagraphStyle
    head_centred: ParagraphStyle
    section: ParagraphStyle


def cell_styles(size: float, *, break_anywhere: bool = False) -> CellStyles:
    """Helvetica cell styles at *size*; ``break_anywhere`` lets a row break after any line."""
    body = ParagraphStyle(
        f"cell{size}",
        fontName=HELVETICA.regular,
        fontSize=size,
        leading=size * 1.2,
        allowOrphans=int(break_anywhere),
        allowWidows=1,
    )
    return CellStyles(
        body=body,
        head=ParagraphStyle(f"head{size}", parent=body, fontName=HELVETICA.bold),
        centred=ParagraphStyle(f"centred{size}", parent=body, alignment=TA_CENTER),
        head_centred=ParagraphStyle(
            f"headc{size}", parent=body, fontName=HELVETICA.bold, alignment=TA_CENTER
        ),
        section=ParagraphStyle(
            f"section{size}",
            parent=body,
            fontName=HELVETICA.bold,
            fontSize=size + 1,
            leading=(size + 1) * 1.2,
        ),
    )


def cell_layout(size: float | None = None, *, pad: float = CELL_PAD) -> list[tuple]:
    """Table style commands: cells top-aligned and evenly padded; with *size*, plain-string
    cells in Helvetica at that size (their height counts when reportlab sizes a row)."""
    font = []
    if size is not None:
        font = [
            ("FONTNAME", (0, 0), (-1, -1), HELVETICA.regular),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ]
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *font,
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]


def ruling(
    head_bg: colors.Color = HEAD_BG,
    *,
    colour: colors.Color = colors.black,
    width: float = 0.5,
    header_rows: int = 1,
) -> list[tuple]:
    """Table style commands: a line round every cell and a shaded header."""
    return [
        ("GRID", (0, 0), (-1, -1), width, colour),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), head_bg),
    ]


def grid_table(
    grid: Grid,
    *,
    centred_cols: Collection[int] = (),
    fills: Mapping[str, colors.Color] = RAG_FILL,
    **table_options: Any,
) -> Table:
    """A ruled table of *grid*: header repeated, *centred_cols* centred, a cell whose whole
    text is a key of *fills* (a RAG word) centred on that colour, group cells bold and shaded."""
    st = cell_styles(grid.size)
    data = [[para(head, st.head) for head in grid.header]]
    style = [*cell_layout(), *ruling()]
    for r, row in enumerate(grid.rows, start=1):
        cells = []
        for c, cell in enumerate(row):
            cell_style = st.centred if c in centred_cols or cell in fills else st.body
            if c == grid.group_col and cell:
                cell_style = st.head
            cells.append(para(cell, cell_style))
            if cell in fills:
                style.append(("BACKGROUND", (c, r), (c, r), fills[cell]))
        if grid.group_col is not None:
            col = grid.group_col
            style.append(("BACKGROUND", (col, r), (col, r), SUBSECTION_BG))
        data.append(cells)
    table = Table(data, colWidths=list(grid.widths), repeatRows=1, hAlign="LEFT", **table_options)
    table.setStyle(TableStyle(style))
    return table


def content_width(pagesize: tuple[float, float], margins: Margins) -> float:
    """The width a full-width table gets inside SimpleDocTemplate's padded frame."""
    left, right, _, _ = margins
    return pagesize[0] - left - right - 2 * FRAME_PAD


def build_pdf(
    target: str | Path | IO[bytes],
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margins: Margins,
    title: str,
    subject: str,
    on_page: PageDecorator,
    on_later_pages: PageDecorator | None = None,
    author: str = FIXTURE_AUTHOR,
    creator: str | None = None,
) -> int:
    """Build *story* as a PDF with the same bytes every time; return its page count.

    *on_page* decorates every page, or only the first when *on_later_pages* is given.
    """
    left, right, top, bottom = margins
    extra = {} if creator is None else {"creator": creator}
    doc = SimpleDocTemplate(
        target if not isinstance(target, Path) else str(target),
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        invariant=1,
        **extra,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_later_pages or on_page)
    return int(doc.page)


def running_footer(
    left: str = "", *, centre: str = "", size: float = 7.0, margin: float = 15 * mm
) -> PageDecorator:
    """A grey footer line: *left* text and "Page N" at the right margin, or instead *centre*
    (``"Page {page}"`` filled in) centred."""

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        page_w = doc.pagesize[0]
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setFont(HELVETICA.regular, size)
        if left:
            canvas.drawString(margin, 8 * mm, left)
        if centre:
            canvas.drawCentredString(page_w / 2, 8 * mm, centre.format(page=doc.page))
        else:
            canvas.drawRightString(page_w - margin, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw
