"""A layout as a Word document (python-docx): "Table Grid" or custom borders, w:shd fills,
vertical merges for merged cells, a header row marked to repeat; byte-identical every time
(fixed core-property dates and zip entry timestamps, as in tests/fixtures/docx_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from samples.drawing.word import STAMP as _STAMP
from samples.drawing.word import page_field, save_reproducibly

from .cells import GLYPH, TICK, plain, status_text, table_lines
from .model import Layout
from .pdf import block_lines, block_title, geometry

PAGES = {"a4_portrait": (210, 297), "a4_landscape": (297, 210), "a3_landscape": (420, 297)}


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(table: Table, edges: dict[str, bool]) -> None:
    """Table borders: each edge (top, left, bottom, right, insideH, insideV) single or none."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if edges.get(edge) else "nil")
        if edges.get(edge):
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _write(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False,
           colour: str | None = None, centre: bool = False) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


class Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        f = layout.factors
        doc = Document()
        section = doc.sections[0]
        width, height = PAGES[f["page"]]
        section.orientation = WD_ORIENT.PORTRAIT if width < height else WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Mm(15)
        section.top_margin, section.bottom_margin = Mm(16), Mm(14)
        normal = doc.styles["Normal"]
        normal.font.name = "Times New Roman" if f["font"] == "times" else "Arial"
        normal.font.size = Pt(int(f["size"]))
        props = doc.core_properties
        props.title = layout.title
        props.subject = f"plandrift layout {layout.seed}"
        props.author = props.last_modified_by = "plandrift test fixture"
        props.comments = ""
        props.created = props.modified = _STAMP
        props.revision = 1
        if f["decorations"] in ("running", "both"):
            section.header.paragraphs[0].text = f"{layout.council} – {layout.title}"
            footer = section.footer.paragraphs[0]
            footer.add_run("Page ")
            page_field(footer, "PAGE")
            footer.add_run(" of ")
            page_field(footer, "NUMPAGES")
        self.doc = doc
        self.widths = geometry(layout).widths

    def title(self) -> None:
        layout, doc = self.layout, self.doc
        if layout.factors["decorations"] in ("logo", "both"):
            initials = "".join(w[0] for w in layout.council.split() if w[0].isupper())[:3]
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(f" {initials} ")
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor.from_string("FFFFFF")
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "1F4E79")
            run._r.get_or_add_rPr().append(shading)
        run = doc.add_paragraph().add_run(layout.council)
        run.bold, run.font.size = True, Pt(12)
        run = doc.add_paragraph().add_run(layout.title)
        run.bold, run.font.size = True, Pt(16)
        doc.add_paragraph().add_run(layout.date_line).bold = True
        doc.add_paragraph(layout.intro)

    def table(self, groups) -> None:
        layout = self.layout
        f = layout.factors
        columns = layout.columns
        n = len(columns)
        table = self.doc.add_table(rows=0, cols=n)
        if f["ruling"] == "grid":
            table.style = self.doc.styles["Table Grid"]
        elif f["ruling"] == "box":
            _borders(table, dict.fromkeys(("top", "left", "bottom", "right"), True))
        elif f["ruling"] == "horizontal":
            _borders(table, dict.fromkeys(("top", "bottom", "insideH"), True))
        else:
            _borders(table, {})
        table.autofit = False
        for column, width in zip(table.columns, self.widths, strict=True):
            column.width = Pt(width)
        # header
        head = table.add_row()
        for cell, column in zip(head.cells, columns, strict=True):
            words = column.word.split()
            plain_head = f["header"] == "plain"
            run = cell.paragraphs[0].add_run()
            if f["header"] == "wrapped" and len(words) > 1:
                cut = (len(words) + 1) // 2
                run.add_text(" ".join(words[:cut]))
                run.add_break()
                run.add_text(" ".join(words[cut:]))
            else:
                run.add_text(column.word)
            run.bold = not plain_head
            if not plain_head:
                _shade(cell, "D9E2F3")
        if f["header"] != "once":
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            head._tr.get_or_add_trPr().append(repeat)
        merges: list[tuple[int, int, int]] = []  # (column, first row, last row)
        body = 0
        for line in table_lines(layout, groups):
            row = table.add_row()
            r = len(table.rows) - 1
            if line.kind in ("band", "sub_band", "outcome"):
                merged = row.cells[0].merge(row.cells[-1])
                _write(
                    merged, line.text, bold=line.kind != "outcome", italic=line.kind == "outcome"
                )
                if f["ruling"] != "none":
                    _shade(merged, "E7EEF7" if line.kind == "band" else "F2F2F2")
                continue
            body += 1
            for c, (cell, column) in enumerate(zip(row.cells, columns, strict=True)):
                self.cell(cell, line, column.role)
                status_fill = column.role == "status" and f["status"] in ("fill", "word_fill")
                if f["ruling"] == "zebra" and body % 2 == 0 and column.role != "group":
                    _shade(cell, "EDEDED") if not status_fill else None
                if f["rows"] == "vcentred":
                    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                if column.role == "group" and line.group_size > 1:
                    merges.append((c, r, r + line.group_size - 1))
                if column.role == "lead" and line.kind == "row" and line.lead_rows > 1:
                    merges.append((c, r, r + line.lead_rows - 1))
        for c, first, last in merges:
            top = table.cell(first, c)
            merged = top.merge(table.cell(last, c))
            merged.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    def cell(self, cell: _Cell, line, role: str) -> None:
        layout = self.layout
        row = line.row
        status = layout.factors["status"]
        if line.kind == "step":
            _write(cell, {"ref": line.ref, "action": line.text}.get(role, ""))
            return
        if role == "group":
            if line.first_in_group:
                _write(cell, line.group.path[0], bold=True)
            return
        if role in ("status", "tick"):
            text = status_text(layout, row)
            _write(cell, text, colour=row.fill if text == GLYPH else None, centre=True)
            if status in ("fill", "word_fill") and row.fill:
                _shade(cell, row.fill)
            return
        if role == "lead" and line.lead_rows == 0:
            return
        _write(cell, plain(row, role))
        if role == "action" and layout.substeps in ("letters", "bullets"):
            for step in row.steps:
                paragraph = cell.add_paragraph(f"{step.label} {step.text}")
                paragraph.paragraph_format.left_indent = Pt(10)

    def blocks(self) -> None:
        layout, doc = self.layout, self.doc
        previous: tuple[str, ...] = ()
        for group in layout.groups:
            for depth, heading in enumerate(group.path):
                if previous[: depth + 1] != group.path[: depth + 1]:
                    doc.add_heading(heading, level=depth + 1)
            if group.outcome:
                doc.add_paragraph().add_run(f"Outcome: {group.outcome}").italic = True
            previous = group.path
            for row in group.rows:
                prefix, text = block_title(layout, row)
                paragraph = doc.add_paragraph()
                paragraph.add_run(prefix).bold = True
                paragraph.add_run(f" {text}")
                for step in row.steps:
                    item = doc.add_paragraph(f"{step.label} {step.text}")
                    item.paragraph_format.left_indent = Pt(14)
                for label, value in block_lines(layout, row, markup=False):
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(f"{label}:").bold = True
                    run = paragraph.add_run(f" {value}")
                    if value in (GLYPH, "■"):
                        run.font.color.rgb = RGBColor.from_string(row.fill)
                    elif value == TICK:
                        pass
                    elif layout.factors["status"] == "word_fill" and value == row.status_word:
                        shading = OxmlElement("w:shd")
                        shading.set(qn("w:val"), "clear")
                        shading.set(qn("w:fill"), row.fill)
                        run._r.get_or_add_rPr().append(shading)


