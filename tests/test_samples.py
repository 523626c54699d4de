"""The bundled demo documents (samples/generate.py) are recognised as what they are."""

from __future__ import annotations

import subprocess
import sys

from plandrift.store.schema import open_database

from conftest import REPO_ROOT, run_cli


def test_generator_is_deterministic(samples, tmp_path):
    documents, _ = samples
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "samples" / "generate.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in documents.iterdir()
    )
    for path in documents.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_samples_metadata_matches_what_was_planted(samples, tmp_path):
    documents, truth = samples
    db_path = tmp_path / "demo.db"
    result = run_cli("ingest", documents, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(truth['documents'])} ingested, 0 unchanged, 0 failed"
    stored = {row["file_name"]: row for row in open_database(db_path)["documents"].rows}
    for name, expected in truth["documents"].items():
        row = stored[name]
        assert (row["doc_type"], row["organisation"], row["doc_date"]) == (
            expected["doc_type"],
            expected["organisation"],
            expected["doc_date"],
        ), name
        if expected["pages"] is not None:
            assert row["pages"] == expected["pages"], name
            assert row["title"] == expected["title"], name
    plan_keys = {
        row["plan_key"] for row in stored.values() if row["doc_type"] == "improvement_plan"
    }
    assert plan_keys == {"northdene--childrens-services-improvement-plan"}


STATUS_OF_RAG = {
    "Blue": "complete",
    "Green": "on_track",
    "Amber": "at_risk",
    "Red": "off_track",
    "Not yet due": "not_started",
}


def test_samples_plan_actions_match_what_was_planted(samples, tmp_path):
    documents, truth = samples
    db_path = tmp_path / "demo.db"
    run_cli("ingest", documents, "--db", db_path)
    db = open_database(db_path)
    for name, planted in truth["plan_actions"].items():
        stored = list(
            db.query(
                "SELECT a.* FROM actions a JOIN documents d ON d.id = a.document_id "
                "WHERE d.file_name = ? ORDER BY a.position",
                [name],
            )
        )
        assert [(a["ref"], a["text"], a["lead"], a["section"], a["due_raw"]) for a in stored] == [
            (p["ref"], p["text"], p["lead"], p["section"], p["target"]) for p in planted
        ], name
        assert [a["status"] for a in stored] == [STATUS_OF_RAG[p["rag"]] for p in planted], name
        assert [a["parent_ref"] for a in stored] == [p["parent_ref"] for p in planted], name
