"""Ingesting through the real CLI: the sample council's documents (generated in the repo) for
how ingest behaves, and documents rendered from the five real seeds for what it recognises."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2
import pytest

from plandrift.store.schema import open_database

from conftest import run_cli

# Written by hand from reading each seed document.
EXPECTED = {
    "seed-000.pdf": {
        "doc_type": "improvement_plan",
        "organisation": "Devon County Council",
        "doc_date": "2020-05-21",
        "title": "Improvement in the time of Covid",
        "plan_key": "devon--improvement-in-the-time-of-covid",
        "phrase": "vulnerability tracking tool",
    },
    "seed-001.pdf": {
        "doc_type": "board_report",
        "organisation": "Medway Council",
        "doc_date": "2020-04-23",
        "title": "Improvement Plan Progress Update",
        "plan_key": None,
        "phrase": "The Board is asked to",
    },
    "seed-002.pdf": {
        "doc_type": "board_report",
        "organisation": "Devon County Council",
        "doc_date": "2019-05-02",
        "title": "Progress following Ofsted focused visit. 1-2 May 2019",
        "plan_key": None,
        "phrase": "Four areas for improvement of practice were identified",
    },
    "seed-003.pdf": {
        "doc_type": "performance_report",
        "organisation": "Devon County Council",
        "doc_date": "2023-09",
        "title": "Children's Social Care Performance Report September 2023",
        "plan_key": None,
        "phrase": "Statistical Neighbours",
    },
    "seed-004.html": {
        "doc_type": "board_report",
        "organisation": "Devon County Council",
        "doc_date": "2020-05-21",
        "title": "Children’s Services Improvement Plan Update – 21 May 2020",
        "plan_key": None,
        "phrase": "Devon SCP Executive",
    },
}


def _documents(db_path: Path) -> dict[str, dict]:
    db = open_database(db_path)
    return {row["file_name"]: row for row in db["documents"].rows}


@pytest.mark.shared
def test_ingest_folder_stores_every_page_with_metadata(seed_folder: Path, db_path: Path):
    result = run_cli("ingest", seed_folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "5 ingested, 0 unchanged, 0 failed"

    documents = _documents(db_path)
    assert set(documents) == set(EXPECTED)
    db = open_database(db_path)
    for name, expected in EXPECTED.items():
        document = documents[name]
        for field in ("doc_type", "organisation", "doc_date", "title", "plan_key"):
            assert document[field] == expected[field], (name, field)
        pages = list(db["pages"].rows_where("document_id = ?", [document["id"]], order_by="page"))
        assert [page["page"] for page in pages] == list(range(1, document["pages"] + 1))
        assert all(page["text_layer"] == "native" and page["text"] for page in pages)
        assert expected["phrase"] in "\n".join(page["text"] for page in pages)
        if name.endswith(".pdf"):
            pdf = pypdfium2.PdfDocument(str(seed_folder / name))
            assert document["pages"] == len(pdf) > 1
            width, height = pdf[0].get_size()
            assert (pages[0]["width"], pages[0]["height"]) == pytest.approx(
                (width, height), abs=0.01
            )
            pdf.close()
    plan_page = db["pages"].get(1)
    assert plan_page["width"] > plan_page["height"], "the plan is printed landscape"


PLAN = "northdene-improvement-plan-2025-01-15.pdf"
REPORT = "northdene-improvement-board-report-2025-02-24.pdf"
LETTER = "northdene-focused-visit-letter-2024-11-12.pdf"
DASHBOARD = "northdene-performance-report-2025-01.pdf"
SAMPLE_COUNT = 8  # three plan versions, letter, board report, dashboard, web page, minutes


def test_pages_are_searchable(sample_folder: Path, db_path: Path):
    run_cli("ingest", sample_folder, "--db", db_path)
    db = open_database(db_path)
    hits = db.execute(
        "SELECT DISTINCT documents.file_name FROM pages_fts "
        "JOIN pages ON pages.id = pages_fts.rowid "
        "JOIN documents ON documents.id = pages.document_id "
        "WHERE pages_fts MATCH ?",
        ['"south locality"'],
    ).fetchall()
    # Planted: the front-door pilot "in the south locality" is action 1.5 of version 1 only.
    assert {name for (name,) in hits} == {PLAN}


def test_rerun_changes_nothing_and_says_so(sample_folder: Path, db_path: Path):
    run_cli("ingest", sample_folder, "--db", db_path)
    db = open_database(db_path)
    before = {table: db[table].count for table in ("documents", "pages", "sources", "actions")}
    result = run_cli("ingest", sample_folder, "--db", db_path)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"0 ingested, {SAMPLE_COUNT} unchanged, 0 failed"
    assert {table: db[table].count for table in before} == before
    runs = list(db["ingest_runs"].rows_where(order_by="id"))
    assert [(run["ingested"], run["unchanged"], run["failed"]) for run in runs] == [
        (SAMPLE_COUNT, 0, 0),
        (0, SAMPLE_COUNT, 0),
    ]
    assert all(run["finished_at"] for run in runs)


def test_same_bytes_under_another_name_is_one_document_with_two_sources(
    sample_folder: Path, db_path: Path
):
    run_cli("ingest", sample_folder, "--db", db_path)
    copy = sample_folder / "copies" / "plan-as-emailed.pdf"
    copy.parent.mkdir()
    shutil.copy(sample_folder / PLAN, copy)
    result = run_cli("ingest", copy, "--db", db_path)
    assert result.stdout.strip() == "0 ingested, 1 unchanged, 0 failed"
    db = open_database(db_path)
    assert db["documents"].count == SAMPLE_COUNT
    document = db.execute("SELECT id FROM documents WHERE file_name = ?", [PLAN]).fetchone()[0]
    paths = {row["path"] for row in db["sources"].rows_where("document_id = ?", [document])}
    assert paths == {str(sample_folder / PLAN), str(copy)}


def test_changed_file_at_known_path_is_a_new_version(sample_folder: Path, db_path: Path):
    target = sample_folder / "plan.pdf"
    shutil.copy(sample_folder / PLAN, target)
    run_cli("ingest", target, "--db", db_path)
    shutil.copy(sample_folder / REPORT, target)  # the same name now holds other bytes
    result = run_cli("ingest", target, "--db", db_path)
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    db = open_database(db_path)
    assert db["documents"].count == 2
    assert (
        db.execute(
            "SELECT count(DISTINCT document_id) FROM sources WHERE path = ?", [str(target)]
        ).fetchone()[0]
        == 2
    )


def test_force_reextracts_in_place_without_duplicates(sample_folder: Path, db_path: Path):
    run_cli("ingest", sample_folder, "--db", db_path)
    db = open_database(db_path)
    counts_before = {table: db[table].count for table in ("pages", "actions", "recommendations")}
    ids_before = sorted(row["id"] for row in db["documents"].rows)
    result = run_cli("ingest", sample_folder / REPORT, "--force", "--db", db_path)
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    assert {table: db[table].count for table in counts_before} == counts_before
    assert sorted(row["id"] for row in db["documents"].rows) == ids_before
    report_pages = db.execute(
        "SELECT count(*) FROM pages_fts JOIN pages ON pages.id = pages_fts.rowid "
        "JOIN documents ON documents.id = pages.document_id "
        "WHERE pages_fts MATCH 'Board' AND documents.file_name = ?",
        [REPORT],
    ).fetchone()[0]
    assert report_pages == _documents(db_path)[REPORT]["pages"] == 3


def test_overrides_correct_a_wrong_guess_and_survive_reextraction(
    sample_folder: Path, db_path: Path
):
    run_cli("ingest", sample_folder, "--db", db_path)
    target = sample_folder / LETTER
    result = run_cli(
        "ingest", target, "--db", db_path, "--date", "October 2019", "--org", "Westmere Council"
    )
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    document = _documents(db_path)[LETTER]
    assert (document["doc_date"], document["doc_date_basis"]) == ("2019-10", "given by user")
    assert document["organisation"] == "Westmere Council"
    assert json.loads(document["overrides"]) == {
        "doc_date": "2019-10",
        "organisation": "Westmere Council",
    }
    assert (
        run_cli("ingest", target, "--db", db_path).stdout.strip()
        == "0 ingested, 1 unchanged, 0 failed"
    )
    run_cli("ingest", target, "--db", db_path, "--force")
    assert _documents(db_path)[LETTER]["doc_date"] == "2019-10"
    assert _documents(db_path)[LETTER]["organisation"] == "Westmere Council"


def test_type_override_gives_a_plan_key(sample_folder: Path, db_path: Path):
    result = run_cli(
        "ingest", sample_folder / REPORT, "--db", db_path, "--type", "improvement_plan"
    )
    assert result.exit_code == 0
    document = _documents(db_path)[REPORT]
    assert document["doc_type"] == "improvement_plan"
    assert document["plan_key"] == "northdene--improvement-plan"


def test_bad_date_option_is_refused_with_the_accepted_forms(sample_folder: Path, db_path: Path):
    result = run_cli("ingest", sample_folder, "--db", db_path, "--date", "soon")
    assert result.exit_code == 2
    assert "2020-05-21, 21/05/2020 or May 2020" in result.output
    assert not db_path.exists()


def test_reprocess_outdated_reextracts_older_documents(sample_folder: Path, db_path: Path):
    run_cli("ingest", sample_folder, "--db", db_path)
    db = open_database(db_path)
    db.execute("UPDATE documents SET extractor_version = 0 WHERE file_name = ?", [DASHBOARD])
    db.conn.commit()
    result = run_cli("reprocess", "--outdated", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    assert _documents(db_path)[DASHBOARD]["extractor_version"] >= 1
    assert (
        run_cli("reprocess", "--outdated", "--db", db_path).stdout.strip()
        == "Nothing to reprocess."
    )


def test_reprocess_failed_retries_until_fixed(sample_folder: Path, db_path: Path):
    broken = sample_folder / "late-paper.pdf"
    broken.write_bytes(b"")
    first = run_cli("ingest", sample_folder, "--db", db_path)
    assert first.exit_code == 1
    shutil.copy(sample_folder / LETTER, broken)  # the full download arrives: a copy of the letter
    retry = run_cli("reprocess", "--failed", "--db", db_path)
    assert retry.exit_code == 0, retry.output
    assert retry.stdout.strip() == "0 ingested, 1 unchanged, 0 failed"
    db = open_database(db_path)
    assert (
        db.execute("SELECT count(*) FROM ingest_errors WHERE resolved_at IS NULL").fetchone()[0]
        == 0
    )
    assert (
        run_cli("reprocess", "--failed", "--db", db_path).stdout.strip() == "Nothing to reprocess."
    )


def test_documents_command_lists_what_is_stored(sample_folder: Path, db_path: Path):
    run_cli("ingest", sample_folder, "--db", db_path)
    table = run_cli("documents", "--db", db_path)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "doc_date",
        "doc_date_basis",
        "doc_type",
        "pages",
        "organisation",
        "title",
        "file_name",
    ]
    assert len(lines) == 2 + SAMPLE_COUNT
    assert lines[2].split()[1] == "2024-11-12", "oldest first"
    assert "date line" in lines[2] and "inspection_letter" in lines[2], "the date's clue shown"
    as_json = json.loads(
        run_cli(
            "documents", "--db", db_path, "--type", "improvement_plan", "--format", "json"
        ).stdout
    )
    assert [row["file_name"] for row in as_json] == [
        "northdene-improvement-plan-2025-01-15.pdf",
        "northdene-improvement-plan-2025-02-26.pdf",
        "northdene-improvement-plan-2025-04-09.pdf",
    ]


def _extracted_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every extracted row, without the columns that record when or where it was made."""
    db = open_database(db_path)
    skip = {
        "ingested_at",
        "ingest_run_id",
        "first_seen_at",
        "last_seen_at",
        "linked_at",
        "path",
        "created_at",
    }
    rows = {}
    for table in ("documents", "pages", "actions", "action_leads", "recommendations", "indicators",
                  "indicator_conflicts", "action_links", "action_changes", "recommendation_coverage"):  # fmt: skip
        columns = [column for column in db[table].columns_dict if column not in skip]
        rows[table] = db.execute(
            f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}] ORDER BY 1"
        ).fetchall()
    return rows


def test_parallel_ingest_stores_the_same_rows(sample_folder: Path, tmp_path: Path):
    shutil.copy(sample_folder / PLAN, sample_folder / "plan-copy.pdf")  # the same bytes twice
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = run_cli("ingest", sample_folder, "--db", one, "--jobs", "1")
    second = run_cli("ingest", sample_folder, "--db", two, "--jobs", "2")
    assert first.stdout == second.stdout == f"{SAMPLE_COUNT} ingested, 1 unchanged, 0 failed\n"
    assert _extracted_rows(one) == _extracted_rows(two)
