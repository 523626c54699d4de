"""Read action tables into actions: tables are read in page order as one stream, so a table
that continues on the next page (with or without its header repeated) keeps its columns,
a row split by a page break is joined back together, and grouping rows carry over.

``section`` is the path of headings above a row: a heading printed above its table,
numbered section rows, the grouping rows inside them, and a theme column (also one merged
cell over its rows, drawn or not). Outcome rows are the rows' ``outcome``, not a section.
Merged cells give their value to every row they cover; sub-steps link to their parent and
take its values where their own cells are blank."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from ..ingest.model import BBox, Line, ReadDocument, Table, union_box
from .action_columns import (
    REF_CELL,
    ColumnLayout,
    TableRow,
    is_repeated_header,
    read_header,
    row_bbox,
    same_shape,
    under_columns,
)
from .action_record import (
    BULLETS,
    ExtractedAction,
    colour_status_raw,
    due_in_text,
    names_status,
    squash_cell,
)
from .dates import find_dates
from .due_dates import resolve_due
from .lists import PAGE_NUMBER, SENTENCE_END, clean_ref, running_lines, shape
from .patterns import load_patterns


@dataclass(frozen=True)
class TableReading:
    """How one table was read: the roles its columns were given (none when it was not taken
    for an action table) and how many rows at its top are header rows."""

    table: Table
    roles: dict[int, str]
    header_rows: int


def read_action_tables(document: ReadDocument, doc_date: str | None) -> list[TableReading]:
    """Every table of the document as the action extractor read it, for drawing what was
    found on a page (``plandrift show``)."""
    reader = TableReader(doc_date)
    reader.read(document)
    return reader.readings


class TableReader:
    def __init__(self, doc_date: str | None):
        self.doc_date = doc_date
        self.layout: ColumnLayout | None = None
        self.headings: list[tuple[int, str]] = []  # (depth, text): the section's path
        self.outcome: str | None = None  # an outcome row's statement, for the rows under it
        self.above: list[str | None] = []  # the previous row's cells, for merged-down cells
        self.actions: list[ExtractedAction] = []
        self.parent: int | None = None  # the action numbered sub-steps belong to
        self.has_due_column: list[bool] = []  # per action: did its table have a due column?
        self.readings: list[TableReading] = []
        self.full_rows = False  # do most rows of the table have two cells filled or more?
        self.unsure: dict[str, str] = {}  # what the reader could not make out, once per kind

    def read(self, document: ReadDocument) -> list[ExtractedAction]:
        headings = _headings_above_tables(document)
        for page in document.pages:
            for table in page.tables:
                self._table(table, headings.get(id(table)))
        for action, has_due_column in zip(self.actions, self.has_due_column, strict=True):
            if has_due_column:
                action.due_date = resolve_due(action.due_raw, self.doc_date)
                action.original_due_date = resolve_due(action.original_due_raw, self.doc_date)
            elif action.update_text:
                action.due_raw, action.due_date = due_in_text(action.update_text, self.doc_date)
        return self.actions

    def _table(self, table: Table, heading: str | None) -> None:
        rows = [
            TableRow(
                table.page,
                [cell.text if cell else None for cell in row],
                row_bbox(row),
                [cell.colour if cell else None for cell in row],
                [cell.bbox if cell else None for cell in row],
            )
            for row in table.rows
        ]
        header_count, layout = read_header(rows, self.doc_date)
        if layout is None and self.layout is not None and not same_shape(rows, self.layout):
            # Columns found afresh from the text's alignment (an empty column, or a scan's
            # specks, changed their number): put the cells back under the table's columns.
            rows = under_columns(rows, self.layout) or rows
        # A table right after an action table of the same shape (usually on the next page)
        # may begin with the rest of a row the page break split.
        continued = self.layout is not None and same_shape(rows, self.layout) and not heading
        if layout is not None:
            if self.layout is None or not same_shape(rows, self.layout):
                # A table of another shape starts its own grouping rows.
                self.headings = [(depth, text) for depth, text in self.headings if depth == 0]
            self.layout = layout
            self.above = []
        elif not continued:
            self.layout = None
            self.readings.append(TableReading(table, {}, 0))
            return
        if heading:  # a heading printed above the table starts a section of its own
            numbered = _heading_depth(heading)
            self.headings = [(0 if numbered == _UNNUMBERED else numbered, heading)]
            self.outcome = None
        self.readings.append(TableReading(table, dict(self.layout.roles), header_count))
        self._check_columns(table, rows, header_count)
        body = _spread_centred_groups(rows[header_count:], self.layout)
        filled = [sum(1 for text in row.cells if text and text.strip()) for row in body]
        self.full_rows = sum(1 for count in filled if count >= 2) * 4 >= len(body)
        for number, row in enumerate(body):
            if is_repeated_header(row, self.layout):
                continue
            following = body[number + 1] if number + 1 < len(body) else None
            self._row(row, first_of_continuation=continued and number == 0, next_row=following)

    def _row(self, row: TableRow, first_of_continuation: bool, next_row: TableRow | None) -> None:
        layout = self.layout
        filled = [index for index, text in enumerate(row.cells) if text and text.strip()]
        if not filled:
            return
        if len(filled) == 1 and all(cell is None for cell in row.cells[1:]) and filled == [0]:
            self._section_row(squash_cell(row.cells[0] or ""))
            return
        if (
            len(filled) == 1
            and _is_band(row, layout, self.full_rows)
            and not _opens_steps(next_row, layout)
        ):
            # A grouping row drawn without merging its cells: one short text, nothing else.
            self._section_row(squash_cell(row.cells[filled[0]] or ""))
            return
        merged = self._with_merged_cells(row)
        text_column = layout.column("text")
        text = (row.cells[text_column] or "").strip() if text_column is not None else ""
        if self.actions and (
            not text or (first_of_continuation and self._continues_previous(row, text))
        ):
            self._merge_into_previous(row)
            return
        if not squash_cell(text):
            return  # a lone bullet or dash
        self._new_actions(merged, text)

    def _check_columns(self, table: Table, rows: list[TableRow], header_count: int) -> None:
        """Note columns holding text that no role was found for, and status columns whose
        cells say nothing the status words or colours know."""
        body = [
            row
            for row in rows[header_count:]
            if sum(1 for text in row.cells if text) >= 3
            and not is_repeated_header(row, self.layout)
        ]
        header = rows[:header_count]
        for index in range(self.layout.columns):
            written = [
                squash_cell(row.cells[index] or "") for row in body if index < len(row.cells)
            ]
            written = [text for text in written if text]
            name = (
                " ".join(
                    squash_cell(row.cells[index] or "") for row in header if index < len(row.cells)
                ).strip()
                or f"column {index + 1}"
            )
            role = self.layout.roles.get(index)
            if role is None and len(written) * 2 > len(body) > 0:
                self.unsure.setdefault(
                    "column",
                    f"page {table.page}: the column headed '{name}' was not recognised, so "
                    "what it holds was not stored (plandrift show FILE --page "
                    f"{table.page} draws how the table was read)",
                )
            if role == "status":
                marks = load_patterns("actions")["completion_marks"]
                unreadable = [
                    text
                    for row in body
                    if index < len(row.cells)
                    and (text := squash_cell(row.cells[index] or ""))
                    and not names_status(text)
                    and text not in marks
                    and not colour_status_raw(row.colour(index))
                ]
                if len(unreadable) * 3 > len(written) > 0:
                    self.unsure.setdefault(
                        "status",
                        f"page {table.page}: the status column '{name}' holds values that "
                        f"are not a status (for example '{unreadable[0][:30]}'), so those "
                        "actions have no status",
                    )

    def notes(self) -> list[str]:
        return list(self.unsure.values())

    def _with_merged_cells(self, row: TableRow) -> TableRow:
        """A lead, theme or date cell merged down over several rows gives its value to each
        row it covers (the slot under a merged cell is None; an empty cell is "")."""
        inherited = [
            self.above[index]
            if cell is None
            and index < len(self.above)
            and self.layout.roles.get(index) in _MERGEABLE
            else cell
            for index, cell in enumerate(row.cells)
        ]
        self.above = inherited
        return replace(row, cells=inherited)

    def _section_row(self, text: str) -> None:
        patterns = load_patterns("actions")
        if (
            re.match(patterns["narrative_row"], text, re.I)
            or len(text) > patterns["narrative_row_min_length"]
        ):
            return
        outcome = re.match(patterns["outcome_row"], text, re.I)
        if outcome:  # "Outcome: children are seen ..." says what a group is for; not a section
            self.outcome = outcome.group("text")
            return
        depth = _heading_depth(text)
        self.headings = [(d, t) for d, t in self.headings if d < depth] + [(depth, text)]
        self.outcome = None
        self.parent = None
        self.above = []

    @property
    def section(self) -> str | None:
        return PATH.join(text for _, text in self.headings) or None

    def _continues_previous(self, row: TableRow, text: str) -> bool:
        """The top of a page holding the rest of a row split by the page break."""
        layout = self.layout
        ref_column, lead_column = layout.column("ref"), layout.column("lead")
        if ref_column is not None:
            return not (row.cells[ref_column] or "").strip()
        if text[:1].islower():  # a sentence carried on from the page before
            return True
        lead_empty = lead_column is None or not (row.cells[lead_column] or "").strip()
        previous = self.actions[-1].text
        return lead_empty and not previous.rstrip().endswith(SENTENCE_END)

    def _merge_into_previous(self, row: TableRow) -> None:
        action = self.actions[-1]
        values = self._values(row)
        for name in (
            "text",
            "lead",
            "due_raw",
            "original_due_raw",
            "outcome",
            "status_raw",
            "measure",
            "measure_value",
            "update_text",
        ):
            extra = values.get(name)
            if name == "status_raw" and action.status_raw and extra and extra.endswith("(colour)"):
                continue  # the fill of the rest of a row split by a page break
            current = getattr(action, name)
            if extra and extra != current:  # a merged cell's value is the row's already
                setattr(action, name, f"{current} {extra}" if current else extra)
        if values.get("complete_mark") and not action.status_raw:
            action.status_raw = values["complete_mark"]

    def _values(self, row: TableRow) -> dict[str, str | None]:
        layout = self.layout

        def cell(role: str) -> str | None:
            index = layout.column(role)
            if index is None or index >= len(row.cells):
                return None
            return squash_cell(row.cells[index] or "") or None

        marks = {
            squash_cell(row.cells[index] or "")
            for index in layout.columns_of("week") + layout.columns_of("done")
            if index < len(row.cells)
        }
        complete_mark = next(
            (mark for mark in marks if mark in load_patterns("actions")["completion_marks"]), None
        )
        status_column = layout.column("status")
        status_raw = cell("status")
        if status_column is not None and not names_status(status_raw):
            # No status word: the cell's fill or a coloured dot in it is the status.
            status_raw = colour_status_raw(row.colour(status_column)) or status_raw
        due, original = cell("due"), cell("original_due")
        return {
            "text": cell("text"),
            "ref": cell("ref"),
            "lead": cell("lead"),
            "due_raw": due or original,
            "original_due_raw": original if due and original else None,
            "status_raw": status_raw,
            "measure": cell("measure"),
            "measure_value": cell("measure_value"),
            "update_text": cell("update"),
            "outcome": cell("outcome"),
            "theme": cell("theme"),
            "complete_mark": complete_mark,
        }

    def _new_actions(self, row: TableRow, text: str) -> None:
        values = self._values(row)
        ref = values["ref"]
        body = text
        step = None
        if ref is None:
            step = re.match(load_patterns("actions")["step_ref"], squash_cell(text))
            numbered = re.match(load_patterns("actions")["row_ref"], squash_cell(text))
            if (
                step is None
                and numbered
                and self.layout.column("ref") is None
                and numbered.group("ref")[0].isalpha()
            ):
                ref, body = numbered.group("ref"), numbered.group("text")
        section = self.section
        if values["theme"]:
            section = f"{section}{PATH}{values['theme']}" if section else values["theme"]
        action = ExtractedAction(
            page=row.page,
            bbox=row.bbox,
            text=squash_cell(body),
            section=section,
            ref=clean_ref(ref),
            lead=values["lead"],
            due_raw=values["due_raw"],
            original_due_raw=values["original_due_raw"],
            status_raw=values["status_raw"] or values["complete_mark"],
            measure=values["measure"],
            measure_value=values["measure_value"],
            update_text=values["update_text"],
            outcome=values["outcome"] or self.outcome,
            as_at=self.layout.as_at,
            source="table",
            status_in_text=not ({"status", "done"} & set(self.layout.roles.values())),
        )
        if step is not None and self.parent is not None:
            parent = self.actions[self.parent]
            action.ref, action.text = step.group("ref"), squash_cell(step.group("text"))
            action.parent_index, action.parent_ref = self.parent, parent.ref
        self._link_dotted_parent(action)
        if action.parent_index is not None:  # a step's blank cells are its parent's
            parent = self.actions[action.parent_index]
            for name in ("lead", "due_raw", "original_due_raw", "status_raw"):
                if not getattr(action, name):
                    setattr(action, name, getattr(parent, name))
        sub_steps = cell_steps(text)
        if sub_steps and step is None:
            action.text = squash_cell(sub_steps[0])
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
                    text=squash_cell(step_text),
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


PATH = " › "  # between the headings of a section's path


# Cells a merged cell may cover in the rows below it: the value holds for each row it spans.
_MERGEABLE = {"lead", "theme", "due", "original_due", "status", "outcome", "measure"}


_UNNUMBERED = 10  # grouping rows without a number sit below every numbered level


def _heading_depth(text: str) -> int:
    """Where a grouping row sits in the path: a numbered one ("2.", "1.2", "Recommendation
    3:") by its number's depth; an unnumbered one below the numbered heading it follows."""
    number = re.match(load_patterns("actions")["numbered_heading"], text, re.I)
    return 1 + number.group("number").count(".") if number else _UNNUMBERED


def _is_band(row: TableRow, layout: ColumnLayout, full_rows: bool) -> bool:
    """A grouping row whose cells were not merged: one short cell in the first columns. In
    the action column it only counts where the table's actions have their other cells filled
    in, and when it is not numbered as a step."""
    filled = [index for index, text in enumerate(row.cells) if text and text.strip()]
    text = squash_cell(row.cells[filled[0]] or "")
    role = layout.roles.get(filled[0])
    one_word = len(text.split()) == 1
    if filled[0] > 1 or len(text) > 120 or text[:1].islower():
        return False
    if (one_word and not (text.isalpha() and len(text) >= 4)) or names_status(text):
        return False  # "Fostering" heads a group; "R", "Complete" or "C" do not
    if role == "text":  # a heading ("2. Care leavers"), not a step ("2.1.3 ...", "a) ...")
        step = re.match(r"^\(?[A-Za-z]{0,3}\d+\.\d+|^\(?[a-z][.)]\s", text)
        return (
            full_rows and not step and not row.cells[filled[0]].lstrip().startswith(tuple(BULLETS))
        )
    # Words standing alone in a column of dates, names or refs head a group of rows.
    return not find_dates(text) and not REF_CELL.match(text)


def _spread_centred_groups(rows: list[TableRow], layout: ColumnLayout) -> list[TableRow]:
    """Give each row the theme (or lead) of the merged cell it sits beside, where the table
    has no rules to show the merge: the value is printed once, vertically centred on its
    group of rows, so each group ends as far below the value's middle as it began above it.
    A lead column is only read so when one of its values sits off the middle of its row
    (a column of leads each in its own row says nothing about the rows left blank)."""
    for role in ("theme", "lead"):
        column = layout.column(role)
        if column is not None and (role == "theme" or _off_centre(rows, column)):
            rows = _spread_column(rows, column)
    return rows


def _off_centre(rows: list[TableRow], column: int) -> bool:
    for row in rows:
        box = row.boxes[column] if column < len(row.boxes) else None
        if row.bbox and box and (row.cells[column] or "").strip():
            height = row.bbox[3] - row.bbox[1]
            if height and abs((box[1] + box[3]) / 2 - (row.bbox[1] + row.bbox[3]) / 2) > height / 4:
                return True
    return False


def _spread_column(rows: list[TableRow], column: int) -> list[TableRow]:
    def action_row(row: TableRow) -> bool:
        return sum(1 for text in row.cells if text and text.strip()) >= 2

    values = [
        index
        for index, row in enumerate(rows)
        if column < len(row.cells)
        and (row.cells[column] or "").strip()
        and column < len(row.boxes)
        and row.boxes[column]
    ]
    if not values or not all(row.bbox for row in rows):
        return rows
    filled = list(rows)
    first = 0  # the first row not yet given to a group
    for index in values:
        box = rows[index].boxes[column]
        while first < index and not action_row(rows[first]):
            first += 1  # section rows are no part of a merge
        start = rows[first].bbox[1]
        end = (box[1] + box[3]) - start  # as far below the middle as the group began above
        last = index
        for position in range(first, len(rows)):
            row = rows[position]
            middle = (row.bbox[1] + row.bbox[3]) / 2
            has_own = position != index and (row.cells[column] or "").strip()
            if middle >= end or (position > index and (not action_row(row) or has_own)):
                break
            last = position
            if row.cells[column] == "" and action_row(row):
                cells = list(row.cells)
                cells[column] = rows[index].cells[column]
                filled[position] = replace(row, cells=cells)
        first = min(max(last, index) + 1, len(rows) - 1)
    return filled


def _opens_steps(row: TableRow | None, layout: ColumnLayout) -> bool:
    """The next row is a numbered sub-step ("1. Advertise posts"): this one is its parent."""
    column = layout.column("text")
    if row is None or column is None or column >= len(row.cells):
        return False
    return (
        re.match(load_patterns("actions")["step_ref"], squash_cell(row.cells[column] or ""))
        is not None
    )


def _headings_above_tables(document: ReadDocument) -> dict[int, str]:
    """The heading printed just above each table, when a plan writes each section as a
    heading followed by a table of its own. Only kept when two or more tables have one (a
    single table under the document's title has no section heading), and never a running
    header (a line printed on more than one page). A numbered heading ("1. Care leavers")
    counts on its own."""
    running = running_lines(document)
    found: dict[int, str] = {}
    for number, page in enumerate(document.pages):
        for table in page.tables:
            line, heading_page = _line_above(page, table), page
            if line is None and number and table is page.tables[0]:
                # A heading left at the foot of the page before, its table turned over.
                heading_page = document.pages[number - 1]
                line = _last_line(heading_page, running)
            if line is not None and shape(line.text) not in running:
                heading = _wrapped_heading(heading_page, line)
                if _heading_like(heading, page):
                    found[id(table)] = squash_cell(heading.text)
    if len(set(found.values())) >= 2:
        return found
    numbered = load_patterns("actions")["numbered_heading"]
    return {key: text for key, text in found.items() if re.match(numbered, text, re.I)}


def _line_above(page, table: Table):
    if table.line_index is not None:
        before = page.lines[: table.line_index]
        return before[-1] if before else None
    if not table.bbox:
        return None
    above = [
        line
        for line in page.lines
        if line.bbox
        and line.bbox[3] <= table.bbox[1] + 1
        and not any(
            other.bbox and _within(line.bbox, other.bbox)
            for other in page.tables
            if other is not table
        )
    ]
    if not above:
        return None
    line = max(above, key=lambda line: line.bbox[3])
    height = (line.bbox[3] - line.bbox[1]) or 10
    return line if table.bbox[1] - line.bbox[3] <= 3 * height else None


def _last_line(page, running: set[str]) -> Line | None:
    """The page's last line below all its tables, running footers and page numbers aside."""
    bottom = max((table.bbox[3] for table in page.tables if table.bbox), default=0)
    below = [
        line
        for line in page.lines
        if line.bbox
        and line.bbox[1] >= bottom
        and shape(line.text) not in running
        and not PAGE_NUMBER.fullmatch(line.text.strip())
    ]
    return below[-1] if below else None


def _wrapped_heading(page, last: Line) -> Line:
    """A heading wrapped over up to three lines, read whole: the line above a table joined
    with the lines just above it set in the same type ("Recommendation 1: Management
    oversight of ..." / "pre-proceedings.")."""
    index = next((i for i, line in enumerate(page.lines) if line is last), None)
    if index is None or not last.bold or not last.bbox:  # markup keeps a heading whole
        return last
    joined = [last]
    for line in reversed(page.lines[max(0, index - 2) : index]):
        top = joined[0]
        close = line.bbox is not None and top.bbox[1] - line.bbox[3] <= (top.size or 10)
        if line.bold != last.bold or line.size != last.size or not close:
            break
        joined.insert(0, line)
    if len(joined) == 1:
        return last
    return replace(
        last,
        text=" ".join(line.text for line in joined),
        bbox=union_box([line.bbox for line in joined if line.bbox]),
    )


def _within(box: BBox, outer: BBox) -> bool:
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= middle_x <= outer[2] and outer[1] <= middle_y <= outer[3]


def _heading_like(line, page) -> bool:
    text = squash_cell(line.text)
    set_apart = bool(line.heading_level) or line.bold  # a full stop ends many a finding
    ends_sentence = text.endswith((",", ";")) or (text.endswith(".") and not set_apart)
    too_long = len(text.split()) > (30 if set_apart else 18)
    if not text or too_long or ends_sentence or "\t" in line.text:
        return False
    if find_dates(text) and len(text.split()) <= 6:
        return False  # "Updated 14 March 2025"
    sizes = [other.size for other in page.lines if other.size]
    body = statistics.median(sizes) if sizes else None
    larger = bool(line.size and body and line.size > body + 0.5)
    numbered = re.match(load_patterns("actions")["numbered_heading"], text, re.I) is not None
    return bool(line.heading_level) or line.bold or larger or numbered


def cell_steps(text: str) -> list:
    """A cell holding an introduction and then steps, a line each ("1. step", "a) step", or
    a bullet): [intro, (ref, step), ...]; ref is None for bullets. [] when it holds none."""
    if "\n" not in text and text.count(" • ") >= 2:  # a text export keeps bullets inline
        text = text.replace(" • ", "\n• ")
    lines = text.split("\n")
    kinds = [_step_kind(line.strip()) for line in lines]
    starts = [index for index, kind in enumerate(kinds) if kind is not None]
    if len(starts) < 2 or len({kinds[index][0] for index in starts}) != 1 or starts[0] == 0:
        return []
    steps: list = [squash_cell(" ".join(lines[: starts[0]]))]
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        _, ref, first = kinds[start]
        steps.append((ref, squash_cell(" ".join([first, *lines[start + 1 : end]]))))
    return steps if steps[0] else []


def _step_kind(line: str) -> tuple[str, str | None, str] | None:
    """("number" | "letter" | "bullet", its ref, the step's text) for a line opening a step."""
    numbered = re.match(r"^(\d{1,2})[.)]\s+(\S.*)$", line)
    if numbered:
        return "number", numbered.group(1), numbered.group(2)
    lettered = re.match(r"^\(?([a-z])[.)]\s+(\S.*)$", line)
    if lettered:
        return "letter", lettered.group(1), lettered.group(2)
    if line[:1] in BULLETS and line[1:2] == " ":
        return "bullet", None, line[2:]
    return None
