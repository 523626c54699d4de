"""Score what plandrift extracted against a labelled truth file.

The truth file is JSON: ``{"documents": [{"file": "plan.pdf", "actions": [{"text": ...,
"lead": ..., "status": ..., "due_date": ..., "section": ...}, ...]}]}``, matched to stored
documents by file name (``"pages": [7]`` limits scoring to the pages that were labelled).
An extracted action counts as found when its text equals a truth
action's text after normalisation (case, punctuation, white space and a leading number or
bullet ignored); each truth action is found at most once. Fields are then scored over the
pairs found.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

ACTION_FIELDS = ("lead", "status", "due_date", "section")


@dataclass
class Score:
    found: int = 0  # true positives
    extracted: int = 0
    expected: int = 0
    fields: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )  # right, total
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def accuracy(self, name: str) -> float | None:
        right, total = self.fields.get(name, (0, 0))
        return right / total if total else None

    def add(self, other: Score) -> None:
        self.found += other.found
        self.extracted += other.extracted
        self.expected += other.expected
        for name, (right, total) in other.fields.items():
            self.fields[name][0] += right
            self.fields[name][1] += total
        self.misses += other.misses
        self.extras += other.extras
        self.wrong += other.wrong


@dataclass
class Evaluation:
    documents: dict[str, Score]
    total: Score


def evaluate(db: sqlite_utils.Database, truth: dict | str | Path) -> Evaluation:
    """Score the stored actions of every document named in ``truth``."""
    if not isinstance(truth, dict):
        truth = json.loads(Path(truth).read_text(encoding="utf-8"))
    total = Score()
    documents: dict[str, Score] = {}
    for entry in truth["documents"]:
        score = _score_document(db, entry)
        documents[entry["file"]] = score
        total.add(score)
    return Evaluation(documents=documents, total=total)


def _score_document(db: sqlite_utils.Database, entry: dict) -> Score:
    score = Score()
    row = db.execute(
        "SELECT id FROM documents WHERE file_name = ? ORDER BY id DESC LIMIT 1", [entry["file"]]
    ).fetchone()
    extracted = (
        list(db.query("SELECT * FROM actions WHERE document_id = ? ORDER BY position", [row[0]]))
        if row
        else []
    )
    if entry.get("pages"):  # a long document labelled on some pages only
        extracted = [action for action in extracted if action["page"] in entry["pages"]]
    expected = entry.get("actions", [])
    score.extracted, score.expected = len(extracted), len(expected)
    unmatched: dict[str, list[dict]] = defaultdict(list)
    for action in extracted:
        unmatched[normalise(action["text"])].append(action)
    for wanted in expected:
        candidates = unmatched.get(normalise(wanted["text"]), [])
        if not candidates:
            score.misses.append(f"{entry['file']}: {wanted['text'][:90]}")
            continue
        same_ref = [action for action in candidates if action["ref"] == wanted.get("ref")]
        got = (same_ref or candidates)[0]
        candidates.remove(got)
        score.found += 1
        for name in ACTION_FIELDS:
            if name not in wanted:
                continue
            right = _same(name, got[name], wanted[name])
            score.fields[name][0] += int(right)
            score.fields[name][1] += 1
            if not right:
                score.wrong.append(
                    f"{entry['file']}: {name}: got {got[name]!r}, "
                    f"expected {wanted[name]!r} ({wanted['text'][:50]})"
                )
    score.extras += [
        f"{entry['file']}: {action['text'][:90]}" for rows in unmatched.values() for action in rows
    ]
    return score


def normalise(text: str | None) -> str:
    """Text compared for matching: lower case, words only, leading numbering dropped."""
    text = (text or "").lower()
    text = re.sub(r"^\s*(?:[•·▪\-–*]|\(?[a-z]?\d+(?:\.\d+)*[.)]?)\s+", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _same(name: str, got, wanted) -> bool:
    if name == "lead":
        return re.sub(r"\s+", "", got or "") == re.sub(r"\s+", "", wanted or "")
    if name == "section":
        return normalise(got) == normalise(wanted)
    return (got or None) == (wanted or None)


def format_report(evaluation: Evaluation, *, details: bool = False) -> str:
    """A table a person can read: one line per document, then the totals."""
    header = f"{'document':44} {'found':>6} {'extra':>6} {'missed':>6} {'P':>6} {'R':>6} {'F1':>6}"
    header += "".join(f" {name:>9}" for name in ACTION_FIELDS)
    lines = [header, "-" * len(header)]
    for name, score in [*evaluation.documents.items(), ("TOTAL", evaluation.total)]:
        line = (
            f"{name[:44]:44} {score.found:6d} {score.extracted - score.found:6d} "
            f"{score.expected - score.found:6d} "
            f"{score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}"
        )
        for field_name in ACTION_FIELDS:
            accuracy = score.accuracy(field_name)
            line += f" {accuracy:9.3f}" if accuracy is not None else f" {'-':>9}"
        lines.append(line)
    if details:
        total = evaluation.total
        for title, items in (
            ("missed", total.misses),
            ("extra", total.extras),
            ("wrong field", total.wrong),
        ):
            lines += [f"{title}: {item}" for item in items]
    return "\n".join(lines)


def as_json(evaluation: Evaluation) -> dict:
    def score_dict(score: Score) -> dict:
        return {
            "found": score.found,
            "extracted": score.extracted,
            "expected": score.expected,
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "accuracy": {name: score.accuracy(name) for name in ACTION_FIELDS},
        }

    return {
        "actions": score_dict(evaluation.total),
        "documents": {name: score_dict(score) for name, score in evaluation.documents.items()},
    }
