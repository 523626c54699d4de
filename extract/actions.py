"""Extract improvement-plan actions: every row of an action table, every labelled block, and
actions written as lists in board reports, each with its section, reference, lead, status,
due date, measure and update, traced to its page and box.

The column names, status words and list headings that drive this live in
``patterns/actions.json`` (and ``patterns/phrases.jsonl`` for the text-level rules); the
readers only apply them: action_tables.py (tables), action_blocks.py (labelled blocks) and
the lists here, over the fields of action_record.py.
"""

from __future__ import annotations

import re

from ..ingest.model import ReadDocument
from .action_blocks import block_actions
from .action_record import ExtractedAction, due_in_text, finish_action, normalise_text
from .action_tables import TableReader
from .lists import ListRules, read_lists
from .patterns import load_patterns

__all__ = ["ExtractedAction", "extract_actions"]


def extract_actions(
    document: ReadDocument, doc_date: str | None, notes: list[str] | None = None
) -> list[ExtractedAction]:
    """Every action in the document, in reading order. Where the extractor is unsure of
    what it read (a column it could not name, status cells it could not read), it says so
    once per document in ``notes``, when a list is given."""
    reader = TableReader(doc_date)
    actions = reader.read(document)
    if notes is not None:
        notes += reader.notes()
    blocks = block_actions(document, doc_date)
    taken = {(action.page, normalise_text(action.text)) for action in blocks}
    actions += blocks
    actions += [  # an "Action:" line opening a block is not a list item as well
        action
        for action in _list_actions(document, doc_date)
        if not any(
            page == action.page
            and (text.startswith(listed := normalise_text(action.text)) or listed.startswith(text))
            for page, text in taken
        )
    ]
    return [finish_action(action, doc_date) for action in actions]


def _list_actions(document: ReadDocument, doc_date: str | None) -> list[ExtractedAction]:
    """Actions written as numbered or bulleted items under an action heading ("Next steps"),
    and "Action: ..." lines anywhere."""
    patterns = load_patterns("actions")
    rules = ListRules(
        headings=re.compile(patterns["list_headings"], re.I),
        labelled=re.compile(patterns["action_line"], re.I),
    )
    actions = []
    for item in read_lists(document, rules):
        due_raw, due_date = due_in_text(item.text, doc_date)
        actions.append(
            ExtractedAction(
                page=item.page,
                bbox=item.bbox,
                text=item.text,
                ref=item.ref,
                section=item.heading,
                lead=_prose_lead(item.text),
                due_raw=due_raw,
                due_date=due_date,
                source="list",
            )
        )
    return actions


def _prose_lead(text: str) -> str | None:
    """The role or initials an item opens with ("AD CSC to circulate ..."), if any."""
    patterns = load_patterns("actions")
    match = re.match(patterns["prose_lead"], text)
    if not match:
        return None
    lead = match.group("lead")
    words = lead.lower().split()
    if words[-1] in patterns["lead_body_words"]:
        return None
    acronym = any(sum(char.isupper() for char in word) >= 2 for word in lead.split())
    return lead if acronym or any(word in patterns["lead_role_words"] for word in words) else None
