"""Word board papers: the same extraction as their PDF twins, scored against the same truth."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

import score_reports
from checks import ACTION_FLOORS, below_floor
from conftest import run_cli
from fixtures.docx_fixtures import DOCX_FIXTURES, render_docx, write_docx_truth
from fixtures.plan_fixtures import render_fixture

COMPARED = ("text", "ref", "parent_ref", "section", "lead", "status", "due_date", "source")


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[Path, Path]:
    """Each fixture as PDF and as DOCX, ingested into one database; the DOCX truth file."""
    folder = tmp_path_factory.mktemp("twins")
    paths = {}
    for name in DOCX_FIXTURES:
        render_fixture(name, folder / "papers")
        paths[name] = render_docx(name, folder / "papers")
    truth = write_docx_truth(list(DOCX_FIXTURES), paths, folder / "truth.json")
    db_path = folder / "twins.db"
    result = run_cli("ingest", folder / "papers", "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path, truth


def _actions(db_path: Path, file_name: str) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    rows = connection.execute(
        f"SELECT {', '.join('a.' + column for column in COMPARED)} FROM actions a "
        "JOIN documents d ON d.id = a.document_id WHERE d.file_name = ? ORDER BY a.position",
        [file_name],
    ).fetchall()
    connection.close()
    return rows


@pytest.mark.parametrize("name", DOCX_FIXTURES)
def test_docx_gives_the_same_actions_as_its_pdf_twin(twins, name):
    db_path, _ = twins
    from_pdf = _actions(db_path, f"{name}.pdf")
    assert from_pdf
    assert _actions(db_path, f"{name}.docx") == from_pdf


def test_docx_documents_are_recognised_like_their_twins(twins):
    db_path, _ = twins
    connection = sqlite3.connect(db_path)
    rows = connection.execute(
        "SELECT file_name, file_kind, doc_type, doc_date, organisation FROM documents "
        "ORDER BY file_name"
    ).fetchall()
    by_stem: dict[str, list[tuple]] = {}
    for file_name, kind, *metadata in rows:
        by_stem.setdefault(Path(file_name).stem, []).append((kind, tuple(metadata)))
    for stem, versions in by_stem.items():
        assert sorted(kind for kind, _ in versions) == ["docx", "pdf"], stem
        assert versions[0][1] == versions[1][1], stem


def test_docx_scores_against_the_truth(twins):
    db_path, truth = twins
    report = run_cli("evaluate", truth, "--db", db_path)
    score_reports.REPORTS.append(("plandrift evaluate: actions from Word documents", report.stdout))
    scores = json.loads(run_cli("evaluate", truth, "--db", db_path, "--format", "json").stdout)
    assert scores["actions"]["expected"] == 44
    assert set(scores["actions"]["documents"]) == {f"{name}.docx" for name in DOCX_FIXTURES}
    floors = {**ACTION_FLOORS, "f1": 1.0}  # every action of every Word document
    assert below_floor(scores["actions"], floors) == [], report.stdout


def test_broken_word_file_fails_clearly(tmp_path, db_path):
    broken = tmp_path / "board-report.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")  # cut short
    result = run_cli("ingest", broken, "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {broken}: the Word document could not be opened")
    assert "save it again as .docx" in result.stderr
