"""Findings of every real Ofsted report in the corpus, scored against labels written by
reading the reports (tests/truth/ofsted_findings), and the same finding followed from one
inspection of an authority to the next.

Luton and Torbay were kept out of tuning: their scores are asserted on their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plandrift.evaluate import (
    evaluate,
    evaluate_documents,
    evaluate_repeats,
    format_evaluation,
    load_truth,
)

import score_reports
from fixtures.seed_pdfs import SHARED_DIR

pytestmark = pytest.mark.shared

TRUTH = Path(__file__).parent / "truth" / "ofsted_findings"
CORPUS = SHARED_DIR / "corpus"


@pytest.fixture(scope="module")
def truth() -> dict:
    return load_truth(TRUTH)


def test_findings_of_every_labelled_report(ofsted_ingest, truth):
    summary, db = ofsted_ingest
    assert summary.counts["ingested"] == len(truth["documents"]) == 28, summary.line
    results = evaluate(db, truth)
    report = format_evaluation(
        results, evaluate_repeats(db, truth), documents=evaluate_documents(db, truth)
    )
    score_reports.REPORTS.append(("plandrift evaluate tests/truth/ofsted_findings", report))
    result = results["recommendations"]
    assert result.total.f1 >= 0.97, result.total.misses + result.total.extras
    for name, score in result.documents.items():
        assert score.f1 >= 0.8, (name, score.misses, score.extras)
    held_out = result.groups["held out"]
    assert held_out.expected == 78 and held_out.f1 >= 0.97, held_out.misses + held_out.extras
    # The safeguarding board's own recommendations are told apart (source 'LSCB').
    assert result.total.accuracy("body") >= 0.95, result.total.wrong
    assert result.total.accuracy("ref") >= 0.95, result.total.wrong


def test_no_ofsted_report_yields_zero_findings(ofsted_ingest):
    _, db = ofsted_ingest
    reports = sorted([*CORPUS.glob("ofsted-*.pdf"), *CORPUS.glob("ofsted-series/*.pdf")])
    counts = {
        row["file_name"]: row["findings"]
        for row in db.query(
            "SELECT d.file_name, count(r.id) AS findings FROM documents d LEFT JOIN "
            "recommendations r ON r.document_id = d.id AND r.kind = 'finding' GROUP BY d.id"
        )
    }
    assert {path.name for path in reports} == set(counts)
    assert not [name for name, count in counts.items() if count == 0]


def test_report_dates_against_the_labels(ofsted_ingest, truth):
    _, db = ofsted_ingest
    scores = evaluate_documents(db, truth)
    right, total = next(iter(scores.values())).fields["doc_date"]
    assert total == 28 and right >= 27  # Slough 2014 is filed by its inspection's end


def test_repeat_findings_are_linked(ofsted_ingest, truth):
    """What the matcher reaches today, as a floor (bench/repeats.py prints the sweep):
    tuning P 0.514 R 0.475, held out P 0.619 R 0.619."""
    _, db = ofsted_ingest
    scores = evaluate_repeats(db, truth)
    assert scores["repeats"].expected == 61
    assert scores["repeats tuning"].precision >= 0.45 and scores["repeats tuning"].recall >= 0.4
    held_out = scores["repeats held out"]
    assert held_out.precision >= 0.5 and held_out.recall >= 0.5, held_out.misses


@pytest.mark.xfail(
    strict=True,
    reason="issue 16's target for repeats (precision 0.9, recall 0.85) is not reached: "
    "wording and themes alone link about half the labelled pairs",
)
def test_repeat_findings_reach_the_target(ofsted_ingest, truth):
    _, db = ofsted_ingest
    repeats = evaluate_repeats(db, truth)["repeats"]
    assert repeats.precision >= 0.9 and repeats.recall >= 0.85
