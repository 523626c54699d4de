"""A series document as a Word file (python-docx), byte-identical every time.

The title is the Title style, a level-1 heading or a large bold run (``docx_title``); the
other headings are level 2, so the title is the first and largest.  Running lines go in the
section's header and footer, with PAGE/NUMPAGES fields for the page numbers."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from samples.drawing.word import STAMP, page_field, save_reproducibly

from .model import Band, Document, Grid, Items, Letterhead, Text, Title


def _shade(element, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    element.append(shading)


def _running(paragraph, template: str) -> None:
    """A running line with ``{page}``/``{pages}`` as Word's PAGE/NUMPAGES fields."""
    rest = template
    while rest:
        head, brace, tail = rest.partition("{")
        if head:
            paragraph.add_run(head)
        if not brace:
            break
        name, _, rest = tail.partition("}")
        page_field(paragraph, {"page": "PAGE", "pages": "NUMPAGES"}[name])


def render_docx(document: Document, path: Path) -> Path:
    doc = new_document()
    section = doc.sections[0]
    landscape = document.page == "a4_landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.left_margin = section.right_margin = Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman" if document.font == "times" else "Arial"
    normal.font.size = Pt(10)
    props = doc.core_properties
    props.title = document.metadata_title
    props.subject = "plandrift series fixture"
    props.author = props.last_modified_by = "plandrift test fixture"
    props.comments = ""
    props.created = props.modified = STAMP
    props.revision = 1
    if document.running_header:
        _running(section.header.paragraphs[0], document.running_header)
    if document.running_footer:
        _running(section.footer.paragraphs[0], document.running_footer)

    for block in document.blocks:
        if isinstance(block, Letterhead):
            paragraph = doc.add_paragraph()
            if block.style == "logo":
                small, big = block.parts
                for text, size in ((small, 8), (big, 15)):
                    run = paragraph.add_run(f" {text} ")
                    run.bold, run.font.size = size > 8, Pt(size)
                    run.font.color.rgb = RGBColor.from_string("FFFFFF")
                    _shade(run._r.get_or_add_rPr(), "1F4E79")
                    if size == 8:
                        run.add_break()
            else:
                run = paragraph.add_run(block.parts[0])
                run.bold, run.font.size = True, Pt(13)
                if block.style == "caps_dept":
                    paragraph.add_run("  " + block.parts[1]).font.size = Pt(13)
        elif isinstance(block, Title):
            if document.docx_title == "big":
                paragraph = doc.add_paragraph()
                for i, line in enumerate(block.lines):
                    run = paragraph.add_run(line)
                    run.bold, run.font.size = True, Pt(20)
                    if i < len(block.lines) - 1:
                        run.add_break()
            else:
                level = 0 if document.docx_title == "title" else 1
                paragraph = doc.add_heading("", level=level)
                for i, line in enumerate(block.lines):
                    run = paragraph.add_run(line)
                    if i < len(block.lines) - 1:
                        run.add_break()
        elif isinstance(block, Text):
            if block.style == "heading":
                doc.add_heading(block.text, level=2)
            else:
                paragraph = doc.add_paragraph()
                run = paragraph.add_run(block.text)
                run.bold = block.style == "line"
                if block.style == "line":
                    run.font.size = Pt(11)
        elif isinstance(block, Items):
            for label, text in block.items:
                paragraph = doc.add_paragraph(f"{label}\t{text}")
                paragraph.paragraph_format.left_indent = Mm(10)
                paragraph.paragraph_format.first_line_indent = Mm(-8)
        elif isinstance(block, Grid):
            _table(doc, block)
    return save_reproducibly(doc, path)


def _table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=0, cols=len(grid.header))
    table.style = doc.styles["Table Grid"]
    head = table.add_row()
    for cell, word in zip(head.cells, grid.header, strict=True):
        cell.paragraphs[0].add_run(word).bold = True
        _shade(cell._tc.get_or_add_tcPr(), "D9E2F3")
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(repeat)
    for row in grid.rows:
        cells = table.add_row().cells
        if isinstance(row, Band):
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(row.text).bold = True
            _shade(merged._tc.get_or_add_tcPr(), "E7EEF7")
            continue
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(text)
    for r, c, fill in grid.fills:
        _shade(table.rows[r + 1].cells[c]._tc.get_or_add_tcPr(), fill)
    doc.add_paragraph()
