"""One action as a document states it, and how its fields are read: status from the
words, marks or colour printed, a due date from running text, and the cell text cleaned.

Shared by the readers of action tables, labelled blocks and lists (action_tables.py,
action_blocks.py, actions.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.colour import hsv, is_coloured
from ..ingest.model import BBox
from ..wording import squash
from .due_dates import resolve_due
from .nlp import SPANS_KEY, pipeline, split_leads
from .patterns import load_patterns

BULLETS = "•·▪‣◦●-–*\uf0b7\uf0a7"


@dataclass
class ExtractedAction:
    """One action as the document states it, with where it is."""

    page: int
    text: str
    bbox: BBox | None = None
    section: str | None = None
    ref: str | None = None
    parent_ref: str | None = None
    parent_index: int | None = None  # index of the parent in the document's action list
    lead: str | None = None
    leads: list[str] = field(default_factory=list)
    status: str | None = None
    status_raw: str | None = None
    due_date: str | None = None
    due_raw: str | None = None
    measure: str | None = None
    measure_value: str | None = None
    update_text: str | None = None
    as_at: str | None = None
    source: str = "table"  # table | list | block
    outcome: str | None = None  # what the action should achieve (an outcome row or column)
    original_due_raw: str | None = None  # the first target date, where a revised one is given
    original_due_date: str | None = None
    # Whether an update opening with a status word ("Complete - ...") gives the status: not
    # where the table has a status or tick column of its own (a blank there is no status).
    status_in_text: bool = True


def names_status(text: str | None) -> bool:
    return bool(text) and any(
        re.match(rule["regex"], text, re.I) for rule in load_patterns("actions")["statuses"]
    )


def colour_status_raw(colour: str | None) -> str | None:
    """A status colour named as a reader would ("amber (colour)"), which the status
    words then read; None for white, grey or a hue no RAG scale uses."""
    if not is_coloured(colour):
        return None
    hue, _, _ = hsv(colour)
    for rule in load_patterns("actions")["status_colours"]:
        if any(low <= hue < high for low, high in rule["hues"]):
            return f"{rule['name']} (colour)"
    return None


def finish_action(action: ExtractedAction, doc_date: str | None) -> ExtractedAction:
    """Normalise the fields every action has: leads, status, due date."""
    if action.lead:
        action.leads = split_leads(action.lead)
    action.status, action.status_raw = _status(action)
    return action


def _status(action: ExtractedAction) -> tuple[str | None, str | None]:
    raw = squash_cell(action.status_raw or "")
    if raw:
        for rule in load_patterns("actions")["statuses"]:
            if re.match(rule["regex"], raw, re.I):
                return rule["status"], raw
        if raw in load_patterns("actions")["completion_marks"]:
            return "complete", raw
    if not action.status_in_text:
        return None, raw or None
    text = action.update_text if action.source in ("table", "block") else action.text
    if text and len(text.split()) <= 3:  # an update that is only a status word: "Complete"
        for rule in load_patterns("actions")["statuses"]:
            if re.fullmatch(rule["regex"] + r"[\s.!]*", text.strip(), re.I):
                return rule["status"], text.strip(" .!")
    if text:
        doc = pipeline()(text)
        # Longest first where two phrases start together ("Not yet due to start").
        for span in sorted(doc.spans[SPANS_KEY], key=lambda span: (span.start, -len(span))):
            # An update opens with its status ("Complete - issued 09/04/20"); an item in a
            # list may say anywhere that it is under way.
            at_start = span.start == 0 and span.label_ != "STATUS_IN_PROGRESS"
            in_item = action.source == "list" and span.label_ == "STATUS_IN_PROGRESS"
            if span.label_.startswith("STATUS_") and (at_start or in_item):
                words = span[:-1] if span[-1].is_punct else span  # "Complete -" says Complete
                return span.label_.removeprefix("STATUS_").lower(), words.text
    return (None, raw or None) if raw else (None, None)


def due_in_text(text: str, doc_date: str | None) -> tuple[str | None, str | None]:
    """The first due date stated in running text ("by 29th May", "w/b 18/05/20"), skipping
    dates of things already done ("Issued 09/04/20")."""
    doc = pipeline()(text)
    spans = doc.spans[SPANS_KEY]
    for cue in (span for span in spans if span.label_ == "DUE_CUE"):
        sentence = cue.sent
        before = [span.label_ for span in spans if sentence.start <= span.start < cue.start]
        if "DONE_CUE" in before and "FUTURE_CUE" not in before:
            continue  # "Issued 09/04/20" reports a date; "will be held by ..." sets one
        keep_cue = cue.text.lower().replace(" ", "") in {"w/b", "w/c", "wc", "wb"}
        start = cue.start_char if keep_cue else cue.end_char
        words = doc.text[start : sentence.end_char].split()[:9]
        length = next(
            (
                n
                for n in range(2 if keep_cue else 1, len(words) + 1)
                if resolve_due(" ".join(words[:n]), doc_date)
            ),
            None,
        )
        if length is None:
            continue
        # "by March" resolves already; keep the year that follows it ("by March 2021").
        while length < len(words) and re.match(r"^['’]?\d{2,4}[.,;:)]?$", words[length]):
            if not resolve_due(" ".join(words[: length + 1]), doc_date):
                break
            length += 1
        phrase = " ".join(words[:length])
        raw = phrase if keep_cue else f"{cue.text} {phrase}"
        return raw.strip(" .,;:"), resolve_due(phrase, doc_date)
    return None, None


def normalise_text(text: str) -> str:
    """Words only, lower case: to tell whether two readings of a line are the same line."""
    return " ".join(re.findall(r"\w+", text.lower()))


def squash_cell(text: str) -> str:
    """The cell's text on one line, without a bullet or dash it opens or closes with."""
    return squash(text).strip(" " + BULLETS).strip()
