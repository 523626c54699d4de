"""Action lineage across dated versions of a plan: links, threads, changes and slippage."""

from __future__ import annotations

import json
import shutil
from itertools import pairwise

import pytest

from plandrift.compare.action_matching import match_actions
from plandrift.extract.records import extract_document
from plandrift.store.schema import open_database

import score_reports
from conftest import run_cli
from fixtures.plan_versions import render_versions
from fixtures.plan_versions import truth as versions_truth

# The sample generator names kinds after RAG colours; these are plandrift's names for them.
KIND_NAMES = {"rag_worsened": "status_worsened", "rag_improved": "status_improved"}
NOT_MODELLED = {"renumbered", "lead_changed", "rag_changed"}  # not change kinds plandrift reports


def _lineage_truth(truth: dict) -> dict:
    """The samples' planted changes in plandrift evaluate's lineage form."""
    files = sorted(truth["plan_actions"])
    links, changes = [], []
    for row in truth["action_changes"]:
        if row["from_ref"] and row["to_ref"]:
            links.append({key: row[key] for key in ("from", "to", "from_ref", "to_ref")})
        for kind in row["kinds"]:
            if kind not in NOT_MODELLED:
                changes.append(
                    {
                        **{key: row[key] for key in ("from", "to", "from_ref", "to_ref")},
                        "kind": KIND_NAMES.get(kind, kind),
                    }
                )
    return {"lineage": [{"files": files, "links": links, "changes": changes}]}


LINEAGE_FLOORS = {"links": {"precision": 0.97, "recall": 0.95}, "changes": {"f1": 0.9}}


def _each_step_below_floor(db_path, plan: dict, folder) -> tuple[list[str], str]:
    """Score each step between consecutive versions on its own (plandrift evaluate with a
    truth naming only those two files), so a good step cannot hide a bad one. Returns what
    falls below LINEAGE_FLOORS, and the scores as text for the report."""
    problems, lines = [], []
    for earlier, later in pairwise(plan["files"]):
        step = {
            "files": [earlier, later],
            **{
                key: [row for row in plan[key] if (row["from"], row["to"]) == (earlier, later)]
                for key in ("links", "changes")
            },
        }
        assert step["links"], (earlier, later)  # the truth labels this step
        truth_path = folder / f"step-{len(lines)}.json"
        truth_path.write_text(json.dumps({"lineage": [step]}), encoding="utf-8")
        scores = json.loads(
            run_cli("evaluate", truth_path, "--db", db_path, "--format", "json").stdout
        )
        lines.append(f"{earlier} -> {later}")
        for name, floors in LINEAGE_FLOORS.items():
            for measure, floor in floors.items():
                lines[-1] += f"  {name} {measure} {scores[name][measure]:.3f}"
                if scores[name][measure] < floor:
                    problems.append(
                        f"{earlier} -> {later}: {name} {measure} "
                        f"{scores[name][measure]:.3f} < floor {floor}"
                    )
    return problems, "\n".join(lines)


@pytest.fixture(scope="module")
def ingested(samples, tmp_path_factory):
    documents, truth = samples
    db_path = tmp_path_factory.mktemp("lineage-db") / "plans.db"
    assert run_cli("ingest", documents, "--db", db_path).exit_code == 0
    truth_path = db_path.parent / "lineage-truth.json"
    truth_path.write_text(json.dumps(_lineage_truth(truth)), encoding="utf-8")
    return db_path, truth_path


def test_links_and_changes_meet_the_targets(ingested):
    db_path, truth_path = ingested
    report = run_cli("evaluate", truth_path, "--db", db_path, "--details")
    score_reports.REPORTS.append(
        ("plandrift evaluate: action lineage across plan versions", report.stdout)
    )
    scores = json.loads(run_cli("evaluate", truth_path, "--db", db_path, "--format", "json").stdout)
    assert scores["links"]["precision"] >= 0.97, report.stdout
    assert scores["links"]["recall"] >= 0.95, report.stdout
    assert scores["changes"]["f1"] >= 0.9, report.stdout
    plan = json.loads(truth_path.read_text(encoding="utf-8"))["lineage"][0]
    problems, steps = _each_step_below_floor(db_path, plan, truth_path.parent)
    score_reports.REPORTS.append(("lineage of the sample plan, step by step", steps))
    assert len(steps.splitlines()) == 2
    assert problems == [], steps


