"""Score what plandrift extracted against a labelled truth file.

The truth file is JSON: ``{"documents": [{"file": "plan.pdf", "actions": [...],
"recommendations": [...], "indicators": [...]}]}``, matched to stored documents by file
name (``"pages": [7]`` limits scoring to the pages that were labelled). Each kind of record
present in the truth is scored on its own:

- actions and recommendations count as found when their text equals a truth row's text
  after normalisation (case, punctuation, white space and a leading number ignored);
- indicator figures from tables count as found when name, breakdown, period, series and
  value are all right;
- figures from prose count as found when value and unit are right, the period is right
  where the truth gives one, and the name shares a content word with the truth's (names
  written from the words around a figure vary in wording, not in what they measure).

Rows on pages read by OCR also count as found when their text is at least OCR_SIMILARITY
similar to the truth's (a misread letter does not lose the row). Each truth row is found at
most once. Then every other field the truth carries is scored
over the pairs found (the fields a match is made on are right by construction and not scored
again; a prose figure's name, matched on a shared word, is not scored word for word):

- actions: ref, parent_ref, parent_text (the text of the stored parent action), section,
  lead, status, status_raw, due_raw, due_date, outcome and page;
- recommendations: ref, kind, timescale and page;
- figures from tables: area, unit and page;
- figures from prose: period, area, breakdown, series and page.

A field the truth file leaves out is not scored, so a truth labelled with only some fields
(``"lead"`` and ``"status"``, say) is scored on those.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .wording import STOP_WORDS


@dataclass(frozen=True)
class Kind:
    """How one kind of record is fetched, matched and scored."""

    name: str  # the truth key and the report section
    table: str
    fields: tuple[str, ...]  # scored where the truth carries them, in this order
    rows: Callable[[dict], list[dict]]  # truth rows of a document entry
    keep: Callable[[dict], bool]  # which stored rows take part
    matches: Callable[[dict, dict], bool]  # does a stored row match a truth row?
    describe: Callable[[dict], str]


@dataclass
class Score:
    found: int = 0
    extracted: int = 0
    expected: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
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
    kind: Kind
    documents: dict[str, Score]
    total: Score
    fields: tuple[str, ...] = ()  # the kind's fields that this truth carries


def normalise(text: str | None) -> str:
    """Text compared for matching: lower case, words only, leading numbering dropped."""
    text = (text or "").lower()
    text = re.sub(r"^\s*(?:[•·▪\-–*]|\(?[a-z]?\d+(?:\.\d+)*[.)]?)\s+", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _content_words(text: str | None) -> set[str]:
    return {
        word for word in normalise(text).split() if word not in STOP_WORDS and not word.isdigit()
    }


def _same_value(got, wanted) -> bool:
    return got is not None and wanted is not None and abs(float(got) - float(wanted)) < 1e-6


# A row read from a scan counts as found when its text is this similar (0-100) to the
# truth's: OCR misreads a letter here and there ("1.5" as "15", "–" dropped), and the row
# is still the row. Born-digital text must match exactly.
OCR_SIMILARITY = 90

KINDS = (
    Kind(
        name="actions",
        table="actions",
        fields=(
            "ref",
            "parent_ref",
            "parent_text",
            "section",
            "lead",
            "status",
            "status_raw",
            "due_raw",
            "due_date",
            "outcome",
            "page",
        ),
        rows=lambda entry: entry.get("actions", []),
        keep=lambda row: True,
        matches=lambda got, wanted: normalise(got["text"]) == normalise(wanted["text"]),
        describe=lambda row: row["text"][:90],
    ),
    Kind(
        name="recommendations",
        table="recommendations",
        fields=("ref", "kind", "timescale", "page"),
        rows=lambda entry: entry.get("recommendations", []),
        keep=lambda row: True,
        matches=lambda got, wanted: normalise(got["text"]) == normalise(wanted["text"]),
        describe=lambda row: row["text"][:90],
    ),
    Kind(
        name="indicators_table",
        table="indicators",
        fields=("area", "unit", "page"),
        rows=lambda entry: [
            row for row in entry.get("indicators", []) if row.get("source") == "table"
        ],
        keep=lambda row: row["source"] == "table",
        matches=lambda got, wanted: (
            normalise(got["name"]) == normalise(wanted["name"])
            and normalise(got["breakdown"]) == normalise(wanted.get("breakdown"))
            and got["period"] == wanted.get("period")
            and got["series"] == wanted.get("series", "actual")
            and _same_value(got["value"], wanted["value"])
        ),
        describe=lambda row: (
            f"{row['name'][:50]} | {row.get('breakdown')} | {row.get('period')} | "
            f"{row.get('series')} | {row['value']}"
        ),
    ),
    Kind(
        name="indicators_prose",
        table="indicators",
        fields=("period", "area", "breakdown", "series", "page"),
        rows=lambda entry: [
            row for row in entry.get("indicators", []) if row.get("source") == "prose"
        ],
        keep=lambda row: row["source"] == "prose",
        matches=lambda got, wanted: (
            _same_value(got["value"], wanted["value"])
            and got["unit"] == wanted["unit"]
            and (wanted.get("period") is None or got["period"] == wanted["period"])
            and bool(_content_words(got["name"]) & _content_words(wanted["name"]))
        ),
        describe=lambda row: (
            f"{row['name'][:50]} | {row['value']} {row['unit']} | {row.get('period')}"
        ),
    ),
)


def evaluate(db: sqlite_utils.Database, truth: dict | str | Path) -> dict[str, Evaluation]:
    """Score every kind of record the truth labels, document by document."""
    if not isinstance(truth, dict):
        truth = json.loads(Path(truth).read_text(encoding="utf-8"))
    results = {}
    for kind in KINDS:
        entries = [entry for entry in truth["documents"] if kind.name.split("_")[0] in entry]
        if not entries:
            continue
        labelled = {name for entry in entries for row in kind.rows(entry) for name in row}
        fields = tuple(name for name in kind.fields if name in labelled)
        documents = {entry["file"]: _score_document(db, entry, kind, fields) for entry in entries}
        total = Score()
        for score in documents.values():
            total.add(score)
        results[kind.name] = Evaluation(kind=kind, documents=documents, total=total, fields=fields)
    return results


def _score_document(
    db: sqlite_utils.Database, entry: dict, kind: Kind, fields: tuple[str, ...]
) -> Score:
    score = Score()
    row = db.execute(
        "SELECT id FROM documents WHERE file_name = ? ORDER BY id DESC LIMIT 1", [entry["file"]]
    ).fetchone()
    stored = (
        list(
            db.query(
                f"SELECT * FROM [{kind.table}] WHERE document_id = ? ORDER BY position", [row[0]]
            )
        )
        if row
        else []
    )
    by_id = {item["id"]: item for item in stored}  # parents may sit outside the pages scored
    stored = [item for item in stored if kind.keep(item)]
    if entry.get("pages"):  # a long document labelled on some pages only
        stored = [item for item in stored if item["page"] in entry["pages"]]
    expected = kind.rows(entry)
    score.extracted, score.expected = len(stored), len(expected)
    unmatched = list(stored)
    scanned = (
        {
            row[0]
            for row in db.execute("SELECT page FROM pages WHERE document_id = ? AND ocr", [row[0]])
        }
        if row and "text" in (expected[0] if expected else {})
        else set()
    )
    for wanted in expected:
        candidates = [item for item in unmatched if kind.matches(item, wanted)] or [
            item for item in unmatched if item["page"] in scanned and _ocr_match(item, wanted)
        ]
        if not candidates:
            score.misses.append(f"{entry['file']}: {kind.describe(wanted)}")
            continue
        same_ref = [
            item for item in candidates if "ref" in wanted and item.get("ref") == wanted["ref"]
        ]
        got = (same_ref or candidates)[0]
        unmatched.remove(got)
        score.found += 1
        for name in fields:
            if name not in wanted:
                continue
            value = _stored_value(name, got, by_id)
            right = _same(name, value, wanted[name])
            score.fields[name][0] += int(right)
            score.fields[name][1] += 1
            if not right:
                score.wrong.append(
                    f"{entry['file']}: {name}: got {value!r}, expected {wanted[name]!r} "
                    f"({kind.describe(wanted)[:50]})"
                )
    score.extras += [f"{entry['file']}: {kind.describe(item)}" for item in unmatched]
    return score


def _ocr_match(got: dict, wanted: dict) -> bool:
    """Text read by OCR matches when it differs by a misread letter or two (rapidfuzz's
    normalised similarity of at least OCR_SIMILARITY)."""
    from rapidfuzz.fuzz import ratio

    return ratio(normalise(got["text"]), normalise(wanted["text"])) >= OCR_SIMILARITY


def _stored_value(name: str, row: dict, by_id: dict[int, dict]):
    """A field of a stored row; ``parent_text`` is the text of the row its parent_id names."""
    if name == "parent_text":
        parent = by_id.get(row.get("parent_id"))
        return parent["text"] if parent else None
    return row.get(name)


def _same(name: str, got, wanted) -> bool:
    if name == "lead":
        return re.sub(r"\s+", "", got or "") == re.sub(r"\s+", "", wanted or "")
    if name in ("section", "area", "parent_text"):
        return normalise(got) == normalise(wanted)
    if isinstance(got, str) and isinstance(wanted, str):  # as printed: line breaks don't count
        return " ".join(got.split()) == " ".join(wanted.split())
    return (got or None) == (wanted or None)


def format_report(results: dict[str, Evaluation], *, details: bool = False) -> str:
    """Tables a person can read: per kind, one line per document with the totals, then one
    line per field with its accuracy over all documents and in each (by number)."""
    lines: list[str] = []
    for name, evaluation in results.items():
        header = f"{name:44} {'found':>6} {'extra':>6} {'missed':>6} {'P':>6} {'R':>6} {'F1':>6}"
        lines += ["", header, "-" * len(header)]
        documents = list(evaluation.documents.items())
        for number, (document, score) in enumerate(documents, 1):
            lines.append(_score_line(f"{number:>2} {document[:41]}", score))
        lines.append(_score_line("   TOTAL", evaluation.total))
        if evaluation.fields:
            lines += ["", *_field_lines(name, evaluation)]
        if details:
            total = evaluation.total
            for title, items in (
                ("missed", total.misses),
                ("extra", total.extras),
                ("wrong field", total.wrong),
            ):
                lines += [f"{name} {title}: {item}" for item in items]
    return "\n".join(lines).strip("\n")


def _score_line(label: str, score: Score) -> str:
    return (
        f"{label:44} {score.found:6d} {score.extracted - score.found:6d} "
        f"{score.expected - score.found:6d} {score.precision:6.3f} {score.recall:6.3f} "
        f"{score.f1:6.3f}"
    )


def _field_lines(name: str, evaluation: Evaluation) -> list[str]:
    """One line per field: right of pairs scored, accuracy, then accuracy per document."""
    numbers = range(1, len(evaluation.documents) + 1)
    header = f"{name + ' field':28} {'right':>6} {'of':>6} {'acc':>6}"
    header += "".join(f" {'#' + str(number):>6}" for number in numbers)
    lines = [header, "-" * len(header)]
    for field_name in evaluation.fields:
        right, total = evaluation.total.fields.get(field_name, (0, 0))
        line = f"{field_name:28} {right:6d} {total:6d} {_accuracy(evaluation.total, field_name)}"
        line += "".join(
            f" {_accuracy(score, field_name)}" for score in evaluation.documents.values()
        )
        lines.append(line)
    return lines


def _accuracy(score: Score, field_name: str) -> str:
    accuracy = score.accuracy(field_name)
    return f"{accuracy:6.3f}" if accuracy is not None else f"{'-':>6}"


def as_json(results: dict[str, Evaluation]) -> dict:
    def score_dict(score: Score, fields: tuple[str, ...]) -> dict:
        return {
            "found": score.found,
            "extracted": score.extracted,
            "expected": score.expected,
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "accuracy": {name: score.accuracy(name) for name in fields},
        }

    return {
        name: {
            **score_dict(evaluation.total, evaluation.fields),
            "documents": {
                document: score_dict(score, evaluation.fields)
                for document, score in evaluation.documents.items()
            },
        }
        for name, evaluation in results.items()
    }


def evaluate_lineage(db: sqlite_utils.Database, plans: list[dict]) -> dict[str, Score]:
    """Score links and changes between plan versions, identified by file name and printed ref.

    Each plan: ``{"files": [...oldest first], "links": [{"from", "to", "from_ref",
    "to_ref"}], "changes": [{"from", "to", "from_ref", "to_ref", "kind"}]}``. Only links and
    changes between two of the plan's files are scored, so ``"files"`` may name just two
    consecutive versions to score that step alone.
    """
    links, changes = Score(), Score()
    for plan in plans:
        stored_links = {
            (row["from_file"], row["to_file"], row["from_ref"], row["to_ref"])
            for row in db.query(
                "SELECT fd.file_name AS from_file, td.file_name AS to_file, fa.ref AS from_ref, "
                "ta.ref AS to_ref FROM action_links l "
                "JOIN actions fa ON fa.id = l.from_action_id "
                "JOIN actions ta ON ta.id = l.to_action_id "
                "JOIN documents fd ON fd.id = fa.document_id "
                "JOIN documents td ON td.id = ta.document_id"
            )
            if row["from_file"] in plan["files"] and row["to_file"] in plan["files"]
        }
        stored_changes = {
            (row["from_file"], row["to_file"], row["from_ref"], row["to_ref"], row["kind"])
            for row in db.query(
                "SELECT fd.file_name AS from_file, td.file_name AS to_file, fa.ref AS from_ref, "
                "ta.ref AS to_ref, c.kind FROM action_changes c "
                "JOIN documents fd ON fd.id = c.from_document_id "
                "JOIN documents td ON td.id = c.to_document_id "
                "LEFT JOIN actions fa ON fa.id = c.from_action_id "
                "LEFT JOIN actions ta ON ta.id = c.to_action_id"
            )
            if row["from_file"] in plan["files"] and row["to_file"] in plan["files"]
        }
        wanted_links = {(r["from"], r["to"], r["from_ref"], r["to_ref"]) for r in plan["links"]}
        wanted_changes = {
            (r["from"], r["to"], r["from_ref"], r["to_ref"], r["kind"]) for r in plan["changes"]
        }
        pairs = ((links, stored_links, wanted_links), (changes, stored_changes, wanted_changes))
        for score, stored, wanted in pairs:
            score.found += len(stored & wanted)
            score.extracted += len(stored)
            score.expected += len(wanted)
            score.misses += [
                " | ".join(map(str, item)) for item in sorted(wanted - stored, key=str)
            ]
            score.extras += [
                " | ".join(map(str, item)) for item in sorted(stored - wanted, key=str)
            ]
    return {"links": links, "changes": changes}


def format_lineage(scores: dict[str, Score], *, details: bool = False) -> str:
    header = f"{'lineage':44} {'found':>6} {'extra':>6} {'missed':>6} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [header, "-" * len(header)]
    for name, score in scores.items():
        lines.append(
            f"{name:44} {score.found:6d} {score.extracted - score.found:6d} "
            f"{score.expected - score.found:6d} {score.precision:6.3f} {score.recall:6.3f} "
            f"{score.f1:6.3f}"
        )
    if details:
        for name, score in scores.items():
            lines += [f"{name} missed: {item}" for item in score.misses]
            lines += [f"{name} extra: {item}" for item in score.extras]
    return "\n".join(lines)


def format_evaluation(
    results: dict, lineage: dict, output_format: str = "text", *, details: bool = False
) -> str:
    """What ``plandrift evaluate`` prints: JSON, or the record and lineage tables as text."""
    if output_format == "json":
        output = as_json(results)
        for name, value in lineage.items():
            output[name] = {"precision": value.precision, "recall": value.recall, "f1": value.f1}
        return json.dumps(output, indent=2)
    parts = [format_report(results, details=details)] if results else []
    parts += [format_lineage(lineage, details=details)] if lineage else []
    return "\n\n".join(parts)
