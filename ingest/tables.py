"""Find tables on a page: from ruling lines where they are drawn, from text alignment where not.

Ruled tables come from pdfplumber's own finder (its "lines" strategy). Council Word exports
often have no rules at all, so a second finder rebuilds columns from where the words of a
header line start, then groups the following lines into rows: a new row begins after a
larger vertical gap than the line spacing inside a cell, or when a reference number
("R1.2", "3.1") starts the first column. A line that runs across the column boundaries
(a section heading inside the table) becomes a one-cell spanning row. Columns found on a
page carry over to the next page, so a table whose header is not repeated still reads.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from .model import Cell, Line, Table, Word

_REF = re.compile(r"^\(?[A-Za-z]{0,3}\d+(?:\.\d+)*[.)]?$")
# An action table has at least an action, a lead and a date or status: a header line that
# splits into fewer segments is a line of prose with a wide space in it.
_MIN_COLUMNS = 3
# Points a cell's text may start left of its column's header: cell padding differs from
# the header's by a few points in Word and Excel exports (a space is 2-3 points at 8-10 pt).
_ALIGN_TOLERANCE = 4.0
# Two words are in separate cells when the gap between them is wider than this share of the
# font size (or _MIN_CELL_GAP points): a space is about 0.25-0.3 em, a column gutter more
# than twice that.
_CELL_GAP_EM, _MIN_CELL_GAP = 0.6, 4.5
_DEFAULT_SIZE = 8.0  # points: the body size of most plan tables, when a line has no size
# A step to the next line this many times the line pitch ends the table (a paragraph or a
# new block below it); a blank line inside a cell is at most about two pitches.
_TABLE_END_PITCHES = 3.2
# A step within this many pitches is the next line of the same cell (line spacing varies a
# little with font metrics); anything larger starts a new row.
_WRAP_PITCHES = 1.3
_DEFAULT_PITCH = 10.0  # points: one line of 8-pt text with its leading, when nothing is seen


@dataclass(frozen=True)
class Columns:
    """Left edges of a table's columns (from its header words) and its right edge."""

    starts: tuple[float, ...]
    right: float

    def index(self, x0: float) -> int:
        """The column a word starting at ``x0`` falls in."""
        column = 0
        for number, start in enumerate(self.starts):
            if x0 >= start - _ALIGN_TOLERANCE:
                column = number
        return column


def ruled_tables(page, page_number: int) -> list[Table]:
    """Tables drawn with ruling lines, as pdfplumber finds them on an open page.

    Two repairs on top of pdfplumber's finder: a row split by the page break has no
    bottom rule, so its cells would be lost (the table is found again with a rule at its
    foot); and a merged cell spanning the row (a section heading) can be cut into pieces by
    a shaded column, so such a row is read again as one cell.
    """
    found = page.find_tables()
    open_feet = [foot for table in found if (foot := _open_foot(page, table)) is not None]
    if open_feet:
        found = page.find_tables({"explicit_horizontal_lines": open_feet})
    tables = []
    edges: dict[float, float] = {}  # cells share their row and column edges: store each once
    for table in found:
        rows: list[list[Cell | None]] = []
        for row, row_chars in zip(table.rows, _chars_by_row(table), strict=True):
            cells = [
                None
                if bbox is None
                else Cell(text=_text_in(row_chars, bbox), bbox=_rounded(bbox, edges))
                for bbox in row.cells
            ]
            if _spans_row(cells):
                text = _text_in(row_chars, row.bbox)
                cells = [Cell(text=text, bbox=_rounded(row.bbox))] + [None] * (len(cells) - 1)
            rows.append(cells)
        if _is_real_table(rows):
            tables.append(
                Table(page=page_number, rows=rows, bbox=_rounded(table.bbox), method="ruled")
            )
    return tables


def _chars_by_row(table) -> list[list[tuple]]:
    """Each row's characters as (middle_y, middle_x, char), in page order.

    pdfplumber's ``Table.extract`` tests every character on the page against every row,
    which dominates the cost of a page holding a long table; one sorted pass gives each row
    its characters instead, and cell text then comes out as ``extract`` gives it (same
    midpoint rule, same character order).
    """
    x0, top, x1, bottom = table.bbox
    inside = []
    for order, char in enumerate(table.page.chars):
        middle_y = (char["top"] + char["bottom"]) / 2
        middle_x = (char["x0"] + char["x1"]) / 2
        if top <= middle_y < bottom and x0 <= middle_x < x1:
            inside.append((middle_y, middle_x, order, char))
    inside.sort(key=lambda item: item[0])
    middles = [item[0] for item in inside]
    rows = []
    for row in table.rows:
        _, row_top, _, row_bottom = row.bbox
        in_row = inside[bisect_left(middles, row_top) : bisect_left(middles, row_bottom)]
        in_row.sort(key=lambda item: item[2])
        rows.append([(middle_y, middle_x, char) for middle_y, middle_x, _, char in in_row])
    return rows


