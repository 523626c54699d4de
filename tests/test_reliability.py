"""Hostile and broken input, crashes mid-batch, concurrent writers and readers, and a history
that never silently changes. docs/reliability.md lists each fault class against these tests."""

from __future__ import annotations

import base64
import faulthandler
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from plandrift.pipeline import IngestOptions, discover_files, ingest_files
from plandrift.store.schema import open_database

from conftest import CORPUS_DIR, run_cli, serving
from hostile_pdfs import (
    broken_xref,
    compression_bomb,
    cyclic_pages,
    deeply_nested,
    empty_pages,
    giant_page,
    huge_table,
)

PLANDRIFT = str(Path(sys.executable).parent / "plandrift")
GOOD = "good-plan.pdf"
REPORT = "northdene-improvement-board-report-2025-02-24.pdf"
PLAN = "northdene-improvement-plan-2025-01-15.pdf"
STATS = "northdene-performance-report-2025-01.pdf"


def _batch(tmp_path: Path, samples: tuple[Path, dict]) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(samples[0] / REPORT, folder / GOOD)
    return folder


def _halves(samples: tuple[Path, dict], tmp_path: Path) -> tuple[Path, Path]:
    """The sample documents in two folders: the plan versions, and every other paper."""
    plans, others = tmp_path / "plans", tmp_path / "others"
    for folder in (plans, others):
        folder.mkdir()
    for path in samples[0].iterdir():
        shutil.copy(path, (plans if "-plan-" in path.name else others) / path.name)
    return plans, others


def _one_failure(result, folder: Path, name: str, error_class: str, advice: str, db_path: Path):
    """Exit 1, one line naming the file and what to do, the good file stored whole."""
    assert result.exit_code == 1, result.output
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 1 failed"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {folder / name}: "), lines
    assert advice in lines[0]
    db = open_database(db_path)
    assert [row["file_name"] for row in db["documents"].rows] == [GOOD]
    assert {row["document_id"] for row in db["pages"].rows} == {1}
    errors = [(row["path"], row["error_class"]) for row in db["ingest_errors"].rows]
    assert errors == [(str(folder / name), error_class)]


def test_compression_bomb_is_stopped_at_the_memory_limit(tmp_path, samples, db_path):
    folder = _batch(tmp_path, samples)
    bomb = compression_bomb(folder / "board-pack.pdf")
    assert bomb.stat().st_size < 3 * 1024 * 1024
    result = run_cli("ingest", folder, "--db", db_path, "--max-memory", "400", "--jobs", "2")
    _one_failure(result, folder, bomb.name, "TooMuchMemory", "--max-memory", db_path)
    assert "more than the 400 MB of memory allowed" in result.stderr


def _misbehave_on(monkeypatch, name: str, misbehave) -> None:
    """Make reading the file called ``name`` misbehave; the forked child inherits it."""
    from plandrift import pipeline

    reader = pipeline.process_file

    def process_file(source, *args):
        if source.path.endswith(name):
            misbehave()
        return reader(source, *args)

    monkeypatch.setattr(pipeline, "process_file", process_file)


def _segfault() -> None:
    faulthandler.disable()  # pytest's crash report would fill the test log
    os.kill(os.getpid(), signal.SIGSEGV)  # what a crash in native PDF code looks like


def test_a_file_that_hangs_the_reader_is_stopped_at_the_time_limit(
    tmp_path, samples, db_path, monkeypatch
):
    folder = _batch(tmp_path, samples)
    shutil.copy(samples[0] / STATS, folder / "stuck.pdf")
    _misbehave_on(monkeypatch, "stuck.pdf", lambda: time.sleep(600))  # a parser loop
    started = time.monotonic()
    result = run_cli("ingest", folder, "--db", db_path, "--timeout", "3")
    assert time.monotonic() - started < 60
    _one_failure(result, folder, "stuck.pdf", "TimedOut", "--timeout", db_path)


