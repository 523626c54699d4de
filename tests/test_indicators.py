"""Indicator figures and recommendations, on the seed documents and the real corpus."""

from __future__ import annotations

import json

import pytest

from plandrift.extract.indicators import _cell_values, extract_indicators
from plandrift.ingest.text import read_text
from plandrift.store.schema import open_database

import score_reports
from checks import below_floor, suspicious_figures
from conftest import ingest_labelled, run_cli
from fixtures.report_fixtures import FIXTURES as REPORT_FIXTURES
from fixtures.report_fixtures import render_fixture, write_truth


@pytest.fixture(scope="module")
def seeds_db(seed_documents, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run_cli("ingest", *seed_documents.values(), "--db", db_path)
    assert result.exit_code == 0, result.output
    return open_database(db_path)


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("23%", [(23, "%")]),
        ("26.14", [(26.14, None)]),
        ("1,204", [(1204, None)]),
        ("4.93 (2.11%)", [(4.93, None), (2.11, "%")]),
        ("", []),
        ("-", []),
        ("n/a", []),
        ("Green", []),
        ("31/03/2020", []),
        ("2.3 Progress", []),
    ],
)
def test_cell_values(cell, values):
    assert [(value, unit) for value, unit, _ in _cell_values(cell)] == values


@pytest.mark.shared
def test_seed_dashboard_figures(seeds_db):
    """Hand-checked against the seed performance report's table."""
    rows = {
        (row["name"], row["breakdown"], row["period"], row["series"]): (row["value"], row["unit"])
        for row in seeds_db.query("SELECT * FROM indicators WHERE source = 'table'")
    }
    assert rows[
        ("Referrals to children's social care (per 10,000)", None, "2023-04", "actual")
    ] == (329, "per_10000")
    assert rows[
        ("Referrals to children's social care (per 10,000)", None, "2021-22", "england_average")
    ] == (538, "per_10000")
    assert rows[("CiC starts (per 10,000)", None, "rolling_12_months", "actual")] == (
        26.14,
        "per_10000",
    )
    assert rows[("% Care Leavers in suitable Accommodation", "17-18", "2023-06", "actual")] == (
        82,
        "%",
    )
    assert rows[
        ("% Care Leavers in suitable Accommodation", "19-21", "2021-22", "statistical_neighbours")
    ] == (90, "%")
    areas = {
        row["area"]
        for row in seeds_db.query(
            "SELECT area FROM indicators WHERE name LIKE '% Care Leavers in EET%'"
        )
    }
    assert areas == {"Care Experienced"}


@pytest.mark.shared
def test_seed_rag_summary_table_one_figure_per_cell(seeds_db):
    rows = list(
        seeds_db.query(
            "SELECT name, breakdown, value, period FROM indicators i JOIN documents d ON d.id = i.document_id "
            "WHERE d.file_name = 'seed-001.pdf' AND i.source = 'table'"
        )
    )
    assert len(rows) == 5 * 5
    cell = {(row["breakdown"], row["name"]): row["value"] for row in rows}
    assert cell[("Quality of Practice", "Amber – some progress but slippage")] == 10
    assert cell[("Partnership working", "Total number of actions")] == 10
    assert {row["period"] for row in rows} == {"2020-04"}


@pytest.mark.shared
def test_seed_prose_figures(seeds_db):
    prose = list(
        seeds_db.query("SELECT name, value, unit, period FROM indicators WHERE source = 'prose'")
    )
    found = {(row["value"], row["unit"], row["period"]) for row in prose}
    # The plan update (seed 000, an action plan dated 21/05/2020) speaks for its date; the
    # web update (seed 004, no action table) leaves an undated sentence's period open.
    assert {(93.3, "%", "2020-05"), (36, "%", None), (21, "%", None), (22, "%", None)} <= found
    assert {(46, "count", "2019-03"), (34, "count", "2020-03")} <= found
    caseload = [row for row in prose if (row["value"], row["unit"]) == (46, "count")]
    assert caseload and all("caseload" in row["name"] for row in caseload)


@pytest.mark.shared
def test_prose_that_disagrees_with_the_table_is_reported(seeds_db):
    conflicts = list(seeds_db.query("SELECT * FROM indicator_conflicts"))
    assert [(c["name"], c["period"], c["prose_value"], c["table_value"]) for c in conflicts] == [
        ("% Care Leavers in suitable Accommodation", "2023-06", 83, 82)
    ]
    assert "83% in June" in conflicts[0]["sentence"]


def test_prose_that_agrees_is_not_reported():
    text = b"""Care leavers\tAge\tJun-23\tEngland 21/22
% Care leavers in EET\t17-18\t57%\t66%

Care leavers in EET at 17-18 years old is up to 51% average and this was 57% in June.
"""
    figures = extract_indicators(read_text(text), "2023-09")
    from plandrift.extract.indicators import find_conflicts

    # The tab-separated lines are read as a table now, so the figure is found twice, and
    # the sentence that agrees with the table is no conflict.
    assert sorted((f.value, f.source) for f in figures if f.value == 57) == [
        (57, "prose"),
        (57, "table"),
    ]
    assert find_conflicts(figures) == []


@pytest.mark.shared
def test_no_dates_years_or_paragraph_numbers_as_figures_in_seeds(seeds_db):
    assert suspicious_figures(seeds_db) == []


@pytest.mark.shared
def test_no_dates_years_or_paragraph_numbers_as_figures_in_corpus(corpus_ingest):
    _, db, _ = corpus_ingest
    assert db["indicators"].count > 100
    assert suspicious_figures(db) == []