def _text_in(row_chars: list[tuple], bbox) -> str:
    """The text of the characters whose middle lies in ``bbox``."""
    from pdfplumber.utils import extract_text

    left, top, right, bottom = bbox
    chars = [
        char
        for middle_y, middle_x, char in row_chars
        if left <= middle_x < right and top <= middle_y < bottom
    ]
    return extract_text(chars).strip() if chars else ""


def _open_foot(page, table) -> float | None:
    """Where the table's column rules end, when a row there is left open: a row continued
    on the next page has its side rules but no rule underneath, so pdfplumber finds no
    cells in it (or the table seems to end above it)."""
    x0, _, x1, bottom = table.bbox
    feet = [
        edge["bottom"]
        for edge in page.edges
        if edge["orientation"] == "v" and x0 - 1 <= edge["x0"] <= x1 + 1 and edge["top"] <= bottom
    ]
    if len(feet) < 2:
        return None
    foot = max(feet)
    last = table.rows[-1].cells
    left_open = sum(cell is None for cell in last) * 2 > len(last) and last[0] is None
    # Rules end a point or two past the last row pdfplumber found: only more is a cut-off row.
    return foot if foot > bottom + 2 or left_open else None


def _spans_row(cells: list[Cell | None]) -> bool:
    """The first cell covers the next one and most of the row: a merged heading row."""
    return (
        len(cells) > 2
        and cells[0] is not None
        and cells[1] is None
        and sum(cell is None for cell in cells) * 2 >= len(cells) - 1
    )


def _is_real_table(rows: list[list[Cell | None]]) -> bool:
    """Two rows and two columns at least, and cells holding more than word fragments."""
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    texts = [cell.text for row in rows for cell in row if cell and cell.text]
    if not texts:
        return False
    # Cells of one or two characters on average are a chart's labels or a grid of ticks.
    return statistics.mean(len(text) for text in texts) >= 3


def aligned_tables(
    lines: list[Line], page_number: int, carry: Columns | None
) -> tuple[list[Table], Columns | None]:
    """Tables laid out with white space only. Returns them and the columns still open at the
    bottom of the page (to continue a table on the next page)."""
    tables: list[Table] = []
    index = 0
    open_columns: Columns | None = None
    while index < len(lines):
        columns, body_start = _header_at(lines, index)
        if columns is None and carry is not None and index == _first_body_line(lines, carry):
            columns, body_start = carry, index
        if columns is None:
            index += 1
            continue
        carry = None
        rows, end = _rows(lines, body_start, columns)
        if rows:
            header = _header_cells(lines[index:body_start], columns) if body_start > index else []
            table_rows = ([header] if header else []) + rows
            tables.append(
                Table(
                    page=page_number,
                    rows=table_rows,
                    bbox=_bbox(lines[index:end]),
                    method="aligned",
                )
            )
            open_columns = columns if end >= len(lines) - _trailing_lines(lines) else None
        index = max(end, index + 1)
    return tables, open_columns


def _segments(line: Line) -> list[list[Word]]:
    """Words grouped where the gap between them is wider than a space: candidate cells."""
    if not line.words:
        return []
    gap = max(_MIN_CELL_GAP, _CELL_GAP_EM * (line.size or _DEFAULT_SIZE))
    groups = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - groups[-1][-1].x1 > gap:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _header_at(lines: list[Line], index: int) -> tuple[Columns | None, int]:
    """Columns when ``lines[index]`` is a table header followed by rows aligned under it."""
    segments = _segments(lines[index])
    if len(segments) < _MIN_COLUMNS or all(_numeric(group) for group in segments):
        return None, index
    columns = Columns(
        starts=tuple(group[0].x0 for group in segments),
        right=max(line.bbox[2] for line in lines if line.bbox)
        if lines[index].bbox
        else segments[-1][-1].x1,
    )
    body = index + 1
    # Header cells that wrap onto a second line, in the same style, each within its column.
    while (
        body < len(lines)
        and lines[body].bold == lines[index].bold
        and lines[index].bold
        and _aligned(lines[body], columns)
        and _within_columns(lines[body], columns)
    ):
        body += 1
    # A header is only a header if one of the next three lines lines up under it as a row.
    following = [
        line
        for line in lines[body : body + 3]
        if _aligned(line, columns) and len(_segments(line)) >= 2
    ]
    return (columns, body) if following else (None, index)


def _numeric(group: list[Word]) -> bool:
    return all(re.fullmatch(r"[\d.,%()\-–]+", word.text) for word in group)


def _aligned(line: Line, columns: Columns) -> bool:
    """Every segment of the line starts at (or just right of) a column start."""
    segments = _segments(line)
    if not segments:
        return False
    return all(
        any(abs(group[0].x0 - start) <= _ALIGN_TOLERANCE * 2 for start in columns.starts)
        for group in segments
    )