def test_every_action_has_one_thread_and_links_are_one_to_one(ingested):
    db_path, _ = ingested
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM actions WHERE thread_id IS NULL").fetchone()[0] == 0
    per_version = db.execute(
        "SELECT document_id, thread_id, count(*) FROM actions GROUP BY document_id, thread_id HAVING count(*) > 1"
    ).fetchall()
    assert per_version == []  # no thread appears twice in one version
    court = db.execute(
        "SELECT count(DISTINCT thread_id), count(*) FROM actions WHERE text LIKE '%Court Progression Officers%'"
    ).fetchone()
    assert court == (1, 3)  # reworded and renumbered, still one thread


def test_lookalike_steps_under_different_parents_are_not_confused():
    before = [
        {
            "text": "Advertise posts",
            "ref": "3.2.1",
            "parent_text": "Increase Independent Reviewing Officer capacity",
        },
        {
            "text": "Advertise posts",
            "ref": "4.2.1",
            "parent_text": "Recruit permanent social workers",
        },
    ]
    after = [
        {
            "text": "Advertise posts",
            "ref": "4.2.1",
            "parent_text": "Recruit permanent social workers",
        },
        {
            "text": "Advertise posts",
            "ref": "3.2.1",
            "parent_text": "Increase Independent Reviewing Officer capacity",
        },
    ]
    assert [(link.from_index, link.to_index) for link in match_actions(before, after)] == [
        (0, 1),
        (1, 0),
    ]


def test_reworded_action_still_matches():
    before = [{"text": "Recruit two agency staff as Interim Court Progression Officers"}]
    after = [
        {"text": "Review the tracker of PLO cases"},
        {"text": "Recruit 2 interim Court Progression Officers (agency)"},
    ]
    assert [(link.from_index, link.to_index) for link in match_actions(before, after)] == [(0, 1)]


def test_version_ingested_late_is_slotted_in(samples, tmp_path):
    documents, _ = samples
    plans = sorted(documents.glob("*improvement-plan-*.pdf"))
    db_path = tmp_path / "late.db"
    run_cli("ingest", plans[0], plans[2], "--db", db_path)
    db = open_database(db_path)
    first_pairs = db.execute(
        "SELECT from_document_id, to_document_id FROM version_pairs"
    ).fetchall()
    assert len(first_pairs) == 1
    run_cli("ingest", plans[1], "--db", db_path)
    pairs = db.execute(
        "SELECT f.file_name, t.file_name FROM version_pairs v JOIN documents f ON f.id = v.from_document_id "
        "JOIN documents t ON t.id = v.to_document_id ORDER BY f.doc_date"
    ).fetchall()
    assert [(a[-14:-4], b[-14:-4]) for a, b in pairs] == [
        ("2025-01-15", "2025-02-26"),
        ("2025-02-26", "2025-04-09"),
    ]
    stale = db.execute(
        "SELECT count(*) FROM action_links WHERE from_document_id = ? AND to_document_id = ?",
        list(first_pairs[0]),
    ).fetchone()[0]
    assert stale == 0


