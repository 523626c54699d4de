"""Checks shared by test modules: extracted rows that are not what they claim to be."""

from __future__ import annotations

import re

NOT_FIGURES = re.compile(r"^(?:\d{1,2}\.\d{1,2}|(?:19|20)\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$")


def suspicious_figures(db) -> list[str]:
    """Figures that are really a page number, a date, a year or a paragraph number."""
    problems = []
    for row in db.query("SELECT name, value, value_raw, unit, context, source FROM indicators"):
        raw = row["value_raw"].split()[0].rstrip("%")
        opens_sentence = (row["context"] or "").startswith(raw)  # where paragraph numbers stand
        percentage = row["value_raw"].split()[0].endswith("%")  # "20.4% of ..." is a figure
        if (
            row["source"] == "prose"
            and NOT_FIGURES.match(raw)
            and not percentage
            and (opens_sentence or "/" in raw)
        ):
            problems.append(f"{raw} in {row['context'][:60]}")
        if (
            row["source"] == "prose"
            and row["context"]
            and re.search(
                rf"\b(?:page|paragraph|section|action)\s+{re.escape(raw)}\b", row["context"], re.I
            )
        ):
            problems.append(f"{raw} (a reference) in {row['context'][:60]}")
        if (
            row["source"] == "prose"
            and row["unit"] == "count"
            and 1900 <= row["value"] <= 2100
            and float(row["value"]).is_integer()
        ):
            problems.append(f"year {raw} in {row['context'][:60]}")
    return problems


# Floors for every action field plandrift evaluate scores, held by each labelled document.
ACTION_FLOORS = {
    "f1": 0.95,
    "ref": 0.95,
    "parent_ref": 0.95,
    "parent_text": 0.95,
    "section": 0.95,
    "lead": 0.95,
    "status": 0.95,
    "status_raw": 0.95,
    "due_raw": 0.95,
    "due_date": 0.9,
    "page": 0.95,
}


def below_floor(
    kind: dict, floors: dict[str, float], lower: dict[str, dict[str, float]] | None = None
) -> list[str]:
    """Each document of one kind in ``plandrift evaluate --format json`` held to *floors*
    ({"f1": 0.95, "lead": 0.95, ...}), one by one, so that a good total cannot hide a document
    that scores badly. *lower* names the documents known to score below a floor today and the
    floor each is held to instead ({file: {"f1": 0.76}}): lowered, listed, never left out.
    Returns what falls short, with the figure."""
    lower = lower or {}
    problems = [
        f"{name}: a lowered floor for a document or measure not scored ({measure})"
        for name, measures in lower.items()
        for measure in measures
        if name not in kind["documents"] or measure not in floors
    ]
    for document, score in kind["documents"].items():
        for measure, default in floors.items():
            floor = lower.get(document, {}).get(measure, default)
            if measure in ("f1", "precision", "recall"):
                value = score[measure]
            elif measure not in score["accuracy"]:
                problems.append(f"{document}: {measure} is not scored (not in the truth?)")
                continue
            else:
                value = score["accuracy"][measure]
                if value is None:  # no pair found to score it on: the F1 floor speaks for it
                    if score["found"]:
                        problems.append(f"{document}: {measure} has no pair scored")
                    continue
            if value < floor:
                problems.append(f"{document}: {measure} {value:.3f} < floor {floor}")
    return problems


# plandrift's names for the sample truth's kinds of change for the worse (slippage).
SLIPPAGE = {
    "rag_worsened": "status_worsened",
    "due_date_moved": "due_date_moved",
    "dropped": "dropped",
    "stalled": "stalled",
}


def planted_slippage(truth: dict) -> set[tuple[str, str, str]]:
    """(later version's date, kind, ref) of each change for the worse that the sample
    generator planted (its --truth-out file): an action dropped before it was complete, RAG
    worse, target date moved, stalled. The ref is the later version's, or the dropped one's."""
    dates = {name: document["doc_date"] for name, document in truth["documents"].items()}
    rag = {
        (plan, row["ref"]): row["rag"]
        for plan, rows in truth["plan_actions"].items()
        for row in rows
    }
    return {
        (dates[change["to"]], SLIPPAGE[kind], change["to_ref"] or change["from_ref"])
        for change in truth["action_changes"]
        for kind in change["kinds"]
        if kind in SLIPPAGE
        and not (kind == "dropped" and rag[change["from"], change["from_ref"]] == "Blue")
    }