def _summary(writer: Writer) -> None:
    """The status summary: a bold heading, then a table of counts or bulleted lines."""
    layout, doc = writer.layout, writer.doc
    summary = layout.summary
    doc.add_paragraph().add_run(summary.heading).bold = True
    if summary.intro:
        doc.add_paragraph(summary.intro)
    if summary.kind == "bullets":
        for text in summary.bullets:
            doc.add_paragraph(f"• {text}").paragraph_format.left_indent = Pt(10)
        return
    table = doc.add_table(rows=0, cols=len(summary.header))
    ruling = summary.ruling
    if ruling in ("grid", "zebra"):
        table.style = doc.styles["Table Grid"]
    elif ruling == "box":
        _borders(table, dict.fromkeys(("top", "left", "bottom", "right"), True))
    elif ruling == "horizontal":
        _borders(table, dict.fromkeys(("top", "bottom", "insideH"), True))
    else:
        _borders(table, {})
    for number, cells in enumerate([summary.header, *summary.rows]):
        row = table.add_row()
        for column, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            _write(cell, text, bold=number == 0, centre=column > 0)
    doc.add_paragraph()


def render_docx(layout: Layout, path: Path) -> Path:
    writer = Writer(layout)
    writer.title()
    if layout.summary is not None and layout.summary.place == "before":
        _summary(writer)
    grouping = layout.factors["grouping"]
    if grouping == "blocks":
        writer.blocks()
    elif grouping == "headings":
        for group in layout.groups:
            writer.doc.add_heading(group.path[0], level=2)
            writer.table((group,))
            writer.doc.add_paragraph()
    else:
        writer.table(None)
    if layout.summary is not None and layout.summary.place == "after":
        _summary(writer)
    return save_reproducibly(writer.doc, path)