@pytest.mark.shared
def test_recommendations_from_real_ofsted_reports(corpus_ingest):
    _, db, _ = corpus_ingest
    rows = list(
        db.query(
            "SELECT d.file_name, r.text, r.kind, r.timescale FROM recommendations r "
            "JOIN documents d ON d.id = r.document_id ORDER BY d.id, r.position"
        )
    )
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["file_name"], []).append(row)
    halton = by_file["ofsted-ilacs-halton_children's services inspection - 12 july 2024.pdf"]
    assert [row["kind"] for row in halton] == ["finding"] * 12
    assert halton[0]["text"].startswith(
        "Partnership arrangements, so that these provide effective governance"
    )
    kent = by_file["ofsted-ilacs-kent_children's services inspection,  pdf - 23 august 2013.pdf"]
    assert {row["timescale"] for row in kent} >= {
        "Immediately",
        "Within three months",
        "Within six months",
    }
    north = by_file[
        "ofsted-ilacs-north-northamptonshire_children's services inspection - 07 july 2026.pdf"
    ]
    assert len(north) == 2 and north[1]["text"].endswith("(outcome 4, national framework)")
    cover = by_file["kcc_Cabinet QPR Q3 Cover.pdf"]
    assert [(row["kind"], row["text"][:30]) for row in cover] == [
        ("decision", "Cabinet is asked to NOTE the Q")
    ]


@pytest.fixture(scope="module")
def labelled_reports(tmp_path_factory):
    """The labelled letter, reports and dashboards rendered, ingested, truth written."""
    return ingest_labelled(
        render_fixture, write_truth, REPORT_FIXTURES, tmp_path_factory.mktemp("reports")
    )


def test_evaluate_reports_meets_the_targets(labelled_reports):
    db_path, truth = labelled_reports
    report = run_cli("evaluate", truth, "--db", db_path, "--details")
    score_reports.REPORTS.append(
        ("plandrift evaluate: recommendations and indicators", report.stdout)
    )
    scores = json.loads(run_cli("evaluate", truth, "--db", db_path, "--format", "json").stdout)
    assert scores["recommendations"]["expected"] >= 25
    assert scores["indicators_table"]["expected"] >= 150
    assert scores["indicators_prose"]["expected"] >= 25
    for kind, floors in FLOORS.items():
        assert set(scores[kind]["documents"]) == {f"{name}.pdf" for name in REPORT_FIXTURES}
        for name in KNOWN_MISSES.get(kind, ()):
            del scores[kind]["documents"][name]
        assert below_floor(scores[kind], floors, LOWER.get(kind)) == [], report.stdout


@pytest.mark.xfail(
    strict=True,
    reason="the progress report prints no date of its own: its title names the focused visit "
    "it follows (1-2 May 2019), so '45 cases randomly audited in August' is read as August "
    "2018, not 2019: 0 of 10 prose figures match. A paper without a date needs one from where "
    "it was published (its meeting's folder or page), which plandrift does not read yet",
)
def test_prose_figures_of_a_report_written_months_after_its_date(labelled_reports):
    db_path, truth = labelled_reports
    scores = json.loads(run_cli("evaluate", truth, "--db", db_path, "--format", "json").stdout)
    prose = scores["indicators_prose"]
    name = "focused_visit_progress.pdf"
    only_this = {**prose, "documents": {name: prose["documents"][name]}}
    assert below_floor(only_this, FLOORS["indicators_prose"]) == []


# Each document of the labelled reports is held to these (plandrift evaluate's F1, and the
# accuracy of every field it scores), and the total to the same through its documents.
FLOORS = {
    "recommendations": {"f1": 0.95, "ref": 0.95, "kind": 0.95, "page": 0.95},
    "indicators_table": {"f1": 0.95, "area": 0.95, "unit": 0.95, "page": 0.95},
    "indicators_prose": {
        "f1": 0.8,
        "period": 0.95,
        "area": 0.95,
        "breakdown": 0.95,
        "series": 0.95,
        "page": 0.95,
    },
}
# Documents that score below FLOORS today, held to what they measure now (rounded down).
LOWER = {
    "indicators_prose": {
        # F1 0.769 (10 of 13): three figures read without their period (2020-03, 2019-04);
        # period 0.900 (9 of 10): one dated 2019-11 where the truth gives none.
        "board_report_medway.pdf": {"f1": 0.76, "period": 0.89},
        # F1 0.778 (7 of 10, 1 extra): "average caseload" 24 is named "children".
        "inspection_letter.pdf": {"f1": 0.77},
    },
}
# Known to miss outright, each held by a strict xfail test below (it fails the run the day the
# document starts passing, so that it is moved back under FLOORS).
KNOWN_MISSES = {"indicators_prose": {"focused_visit_progress.pdf"}}


def test_planted_disagreements_reported_and_agreements_not(labelled_reports):
    db_path, _ = labelled_reports
    db = open_database(db_path)
    conflicts = {
        (row["file_name"], row["period"], row["prose_value"], row["table_value"])
        for row in db.query(
            "SELECT d.file_name, c.* FROM indicator_conflicts c JOIN documents d ON d.id = c.document_id"
        )
    }
    assert conflicts == {
        ("performance_dashboard.pdf", "2023-06", 83, 82),
        ("dashboard_kpi_cards.pdf", "2024-12", 24, 22),
    }


def test_no_dates_years_or_paragraph_numbers_as_figures_in_labelled_reports(labelled_reports):
    db_path, _ = labelled_reports
    assert suspicious_figures(open_database(db_path)) == []
