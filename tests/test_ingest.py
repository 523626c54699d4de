"""Ingesting documents rendered from the five seed documents, through the real CLI."""

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
        "organisation": "Devon",
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


def test_pages_are_searchable(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    db = open_database(db_path)
    hits = db.execute(
        "SELECT documents.file_name, pages.page FROM pages_fts "
        "JOIN pages ON pages.id = pages_fts.rowid "
        "JOIN documents ON documents.id = pages.document_id "
        "WHERE pages_fts MATCH ? ORDER BY pages.page",
        ['"Interim Court Progression Officers"'],
    ).fetchall()
    assert hits and {name for name, _ in hits} == {"seed-000.pdf"}


def test_rerun_changes_nothing_and_says_so(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    db = open_database(db_path)
    before = {table: db[table].count for table in ("documents", "pages", "sources")}
    result = run_cli("ingest", seed_folder, "--db", db_path)
    assert result.exit_code == 0
    assert result.stdout.strip() == "0 ingested, 5 unchanged, 0 failed"
    assert {table: db[table].count for table in before} == before
    runs = list(db["ingest_runs"].rows_where(order_by="id"))
    assert [(run["ingested"], run["unchanged"], run["failed"]) for run in runs] == [
        (5, 0, 0),
        (0, 5, 0),
    ]
    assert all(run["finished_at"] for run in runs)


def test_same_bytes_under_another_name_is_one_document_with_two_sources(
    seed_folder: Path, db_path: Path
):
    run_cli("ingest", seed_folder, "--db", db_path)
    copy = seed_folder / "copies" / "plan-as-emailed.pdf"
    copy.parent.mkdir()
    shutil.copy(seed_folder / "seed-000.pdf", copy)
    result = run_cli("ingest", copy, "--db", db_path)
    assert result.stdout.strip() == "0 ingested, 1 unchanged, 0 failed"
    db = open_database(db_path)
    assert db["documents"].count == 5
    document = db.execute("SELECT id FROM documents WHERE file_name = 'seed-000.pdf'").fetchone()[0]
    paths = {row["path"] for row in db["sources"].rows_where("document_id = ?", [document])}
    assert paths == {str(seed_folder / "seed-000.pdf"), str(copy)}


def test_changed_file_at_known_path_is_a_new_version(
    seed_folder: Path, seed_documents, db_path: Path
):
    target = seed_folder / "plan.pdf"
    shutil.copy(seed_documents["000"], target)
    run_cli("ingest", target, "--db", db_path)
    shutil.copy(seed_documents["001"], target)  # the same name now holds other bytes
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


def test_force_reextracts_in_place_without_duplicates(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    db = open_database(db_path)
    pages_before = db["pages"].count
    ids_before = sorted(row["id"] for row in db["documents"].rows)
    result = run_cli("ingest", seed_folder / "seed-001.pdf", "--force", "--db", db_path)
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    assert db["pages"].count == pages_before
    assert sorted(row["id"] for row in db["documents"].rows) == ids_before
    assert (
        db.execute("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'Medway'").fetchone()[0]
        == 6
    )


def test_overrides_correct_a_wrong_guess_and_survive_reextraction(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    target = seed_folder / "seed-002.pdf"
    result = run_cli(
        "ingest", target, "--db", db_path, "--date", "October 2019", "--org", "Devon County Council"
    )
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    document = _documents(db_path)["seed-002.pdf"]
    assert (document["doc_date"], document["doc_date_basis"]) == ("2019-10", "given by user")
    assert document["organisation"] == "Devon County Council"
    assert json.loads(document["overrides"]) == {
        "doc_date": "2019-10",
        "organisation": "Devon County Council",
    }
    assert (
        run_cli("ingest", target, "--db", db_path).stdout.strip()
        == "0 ingested, 1 unchanged, 0 failed"
    )
    run_cli("ingest", target, "--db", db_path, "--force")
    assert _documents(db_path)["seed-002.pdf"]["doc_date"] == "2019-10"


def test_type_override_gives_a_plan_key(seed_folder: Path, db_path: Path):
    result = run_cli(
        "ingest", seed_folder / "seed-001.pdf", "--db", db_path, "--type", "improvement_plan"
    )
    assert result.exit_code == 0
    document = _documents(db_path)["seed-001.pdf"]
    assert document["doc_type"] == "improvement_plan"
    assert document["plan_key"] == "medway--improvement-plan"


def test_bad_date_option_is_refused_with_the_accepted_forms(seed_folder: Path, db_path: Path):
    result = run_cli("ingest", seed_folder, "--db", db_path, "--date", "soon")
    assert result.exit_code == 2
    assert "2020-05-21, 21/05/2020 or May 2020" in result.output
    assert not db_path.exists()


def test_reprocess_outdated_reextracts_older_documents(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    db = open_database(db_path)
    db.execute("UPDATE documents SET extractor_version = 0 WHERE file_name = 'seed-003.pdf'")
    db.conn.commit()
    result = run_cli("reprocess", "--outdated", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 ingested, 0 unchanged, 0 failed"
    assert _documents(db_path)["seed-003.pdf"]["extractor_version"] >= 1
    assert (
        run_cli("reprocess", "--outdated", "--db", db_path).stdout.strip()
        == "Nothing to reprocess."
    )


def test_reprocess_failed_retries_until_fixed(seed_folder: Path, seed_documents, db_path: Path):
    broken = seed_folder / "late-paper.pdf"
    broken.write_bytes(b"")
    first = run_cli("ingest", seed_folder, "--db", db_path)
    assert first.exit_code == 1
    shutil.copy(seed_documents["002"], broken)  # the full download arrives: a copy of seed-002
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


def test_documents_command_lists_what_is_stored(seed_folder: Path, db_path: Path):
    run_cli("ingest", seed_folder, "--db", db_path)
    table = run_cli("documents", "--db", db_path)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "doc_date",
        "doc_type",
        "pages",
        "organisation",
        "title",
        "file_name",
    ]
    assert len(lines) == 2 + 5
    assert "2019-05-02" in lines[2], "oldest first"
    as_json = json.loads(
        run_cli(
            "documents", "--db", db_path, "--type", "improvement_plan", "--format", "json"
        ).stdout
    )
    assert [row["file_name"] for row in as_json] == ["seed-000.pdf"]


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


def test_parallel_ingest_stores_the_same_rows(seed_folder: Path, samples, tmp_path: Path):
    documents, _ = samples
    for path in documents.iterdir():
        shutil.copy(path, seed_folder / path.name)
    shutil.copy(seed_folder / "seed-000.pdf", seed_folder / "seed-000-copy.pdf")  # same bytes twice
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = run_cli("ingest", seed_folder, "--db", one, "--jobs", "1")
    second = run_cli("ingest", seed_folder, "--db", two, "--jobs", "2")
    assert first.stdout == second.stdout == "13 ingested, 1 unchanged, 0 failed\n"
    assert _extracted_rows(one) == _extracted_rows(two)