def test_people_correct_the_matching_and_it_is_kept(samples, tmp_path):
    documents, _ = samples
    db_path = tmp_path / "override.db"
    shutil.copytree(documents, tmp_path / "papers")
    run_cli("ingest", tmp_path / "papers", "--db", db_path)
    db = open_database(db_path)
    from_id, to_id = db.execute(
        "SELECT l.from_action_id, l.to_action_id FROM action_links l JOIN actions a ON a.id = l.from_action_id "
        "WHERE a.text LIKE 'Recruit two agency staff%' ORDER BY l.id LIMIT 1"
    ).fetchone()
    result = run_cli("unlink", from_id, to_id, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert (
        db.execute(
            "SELECT count(*) FROM action_links WHERE from_action_id = ?", [from_id]
        ).fetchone()[0]
        == 0
    )
    kinds = {
        row[0]
        for row in db.execute(
            "SELECT kind FROM action_changes WHERE from_action_id = ? OR to_action_id = ?",
            [from_id, to_id],
        )
    }
    assert kinds == {"dropped", "added"}
    # Re-matching the versions (here: re-extracting an unrelated later version) keeps the correction.
    run_cli(
        "ingest",
        tmp_path / "papers" / "northdene-improvement-plan-2025-04-09.pdf",
        "--force",
        "--db",
        db_path,
    )
    assert (
        db.execute(
            "SELECT count(*) FROM action_links WHERE from_action_id = ?", [from_id]
        ).fetchone()[0]
        == 0
    )
    assert run_cli("link", from_id, to_id, "--db", db_path).exit_code == 0
    row = db.execute(
        "SELECT method, score FROM action_links WHERE from_action_id = ?", [from_id]
    ).fetchone()
    assert row == ("manual", 100.0)
    bad = run_cli("link", from_id, from_id, "--db", db_path)
    assert bad.exit_code == 1 and "consecutive versions" in bad.output


def test_compare_report_puts_slippage_first(ingested):
    db_path, _ = ingested
    text = run_cli("compare", "--db", db_path).stdout
    assert text.index("Slipped:") < text.index("Other changes:")
    assert "due 17/02/2025 -> 10/03/2025" in text
    as_json = json.loads(run_cli("compare", "--db", db_path, "--format", "json").stdout)
    assert as_json["counts"]["dropped"] == 2 and as_json["counts"]["added"] == 4
    first_rows = as_json["changes"][: sum(change["is_slippage"] for change in as_json["changes"])]
    assert all(change["is_slippage"] for change in first_rows)
    csv_text = run_cli("compare", "--db", db_path, "--format", "csv", "--from", "2025-02-01").stdout
    assert csv_text.splitlines()[0].startswith("from_date,to_date,kind")
    assert "2025-01-15" not in csv_text


def test_history_follows_one_action(ingested):
    db_path, _ = ingested
    result = run_cli("history", "Court Progression Officers", "--db", db_path)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line[:4].isdigit()]
    assert [line[:10] for line in lines] == ["2025-01-15", "2025-02-26", "2025-04-09"]
    assert "Recruit 2 interim Court Progression Officers (agency)" in lines[-1]


def test_second_plan_in_another_layout(tmp_path):
    """Three versions of another council's plan: status words, renumbering, look-alike steps."""
    paths = render_versions(tmp_path / "papers")
    db_path = tmp_path / "harrowfield.db"
    assert run_cli("ingest", tmp_path / "papers", "--db", db_path).exit_code == 0
    truth_path = tmp_path / "truth.json"
    truth_path.write_text(json.dumps({"lineage": [versions_truth()["plan"]]}), encoding="utf-8")
    report = run_cli("evaluate", truth_path, "--db", db_path, "--details")
    score_reports.REPORTS.append(("plandrift evaluate: lineage of a second plan", report.stdout))
    scores = json.loads(run_cli("evaluate", truth_path, "--db", db_path, "--format", "json").stdout)
    assert len(paths) == 3
    assert scores["links"]["precision"] >= 0.97, report.stdout
    assert scores["links"]["recall"] >= 0.95, report.stdout
    assert scores["changes"]["f1"] >= 0.9, report.stdout
    problems, steps = _each_step_below_floor(db_path, versions_truth()["plan"], tmp_path)
    score_reports.REPORTS.append(("lineage of a second plan, step by step", steps))
    assert len(steps.splitlines()) == 2
    assert problems == [], steps


def _thread_of(db, file_name: str, text_start: str) -> int:
    return db.execute(
        "SELECT a.thread_id FROM actions a JOIN documents d ON d.id = a.document_id "
        "WHERE d.file_name = ? AND a.text LIKE ? || '%'",
        [file_name, text_start],
    ).fetchone()[0]


def _threads_by_action(db) -> dict[tuple[str, str | None, str], int]:
    """Each action's thread, keyed by what the action is (file, ref, wording), not its id."""
    return {
        (row[0], row[1], row[2]): row[3]
        for row in db.execute(
            "SELECT d.file_name, a.ref, a.text, a.thread_id FROM actions a "
            "JOIN documents d ON d.id = a.document_id"
        )
    }


