"""Actions written outside tables as labelled blocks, as Word reports set them out: an
"Action 1.2:" (or "Ref R1.1:", or numbered) line, then "Lead officer: ...", "Target date:
...", "RAG rating: ..." lines in any order and wording, read with the column words of
action tables."""

from __future__ import annotations

import re

from ..ingest.model import ReadDocument
from .action_columns import column_role
from .action_record import (
    ExtractedAction,
    colour_status_raw,
    names_status,
    squash_cell,
)
from .action_tables import PATH
from .due_dates import resolve_due
from .lists import clean_ref, running_lines, shape
from .patterns import load_patterns

# Block fields whose label names one of these column roles are read; others end the field.
_BLOCK_FIELDS = {
    "lead": "lead",
    "due": "due_raw",
    "original_due": "original_due_raw",
    "status": "status_raw",
    "done": "status_raw",
    "update": "update_text",
    "measure": "measure",
    "outcome": "outcome",
}


def block_actions(document: ReadDocument, doc_date: str | None) -> list[ExtractedAction]:
    """Actions written as labelled blocks, as Word reports set them out: an "Action 1.2:"
    line, then "Lead officer: ...", "Target date: ...", "RAG rating: ..." lines in any order
    and wording (the labels are read with the column words of action tables)."""
    patterns = load_patterns("actions")
    start = re.compile(patterns["block_action"], re.I)
    numbered = re.compile(patterns["block_numbered_action"])
    label = re.compile(patterns["block_label"])
    running = running_lines(document)
    actions: list[ExtractedAction] = []
    unlabelled: set[int] = set()  # blocks without a labelled field (yet)
    heading: str | None = None
    for page in document.pages:
        current: ExtractedAction | None = None
        field_name: str | None = "text"
        previous = None
        for number, line in enumerate(page.lines):
            text = squash_cell(line.text)
            if not text or "\t" in line.text:
                continue
            opened = start.match(text)
            if opened and column_role(opened.group("label").strip()) not in ("text", "ref"):
                opened = None
            if not opened and _fields_follow(page.lines, number, label):
                opened = numbered.match(text)  # "A1 Ensure that ...", fields under it
            labelled = label.match(text)
            if not (opened or labelled) and shape(line.text) in running:
                continue  # a running header or footer
            role = column_role(labelled.group("label").strip()) if labelled and not opened else None
            if opened:
                current = ExtractedAction(
                    page=page.number,
                    bbox=line.bbox,
                    text=opened.group("text"),
                    ref=clean_ref(opened.group("ref")) if opened.group("ref") else None,
                    section=heading,
                    source="block",
                )
                actions.append(current)
                unlabelled.add(id(current))
                field_name = "text"
            elif current is not None and labelled and role:
                unlabelled.discard(id(current))  # it has fields: a block
                field_name = _BLOCK_FIELDS.get(role)  # other labels are passed over
                value = labelled.group("value").strip() or None
                if field_name == "status_raw":  # the block states its status, if any, here
                    current.status_in_text = False
                    if not names_status(value):
                        value = colour_status_raw(line.mark_colour) or value  # "RAG: ●" in red
                if role == "theme" and value:  # "Theme: Workforce": the innermost section
                    current.section = f"{heading}{PATH}{value}" if heading else value
                if field_name:
                    setattr(current, field_name, value)
            elif current is not None and field_name and _wraps_on(previous, line):
                value = getattr(current, field_name)
                setattr(current, field_name, f"{value} {text}" if value else text)
            elif not labelled and len(text.split()) <= 15 and not text.endswith("."):
                current, heading = None, text  # a heading between blocks
            else:
                current = None
            previous = line
    # An "Action:" line with no labelled fields under it is an item of prose: the list
    # reader takes it, with the lead and date its sentence names.
    actions = [action for action in actions if id(action) not in unlabelled]
    for action in actions:
        if action.status_raw and not names_status(action.status_raw):
            action.status_raw = None
        if not action.due_raw:  # only the original date: it still stands
            action.due_raw, action.original_due_raw = action.original_due_raw, None
        action.due_date = resolve_due(action.due_raw, doc_date)
        action.original_due_date = resolve_due(action.original_due_raw, doc_date)
    return actions


def _fields_follow(lines: list, index: int, label: re.Pattern) -> bool:
    """The line after this one is a labelled field of an action ("Lead officer: ...")."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    found = label.match(squash_cell(following.text)) if following else None
    return bool(found) and column_role(found.group("label").strip()) not in (None, "text", "ref")


def _wraps_on(previous, line) -> bool:
    """The line carries on the one above (a long value wrapped by the page): set close
    under it, in the same style. Lines without positions (Word, web pages, text) are whole
    paragraphs and never wrap."""
    if previous is None or not previous.bbox or not line.bbox or previous.bold != line.bold:
        return False
    height = previous.bbox[3] - previous.bbox[1]
    return 0 <= line.bbox[1] - previous.bbox[3] <= height * 0.8
