"""Inspection findings against plan actions, repeat findings, and indicators across reports."""

from __future__ import annotations

import pytest

from plandrift.store.schema import open_database

from conftest import REPO_ROOT, run_cli

LETTER = """<html><head><title>Monitoring visit to Northdene County Council children's services</title></head>
<body><main><h1>Monitoring visit to Northdene County Council children's services</h1>
<p>Date: {date}</p><p>Inspection dates: {date}</p><p>Lead inspector: His Majesty's Inspector</p>
<h2>What needs to improve?</h2><ul>{items}</ul></main></body></html>"""


def _letter(folder, name: str, date: str, findings: list[str]):
    path = folder / name
    items = "".join(f"<li>{finding}</li>" for finding in findings)
    path.write_text(LETTER.format(date=date, items=items), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan_and_letters(tmp_path_factory):
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("coverage")
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "samples" / "generate.py"), str(folder / "samples")],
        check=True,
        capture_output=True,
    )
    _letter(
        folder / "samples",
        "monitoring-visit-2023.html",
        "14 March 2023",
        [
            "The supervision of social work staff, so that it is regular and reflective.",
            "The response to children who go missing from home and care.",
        ],
    )
    _letter(
        folder / "samples",
        "monitoring-visit-2025.html",
        "2 June 2025",
        [
            "The quality and effectiveness of supervision to staff at all levels.",
            "The stability of homes for children in care.",
        ],
    )
    db_path = folder / "coverage.db"
    result = run_cli("ingest", folder / "samples", "--db", db_path)
    assert result.exit_code == 0, result.output
    return open_database(db_path)


def test_findings_are_linked_to_the_actions_that_address_them(plan_and_letters):
    db = plan_and_letters
    covered = {
        (row["finding"][:40], row["action"][:40])
        for row in db.query(
            "SELECT r.text AS finding, a.text AS action FROM recommendation_coverage c "
            "JOIN recommendations r ON r.id = c.recommendation_id JOIN actions a ON a.id = c.action_id"
        )
    }
    assert (
        "The frequency and quality of supervision",
        "Launch a revised supervision policy and ",
    ) in covered
    latest = db.execute(
        "SELECT id FROM documents WHERE doc_type = 'improvement_plan' ORDER BY doc_date DESC LIMIT 1"
    ).fetchone()[0]
    documents = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT a.document_id FROM recommendation_coverage c JOIN actions a ON a.id = c.action_id"
        )
    }
    assert documents == {latest}  # coverage is judged against the plan as it stands now


def test_findings_with_no_covering_action(plan_and_letters):
    uncovered = [
        row[0]
        for row in plan_and_letters.execute(
            "SELECT r.text FROM recommendations r WHERE r.kind = 'finding' AND NOT EXISTS "
            "(SELECT 1 FROM recommendation_coverage c WHERE c.recommendation_id = r.id)"
        )
    ]
    assert sorted(uncovered) == [
        "The response to children who go missing from home and care.",
        "The stability of homes for children in care.",  # the plan has a section on it, no action
    ]


def test_repeat_finding_in_a_later_inspection(plan_and_letters):
    rows = list(
        plan_and_letters.query(
            "SELECT e.text AS earlier, l.text AS later FROM recommendation_links k "
            "JOIN recommendations e ON e.id = k.from_recommendation_id "
            "JOIN recommendations l ON l.id = k.to_recommendation_id"
        )
    )
    # Three inspections: supervision is found wanting each time, in other words each time.
    # Every pair of inspections is compared, so each later finding about supervision is
    # linked to an earlier one about it, and nothing else is linked.
    later = {row["later"][:30]: row["earlier"][:30] for row in rows}
    assert len(rows) == len(later) >= 2
    assert set(later) == {"The frequency and quality of s", "The quality and effectiveness "}
    assert all("supervision" in text.lower() for text in later.values())


REPORT = """<html><body><main><h1>Children's Social Care Performance Report {month}</h1>
<table><tr><th>Indicator</th><th>{col}</th><th>England Average 22/23</th></tr>
<tr><td>{name}</td><td>{value}%</td><td>90%</td></tr></table></main></body></html>"""


def test_indicator_named_differently_lines_up_across_reports(tmp_path):
    for month, col, name, value in (
        ("April 2023", "Apr-23", "% of CIC with a permanence plan", 94),
        ("May 2023", "May-23", "CIC with a permanence plan (%)", 98),
    ):
        (tmp_path / f"report-{col}.html").write_text(
            REPORT.format(month=month, col=col, name=name, value=value), encoding="utf-8"
        )
    db_path = tmp_path / "series.db"
    assert (
        run_cli("ingest", tmp_path, "--db", db_path, "--org", "Northdene County Council").exit_code
        == 0
    )
    rows = list(
        open_database(db_path).query(
            "SELECT indicator_key, period, actual, england_average FROM indicator_series ORDER BY period"
        )
    )
    assert len({row["indicator_key"] for row in rows}) == 1
    assert [(row["period"], row["actual"]) for row in rows if row["actual"] is not None] == [
        ("2023-04", 94),
        ("2023-05", 98),
    ]
    assert [row["england_average"] for row in rows if row["england_average"] is not None] == [
        90,
        90,
    ]