def test_a_reader_that_dies_is_reported_and_the_batch_goes_on(
    tmp_path, samples, db_path, monkeypatch
):
    folder = _batch(tmp_path, samples)
    shutil.copy(samples[0] / STATS, folder / "segfaults.pdf")
    _misbehave_on(monkeypatch, "segfaults.pdf", _segfault)
    result = run_cli("ingest", folder, "--db", db_path)
    _one_failure(result, folder, "segfaults.pdf", "ReaderCrashed", "save/print it", db_path)


@pytest.mark.parametrize(
    ("name", "make", "error_class", "advice"),
    [
        ("cyclic-page-tree.pdf", cyclic_pages, "NoPages", "save/print it as a new PDF"),
    ],
)
def test_hostile_structure_fails_clearly(
    name, make, error_class, advice, tmp_path, samples, db_path
):
    folder = _batch(tmp_path, samples)
    make(folder / name)
    result = run_cli("ingest", folder, "--db", db_path, "--timeout", "60")
    _one_failure(result, folder, name, error_class, advice, db_path)


@pytest.mark.parametrize(
    ("make", "pages", "expected_text"),
    [
        (giant_page, 1, "Services Improvement Plan"),
        (deeply_nested, 1, "Improvement plan update"),
        (huge_table, 1, "9999"),
    ],
    ids=["20000pt-page", "100000-deep-nesting", "10000-cell-table"],
)
def test_hostile_but_valid_pdfs_are_read_within_the_limits(
    make, pages, expected_text, tmp_path, db_path
):
    path = make(tmp_path / "odd.pdf")
    result = run_cli("ingest", path, "--db", db_path, "--timeout", "120", "--max-memory", "1500")
    assert result.exit_code == 0, result.output
    db = open_database(db_path)
    stored = list(db["pages"].rows)
    assert len(stored) == pages and expected_text in stored[0]["text"]


@pytest.mark.shared
def test_scan_with_a_broken_page_index_is_stored_without_text(tmp_path, db_path):
    """pdfplumber finds no page in it at all; PDFium's rewrite of the file has all six
    (read without OCR here: test_corpus.py checks the OCR of the same scan)."""
    scan = CORPUS_DIR / "milburn-pc_finstats_2016-01-01_.pdf"
    result = run_cli("ingest", scan, "--db", db_path, "--no-ocr")
    assert result.exit_code == 0, result.output
    assert "no page has a text layer" in result.stderr
    document = open_database(db_path)["documents"].get(1)
    assert (document["pages"], document["pages_without_text"]) == (6, 6)


def test_pdf_with_a_broken_xref_is_repaired_and_read(tmp_path, samples, db_path):
    original = samples[0] / REPORT
    damaged = broken_xref(original, tmp_path / "damaged.pdf")
    assert damaged.read_bytes() != original.read_bytes()
    assert run_cli("ingest", damaged, original, "--db", db_path).exit_code == 0
    db = open_database(db_path)
    texts = [
        [
            row["text"]
            for row in db["pages"].rows_where("document_id = ?", [number], order_by="page")
        ]
        for number in (1, 2)
    ]
    assert texts[0] == texts[1] and texts[0]


def test_two_thousand_empty_pages_are_stored_with_a_warning(tmp_path, db_path):
    path = empty_pages(tmp_path / "blank-pack.pdf")
    result = run_cli("ingest", path, "--db", db_path, "--timeout", "300")
    assert result.exit_code == 0, result.output
    # Not blamed on a scan: the pages hold no image either.
    (line,) = result.stderr.strip().splitlines()
    assert "no page has text that can be read and no page holds an image (not a scan)" in line
    assert open_database(db_path)["documents"].get(1)["pages_without_text"] == 2000


