"""Read a written layout back (text only), so tests can check that every truth text is there.

PDF text is read column by column: the action column of each page (inside the margins, the
repeated header word removed), so a cell that wraps or runs onto the next page reads as one
string once whitespace is squashed.  Blocks are read as the whole page body.
"""

from __future__ import annotations

from pathlib import Path

from .model import Layout


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(layout: Layout, path: Path) -> str:
    """Squashed text of the action column (or the whole body, for blocks) over all pages."""
    import pdfplumber

    from .pdf import geometry

    geo = geometry(layout)
    _, _, top, bottom = geo.margins
    if layout.factors["grouping"] == "blocks":
        x0, x1 = 0.0, geo.pagesize[0]
    else:
        index = [column.role for column in layout.columns].index("action")
        x0, x1 = geo.column_box(index)
    head = squash(layout.header_word("action")) if layout.factors["grouping"] != "blocks" else ""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            box = (x0 + 1, top - 2, x1 - 1, float(page.height) - bottom + 2)
            text = squash(page.crop(box).extract_text() or "")
            if head and text.startswith(head):
                text = text[len(head) :]
            out.append(text)
    return "".join(out)


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return squash(" ".join(parts))


def html_text(path: Path) -> str:
    from lxml import html

    return squash(html.fromstring(path.read_bytes()).text_content())


def text_of(layout: Layout, path: Path) -> str | None:
    """Squashed readable text of a written layout (None for scans, which have none)."""
    fmt = layout.format
    if fmt == "pdf":
        return pdf_text(layout, path)
    if fmt == "docx":
        return docx_text(path)
    if fmt == "html":
        return html_text(path)
    if fmt == "txt":
        return squash(path.read_text(encoding="utf-8"))
    return None
