"""A series document as a born-digital PDF (reportlab, same bytes every time).

The title is set in the largest type on the first page; a logo letterhead is a filled box
with the council's name in white (text a reader still sees); running header and footer lines
are drawn on every page, so a date carried there is on every page."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from samples.drawing.pdf import HELVETICA, TIMES, build_pdf, content_width, escape

from .model import Band, Document, Grid, Items, Letterhead, Text, Title

PAGE_SIZES = {"a4_portrait": A4, "a4_landscape": landscape(A4)}
MARGINS = (15 * mm, 15 * mm, 20 * mm, 16 * mm)
LOGO_FILL = colors.HexColor("#1F4E79")


class Logo(Flowable):
    """A council logo: a filled box, a small line over the place in large capitals."""

    def __init__(self, small: str, big: str, fonts) -> None:
        super().__init__()
        self.small, self.big, self.fonts = small, big, fonts
        self.width, self.height = 70 * mm, 18 * mm

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height + 4

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(LOGO_FILL)
        canvas.roundRect(0, 4, self.width, self.height, 3 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(self.fonts.regular, 8)
        canvas.drawString(4 * mm, 4 + self.height - 6 * mm, self.small)
        canvas.setFont(self.fonts.bold, 15)
        canvas.drawString(4 * mm, 4 + 3.5 * mm, self.big)


def _styles(fonts) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("para", fontName=fonts.regular, fontSize=9.5, leading=12.5, spaceAfter=5)
    return {
        "para": base,
        "line": ParagraphStyle(
            "line", parent=base, fontName=fonts.bold, fontSize=11, leading=14, spaceAfter=4
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=fonts.bold,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "title": ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=20, leading=25, spaceBefore=4, spaceAfter=8
        ),
        "letterhead": ParagraphStyle(
            "letterhead", fontName=fonts.regular, fontSize=12, leading=15, spaceAfter=6
        ),
        "item": ParagraphStyle(
            "item",
            parent=base,
            leftIndent=28,
            bulletIndent=4,
            bulletFontName=fonts.regular,
            bulletFontSize=9.5,
        ),
        "cell": ParagraphStyle("cell", fontName=fonts.regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=fonts.bold, fontSize=8, leading=10),
        "band": ParagraphStyle("band", fontName=fonts.bold, fontSize=9, leading=11),
    }


def _grid(grid: Grid, st: dict[str, ParagraphStyle], width: float) -> Table:
    widths = [width * w / sum(grid.weights) for w in grid.weights]
    data = [[Paragraph(escape(word), st["head"]) for word in grid.header]]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for r, row in enumerate(grid.rows, start=1):
        if isinstance(row, Band):
            data.append([Paragraph(escape(row.text), st["band"])] + [""] * (len(widths) - 1))
            commands += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#E7EEF7")),
            ]
        else:
            data.append([Paragraph(escape(cell), st["cell"]) for cell in row])
    for r, c, fill in grid.fills:
        commands.append(("BACKGROUND", (c, r + 1), (c, r + 1), colors.HexColor(f"#{fill}")))
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceBefore=2, spaceAfter=8)
    table.setStyle(TableStyle(commands))
    return table


def story(document: Document) -> list[Flowable]:
    fonts = TIMES if document.font == "times" else HELVETICA
    st = _styles(fonts)
    width = content_width(PAGE_SIZES[document.page], MARGINS)
    out: list[Flowable] = []
    for block in document.blocks:
        if isinstance(block, Letterhead):
            if block.style == "logo":
                out.append(Logo(*block.parts, fonts))
            elif block.style == "caps_dept":
                name, department = block.parts
                text = f"<b>{escape(name)}</b>&nbsp;&nbsp;{escape(department)}"
                out.append(Paragraph(text, st["letterhead"]))
            else:
                out.append(Paragraph(f"<b>{escape(block.parts[0])}</b>", st["letterhead"]))
        elif isinstance(block, Title):
            out.append(Paragraph("<br/>".join(escape(line) for line in block.lines), st["title"]))
        elif isinstance(block, Text):
            out.append(Paragraph(escape(block.text), st[block.style]))
        elif isinstance(block, Items):
            out += [
                Paragraph(escape(text), st["item"], bulletText=label) for label, text in block.items
            ]
            out.append(Spacer(1, 4))
        elif isinstance(block, Grid):
            out.append(_grid(block, st, width))
    return out


def _decorate(document: Document, total: int):
    fonts = TIMES if document.font == "times" else HELVETICA

    def draw(canvas, doc) -> None:
        width, height = PAGE_SIZES[document.page]
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.setFont(fonts.regular, 7.5)
        fill = {"page": doc.page, "pages": total}
        if document.running_header:
            canvas.drawString(15 * mm, height - 11 * mm, document.running_header.format(**fill))
        if document.running_footer:
            canvas.drawRightString(width - 15 * mm, 8 * mm, document.running_footer.format(**fill))
        canvas.restoreState()

    return draw


def render_pdf(document: Document, target: Path | io.BytesIO) -> int:
    """Draw *document* as a PDF; returns the page count."""

    def build(out, total: int) -> int:
        return build_pdf(
            out,
            story(document),
            pagesize=PAGE_SIZES[document.page],
            margins=MARGINS,
            title=document.metadata_title,
            subject="plandrift series fixture",
            on_page=_decorate(document, total),
        )

    pages = build(io.BytesIO(), 0)
    return build(target, pages)