def test_text_with_invalid_utf8_and_nul_bytes_is_read(tmp_path, db_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(
        b"Improvement Board minutes 21 May 2020\n\x00\n"
        b"Actions\n1. Head of Service to review caseloads by 30/06/2020 \xff\xfe\n"
    )
    result = run_cli("ingest", path, "--db", db_path)
    assert result.exit_code == 0, result.output
    text = open_database(db_path)["pages"].get(1)["text"]
    assert "review caseloads" in text and "\x00" not in text


def test_fifty_megabyte_web_page_is_read_within_the_limits(tmp_path, db_path):
    """Committee systems inline images as base64: 50 MB of markup around a short update.
    (50 MB of visible text is timed in bench/reliability.py.)"""
    path = tmp_path / "huge-update.html"
    image = base64.b64encode(random.Random(3).randbytes(36 * 1024 * 1024)).decode()
    path.write_text(
        "<html><head><title>Improvement update</title></head><body><main>"
        "<h1>Improvement update 21 May 2020</h1>"
        f'<img alt="chart" src="data:image/png;base64,{image}">'
        "<h2>Next steps</h2><ul><li>Head of Service to review caseloads by 30/06/2020.</li></ul>"
        "</main></body></html>",
        encoding="utf-8",
    )
    assert path.stat().st_size > 50_000_000
    result = run_cli("ingest", path, "--db", db_path, "--timeout", "120", "--max-memory", "1500")
    assert result.exit_code == 0, result.output
    db = open_database(db_path)
    assert [row["text"] for row in db["actions"].rows] == [
        "Head of Service to review caseloads by 30/06/2020."
    ]


def test_file_over_the_size_limit_is_not_read(tmp_path, samples, db_path):
    folder = _batch(tmp_path, samples)
    (folder / "scan-archive.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2_500_000 + b"\n%%EOF\n")
    result = run_cli("ingest", folder, "--db", db_path, "--max-file-size", "2")
    _one_failure(result, folder, "scan-archive.pdf", "FileTooLarge", "--max-file-size", db_path)
    assert "the file is 3 MB, over the 2 MB limit" in result.stderr


def test_file_deleted_after_it_was_found_is_reported(tmp_path, samples, db_path):
    folder = _batch(tmp_path, samples)
    shutil.copy(samples[0] / STATS, folder / "withdrawn.pdf")
    files = discover_files([folder])
    (folder / "withdrawn.pdf").unlink()  # removed from the shared drive meanwhile
    db = open_database(db_path)
    outcomes = list(ingest_files(db, files, IngestOptions()))
    assert [outcome.status for outcome in outcomes] == ["ingested", "failed"]
    assert outcomes[1].error_class == "FileVanished"
    assert "no such file" in outcomes[1].message
    assert db["documents"].count == 1


def _mutations(data: bytes, count: int, seed: int) -> list[bytes]:
    """Flipped bytes, cut-out and repeated chunks, truncations: what damage looks like."""
    rng = random.Random(seed)
    variants = []
    for number in range(count):
        mutated = bytearray(data)
        kind = number % 4
        if kind == 0:
            for _ in range(rng.randint(1, 50)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        elif kind == 1:
            start = rng.randrange(len(mutated))
            del mutated[start : start + rng.randint(1, 4096)]
        elif kind == 2:
            start = rng.randrange(len(mutated))
            chunk = mutated[start : start + rng.randint(1, 2048)]
            mutated[start:start] = chunk * rng.randint(1, 5)
        else:
            mutated = mutated[: rng.randrange(len(mutated))] + b"\n%%EOF\n"
        variants.append(bytes(mutated))
    return variants


def test_fuzzed_pdfs_never_break_the_batch(tmp_path, samples, db_path):
    """Forty damaged copies of real-looking plans (seeded): each is stored or fails with one
    classified line; the good file is stored; the database stays sound."""
    folder = _batch(tmp_path, samples)
    variants = _mutations((samples[0] / PLAN).read_bytes(), 24, seed=2026)
    variants += _mutations((samples[0] / STATS).read_bytes(), 16, seed=7)
    for number, data in enumerate(variants):
        (folder / f"mutant-{number:02d}.pdf").write_bytes(data)
    result = run_cli("ingest", folder, "--db", db_path, "--timeout", "120", "--max-memory", "1500")
    assert result.exit_code in (0, 1)
    db = open_database(db_path)
    failed = list(db["ingest_errors"].rows)
    stored = db["documents"].count
    assert stored + len(failed) == 1 + len({hashlib.sha256(v).digest() for v in variants})
    assert GOOD in {row["file_name"] for row in db["documents"].rows}
    assert len(result.stderr.strip().splitlines()) >= len(failed)
    assert not {row["error_class"] for row in failed} & {"UnexpectedError", "ReaderCrashed"}
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for document in db["documents"].rows:  # whole documents only
        assert db["pages"].count_where("document_id = ?", [document["id"]]) == document["pages"]


def _whole_documents_only(db_path: Path) -> int:
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    documents = connection.execute("SELECT id, pages FROM documents").fetchall()
    for document_id, pages in documents:
        stored = connection.execute(
            "SELECT count(*) FROM pages WHERE document_id = ?", [document_id]
        ).fetchone()[0]
        assert stored == pages
    connection.close()
    return len(documents)


def test_killed_mid_batch_leaves_whole_documents_and_a_rerun_finishes(samples, tmp_path):
    documents, _ = samples
    db_path = tmp_path / "killed.db"
    ingest = [PLANDRIFT, "ingest", str(documents), "--db", str(db_path), "--jobs", "1", "-s"]
    process = subprocess.Popen(ingest, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as probe:
                    stored = probe.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # not created yet
        if stored >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 2 <= _whole_documents_only(db_path) < len(discover_files([documents]))

    rerun = run_cli("ingest", documents, "--db", db_path)
    assert rerun.exit_code == 0, rerun.output
    clean = tmp_path / "clean.db"
    assert run_cli("ingest", documents, "--db", clean).exit_code == 0
    assert _whole_documents_only(db_path) == _whole_documents_only(clean)
    for table in ("actions", "recommendations", "indicators", "action_changes"):
        counts = [sqlite3.connect(path).execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for path in (db_path, clean)]  # fmt: skip
        assert counts[0] == counts[1], table


def test_two_ingests_at_once_lose_nothing(samples, tmp_path):
    halves = _halves(samples, tmp_path)
    db_path = tmp_path / "shared.db"
    open_database(db_path).close()
    runs = [
        subprocess.Popen(
            [PLANDRIFT, "ingest", str(folder), "--db", str(db_path), "--jobs", "1", "-s"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in halves
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    expected = len(discover_files(list(halves)))
    assert _whole_documents_only(db_path) == expected


def test_serve_keeps_answering_while_ingest_writes(samples, tmp_path):
    documents, first = _halves(samples, tmp_path)
    db_path = tmp_path / "live.db"
    assert run_cli("ingest", first, "--db", db_path).exit_code == 0
    with serving(db_path) as base:
        ingest = subprocess.Popen(
            [PLANDRIFT, "ingest", str(documents), "--db", str(db_path), "--jobs", "1", "-s"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        answers = []
        while ingest.poll() is None:
            started = time.monotonic()
            with urllib.request.urlopen(f"{base}/live/documents.json?_shape=array", timeout=10):
                answers.append(time.monotonic() - started)
            time.sleep(0.1)
        assert ingest.returncode == 0
    assert len(answers) >= 5 and max(answers) < 10


def _version_rows(db_path: Path, document_id: int) -> dict[str, str]:
    """A digest of everything extracted from one stored version, table by table."""
    connection = sqlite3.connect(db_path)
    digests = {}
    for table in ("pages", "actions", "recommendations", "indicators"):
        rows = connection.execute(
            f"SELECT * FROM {table} WHERE document_id = ? ORDER BY id", [document_id]
        ).fetchall()
        digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    connection.close()
    return digests


def test_history_is_append_only(samples, tmp_path):
    documents, _ = samples
    plans = sorted(path for path in Path(documents).rglob("*.pdf") if "plan" in path.name)
    assert len(plans) >= 3
    db_path = tmp_path / "history.db"
    assert run_cli("ingest", *plans[:2], "--db", db_path).exit_code == 0
    before = {number: _version_rows(db_path, number) for number in (1, 2)}
    links_before = sqlite3.connect(db_path).execute("SELECT * FROM action_links").fetchall()

    assert run_cli("ingest", *plans, "--db", db_path).exit_code == 0  # a later version arrives
    assert run_cli("ingest", *plans[:2], "--db", db_path).exit_code == 0  # and a rerun
    assert {number: _version_rows(db_path, number) for number in (1, 2)} == before
    links_after = sqlite3.connect(db_path).execute("SELECT * FROM action_links").fetchall()
    assert set(links_before) <= set(links_after)
