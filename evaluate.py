"""Score what plandrift extracted against a labelled truth file.

The truth file is JSON: ``{"documents": [{"file": "plan.pdf", "actions": [...],
"recommendations": [...], "indicators": [...]}]}``, matched to stored documents by file
name (``"pages": [7]`` limits scoring to the pages that were labelled). Each kind of record
present in the truth is scored on its own:

- actions and recommendations count as found when their text equals a truth row's text
  after normalisation (case, punctuation, white space and a leading number ignored); a
  recommendation may instead be labelled by its ``opening`` and ``closing`` words, and is
  found when the stored text begins and ends with them (so a finding cut short, or run on
  into the next, is not found);
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
    # Totals of documents the truth keeps out of tuning, and of the rest, where it says.
    groups: dict[str, Score] = field(default_factory=dict)


def normalise(text: str | None) -> str:
    """Text compared for matching: lower case, words only, leading numbering dropped."""
    text = (text or "").lower()
    text = re.sub(r"^\s*(?:[•·▪\-–*]|\(?[a-z]?\d+(?:\.\d+)*[.)]?)\s+", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _same_text(got: str, wanted: dict) -> bool:
    """Equal text, or (for a row labelled by its first and last words) the same opening and
    closing; a closing may be labelled with or without a cross-reference in brackets that
    ends the item ("(Para 31)", "(This was a recommendation at the last inspection.)")."""
    if "text" in wanted:
        return normalise(got) == normalise(wanted["text"])
    closing = normalise(wanted.get("closing"))
    unreferenced = re.sub(r"\s*\([^()]{1,80}\)[.\s]*$", "", got)
    return normalise(got).startswith(normalise(wanted["opening"])) and (
        normalise(got).endswith(closing) or normalise(unreferenced).endswith(closing)
    )


def load_truth(path: str | Path) -> dict:
    """A truth file, or a folder of them (one per authority, say) read as one: their
    documents together, and their ``repeats`` with each finding named by file and id."""
    path = Path(path)
    if not path.is_dir():
        return json.loads(path.read_text(encoding="utf-8"))
    merged: dict = {"documents": [], "repeats": []}
    for part in sorted(path.glob("*.json")):
        truth = json.loads(part.read_text(encoding="utf-8"))
        files = {
            row["id"]: entry["file"]
            for entry in truth.get("documents", [])
            for row in entry.get("recommendations", [])
            if "id" in row
        }
        for entry in truth.get("documents", []):
            entry = {"held_out": truth.get("held_out", False), **entry}
            if "framework" in entry:  # labelled with its inspection framework: a report
                entry.setdefault("doc_type", "inspection_letter")
            if "doc_date" not in entry and (entry.get("published") or entry.get("inspection_end")):
                # An inspection report is dated by its publication, else the inspection's
                # last day: the date plandrift files it under.
                entry["doc_date"] = entry.get("published") or entry["inspection_end"]
            merged["documents"].append(entry)
        merged["repeats"] += [
            {
                "earlier": (files[pair["earlier"]], pair["earlier"]),
                "later": (files[pair["later"]], pair["later"]),
                "held_out": truth.get("held_out", False),
            }
            for pair in truth.get("repeats", [])
        ]
        merged.setdefault("lineage", []).extend(truth.get("lineage", []))
    if not merged["lineage"]:
        del merged["lineage"]
    return merged


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
        fields=("ref", "kind", "timescale", "body", "page"),
        rows=lambda entry: entry.get("recommendations", []),
        keep=lambda row: True,
        matches=lambda got, wanted: _same_text(got["text"], wanted),
        describe=lambda row: (
            row["text"][:90] if "text" in row else f"{row['opening']} ... {row.get('closing')}"
        ),
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
        keep=lambda row: row["source"] in ("prose", "plan_cell"),  # a sentence, in a cell or not
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
        truth = load_truth(truth)
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
        groups: dict[str, Score] = {}
        if any("held_out" in entry for entry in entries):
            for entry in entries:
                group = "held out" if entry.get("held_out") else "tuning"
                groups.setdefault(group, Score()).add(documents[entry["file"]])
        results[kind.name] = Evaluation(
            kind=kind, documents=documents, total=total, fields=fields, groups=groups
        )
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
        got = _take(unmatched, candidates, wanted)
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


def _take(unmatched: list[dict], candidates: list[dict], wanted: dict) -> dict:
    """The stored row a truth row is found as (one with the same ref first), taken out of
    *unmatched* so that no stored row counts twice."""
    same_ref = [item for item in candidates if "ref" in wanted and item.get("ref") == wanted["ref"]]
    got = (same_ref or candidates)[0]
    unmatched.remove(got)
    return got


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
    if name == "body":  # who a finding is made to: the LSCB's own are listed under it
        return "LSCB" if row.get("source") == "LSCB" else "other"
    return row.get(name)


def _same(name: str, got, wanted) -> bool:
    if name == "body":
        return (got == "LSCB") == (wanted == "LSCB")
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
        for group, score in sorted(evaluation.groups.items(), reverse=True):
            lines.append(_score_line(f"   TOTAL {group}", score))
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
            **{
                group: score_dict(score, evaluation.fields)
                for group, score in evaluation.groups.items()
            },
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
    header = f"{'links':44} {'found':>6} {'extra':>6} {'missed':>6} {'P':>6} {'R':>6} {'F1':>6}"
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


# --- repeats: the same finding made again by a later inspection ----------------------


def stored_truth_findings(db: sqlite_utils.Database, truth: dict) -> dict[tuple, int]:
    """The stored recommendation each labelled finding ``(file, id)`` was found as."""
    found = {}
    for entry in truth["documents"]:
        row = db.execute(
            "SELECT id FROM documents WHERE file_name = ? ORDER BY id DESC LIMIT 1",
            [entry["file"]],
        ).fetchone()
        if not row:
            continue
        unmatched = list(
            db.query(
                "SELECT id, text, ref FROM recommendations WHERE document_id = ? ORDER BY position",
                [row[0]],
            )
        )
        for wanted in entry.get("recommendations", []):  # matched as evaluate() matches
            candidates = [item for item in unmatched if _same_text(item["text"], wanted)]
            if candidates:
                got = _take(unmatched, candidates, wanted)
                if "id" in wanted:
                    found[(entry["file"], wanted["id"])] = got["id"]
    return found


def stored_repeats(db: sqlite_utils.Database, files: set[str]) -> set[tuple[int, int]]:
    """Repeat links stored between findings of two inspections of the labelled files."""
    return {
        (row["from_id"], row["to_id"])
        for row in db.query(
            "SELECT l.from_recommendation_id AS from_id, l.to_recommendation_id AS to_id, "
            "fd.file_name AS earlier, td.file_name AS later FROM recommendation_links l "
            "JOIN recommendations f ON f.id = l.from_recommendation_id "
            "JOIN recommendations t ON t.id = l.to_recommendation_id "
            "JOIN documents fd ON fd.id = f.document_id "
            "JOIN documents td ON td.id = t.document_id "
            "WHERE fd.doc_type = 'inspection_letter' AND td.doc_type = 'inspection_letter'"
        )
        if row["earlier"] in files and row["later"] in files
    }


def evaluate_repeats(db: sqlite_utils.Database, truth: dict) -> dict[str, Score]:
    """Precision and recall of the repeat links against the labelled pairs, in all and for
    the documents kept out of tuning and the rest. A labelled pair whose findings were not
    both extracted counts as missed."""
    found_as = stored_truth_findings(db, truth)
    files = {entry["file"] for entry in truth["documents"]}
    held_out_files = {entry["file"] for entry in truth["documents"] if entry.get("held_out")}
    texts = {
        row["id"]: row["text"]
        for row in db.query("SELECT id, text FROM recommendations WHERE kind = 'finding'")
    }
    stored = stored_repeats(db, files)
    held_out_ids = {
        stored_id for (file, _), stored_id in found_as.items() if file in held_out_files
    }
    scores = {"repeats": Score(), "repeats tuning": Score(), "repeats held out": Score()}

    def groups(held_out: bool) -> list[Score]:
        return [scores["repeats"], scores["repeats held out" if held_out else "repeats tuning"]]

    wanted = set()
    for pair in truth.get("repeats", []):
        ids = (found_as.get(tuple(pair["earlier"])), found_as.get(tuple(pair["later"])))
        hit = None not in ids and ids in stored
        wanted.add(ids)
        for score in groups(pair.get("held_out", False)):
            score.expected += 1
            score.found += hit
            if not hit:
                score.misses.append(
                    f"{pair['earlier'][1]} -> {pair['later'][1]} ({pair['later'][0]})"
                )
    for ids in stored:
        for score in groups(ids[1] in held_out_ids):
            score.extracted += 1
            if ids not in wanted:
                score.extras.append(f"{texts[ids[0]][:60]!r} -> {texts[ids[1]][:60]!r}")
    return scores


# --- documents: what each document is --------------------------------------------------

# Scored per truth document type, where the truth entry carries the key in brackets.
DOCUMENT_FIELDS = (
    ("doc_type", "doc_type"),
    ("organisation", "organisation"),
    ("doc_date", "doc_date"),
    ("title", "title"),
    ("plan", "series"),  # plan grouping: stored plan_key against truth series
    ("coverage", "coverage"),  # actions against the recommendation they sit under
)


def stored_organisation(db: sqlite_utils.Database, document: dict) -> str | None:
    """The organisation a stored document is of, by the name it is stored under.

    The one place that knows where that name lives (today the document's own column), so
    that moving it to an ``organisations`` table means changing this function only."""
    return document.get("organisation")


def evaluate_documents(db: sqlite_utils.Database, truth: dict | str | Path) -> dict[str, Score]:
    """Score what each document was recognised as, per truth document type.

    A document (matched by file name) is right on ``doc_type``, ``organisation`` (the exact
    canonical name) and ``doc_date`` when equal to the truth, on ``title`` when equal after
    white space is squashed and case ignored, and on ``plan`` when the stored documents
    sharing its ``plan_key`` are exactly the truth documents sharing its ``series`` (both among
    the truth's files; no key or no series is a group of one). ``coverage`` is scored per
    action: right when ``recommendation_coverage`` links the stored action with that text to
    a recommendation of the same document with the truth's ref. A document that was not
    stored is wrong on every field. Each Score counts documents found (``found`` of
    ``expected``) and, in ``fields``, right and scored per field."""
    if not isinstance(truth, dict):
        truth = load_truth(truth)
    entries = [entry for entry in truth["documents"] if "file" in entry]
    stored = {entry["file"]: _stored_document(db, entry["file"]) for entry in entries}
    files = set(stored)
    truth_groups = _groups({e["file"]: e.get("series") for e in entries})
    stored_groups = _groups(
        {name: (row or {}).get("plan_key") for name, row in stored.items() if name in files}
    )
    scores: dict[str, Score] = {}
    for entry in entries:
        score = scores.setdefault(entry.get("doc_type") or "unlabelled", Score())
        row = stored[entry["file"]]
        score.expected += 1
        score.found += row is not None
        score.extracted += row is not None
        for name, key in DOCUMENT_FIELDS:
            if key not in entry or (name == "coverage" and not entry[key]):
                continue
            if name == "coverage":
                right, total = _score_coverage(db, row, entry[key], score, entry["file"])
                score.fields[name][0] += right
                score.fields[name][1] += total
                continue
            if name == "plan":
                got = sorted(stored_groups.get(entry["file"], ()))
                wanted = sorted(truth_groups[entry["file"]])
            else:
                got = _document_value(db, row, name)
                wanted = entry[key]
            right = row is not None and _same_document_value(name, got, wanted)
            score.fields[name][0] += int(right)
            score.fields[name][1] += 1
            if not right:
                shown = got if row is not None else "(not stored)"
                score.wrong.append(f"{entry['file']}: {name}: got {shown!r}, expected {wanted!r}")
    return {name: score for name, score in scores.items() if score.fields}


def _stored_document(db: sqlite_utils.Database, file_name: str) -> dict | None:
    rows = list(
        db.query(
            "SELECT * FROM documents WHERE file_name = ? ORDER BY id DESC LIMIT 1", [file_name]
        )
    )
    return rows[0] if rows else None


def _groups(keys: dict[str, str | None]) -> dict[str, set[str]]:
    """Each file's group: the files with the same key (a file without one is alone)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for name, key in keys.items():
        if key is not None:
            by_key[key].add(name)
    return {name: by_key[key] if key is not None else {name} for name, key in keys.items()}


def _document_value(db: sqlite_utils.Database, row: dict | None, name: str):
    if row is None:
        return None
    if name == "organisation":
        return stored_organisation(db, row)
    return row.get(name)


def _same_document_value(name: str, got, wanted) -> bool:
    if name == "title":
        return _squashed(got) == _squashed(wanted)
    return got == wanted


def _squashed(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _score_coverage(
    db: sqlite_utils.Database, row: dict | None, pairs: list[dict], score: Score, file: str
) -> tuple[int, int]:
    """Right of *pairs* ``{"action": text, "recommendation": ref}`` that are linked."""
    if row is None:
        return 0, len(pairs)
    actions = list(
        db.query(
            "SELECT id, text FROM actions WHERE document_id = ? ORDER BY position", [row["id"]]
        )
    )
    linked: dict[int, set[str]] = defaultdict(set)
    if "recommendation_coverage" in db.table_names():
        for link in db.query(
            "SELECT c.action_id, r.ref FROM recommendation_coverage c "
            "JOIN recommendations r ON r.id = c.recommendation_id "
            "WHERE r.document_id = ?",
            [row["id"]],
        ):
            linked[link["action_id"]].add(_ref_key(link["ref"]))
    right = 0
    unmatched = list(actions)
    for pair in pairs:
        if pair.get("recommendation") is None:
            continue
        wanted = normalise(pair["action"])
        match = next((a for a in unmatched if normalise(a["text"]) == wanted), None)
        if match is not None:
            unmatched.remove(match)
        ok = match is not None and _ref_key(pair["recommendation"]) in linked[match["id"]]
        right += ok
        if not ok:
            found = sorted(linked[match["id"]]) if match else "(action not found)"
            score.wrong.append(
                f"{file}: coverage: got {found!r}, expected {pair['recommendation']!r} "
                f"({pair['action'][:50]})"
            )
    return right, sum(pair.get("recommendation") is not None for pair in pairs)


def _ref_key(ref: str | None) -> str:
    return re.sub(r"[\s.:)(]+", "", ref or "").lower()


def format_documents(scores: dict[str, Score], *, details: bool = False) -> str:
    """One line per document type and field: right, of, accuracy (then what was wrong)."""
    header = f"{'documents':24} {'field':14} {'right':>6} {'of':>6} {'acc':>6}"
    lines = [header, "-" * len(header)]
    for doc_type, score in scores.items():
        for name, _ in DOCUMENT_FIELDS:
            if name in score.fields:
                right, total = score.fields[name]
                lines.append(
                    f"{doc_type:24} {name:14} {right:6d} {total:6d} {_accuracy(score, name)}"
                )
    if details:
        lines += [f"documents wrong: {item}" for score in scores.values() for item in score.wrong]
    return "\n".join(lines)


def documents_as_json(scores: dict[str, Score]) -> dict:
    return {
        doc_type: {
            "found": score.found,
            "expected": score.expected,
            "accuracy": {name: score.accuracy(name) for name in score.fields},
        }
        for doc_type, score in scores.items()
    }


def format_evaluation(
    results: dict,
    lineage: dict,
    output_format: str = "text",
    *,
    details: bool = False,
    documents: dict[str, Score] | None = None,
) -> str:
    """What ``plandrift evaluate`` prints: JSON, or the record, document and lineage tables
    as text (*documents* is :func:`evaluate_documents`'s result)."""
    if output_format == "json":
        output = as_json(results)
        if documents:
            output["documents"] = documents_as_json(documents)
        for name, value in lineage.items():
            output[name] = {"precision": value.precision, "recall": value.recall, "f1": value.f1}
        return json.dumps(output, indent=2)
    parts = [format_report(results, details=details)] if results else []
    parts += [format_documents(documents, details=details)] if documents else []
    parts += [format_lineage(lineage, details=details)] if lineage else []
    return "\n\n".join(parts)


# What the reader is held to: every extracted row the same, positions within this many points.
READER_TOLERANCE = 0.05
_READER_RECORDS = ("actions", "recommendations", "indicators")


def reader_differences(path: str | Path) -> list[str]:
    """What changes in one PDF's extracted rows when pdfplumber reads every page instead of
    PDFium reading the pages of prose (``--pdf-reader auto``, the default): page text,
    actions, recommendations, indicators and the document's metadata, positions compared
    to READER_TOLERANCE points. Empty when the fast reader changes nothing."""
    from dataclasses import asdict

    from .extract.records import SourceFile
    from .ingest.errors import IngestError
    from .ingest.read import DEFAULT_MAX_FILE_SIZE as MAX  # the ingest default
    from .pipeline import process_file

    readings = {}
    for reader in ("auto", "pdfplumber"):
        try:
            readings[reader] = process_file(
                SourceFile(str(path), "", 0), None, {}, MAX, False, reader
            )
        except IngestError as error:
            readings[reader] = error.error_class
    fast, exact = readings["auto"], readings["pdfplumber"]
    if isinstance(fast, str) or isinstance(exact, str):
        return [] if fast == exact else [f"read as {fast!r} but as {exact!r} by pdfplumber alone"]
    differences = [
        f"page {one.number}: {_first_change(one.text.splitlines(), other.text.splitlines())}"
        for one, other in zip(fast.pages, exact.pages, strict=False)
        if (one.text, one.text_layer, one.width, one.height)
        != (other.text, other.text_layer, other.width, other.height)
    ]
    if len(fast.pages) != len(exact.pages):
        differences.append(f"{len(fast.pages)} pages, but {len(exact.pages)} by pdfplumber alone")
    for name in _READER_RECORDS:
        ours = [asdict(row) for row in getattr(fast, name)]
        theirs = [asdict(row) for row in getattr(exact, name)]
        if len(ours) != len(theirs):
            differences.append(f"{name}: {len(ours)} rows, but {len(theirs)} by pdfplumber alone")
        differences += [
            f"{name} row {number}: {_first_change([one], [other])}"
            for number, (one, other) in enumerate(zip(ours, theirs, strict=False), 1)
            if not _close(one, other)
        ]
    if asdict(fast.metadata) != asdict(exact.metadata):
        differences.append(
            f"metadata: {_first_change([asdict(fast.metadata)], [asdict(exact.metadata)])}"
        )
    return differences


def _close(one, other) -> bool:
    """Equal, numbers within READER_TOLERANCE, inside dictionaries, lists and tuples too."""
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_close(one[key], other[key]) for key in one)
    if isinstance(one, list | tuple) and isinstance(other, list | tuple):
        return len(one) == len(other) and all(map(_close, one, other))
    if isinstance(one, float) and isinstance(other, float):
        return abs(one - other) <= READER_TOLERANCE
    return one == other


def _first_change(ours: list, theirs: list) -> str:
    for one, other in zip(ours, theirs, strict=False):
        if not _close(one, other):
            if isinstance(one, dict):
                key = next(key for key in one if not _close(one[key], other.get(key)))
                return f"{key} {one[key]!r}, but {other.get(key)!r} by pdfplumber alone"
            return f"{one!r}, but {other!r} by pdfplumber alone"
    return f"{len(ours)} lines, but {len(theirs)} by pdfplumber alone"