def _within_columns(line: Line, columns: Columns) -> bool:
    """No segment runs on into the next column (as a spanning heading row does)."""
    return all(
        columns.index(group[0].x0) == columns.index(group[-1].x1) for group in _segments(line)
    )


def _first_body_line(lines: list[Line], columns: Columns) -> int | None:
    """Where a table carried over from the previous page resumes (after any running header)."""
    for number, line in enumerate(lines[:6]):  # past a running header of up to five lines
        if _aligned(line, columns) and len(_segments(line)) >= 2:
            return number
    return None


def _trailing_lines(lines: list[Line]) -> int:
    """Footer lines at the bottom of the page (page numbers, running footers) to look past."""
    count = 0
    for line in reversed(lines):
        if len(line.text) <= 80 and count < 2:  # at most two short lines: page number, footer
            count += 1
        else:
            break
    return count


def _rows(lines: list[Line], start: int, columns: Columns) -> tuple[list[list[Cell | None]], int]:
    """Group the lines under a header into rows, until the table visibly ends."""
    pitch = _line_pitch(lines[start : start + 40])  # a page's worth of lines is enough
    rows: list[_Row] = []
    previous: Line | None = None
    end = start
    for number in range(start, len(lines)):
        line = lines[number]
        step = _step(previous, line)
        if step is not None and (step > pitch * _TABLE_END_PITCHES or step < 0):
            break
        placed = _assign(line, columns)
        if placed is None:
            break
        cells, spanning = placed
        starts_ref = (
            bool(cells[0]) and _REF.match(cells[0]) is not None and bool(rows and rows[-1].parts[0])
        )
        wrapped = step is not None and step <= pitch * _WRAP_PITCHES
        if (
            not rows
            or spanning != rows[-1].spanning
            or (spanning and not wrapped)
            or not wrapped
            or starts_ref
        ):
            rows.append(_Row(parts=[[] for _ in columns.starts], spanning=spanning, lines=[]))
        for column, text in enumerate(cells):
            if text:
                rows[-1].parts[column].append(text)
        rows[-1].lines.append(line)
        previous = line
        end = number + 1
    return [row.cells() for row in rows], end


@dataclass
class _Row:
    parts: list[list[str]]
    spanning: bool
    lines: list[Line]

    def cells(self) -> list[Cell | None]:
        bbox = _bbox(self.lines)
        if self.spanning:
            return [Cell(text="\n".join(self.parts[0]), bbox=bbox)] + [None] * (len(self.parts) - 1)
        return [Cell(text="\n".join(texts), bbox=bbox) for texts in self.parts]


def _line_pitch(lines: list[Line]) -> float:
    """The distance from one line to the next inside a cell: the smallest step seen."""
    steps = [step for a, b in pairwise(lines) if (step := _step(a, b)) and step > 0]
    return min(steps) if steps else _DEFAULT_PITCH


def _step(previous: Line | None, line: Line) -> float | None:
    if previous is None or not previous.bbox or not line.bbox:
        return None
    return line.bbox[1] - previous.bbox[1]


def _assign(line: Line, columns: Columns) -> tuple[list[str], bool] | None:
    """The line's text split into columns, and whether it spans them (a heading row).

    None when the line does not belong to the table (it starts left of the first column).
    """
    segments = _segments(line)
    if not segments or segments[0][0].x0 < columns.starts[0] - _ALIGN_TOLERANCE * 3:
        return None
    cells = ["" for _ in columns.starts]
    for group in segments:
        first, last = columns.index(group[0].x0), columns.index(group[-1].x0)
        text = " ".join(word.text for word in group)
        if first != last and len(segments) == 1:
            cells[0] = text
            return cells, True
        cells[first] = f"{cells[first]} {text}".strip()
    return cells, False


def _header_cells(lines: list[Line], columns: Columns) -> list[Cell | None]:
    parts: list[list[str]] = [[] for _ in columns.starts]
    for line in lines:
        for group in _segments(line):
            parts[columns.index(group[0].x0)].append(" ".join(word.text for word in group))
    box = _bbox(lines)
    return [Cell(text="\n".join(texts), bbox=box) for texts in parts]


def _bbox(lines: list[Line]):
    boxes = [line.bbox for line in lines if line.bbox]
    if not boxes:
        return None
    return (
        round(min(b[0] for b in boxes), 2),
        round(min(b[1] for b in boxes), 2),
        round(max(b[2] for b in boxes), 2),
        round(max(b[3] for b in boxes), 2),
    )


def _rounded(bbox, shared: dict[float, float] | None = None) -> tuple[float, float, float, float]:
    values = (round(float(value), 2) for value in bbox)
    if shared is not None:
        values = (shared.setdefault(value, value) for value in values)
    return tuple(values)  # type: ignore[return-value]
