"""Scanned plans: an image-only PDF made from a labelled fixture is read by Tesseract and its
action table extracted, scored against the same truth as the born-digital page."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from plandrift.store.schema import open_database

import score_reports
from checks import ACTION_FLOORS, below_floor
from conftest import run_cli
from fixtures.plan_fixtures import render_fixture, write_truth

if not shutil.which("tesseract"):
    if os.environ.get("CI"):
        raise RuntimeError("CI must have Tesseract: make test installs tesseract-ocr")
    pytest.skip(
        "Tesseract is not installed (apt-get install tesseract-ocr)", allow_module_level=True
    )


def scan_of(pdf_path: Path, out: Path, dpi: int = 200) -> Path:
    """What a scanner makes of a printed PDF: one greyscale picture per page, no text."""
    out.parent.mkdir(parents=True, exist_ok=True)
    source = pypdfium2.PdfDocument(str(pdf_path))
    pdf = canvas.Canvas(str(out), invariant=1)
    for page in source:
        width, height = page.get_size()
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        pdf.setPageSize((width, height))
        pdf.drawImage(ImageReader(image), 0, 0, width, height)
        pdf.showPage()
    pdf.save()
    source.close()
    return out


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("scans")
    born_digital = render_fixture("ref_owner_rag", folder / "digital")
    scan = scan_of(born_digital, folder / "papers" / "ref_owner_rag-scan.pdf")
    truth = write_truth(["ref_owner_rag"], {"ref_owner_rag": scan}, folder / "truth.json")
    db_path = folder / "scans.db"
    result = run_cli("ingest", scan, "--db", db_path)
    assert result.exit_code == 0, result.output
    return scan, truth, db_path


def test_scanned_pages_are_read_by_ocr_with_a_confidence(scanned):
    scan, _, db_path = scanned
    assert not "".join(
        page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(scan))
    )
    pages = list(open_database(db_path)["pages"].rows)
    assert len(pages) == 3
    assert all(page["text_layer"] == "ocr" and page["ocr"] == 1 for page in pages)
    assert all(page["ocr_confidence"] > 80 for page in pages)
    assert "Progress update for the Improvement Board, 23 April 2020" in pages[0]["text"]


def test_action_table_of_a_scan_scores_against_the_born_digital_truth(scanned):
    scan, truth, db_path = scanned
    report = run_cli("evaluate", truth, "--db", db_path)
    scores = json.loads(run_cli("evaluate", truth, "--db", db_path, "--format", "json").stdout)
    status = scores["actions"]["accuracy"]["status"]
    score_reports.REPORTS.append(
        (
            f"plandrift evaluate: actions read by OCR from a scan (status {status:.3f})",
            report.stdout,
        )
    )
    assert scores["actions"]["expected"] == 31
    assert set(scores["actions"]["documents"]) == {scan.name}
    assert below_floor(scores["actions"], OCR_FLOORS, OCR_LOWER) == [], report.stdout


# The scan is held to the born-digital floors, but for the F1 (0.968 today: OCR misreads one
# row's text, so one miss and one extra; a second would bring it to 0.935). The status, 0.700
# while the rule finder cut stripes through the words on RAG fills, is 1.000 since the page
# is flattened first (ocr.flattened).
OCR_FLOORS = {**ACTION_FLOORS, "f1": 0.93}
OCR_LOWER: dict[str, dict[str, float]] = {}


def test_no_ocr_stores_the_scan_without_text(scanned, tmp_path):
    scan, _, _ = scanned
    result = run_cli("ingest", scan, "--db", tmp_path / "plain.db", "--no-ocr")
    assert result.exit_code == 0
    assert "no page has a text layer" in result.stderr
    assert {row["text_layer"] for row in open_database(tmp_path / "plain.db")["pages"].rows} == {
        "none"
    }


def test_missing_tesseract_says_how_to_install_it(scanned, tmp_path, monkeypatch):
    from plandrift.ingest import pdf

    scan, _, _ = scanned
    monkeypatch.setattr(pdf, "tesseract_available", lambda: False)  # the forked reader sees it
    result = run_cli("ingest", scan, "--db", tmp_path / "no-tesseract.db")
    assert result.exit_code == 0
    assert "3 page(s) are scanned images and Tesseract (the OCR program) is not installed" in (
        result.stderr
    )
    assert "apt-get install tesseract-ocr" in result.stderr


def test_scanned_page_inside_a_text_pdf_is_read_by_ocr(scanned, tmp_path):
    """A typed cover page, then an appendix page that was scanned in."""
    scan, _, _ = scanned
    mixed = tmp_path / "board-pack.pdf"
    image = pypdfium2.PdfDocument(str(scan))[0].render(scale=200 / 72).to_pil().convert("L")
    pdf = canvas.Canvas(str(mixed), invariant=1)
    pdf.drawString(72, 760, "Improvement Board 21 May 2020: cover report and appendix")
    pdf.showPage()
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
    assert run_cli("ingest", mixed, "--db", tmp_path / "mixed.db").exit_code == 0
    pages = list(open_database(tmp_path / "mixed.db")["pages"].rows)
    assert [(page["text_layer"], page["ocr"]) for page in pages] == [("native", 0), ("ocr", 1)]
    assert "Progress update for the Improvement Board" in pages[1]["text"]
