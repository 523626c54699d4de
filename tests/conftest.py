"""Shared fixtures: PDFs rendered from the seed documents, and a way to run the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plandrift.cli import cli
from plandrift.ingest.model import ReadDocument
from plandrift.ingest.read import read_document
from plandrift.store.schema import open_database

import score_reports
from fixtures.seed_html import render_seed_html
from fixtures.seed_pdfs import SEEDS_DIR, SHARED_DIR, render_seed_pdf

CORPUS_DIR = SHARED_DIR / "corpus"
REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_terminal_summary(terminalreporter) -> None:
    """Show the extraction scores (plandrift evaluate) in every test run's output."""
    for title, text in score_reports.REPORTS:
        terminalreporter.write_sep("-", title)
        terminalreporter.write_line(text)


HAVE_SHARED = SEEDS_DIR.is_dir() and CORPUS_DIR.is_dir()
SHARED_MISSING = (
    f"needs the real documents in {SHARED_DIR} (../shared beside the checkout, or set "
    "PLANDRIFT_SHARED), which are not there"
)
# Fixtures that read ../shared: a test that asks for one must be marked ``shared``.
SHARED_FIXTURES = {
    "seed_documents", "seed_folder", "seeds_db", "corpus_ingest", "ofsted_reports", "ofsted_ingest"
}  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "shared: needs the real documents in ../shared (seeds and corpus)"
    )
    if not HAVE_SHARED and os.environ.get("PLANDRIFT_REQUIRE_SHARED") == "1":
        raise pytest.UsageError(
            f"PLANDRIFT_REQUIRE_SHARED=1 but the shared material is missing: expected "
            f"{SEEDS_DIR} and {CORPUS_DIR} (../shared beside the checkout, or set PLANDRIFT_SHARED)"
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test that reads ../shared without saying so, so none can fail on a fresh clone."""
    unmarked = [
        item.nodeid
        for item in items
        if SHARED_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("shared") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests read ../shared but are not marked @pytest.mark.shared: "
            + ", ".join(unmarked)
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Skipped from here, not by a mark, so that -ra folds every such skip into one line.
    if item.get_closest_marker("shared") is not None and not HAVE_SHARED:
        pytest.skip(SHARED_MISSING)


def pytest_report_header(config: pytest.Config) -> str:
    if HAVE_SHARED:
        return f"real documents: {SHARED_DIR} (tests marked 'shared' run)"
    return f"real documents: not found at {SHARED_DIR}; tests marked 'shared' are skipped"


@pytest.fixture(scope="session")
def seed_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The five seeds as the documents they came from: four PDFs and one web page."""
    folder = tmp_path_factory.mktemp("seed-documents")
    documents = {
        prefix: render_seed_pdf(prefix, folder / f"seed-{prefix}.pdf")
        for prefix in ("000", "001", "002", "003")
    }
    documents["004"] = render_seed_html(
        "004",
        folder / "seed-004.html",
        chrome_lines=2,
        site_name="Devon Children and Families Partnership",
    )
    return documents


@pytest.fixture
def seed_folder(seed_documents: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the seed documents that a test may change."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for path in seed_documents.values():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def sample_folder(samples: tuple[Path, dict], tmp_path: Path) -> Path:
    """A fresh copy of the sample council's documents that a test may change."""
    folder = tmp_path / "papers"
    shutil.copytree(samples[0], folder)
    return folder


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The demo documents (samples/generate.py) and what was planted in them."""
    folder = tmp_path_factory.mktemp("samples")
    documents, truth_path = folder / "documents", folder / "truth.json"
    generator = REPO_ROOT / "samples" / "generate.py"
    command = [sys.executable, str(generator), str(documents), "--truth-out", str(truth_path)]
    subprocess.run(command, check=True, capture_output=True)
    return documents, json.loads(truth_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ofsted_reports() -> dict[str, ReadDocument]:
    """Every real Ofsted report in the corpus (top level and ofsted-series/), read once, by
    its path under the corpus folder."""
    paths = sorted([*CORPUS_DIR.glob("ofsted-*.pdf"), *CORPUS_DIR.glob("ofsted-series/*.pdf")])
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # 28 reports: ~2 min alone
        read = pool.map(partial(read_document, ocr=False), paths)
        pairs = zip(paths, read, strict=True)
        return {str(path.relative_to(CORPUS_DIR)): document for path, document in pairs}


@pytest.fixture(scope="session")
def ofsted_ingest(tmp_path_factory: pytest.TempPathFactory):
    """Every real Ofsted report in the corpus ingested into one database, on every core:
    their findings, and the repeats found between each authority's inspections."""
    from plandrift.pipeline import IngestOptions, ingest_paths

    paths = sorted([*CORPUS_DIR.glob("ofsted-*.pdf"), *CORPUS_DIR.glob("ofsted-series/*.pdf")])
    db = open_database(tmp_path_factory.mktemp("ofsted") / "ofsted.db")
    summary = ingest_paths(db, paths, IngestOptions(jobs=os.cpu_count() or 1, ocr=False))
    return summary, db


@pytest.fixture(scope="session")
def corpus_ingest(tmp_path_factory: pytest.TempPathFactory):
    """Every real PDF in the corpus ingested in one batch: the CLI result and the database."""
    db_path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    result = run_cli("ingest", *sorted(CORPUS_DIR.glob("*.pdf")), "--db", db_path)
    return result, open_database(db_path), db_path


@contextmanager
def serving(db_path: Path, *extra: str) -> Iterator[str]:
    """``plandrift serve`` running for real on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).parent / "plandrift"),
        "serve",
        "--db",
        str(db_path),
        "--port",
        str(port),
        *extra,
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):  # bounded: up to 30 s for start-up
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def ingest_labelled(render_fixture, write_truth, names, folder: Path) -> tuple[Path, Path]:
    """Render labelled fixtures, ingest them through the CLI, write their truth file."""
    paths = {name: render_fixture(name, folder / "papers") for name in names}
    truth = write_truth(list(names), paths, folder / "truth.json")
    db_path = folder / "labelled.db"
    result = run_cli("ingest", folder / "papers", "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path, truth


def run_cli(*args: str | Path) -> Result:
    """Run ``plandrift`` in-process, as a user would from a terminal."""
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plandrift.db"
