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
