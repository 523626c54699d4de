"""Extract improvement-plan actions: every row of an action table, and actions written as
lists in board reports, each with its section, reference, lead, status, due date,
measure and update, traced to its page and box.

The column names, status words and list headings that drive this live in
``patterns/actions.json`` (and ``patterns/phrases.jsonl`` for the text-level rules); this
module only applies them. Tables are read in page order as one stream, so a table that
continues on the next page (with or without its header repeated) keeps its columns, a row
split by a page break is joined back together, and section rows carry over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from ..ingest.model import BBox, Cell, ReadDocument, Table
from ..wording import squash
from .dates import find_dates
from .due_dates import resolve_due
from .lists import SENTENCE_END, ListRules, clean_ref, read_lists
from .nlp import SPANS_KEY, pipeline, split_leads
from .patterns import load_patterns

_BULLETS = "•·▪‣◦●-–*\uf0b7\uf0a7"


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
    source: str = "table"  # table | list


def extract_actions(document: ReadDocument, doc_date: str | None) -> list[ExtractedAction]:
    """Every action in the document, in reading order."""
    actions = _TableReader(doc_date).read(document)
    actions += _list_actions(document, doc_date)
    return [_finish(action, doc_date) for action in actions]


# --- tables ------------------------------------------------------------------------------


@dataclass
class _Layout:
    """What each column of an action table holds, from its header."""

    roles: dict[int, str]  # column index -> role
    columns: int
    as_at: str | None  # the date the status/update columns speak for

    def column(self, role: str) -> int | None:
        return next((index for index, name in self.roles.items() if name == role), None)

    def columns_of(self, role: str) -> list[int]:
        return [index for index, name in self.roles.items() if name == role]


@dataclass
class _Row:
    page: int
    cells: list[str | None]  # None where a merged cell covers the slot
    bbox: BBox | None


class _TableReader:
    def __init__(self, doc_date: str | None):
        self.doc_date = doc_date
        self.layout: _Layout | None = None
        self.section: str | None = None
        self.actions: list[ExtractedAction] = []
        self.parent: int | None = None  # the action numbered sub-steps belong to
        self.has_due_column: list[bool] = []  # per action: did its table have a due column?

    def read(self, document: ReadDocument) -> list[ExtractedAction]:
        for page in document.pages:
            for table in page.tables:
                self._table(table)
        for action, has_due_column in zip(self.actions, self.has_due_column, strict=True):
            if has_due_column:
                action.due_date = resolve_due(action.due_raw, self.doc_date)
            elif action.update_text:
                action.due_raw, action.due_date = _due_in_text(action.update_text, self.doc_date)
        return self.actions

    def _table(self, table: Table) -> None:
        rows = [
            _Row(table.page, [cell.text if cell else None for cell in row], _row_bbox(row))
            for row in table.rows
        ]
        header_count, layout = _header(rows, self.doc_date)
        # A table right after an action table of the same shape (usually on the next page)
        # may begin with the rest of a row the page break split.
        continued = self.layout is not None and _same_shape(rows, self.layout)
        if layout is not None:
            self.layout = layout
        elif not continued:
            self.layout = None
            return
        for number, row in enumerate(rows[header_count:]):
            if _is_repeated_header(row, self.layout):
                continue
            self._row(row, first_of_continuation=continued and number == 0)

    def _row(self, row: _Row, first_of_continuation: bool) -> None:
        layout = self.layout
        filled = [index for index, text in enumerate(row.cells) if text and text.strip()]
        if not filled:
            return
        if len(filled) == 1 and all(cell is None for cell in row.cells[1:]) and filled == [0]:
            self._section_row(_squash(row.cells[0] or ""))
            return
        text_column = layout.column("text")
        text = (row.cells[text_column] or "").strip() if text_column is not None else ""
        if self.actions and (
            not text or (first_of_continuation and self._continues_previous(row, text))
        ):
            self._merge_into_previous(row)
            return
        if not text:
            return
        self._new_actions(row, text)

    def _section_row(self, text: str) -> None:
        narrative = load_patterns("actions")["narrative_row"]
        if (
            re.match(narrative, text, re.I)
            or len(text) > load_patterns("actions")["narrative_row_min_length"]
        ):
            return
        self.section = text
        self.parent = None

    def _continues_previous(self, row: _Row, text: str) -> bool:
        """The top of a page holding the rest of a row split by the page break."""
        layout = self.layout
        ref_column, lead_column = layout.column("ref"), layout.column("lead")
        if ref_column is not None:
            return not (row.cells[ref_column] or "").strip()
        lead_empty = lead_column is None or not (row.cells[lead_column] or "").strip()
        previous = self.actions[-1].text
        return lead_empty and (text[:1].islower() or not previous.rstrip().endswith(SENTENCE_END))

    def _merge_into_previous(self, row: _Row) -> None:
        action = self.actions[-1]
        values = self._values(row)
        for name in (
            "text",
            "lead",
            "due_raw",
            "status_raw",
            "measure",
            "measure_value",
            "update_text",
        ):
            extra = values.get(name)
            if extra:
                current = getattr(action, name)
                setattr(action, name, f"{current} {extra}" if current else extra)
        if values.get("complete_mark") and not action.status_raw:
            action.status_raw = values["complete_mark"]

    def _values(self, row: _Row) -> dict[str, str | None]:
        layout = self.layout

        def cell(role: str) -> str | None:
            index = layout.column(role)
            if index is None or index >= len(row.cells):
                return None
            return _squash(row.cells[index] or "") or None

        marks = {
            _squash(row.cells[index] or "")
            for index in layout.columns_of("week")
            if index < len(row.cells)
        }
        complete_mark = next(
            (mark for mark in marks if mark in load_patterns("actions")["completion_marks"]), None
        )
        return {
            "text": cell("text"),
            "ref": cell("ref"),
            "lead": cell("lead"),
            "due_raw": cell("due"),
            "status_raw": cell("status"),
            "measure": cell("measure"),
            "measure_value": cell("measure_value"),
            "update_text": cell("update"),
            "complete_mark": complete_mark,
        }

    def _new_actions(self, row: _Row, text: str) -> None:
        values = self._values(row)
        ref = values["ref"]
        body = text
        step = None
        if ref is None:
            step = re.match(load_patterns("actions")["step_ref"], _squash(text))
            numbered = re.match(load_patterns("actions")["row_ref"], _squash(text))
            if (
                step is None
                and numbered
                and self.layout.column("ref") is None
                and numbered.group("ref")[0].isalpha()
            ):
                ref, body = numbered.group("ref"), numbered.group("text")
        action = ExtractedAction(
            page=row.page,
            bbox=row.bbox,
            text=_squash(body),
            section=self.section,
            ref=clean_ref(ref),
            lead=values["lead"],
            due_raw=values["due_raw"],
            status_raw=values["status_raw"] or values["complete_mark"],
            measure=values["measure"],
            measure_value=values["measure_value"],
            update_text=values["update_text"],
            as_at=self.layout.as_at,
            source="table",
        )
        if step is not None and self.parent is not None:
            parent = self.actions[self.parent]
            action.ref, action.text = step.group("ref"), _squash(step.group("text"))
            action.parent_index, action.parent_ref = self.parent, parent.ref
        self._link_dotted_parent(action)
        sub_steps = _cell_steps(text)
        if sub_steps and step is None:
            action.text = _squash(sub_steps[0])
        has_due_column = self.layout.column("due") is not None
        self.actions.append(action)
        self.has_due_column.append(has_due_column)
        if step is None:
            self.parent = len(self.actions) - 1
        for number, step_text in sub_steps[1:]:
            self.has_due_column.append(has_due_column)
            self.actions.append(
                replace(
                    action,
                    ref=number,
                    text=_squash(step_text),
                    parent_ref=action.ref,
                    parent_index=self.parent,
                    leads=[],
                )
            )

    def _link_dotted_parent(self, action: ExtractedAction) -> None:
        """R2.3.1 belongs to R2.3 when the plan has an R2.3."""
        if not action.ref or "." not in action.ref or action.parent_index is not None:
            return
        parent_ref = action.ref.rsplit(".", 1)[0]
        for index in range(len(self.actions) - 1, -1, -1):
            if self.actions[index].ref == parent_ref:
                action.parent_ref, action.parent_index = parent_ref, index
                return


def _header(rows: list[_Row], doc_date: str | None) -> tuple[int, _Layout | None]:
    """How many rows at the top are header rows, and the columns' roles they give."""
    count = 0
    while count < min(3, len(rows)) and _looks_like_header(rows[count]):
        count += 1
    if count == 0:
        return 0, None
    columns = max(len(row.cells) for row in rows)
    roles: dict[int, str] = {}
    as_at = None
    for index in range(columns):
        texts = [_squash(row.cells[index] or "") for row in rows[:count] if index < len(row.cells)]
        for text in reversed([text for text in texts if text]):
            role = _role(text)
            if role:
                if role not in roles.values() or role == "week":
                    roles[index] = role
                if role in ("update", "status") and as_at is None:
                    as_at = _header_date(text, doc_date)
                break
    patterns = load_patterns("actions")
    if not all(role in roles.values() for role in patterns["action_table_needs"]):
        return 0, None
    if not any(role in roles.values() for role in patterns["action_table_needs_one_of"]):
        return 0, None
    return count, _Layout(roles=roles, columns=columns, as_at=as_at)


