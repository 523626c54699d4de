"""The real public-body PDFs in ../shared/corpus, ingested in one batch.

Page counts and the expected failures were written down from corpus/SOURCES.md and by
opening each file; the batch must store every readable page and name every bad file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS_DIR

pytestmark = pytest.mark.shared

PAGES = {
    "ofsted-ilacs-halton_children's services inspection - 12 july 2024.pdf": 13,
    "ofsted-ilacs-north-northamptonshire_children's services inspection - 07 july 2026.pdf": 12,
    "ofsted-ilacs-kent_children's services inspection,  pdf - 23 august 2013.pdf": 21,
    "ofsted-send-halton_area send full inspection - 26 january 2024.pdf": 8,
    "kcc_QPR Q3 Cabinet appendix 1.pdf": 71,
    "kcc_Cabinet QPR Q3 Cover.pdf": 3,
    "kcc_24-00115 - Appendix B - KCC ICS priorities measures.pdf": 31,
    "kcc_Appendix I Budget Risk Register 22.01.25.pdf": 11,
    "kcc_Appendix J - Budget Risk Register.pdf": 11,
    "kcc_Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf": 17,
    "kcc_Scrutiny Committee - call-in Family Hubs Report to Cabinet - FINAL.pdf": 3,
    "kcc_Appendix 1 - Executive Response.pdf": 14,
    "kcc_CPP Minutes 10.12.24.pdf": 6,
    "wscc-jsna_CIN-WSx-in-Comparison-with-SN.pdf": 2,
    "wscc-jsna_CYP-Outcomes-revised-August-2016.pdf": 1,
    "wscc-jsna_SEND-Infographic.pdf": 1,
    "milburn-pc_minutes_2018-09-04_.pdf": 2,
    "milburn-pc_minutes_2018-11-06_.pdf": 2,
    "dfe_Children_s_social_care_dashboard_supporting_information_October_2024.pdf": 19,
    "pdfplumber-tests_nics-background-checks-2015-11-rotated.pdf": 1,
    "pdfplumber-tests_ca-warn-report.pdf": 16,
    "pdfplumber-tests_150109DSP-Milw-505-90D.pdf": 2,
    "camelot-tests_anticlockwise_table_1.pdf": 1,
    "camelot-tests_row_span_1.pdf": 1,
    "tabula-tests_12s0324.pdf": 1,
    # A scan whose cross-reference table is broken: pdfplumber sees 0 pages, so PDFium's
    # rewrite of the file is read instead, and its 6 image pages are stored without text.
    "milburn-pc_finstats_2016-01-01_.pdf": 6,
}
FAILURES = {"camelot-tests_health_protected.pdf": "EncryptedPdf"}
# Image-only: no text layer, so their text comes from OCR (Tesseract, installed by make).
SCANNED = {"wscc-jsna_SEND-Infographic.pdf", "milburn-pc_finstats_2016-01-01_.pdf"}
METADATA = {
    "ofsted-ilacs-halton_children's services inspection - 12 july 2024.pdf": (
        "inspection_letter",
        "Halton Borough Council",
        "2024-05-24",
    ),
    "ofsted-ilacs-kent_children's services inspection,  pdf - 23 august 2013.pdf": (
        "inspection_letter",
        "Kent County Council",
        "2013-08-23",
    ),
    "ofsted-ilacs-north-northamptonshire_children's services inspection - 07 july 2026.pdf": (
        "inspection_letter",
        "North Northamptonshire Council",
        "2026-05-22",
    ),
    "milburn-pc_minutes_2018-09-04_.pdf": ("other", "Milburn Parish Council", "2018-09-04"),
    "kcc_CPP Minutes 10.12.24.pdf": ("other", "Kent County Council", "2024-12-10"),
}


def test_corpus_batch_outcome(corpus_ingest):
    result, db, _ = corpus_ingest
    assert result.exit_code == 1
    assert result.stdout.strip() == f"{len(PAGES)} ingested, 0 unchanged, {len(FAILURES)} failed"
    failed = {Path(row["path"]).name: row["error_class"] for row in db["ingest_errors"].rows}
    assert failed == FAILURES
    for name in FAILURES:
        assert f"error: {CORPUS_DIR / name}: " in result.stderr


def test_corpus_every_page_stored(corpus_ingest):
    _, db, _ = corpus_ingest
    stored = {
        row["file_name"]: (row["pages"], row["pages_without_text"]) for row in db["documents"].rows
    }
    assert {name: pages for name, (pages, _) in stored.items()} == PAGES
    assert not {name for name, (_, blank) in stored.items() if blank}
    counts = dict(
        db.execute(
            "SELECT d.file_name, count(p.id) FROM documents d JOIN pages p ON p.document_id = d.id "
            "WHERE p.text_layer = 'native' AND length(p.text) > 20 GROUP BY d.id"
        ).fetchall()
    )
    assert counts == {name: pages for name, pages in PAGES.items() if name not in SCANNED}


def test_corpus_overprinted_text_is_read_once(corpus_ingest):
    _, db, _ = corpus_ingest
    text = db.execute(
        "SELECT p.text FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.file_name = ?",
        ["wscc-jsna_CYP-Outcomes-revised-August-2016.pdf"],
    ).fetchone()[0]
    assert "Data are shown for" in text
    assert "DDaattaa" not in text


def test_corpus_metadata_of_known_documents(corpus_ingest):
    _, db, _ = corpus_ingest
    documents = {row["file_name"]: row for row in db["documents"].rows}
    for name, (doc_type, organisation, doc_date) in METADATA.items():
        row = documents[name]
        assert (row["doc_type"], row["organisation"], row["doc_date"]) == (
            doc_type,
            organisation,
            doc_date,
        ), name


def test_corpus_scans_are_read_by_ocr(corpus_ingest):
    """The parish return is six scanned pages (behind a broken page index); the infographic
    is one image. Both are read by Tesseract, with its confidence on every page."""
    _, db, _ = corpus_ingest
    rows = db.execute(
        "SELECT d.file_name, p.text_layer, p.ocr, p.ocr_confidence, p.text FROM pages p "
        "JOIN documents d ON d.id = p.document_id WHERE p.ocr = 1"
    ).fetchall()
    assert {row[0] for row in rows} == SCANNED
    assert all(
        layer == "ocr" and ocr == 1 and confidence > 60 for _, layer, ocr, confidence, _ in rows
    )
    parish = " ".join(text for name, *_, text in rows if name.startswith("milburn")).lower()
    assert "milburn" in parish and "parish" in parish
