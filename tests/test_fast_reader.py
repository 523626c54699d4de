"""PDFium reads the pages of prose, pdfplumber the rest, and no extracted row changes.

Each PDF is extracted twice, with ``--pdf-reader auto`` (the default) and with pdfplumber
reading every page, and evaluate.reader_differences lists what differs: page text, actions,
recommendations, indicators, metadata. The drawn layouts and the samples run everywhere;
the real corpus (every PDF in ../shared/corpus and ofsted-series/) needs the shared folder.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from layouts import draw
from layouts.pdf import render_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from plandrift.evaluate import reader_differences
from plandrift.ingest.pdf import read_pdf

from conftest import CORPUS_DIR

# Seeds of the layout generator: plans in every table style, and some drawn as blocks of
# prose with no table, with figures in half of them.
DRAWN = range(0, 120, 10)


@pytest.mark.parametrize("seed", DRAWN)
def test_drawn_plans_extract_the_same_either_way(seed, tmp_path):
    path = tmp_path / f"plan-{seed}.pdf"
    render_pdf(draw(seed, figures=seed % 20 == 0), path)
    assert reader_differences(path) == []


def test_samples_extract_the_same_either_way(samples):
    pdfs = sorted(samples[0].rglob("*.pdf"))
    assert pdfs
    assert {str(path.name): reader_differences(path) for path in pdfs} == {
        str(path.name): [] for path in pdfs
    }


def test_pages_of_prose_go_to_pdfium_and_tables_to_pdfplumber(samples):
    """The samples hold letters and reports (prose) and plans (action tables): both readers
    are used, and every page whose extraction found a table was read by pdfplumber."""
    readers = {}
    for path in sorted(samples[0].rglob("*.pdf")):
        for page in read_pdf(path, ocr=False).pages:
            readers.setdefault(page.reader, 0)
            readers[page.reader] += 1
            if page.tables:
                assert page.reader == "pdfplumber", f"{path.name} page {page.number}"
    assert set(readers) == {"pdfium", "pdfplumber"}


def _letter(path: Path, *, rotate_text: bool = False, ruled: bool = False) -> Path:
    """A page of prose, with a heading in bold and a numbered list; optionally some text
    set at an angle, or a small ruled grid drawn under the text."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 14)
    page.drawString(72, 780, "What needs to improve in this area")
    page.setFont("Helvetica", 11)
    for number, text in enumerate(["Supervision of social workers.", "Return interviews."], 1):
        page.drawString(72, 750 - 18 * number, f"{number}. {text}")
    if rotate_text:
        page.saveState()
        page.translate(500, 400)
        page.rotate(90)
        page.drawString(0, 0, "Official sensitive")
        page.restoreState()
    if ruled:
        for x in (72, 250, 430):
            page.line(x, 600, x, 540)
        for y in (600, 570, 540):
            page.line(72, y, 430, y)
    page.save()
    return path


@pytest.mark.parametrize(
    ("shape", "reader"),
    [
        ({}, "pdfium"),
        ({"rotate_text": True}, "pdfplumber"),  # pdfplumber sets turned text apart
        ({"ruled": True}, "pdfplumber"),  # a grid pdfplumber could read as a table
    ],
)
def test_pages_pdfium_cannot_vouch_for_go_to_pdfplumber(shape, reader, tmp_path):
    path = _letter(tmp_path / "letter.pdf", **shape)
    (page,) = read_pdf(path, ocr=False).pages
    assert page.reader == reader
    assert page.lines[0].text == "What needs to improve in this area"
    assert page.lines[0].bold and not page.lines[1].bold
    assert page.lines[1].text == "1. Supervision of social workers."
    assert reader_differences(path) == []


@pytest.mark.shared
def test_the_corpus_extracts_the_same_either_way(ofsted_reports):
    """Every real PDF: the rows extracted with PDFium reading pages of prose are those
    pdfplumber alone gives, and PDFium reads most pages of the Ofsted reports."""
    paths = sorted([*CORPUS_DIR.glob("*.pdf"), *CORPUS_DIR.glob("ofsted-series/*.pdf")])
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = zip(paths, pool.map(reader_differences, paths), strict=True)
        assert {path.name: differences for path, differences in found if differences} == {}
    pages = [page for report in ofsted_reports.values() for page in report.pages]
    assert sum(page.reader == "pdfium" for page in pages) >= 0.75 * len(pages)


def test_pdfium_reads_every_drawn_and_sample_page_without_error(samples, tmp_path):
    """A page PDFium trips on falls back to pdfplumber quietly, so its reader is held here
    to raising nothing on every page the tests draw."""
    import pypdfium2

    from plandrift.ingest.pdfium_page import read_pdfium_page

    paths = sorted(samples[0].rglob("*.pdf"))
    for seed in range(0, 200, 7):
        paths.append(tmp_path / f"plan-{seed}.pdf")
        render_pdf(draw(seed, figures=True), paths[-1])
    for path in paths:
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                read_pdfium_page(pdf, index)
        finally:
            pdf.close()