def _looks_like_header(row: _Row) -> bool:
    texts = [_squash(text) for text in row.cells if text and text.strip()]
    if not texts or any(len(text) > 60 for text in texts):
        return False
    named = sum(1 for text in texts if _role(text) and _role(text) != "week")
    weeks = sum(1 for text in texts if _role(text) == "week")
    months = sum(
        1
        for text in texts
        if re.search(r"\bmonth\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", text, re.I)
    )
    return named >= 2 or (weeks >= 3) or (months >= 2 and len(texts) <= months + 3)


@cache
def _role(text: str) -> str | None:
    for rule in load_patterns("actions")["column_roles"]:
        if re.search(rule["regex"], text, re.I):
            return rule["role"]
    return None


def _header_date(text: str, doc_date: str | None) -> str | None:
    """The date in a header such as "Update 21/05/2020" or "RAG 05/05" (year from the document)."""
    dates = find_dates(text)
    if dates and dates[0].precision == "day":
        return dates[0].iso
    short = re.search(r"\b(\d{1,2})/(\d{1,2})\b", text)
    if short and doc_date:
        day, month = int(short.group(1)), int(short.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{doc_date[:4]}-{month:02d}-{day:02d}"
    return None


def _same_shape(rows: list[_Row], layout: _Layout) -> bool:
    return bool(rows) and max(len(row.cells) for row in rows) == layout.columns


def _is_repeated_header(row: _Row, layout: _Layout) -> bool:
    texts = {index: _squash(text) for index, text in enumerate(row.cells) if text and text.strip()}
    matches = sum(
        1 for index, text in texts.items() if _role(text) and layout.roles.get(index) == _role(text)
    )
    return matches >= 2 and matches >= len(texts) - 2


def _row_bbox(row: list[Cell | None]) -> BBox | None:
    boxes = [cell.bbox for cell in row if cell and cell.bbox]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _cell_steps(text: str) -> list:
    """A cell holding "intro 1. step 2. step" as lines: [intro, (1, step), (2, step)]."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^\d{1,2}[.)]\s+\S", line.strip())]
    if len(starts) < 2:
        return []
    steps = [_squash(" ".join(lines[: starts[0]]))]
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        chunk = _squash(" ".join(lines[start:end]))
        number, rest = re.match(r"^(\d{1,2})[.)]\s+(.*)$", chunk).groups()
        steps.append((number, rest))
    return steps if steps[0] else []


# --- lists in prose ----------------------------------------------------------------------


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
        due_raw, due_date = _due_in_text(item.text, doc_date)
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


# --- fields ------------------------------------------------------------------------------


def _finish(action: ExtractedAction, doc_date: str | None) -> ExtractedAction:
    """Normalise the fields every action has: leads, status, due date."""
    if action.lead:
        action.leads = split_leads(action.lead)
    action.status, action.status_raw = _status(action)
    return action


def _status(action: ExtractedAction) -> tuple[str | None, str | None]:
    raw = _squash(action.status_raw or "")
    if raw:
        for rule in load_patterns("actions")["statuses"]:
            if re.match(rule["regex"], raw, re.I):
                return rule["status"], raw
    text = action.update_text if action.source == "table" else action.text
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


def _due_in_text(text: str, doc_date: str | None) -> tuple[str | None, str | None]:
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


def _squash(text: str) -> str:
    """The cell's text on one line, without a bullet or dash it opens or closes with."""
    return squash(text).strip(" " + _BULLETS).strip()
