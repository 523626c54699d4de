"""The schema is a public contract: created only by migrations, upgraded in place."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from plandrift.store.schema import migrations, open_database, schema_version

GOLDEN_SCHEMA = Path(__file__).parent / "golden_schema.sql"


def test_schema_matches_golden_file():
    db = open_database(":memory:")
    assert db.schema + "\n" == GOLDEN_SCHEMA.read_text(), (
        "the schema changed: add a migration (never edit an old one), then update "
        "tests/golden_schema.sql from open_database(':memory:').schema"
    )


def test_schema_version_counts_applied_migrations(db_path: Path):
    db = open_database(db_path)
    assert (
        schema_version(db)
        == len(migrations.applied(db))
        == len(migrations.pending(sqlite_utils.Database(memory=True)))
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_data_and_applies_nothing_twice(db_path: Path):
    db = open_database(db_path)
    db["ingest_runs"].insert({"started_at": "2020-05-21T10:00:00+00:00", "paths": "[]"})
    applied = [migration.name for migration in migrations.applied(db)]
    db.close()
    reopened = open_database(db_path)
    assert [migration.name for migration in migrations.applied(reopened)] == applied
    assert reopened["ingest_runs"].count == 1


def test_older_database_is_upgraded_in_place(db_path: Path):
    """A database made before the latest migration gets the rest, keeping its rows."""
    first = migrations._migrations[0].name
    later = [migration.name for migration in migrations._migrations[1:]]
    db = sqlite_utils.Database(db_path)
    migrations.apply(db, stop_before=later[0] if later else None)
    db["ingest_runs"].insert({"started_at": "2020-05-21T10:00:00+00:00", "paths": "[]"})
    db.close()
    upgraded = open_database(db_path)
    assert migrations.applied(upgraded)[0].name == first
    assert schema_version(upgraded) == len(migrations._migrations)
    assert upgraded["ingest_runs"].count == 1


def test_corrections_and_threads_of_an_older_database_are_carried_over(db_path: Path):
    """m011 turns each correction kept by position into one kept by content, read from the
    actions at those positions, and keeps every thread number already given."""
    db = sqlite_utils.Database(db_path)
    migrations.apply(db, stop_before="m011_corrections_by_content_and_stable_threads")
    for number, sha in ((1, "a" * 64), (2, "b" * 64)):
        db["documents"].insert(
            {
                "id": number,
                "sha256": sha,
                "path": f"/plans/v{number}.pdf",
                "file_name": f"v{number}.pdf",
                "plan_key": "northdene--plan",
                "doc_type": "improvement_plan",
                "pages": 1,
                "ingested_at": "2025-01-15T10:00:00+00:00",
                "file_kind": "pdf",
                "extractor_version": 1,
            }
        )
    for action_id, document, position, ref, text, thread in (
        (1, 1, 0, "1.1", "Audit strategy meetings", 1),
        (2, 1, 1, "1.2", "Recruit two agency staff", 2),
        (3, 2, 0, "1.1", "Audit strategy meetings", 1),
        (4, 2, 1, "1.2", "Recruit 2 agency staff", 2),
    ):
        db["actions"].insert(
            {
                "id": action_id,
                "document_id": document,
                "position": position,
                "ref": ref,
                "text": text,
                "page": 1,
                "thread_id": thread,
                "source": "table",
            }
        )
    db["link_overrides"].insert(
        {
            "from_document_id": 1,
            "from_position": 1,
            "to_document_id": 2,
            "to_position": 1,
            "decision": "unlink",
            "created_at": "2025-02-01T09:00:00+00:00",
        }
    )
    db.close()
    upgraded = open_database(db_path)
    override = next(upgraded["link_overrides"].rows)
    assert (override["from_document_sha256"], override["from_ref"], override["from_text"]) == (
        "a" * 64,
        "1.2",
        "Recruit two agency staff",
    )
    assert (override["to_document_sha256"], override["to_ref"], override["to_text"]) == (
        "b" * 64,
        "1.2",
        "Recruit 2 agency staff",
    )
    assert [row["id"] for row in upgraded["action_threads"].rows] == [1, 2]
    new = upgraded.execute("INSERT INTO action_threads (plan_key) VALUES ('x')").lastrowid
    assert new == 3  # numbering goes on after the threads carried over