def test_a_late_older_version_leaves_existing_thread_ids_unchanged(samples, tmp_path):
    documents, _ = samples
    plans = sorted(documents.glob("*improvement-plan-*.pdf"))
    db_path = tmp_path / "late.db"
    assert run_cli("ingest", plans[1], plans[2], "--db", db_path).exit_code == 0
    db = open_database(db_path)
    before = _threads_by_action(db)
    assert run_cli("ingest", plans[0], "--db", db_path).exit_code == 0  # the oldest, late
    after = _threads_by_action(db)
    assert {key: after[key] for key in before} == before
    # The late version's actions joined the threads of the same actions in the next one.
    oldest = plans[0].name
    for text in ("Recruit two agency staff", "Advertise posts"):
        assert _thread_of(db, oldest, text) == _thread_of(db, plans[1].name, text)
    assert len(set(after.values())) == db["action_threads"].count


def _extract_one_more_row(extract):
    """A changed extractor: it also reads a row at the top of every plan as an action, so
    every other action's position moves down by one."""
    from plandrift.extract.actions import ExtractedAction

    def changed(source, read, overrides):
        document = extract(source, read, overrides)
        if document.metadata.doc_type == "improvement_plan":
            for action in document.actions:
                if action.parent_index is not None:
                    action.parent_index += 1
            extra = ExtractedAction(page=1, text="Purpose of this plan and how it is monitored")
            document.actions.insert(0, extra)
        return document

    return changed


def test_a_correction_survives_reextraction_by_a_changed_extractor(samples, tmp_path, monkeypatch):
    from plandrift import pipeline

    documents, _ = samples
    plans = sorted(documents.glob("*improvement-plan-*.pdf"))[:2]
    db_path = tmp_path / "corrected.db"
    assert run_cli("ingest", *plans, "--db", db_path).exit_code == 0
    db = open_database(db_path)
    old, new = plans[0].name, plans[1].name
    from_id, to_id = db.execute(
        "SELECT l.from_action_id, l.to_action_id FROM action_links l "
        "JOIN actions a ON a.id = l.from_action_id WHERE a.text LIKE 'Recruit two agency staff%'"
    ).fetchone()
    positions = db.execute(
        "SELECT position FROM actions WHERE id IN (?, ?) ORDER BY id", [from_id, to_id]
    ).fetchall()
    assert run_cli("unlink", from_id, to_id, "--db", db_path).exit_code == 0
    threads = _threads_by_action(db)

    monkeypatch.setattr(pipeline, "extract_document", _extract_one_more_row(extract_document))
    for plan in plans:
        assert run_cli("ingest", plan, "--force", "--db", db_path).exit_code == 0
    moved = db.execute(
        "SELECT position FROM actions WHERE text LIKE 'Recruit two agency staff%' ORDER BY id"
    ).fetchall()
    assert [row[0] for row in moved] == [row[0] + 1 for row in positions]
    # The correction still separates the same two actions, found by what they say ...
    assert db.execute(
        "SELECT count(*) FROM action_links l JOIN actions a ON a.id = l.from_action_id "
        "WHERE a.text LIKE 'Recruit two agency staff%'"
    ).fetchone() == (0,)
    assert db.execute("SELECT resolved FROM link_overrides").fetchall() == [(1,)]
    # ... and did not land on the actions that now stand at its old positions.
    for side, (position,) in zip((old, new), positions, strict=True):
        at_old_place = db.execute(
            "SELECT a.id FROM actions a JOIN documents d ON d.id = a.document_id "
            "WHERE d.file_name = ? AND a.position = ?",
            [side, position],
        ).fetchone()[0]
        assert db.execute(
            "SELECT count(*) FROM action_links WHERE from_action_id = ? OR to_action_id = ?",
            [at_old_place, at_old_place],
        ).fetchone() == (1,)
    # Every action the new extractor still reads keeps its thread number.
    after = _threads_by_action(db)
    assert {key: after[key] for key in threads} == threads
