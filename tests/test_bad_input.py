"""Each kind of bad input: one clear line naming the file and what to do, the batch goes on,
exit status 1, and the database holds exactly the good documents."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from plandrift.store.schema import open_database

from conftest import run_cli
from hostile_pdfs import damaged_pdf

GOOD = "northdene-improvement-board-report-2025-02-24.pdf"
PLAN = "northdene-improvement-plan-2025-01-15.pdf"
STATS = "northdene-performance-report-2025-01.pdf"


def _write_scanned_pdf(path: Path) -> None:
    """A page that is only a picture: shapes standing in for a scanned image, no text."""
    pdf = canvas.Canvas(str(path), invariant=1)
    for page in range(2):
        for row in range(40):
            pdf.rect(60, 760 - row * 18, 300 + (row * 37 + page) % 170, 9, fill=1)
        pdf.showPage()
    pdf.save()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("board-pack/minutes.txt", "Minutes of the Improvement Board")
    return buffer.getvalue()


def _encrypted_bytes(password: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption(password), invariant=1)
    pdf.drawString(72, 720, "Children's Services Improvement Plan - Update 21/05/2020")
    pdf.save()
    return buffer.getvalue()


def _batch(tmp_path: Path, documents: Path, name: str, content: bytes | Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(documents / GOOD, folder / GOOD)
    bad = folder / name
    if isinstance(content, Path):
        shutil.copy(content, bad)
    else:
        bad.write_bytes(content)
    return folder


def _cut(documents: Path, fraction: float) -> bytes:
    data = (documents / PLAN).read_bytes()
    return data[: int(len(data) * fraction)]


BAD_INPUTS = {
    "zero-byte": ("empty.pdf", lambda documents: b"", "EmptyFile", "the file is empty"),
    "random-bytes-named-pdf": (
        "board-pack.pdf",
        lambda documents: random.Random(7).randbytes(20_000),
        "UnsupportedFile",
        "not a PDF, HTML or text file",
    ),
    "html-error-page-named-pdf": (
        "report.pdf",
        lambda documents: b"<!DOCTYPE html><html><body><h1>Report not found</h1></body></html>",
        "UnsupportedFile",
        "download the PDF again",
    ),
    "zip-named-pdf": ("plan.pdf", lambda documents: _zip_bytes(), "UnsupportedFile", "ZIP archive"),
    "truncated-10": (
        "cut.pdf",
        lambda documents: _cut(documents, 0.1),
        "DamagedPdf",
        "download it again",
    ),
    "truncated-50": (
        "cut.pdf",
        lambda documents: _cut(documents, 0.5),
        "DamagedPdf",
        "download it again",
    ),
    "truncated-90": (
        "cut.pdf",
        lambda documents: _cut(documents, 0.9),
        "DamagedPdf",
        "download it again",
    ),
    "password-protected": (
        "locked.pdf",
        lambda documents: _encrypted_bytes("s3cret"),
        "EncryptedPdf",
        "--password",
    ),
    "page-tree-unreadable": (
        "pages.pdf",
        lambda documents: damaged_pdf("kids_not_an_array"),
        "NoPages",
        "cannot be read by pdfplumber or by PDFium",
    ),
    "html-without-body-text": (
        "update.html",
        lambda documents: (
            b"<html><head><title>Update</title><script>var x = 1;</script></head>"
            b"<body> </body></html>"
        ),
        "NoText",
        "no visible text",
    ),
    "blank-text-file": (
        "notes.txt",
        lambda documents: b"  \n\n\t \n",
        "NoText",
        "only white space",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_clearly_and_batch_goes_on(case, tmp_path, samples, db_path):
    name, make, error_class, advice = BAD_INPUTS[case]
    folder = _batch(tmp_path, samples[0], name, make(samples[0]))
    result = run_cli("ingest", folder, "--db", db_path)

    assert result.exit_code == 1
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 1 failed"
    error_lines = result.stderr.strip().splitlines()
    assert len(error_lines) == 1
    assert error_lines[0].startswith(f"error: {folder / name}: ")
    assert advice in error_lines[0]
    db = open_database(db_path)
    assert [row["file_name"] for row in db["documents"].rows] == [GOOD]
    assert {row["document_id"] for row in db["pages"].rows} == {1}
    errors = list(db["ingest_errors"].rows)
    assert [(row["path"], row["error_class"]) for row in errors] == [
        (str(folder / name), error_class)
    ]


@pytest.mark.parametrize(
    ("flaw", "why"),
    [
        ("encryption_that_is_not", "took it for password-protected, but it opens without"),
        ("media_box_short", "pdfplumber could not read it (IndexError)"),
        ("media_box_not_numbers", "pdfplumber could not read it (MalformedPDFException)"),
        ("no_media_box", "pdfplumber could not read it (TypeError)"),
        ("stream_length_wrong", "found no text where PDFium finds some"),
        ("page_dictionary_unclosed", "page index (cross-reference table) is damaged"),
    ],
)
@pytest.mark.parametrize("reader", ["pdfplumber", "auto"])
def test_damaged_pdf_is_read_from_pdfiums_repair(flaw, why, reader, tmp_path, db_path):
    """What pdfplumber cannot read but PDFium can is stored with its text, and the file
    gets one line saying so, pdfminer's own log lines folded into it. With the fast
    reader, PDFium may read the page of prose itself, and the damage pdfplumber alone
    would have met (a stream of the wrong length) needs no repair and no line."""
    path = tmp_path / f"{flaw}.pdf"
    path.write_bytes(damaged_pdf(flaw))
    result = run_cli("ingest", path, "--db", db_path, "--pdf-reader", reader)
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    lines = result.stderr.strip().splitlines()
    if reader == "auto" and flaw == "stream_length_wrong":
        assert lines == []
    else:
        (line,) = lines
        assert line.startswith(f"warning: {path}: read from PDFium's repair of the file: ")
        assert why in line
    pages = [row["text"] for row in open_database(db_path)["pages"].rows]
    assert pages[0].startswith("What needs to improve?\nPlans.")
    assert pages[1:] == ([""] if flaw == "no_media_box" else [])


def test_missing_path_is_reported_and_others_ingested(tmp_path, samples, db_path):
    result = run_cli("ingest", samples[0] / GOOD, tmp_path / "no-such-paper.pdf", "--db", db_path)
    assert result.exit_code == 1
    assert "no-such-paper.pdf: no such file or folder; check the path" in result.stderr
    assert open_database(db_path)["documents"].count == 1


def test_encrypted_pdf_opens_with_password(tmp_path, db_path):
    locked = tmp_path / "locked-plan.pdf"
    locked.write_bytes(_encrypted_bytes("board2020"))
    wrong = run_cli("ingest", locked, "--db", db_path, "--password", "guess")
    assert wrong.exit_code == 1
    assert "the password given is wrong; check the password" in wrong.stderr
    right = run_cli("ingest", locked, "--db", db_path, "--password", "board2020")
    assert right.exit_code == 0, right.output
    db = open_database(db_path)
    assert "Update 21/05/2020" in db["pages"].get(1)["text"]
    assert (
        db.execute("SELECT count(*) FROM ingest_errors WHERE resolved_at IS NULL").fetchone()[0]
        == 0
    )


def test_scanned_pdf_is_stored_with_a_warning(tmp_path, db_path):
    scan = tmp_path / "scanned-letter.pdf"
    _write_scanned_pdf(scan)
    result = run_cli("ingest", scan, "--db", db_path)
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    # Drawn shapes, not an image: stored without text, and not blamed on a scan.
    assert result.stderr.startswith(f"warning: {scan}: no page has text that can be read")
    db = open_database(db_path)
    document = db["documents"].get(1)
    assert (document["pages"], document["pages_without_text"]) == (2, 2)
    assert {row["text_layer"] for row in db["pages"].rows} == {"none"}


def test_failure_while_writing_leaves_no_trace(samples, db_path, monkeypatch):
    """A crash after the pages are inserted but before the document is complete."""
    from plandrift.pipeline import ingest_paths
    from plandrift.store import documents as store

    def fail(*args, **kwargs):
        raise OSError("disk full")

    db = open_database(db_path)
    ingest_paths(db, [samples[0] / GOOD])
    monkeypatch.setattr(store, "record_source", fail)
    with pytest.raises(OSError, match="disk full"):
        ingest_paths(db, [samples[0] / STATS])
    assert db["documents"].count == 1
    assert {row["document_id"] for row in db["pages"].rows} == {1}
    for table in ("actions", "recommendations", "indicators", "sources"):
        assert {row["document_id"] for row in db[table].rows} <= {1}, table
    # The dashboard's words never reached the search index; the board report's all did.
    assert db.execute(
        "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'neighbours'"
    ).fetchone() == (0,)
    assert db.execute(
        "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'Board'"
    ).fetchone() == (3,)
