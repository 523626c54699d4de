"""The action extractor on randomised plan layouts (tests/layouts), ingested through the CLI.

A small draw of bench/layouts.py, from seeds the extractor was not tuned on (the bench's
seeds 0-299 were): every document is held to floors of its own, so one layout that fails
outright cannot hide in a total, and each medium (born-digital PDF, DOCX/HTML/TXT, scans)
to floors on its pooled action F1 and on each field. The floors sit a little under what
this draw measured when they were set (the figures are beside them).
"""

from __future__ import annotations

import json

import pytest
from layouts import write_batch
from layouts.score import FIELDS, accuracy, format_scores, medium, score_layouts

from plandrift.store.schema import open_database

from conftest import run_cli

FIRST_SEED, COUNT = 5000, 40  # held out: never looked at while tuning the extractor

# Per document: action F1 and each field (measured minimum in brackets). Merged lead cells
# in tables without rules still lose leads (0.5), so the lead floor is lower. Scans at
# 150 dpi are held to the pooled floor only: OCR loses whole header rows at that resolution.
DOCUMENT_FLOORS = {
    "born-digital PDF": {
        "F1": 0.75,
        "lead": 0.4,
        "status": 0.8,
        "due_date": 0.8,
        "section": 0.9,
        "ref": 0.95,
        "outcome": 0.8,
    },
    # F1 0.80, lead 0.50, status 0.889, due 0.095 (a wrong document date, see below),
    # section 0.952, ref 1.0, outcome 0.889
    "DOCX/HTML/TXT": {
        "F1": 0.9,
        "lead": 0.9,
        "status": 0.8,
        "due_date": 0.9,
        "section": 0.9,
        "ref": 0.95,
        "outcome": 0.9,
    },
    # F1 1.0, status 0.879, every other field 1.0
    "scanned PDF": {"F1": 0.3},  # at 200 and 300 dpi: 0.39
}
# Pooled over each medium's documents: action F1 and each field (measured in brackets).
MEDIUM_FLOORS = {
    "born-digital PDF": 0.9,  # F1 0.961, lead 0.962, status 0.998, due 0.944, section 0.998
    "DOCX/HTML/TXT": 0.95,  # F1 1.0, status 0.979, every other field 1.0
    "scanned PDF": 0.4,  # F1 0.652, lead 0.521, status 0.808, due 0.849, section 0.795
}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layouts")
    truth_path = write_batch(COUNT, FIRST_SEED, folder / "documents")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    truth_path.unlink()  # not a document to ingest
    db_path = folder / "layouts.db"
    result = run_cli("ingest", folder / "documents", "--db", db_path)
    assert result.exit_code == 0, result.output
    db = open_database(db_path)
    scores = score_layouts(db, truth)
    print("\n" + "\n".join(format_scores(scores)))
    stored = dict(db.execute("SELECT file_name, doc_date FROM documents").fetchall())
    misdated = {
        entry["file"] for entry in truth["documents"] if stored[entry["file"]] != entry["doc_date"]
    }
    return scores, misdated


def test_every_document_meets_its_floors(drawn):
    scores, misdated = drawn
    below = []
    for name, score in scores.documents.items():
        factors = scores.factors[name]
        floors = dict(DOCUMENT_FLOORS[medium(factors)])
        if factors["scan_dpi"] == "150":
            floors = {}
        if name in misdated:
            # Due dates are read against the document's date: a month alone is its last day
            # in that year. Dating a version right is the next issue's (#15) to measure.
            floors.pop("due_date", None)
        values = {"F1": score.f1} | {
            field: value for field in FIELDS if (value := accuracy(score, field)) is not None
        }
        below += [
            f"{name} ({medium(factors)}) {field} {values[field]:.3f} < {floor}"
            for field, floor in floors.items()
            if field in values and values[field] < floor
        ]
    assert below == []


def test_every_medium_meets_its_floor(drawn):
    scores, _ = drawn
    assert set(scores.by_medium) == set(MEDIUM_FLOORS)  # the draw holds every medium
    below = []
    for group, tally in scores.by_medium.items():
        floor = MEDIUM_FLOORS[group]
        values = {"F1": tally.score.f1} | {
            field: value for field in FIELDS if (value := accuracy(tally.score, field)) is not None
        }
        below += [
            f"{group} {field} {value:.3f} < {floor}"
            for field, value in values.items()
            if value < floor
        ]
    assert below == []


def test_no_status_is_guessed(drawn):
    """Where a layout shows no status at all, none is stored (no "in_progress" from an
    update that only narrates progress)."""
    scores, _ = drawn
    guessed = [
        line
        for name, score in scores.documents.items()
        if scores.factors[name]["status"] == "none"
        for line in score.wrong
        if ": status: got '" in line and "expected None" in line
    ]
    assert guessed == []
