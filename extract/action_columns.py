"""What each column of an action table holds: from its header words when they are known
(``patterns/actions.json``), from what its cells hold when not (dates, status words or
colours, references, role names, long text), so another council's wording or words OCR
ran together still give the table its columns."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from functools import cache

from ..ingest.model import BBox, Cell, Table, union_box
from .action_record import colour_status_raw, names_status, squash_cell
from .dates import find_dates
from .due_dates import NO_DATE as _NO_DATE
from .due_dates import resolve_due
from .patterns import load_patterns

REF_CELL = re.compile(r"^\(?[A-Za-z]{0,3}\s?\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?[.)]?$")


@dataclass
class ColumnLayout:
    """What each column of an action table holds, from its header."""

    roles: dict[int, str]  # column index -> role
    columns: int
    as_at: str | None  # the date the status/update columns speak for
    lefts: tuple[float, ...] = ()  # each column's left edge, where the header shows it

    def column(self, role: str) -> int | None:
        return next((index for index, name in self.roles.items() if name == role), None)

    def columns_of(self, role: str) -> list[int]:
        return [index for index, name in self.roles.items() if name == role]


@dataclass
class TableRow:
    page: int
    cells: list[str | None]  # None where a merged cell covers the slot
    bbox: BBox | None
    colours: list[str | None] = field(default_factory=list)  # each cell's colour, if any
    boxes: list[BBox | None] = field(default_factory=list)  # each cell's box, if known

    def colour(self, index: int) -> str | None:
        return self.colours[index] if index < len(self.colours) else None


def read_header(rows: list[TableRow], doc_date: str | None) -> tuple[int, ColumnLayout | None]:
    """How many rows at the top are header rows, and the columns' roles they give.

    Columns whose header words are unknown (another council's wording, or words OCR ran
    together) get a role from what their cells hold: dates, status words or colours,
    references, names of roles, or long text."""
    count = 0
    while count < min(3, len(rows)) and _looks_like_header(rows[count]):
        count += 1
    if count == 0 and _may_be_header(rows):
        count = 1
    if count == 0:
        return 0, None
    columns = max(len(row.cells) for row in rows)
    roles: dict[int, str] = {}
    as_at = None
    for index in range(columns):
        texts = [
            squash_cell(row.cells[index] or "") for row in rows[:count] if index < len(row.cells)
        ]
        for text in reversed([text for text in texts if text]):
            role = column_role(text)
            if role:
                if role not in roles.values() or role == "week":
                    roles[index] = role
                if role in ("update", "status") and as_at is None:
                    as_at = _header_date(text, doc_date)
                break
    named_text = "text" in roles.values()
    _roles_from_content(roles, rows[count:], columns, doc_date)
    if not named_text and len({"lead", "due", "status", "done"} & set(roles.values())) < 2:
        return 0, None  # long text beside a date alone is a table of measures, not actions
    patterns = load_patterns("actions")
    if not all(role in roles.values() for role in patterns["action_table_needs"]):
        return 0, None
    if not any(role in roles.values() for role in patterns["action_table_needs_one_of"]):
        return 0, None
    boxes = rows[count - 1].boxes
    lefts = tuple(box[0] for box in boxes if box) if len(boxes) == columns else ()
    if len(lefts) != columns:
        lefts = ()
    return count, ColumnLayout(roles=roles, columns=columns, as_at=as_at, lefts=lefts)


def _looks_like_header(row: TableRow) -> bool:
    texts = [squash_cell(text) for text in row.cells if text and text.strip()]
    if not texts or any(len(text) > 60 for text in texts):
        return False
    named = sum(1 for text in texts if column_role(text) and column_role(text) != "week")
    weeks = sum(1 for text in texts if column_role(text) == "week")
    months = sum(
        1
        for text in texts
        if re.search(r"\bmonth\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", text, re.I)
    )
    return named >= 2 or (weeks >= 3) or (months >= 2 and len(texts) <= months + 3)


def _may_be_header(rows: list[TableRow]) -> bool:
    """A first row of short labels, one of them a known column word, over longer rows:
    a header whose other words are unknown."""
    if len(rows) < 2:
        return False
    texts = [squash_cell(text) for text in rows[0].cells if text and text.strip()]
    return (
        len(texts) >= 3
        and all(len(text) <= 40 and not find_dates(text) for text in texts)
        and any(column_role(text) for text in texts)
    )


def is_action_table(table: Table) -> bool:
    """A table whose header names an action column and two other kinds of plan column."""
    for row in table.rows[:3]:
        roles = {column_role(cell.text) for cell in row if cell is not None and cell.text}
        if "text" in roles and len(roles & _PLAN_COLUMNS) >= 2:
            return True
    return False


_PLAN_COLUMNS = {"lead", "due", "status", "update"}


@cache
def column_role(text: str) -> str | None:
    for rule in load_patterns("actions")["column_roles"]:
        if re.search(rule["regex"], text, re.I):
            return rule["role"]
    if " " not in text and 6 < len(text) <= 30:  # OCR ran the words together: "Targetdate"
        for cut in range(3, len(text) - 2):
            role = column_role(f"{text[:cut]} {text[cut:]}")
            if role:
                return role
    return None


def _roles_from_content(
    roles: dict[int, str], body: list[TableRow], columns: int, doc_date: str | None
) -> None:
    """Give roles to columns the header left unnamed, from what their cells hold (in
    place). Each role goes to one column at most; long text is the action, then the update."""
    kinds = {
        index: _content_kind([row for row in body if index < len(row.cells)], index, doc_date)
        for index in range(columns)
        if index not in roles
    }
    for kind, role in (("status", "status"), ("date", "due"), ("ref", "ref"), ("lead", "lead")):
        if role in roles.values():
            continue
        found = next((index for index, got in kinds.items() if got == kind), None)
        if found is not None:
            roles[found] = role
    for role in ("text", "update"):
        if role in roles.values():
            continue
        found = next(
            (index for index, got in sorted(kinds.items()) if got == "long" and index not in roles),
            None,
        )
        if found is not None:
            roles[found] = role


def _content_kind(rows: list[TableRow], index: int, doc_date: str | None) -> str | None:
    """What most cells of one column hold: status, date, ref, lead or long text."""
    texts = [squash_cell(row.cells[index] or "") for row in rows if row.cells[index] is not None]
    if len(texts) < 2:
        return None
    written = [text for text in texts if text]
    coloured = sum(
        1
        for row in rows
        if row.cells[index] is not None
        and not squash_cell(row.cells[index] or "")
        and colour_status_raw(row.colour(index))
    )
    share = 0.6

    def most(test) -> bool:
        return bool(written) and sum(1 for text in written if test(text)) >= share * len(written)

    if coloured >= share * len(texts) or (
        written and most(lambda text: len(text.split()) <= 3 and names_status(text))
    ):
        return "status"
    if most(lambda text: resolve_due(text, doc_date) is not None or _NO_DATE.match(text)):
        return "date" if any(resolve_due(text, doc_date) for text in written) else None
    if most(lambda text: REF_CELL.match(text) is not None):
        return "ref"
    if most(_looks_like_lead):
        return "lead"
    if written and statistics.mean(len(text) for text in written) >= 30:
        return "long"
    return None


def _looks_like_lead(text: str) -> bool:
    words = text.replace(",", " ").replace("/", " ").split()
    if not words or len(words) > 10:
        return False
    role_words = set(load_patterns("actions")["lead_role_words"])
    acronym = any(sum(char.isupper() for char in word) >= 2 for word in words)
    return acronym or any(word.lower().strip("()") in role_words for word in words)


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


def under_columns(rows: list[TableRow], layout: ColumnLayout) -> list[TableRow] | None:
    """The rows with each cell moved under the column of the layout its left edge falls in;
    None when the layout's or the rows' edges are not known."""
    if not layout.lefts:
        return None
    moved = []
    for row in rows:
        if row.cells and all(cell is None for cell in row.cells[1:]):  # a spanning row
            moved.append(replace(row, cells=[row.cells[0]] + [None] * (layout.columns - 1)))
            continue
        if not all(row.boxes):
            return None
        cells: list[str | None] = [""] * layout.columns
        colours: list[str | None] = [None] * layout.columns
        boxes: list[BBox | None] = [None] * layout.columns
        for text, colour, box in zip(row.cells, row.colours, row.boxes, strict=False):
            column = max(
                (index for index, left in enumerate(layout.lefts) if box[0] >= left - 4),
                default=0,
            )
            cells[column] = f"{cells[column]}\n{text}".strip() if text else cells[column]
            colours[column] = colours[column] or colour
            boxes[column] = boxes[column] or box
        moved.append(replace(row, cells=cells, colours=colours, boxes=boxes))
    return moved


def same_shape(rows: list[TableRow], layout: ColumnLayout) -> bool:
    return bool(rows) and max(len(row.cells) for row in rows) == layout.columns


def is_repeated_header(row: TableRow, layout: ColumnLayout) -> bool:
    texts = {
        index: squash_cell(text) for index, text in enumerate(row.cells) if text and text.strip()
    }
    matches = sum(
        1
        for index, text in texts.items()
        if column_role(text) and layout.roles.get(index) == column_role(text)
    )
    return matches >= 2 and matches >= len(texts) - 2


def row_bbox(row: list[Cell | None]) -> BBox | None:
    return union_box([cell.bbox for cell in row if cell and cell.bbox])
