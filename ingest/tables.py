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
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .model import BBox, Cell, Fill, Line, Table, Word

_REF = re.compile(r"^\(?[A-Za-z]{0,3}\d{1,3}(?:\.\d+)*[.)]?$")  # not a year
_LABELLED_REF = re.compile(
    r"^\(?(?:[A-Za-z]{1,3}\d{1,2}(?:\.\d{1,2})*|\d{1,2}(?:\.\d{1,2})+)[.)]?$"
)
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
# A header cell's words wrap onto a line at most this many font sizes below the last (a
# section row under the header sits further down, past the cells' padding).
_WRAP_EM = 1.4
# Line spacing is at least this many times the font size (fonts' leading is 1.15-1.2 em).
_MIN_PITCH_EM = 1.1
_DEFAULT_PITCH = 10.0  # points: one line of 8-pt text with its leading, when nothing is seen


# A horizontal line parting rows: its height and the stretches it covers (it may break
# off where a merged cell runs on over the row below).
Rule = tuple[float, tuple[tuple[float, float], ...]]


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


def colour_at(box: BBox | None, fills: list[Fill]) -> str | None:
    """The colour a cell shows: the smallest coloured area covering its middle (its fill),
    else the colour of coloured glyphs inside it (a RAG dot, a word printed in red)."""
    if not box or not fills:
        return None
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    covering = [
        fill
        for fill in fills
        if fill.bbox[0] <= middle_x <= fill.bbox[2]
        and fill.bbox[1] <= middle_y <= fill.bbox[3]
        and _area(fill.bbox) > _area(box) * 0.25
    ]
    if covering:
        return min(covering, key=lambda fill: _area(fill.bbox)).colour
    inside = [
        fill.colour
        for fill in fills
        if box[0] <= (fill.bbox[0] + fill.bbox[2]) / 2 <= box[2]
        and box[1] <= (fill.bbox[1] + fill.bbox[3]) / 2 <= box[3]
    ]
    return max(set(inside), key=inside.count) if inside else None


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def ruled_tables(page, page_number: int, fills: list[Fill] = ()) -> list[Table]:
    """Tables drawn with ruling lines, as pdfplumber finds them on an open page.

    Three repairs on top of pdfplumber's finder: a row split by the page break has no
    bottom rule, so its cells would be lost (the table is found again with a rule at its
    foot); a merged cell spanning the row (a section heading) can be cut into pieces by
    a shaded column, so such a row is read again as one cell; and a cell merged down over
    several rows, which pdfplumber may give to no row at all, is given to its first row.
    """
    found = page.find_tables()
    open_feet = [foot for table in found if (foot := _open_foot(page, table)) is not None]
    if open_feet:
        found = page.find_tables({"explicit_horizontal_lines": open_feet})
    tables = []
    edges: dict[float, float] = {}  # cells share their row and column edges: store each once
    for table in found:
        rows: list[list[Cell | None]] = []
        # The merged slots of each row: a pattern most rows share is how the grid was
        # drawn (a header's padding cutting every row's cells into narrow columns), not a
        # heading merged across the row.
        patterns = Counter(tuple(bbox is None for bbox in row.cells) for row in table.rows)
        for row, row_chars in zip(table.rows, _chars_by_row(table), strict=True):
            cells = [
                None
                if bbox is None
                else Cell(
                    text=_text_in(row_chars, bbox),
                    bbox=_rounded(bbox, edges),
                    colour=colour_at(bbox, fills),
                )
                for bbox in row.cells
            ]
            shared = patterns[tuple(bbox is None for bbox in row.cells)]
            if _spans_row(cells) and not (shared >= 2 and shared * 2 >= len(table.rows)):
                text = _text_in(row_chars, row.bbox)
                cells = [Cell(text=text, bbox=_rounded(row.bbox))] + [None] * (len(cells) - 1)
            rows.append(cells)
        _recover_merged_cells(rows, table)
        if _is_real_table(rows):
            tables.append(
                Table(page=page_number, rows=rows, bbox=_rounded(table.bbox), method="ruled")
            )
    return tables


def could_hold_ruled_table(edges: list[dict], bbox: BBox) -> bool:
    """Whether pdfplumber's finder could draw a table of two rows and two columns from
    these edges (pdfplumber's edge dictionaries, from any reader), before any text is
    looked at: a page where it could not needs no pdfplumber parse to find its tables."""
    from pdfplumber.table import TableFinder

    class Drawing:  # what the finder reads of a page for its "lines" strategy
        def __init__(self) -> None:
            self.edges, self.bbox = edges, bbox

    return any(
        len(table.rows) >= 2 and max(len(row.cells) for row in table.rows) >= 2
        for table in TableFinder(Drawing()).tables
    )


def row_rules(edges: list[dict], page_width: float) -> list[Rule]:
    """The horizontal lines that part rows: rules, and the top and bottom edges of shaded
    bands (zebra rows), with the stretches each covers, where together they run at least a
    third of the page wide."""
    at: dict[float, list[tuple[float, float]]] = {}
    for edge in edges:
        if edge["orientation"] == "h":
            at.setdefault(round(edge["top"]), []).append((edge["x0"], edge["x1"]))
    wide = page_width / 3
    return [
        (float(top), tuple(sorted(spans)))
        for top, spans in sorted(at.items())
        if sum(x1 - x0 for x0, x1 in spans) >= wide
    ]


def _recover_merged_cells(rows: list[list[Cell | None]], table) -> None:
    """Give the text of a cell merged down over rows, which pdfplumber found in no row, to
    the first row it covers (in place); the rows below keep None there, as under any
    merged cell."""
    from pdfplumber.utils import extract_text

    for column in range(max(len(row) for row in rows)):
        boxes = [row[column].bbox for row in rows if column < len(row) and row[column]]
        if not boxes:
            continue
        left, right = min(box[0] for box in boxes), max(box[2] for box in boxes)
        first = 0
        while first < len(rows):
            if (
                column >= len(rows[first])
                or rows[first][column] is not None
                or _spanning(rows[first])
            ):
                first += 1
                continue
            last = first
            while (
                last + 1 < len(rows)
                and rows[last + 1][column] is None
                and not _spanning(rows[last + 1])
            ):
                last += 1
            top, bottom = table.rows[first].bbox[1], table.rows[last].bbox[3]
            # Not the text of a cell merged across from the column before.
            taken = [cell.bbox for row in rows[first : last + 1] for cell in row if cell]
            chars = [
                char
                for char in table.page.chars
                if left <= (x := (char["x0"] + char["x1"]) / 2) < right
                and top <= (y := (char["top"] + char["bottom"]) / 2) < bottom
                and not any(box[0] <= x <= box[2] and box[1] <= y <= box[3] for box in taken)
            ]
            if chars and last > first:  # merged down over two rows or more
                box = _rounded((left, top, right, bottom))
                rows[first][column] = Cell(text=extract_text(chars).strip(), bbox=box)
            first = last + 1


def _spanning(row: list[Cell | None]) -> bool:
    """A row that is not a row of cells: one cell spanning it, or mostly merged slots (a
    header's cells spanning several columns)."""
    return bool(row) and (
        (row[0] is not None and all(cell is None for cell in row[1:]))
        or sum(cell is None for cell in row) * 2 > len(row)
    )


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
    lines: list[Line],
    page_number: int,
    carry: Columns | None,
    fills: list[Fill] = (),
    rules: list[Rule] = (),
) -> tuple[list[Table], Columns | None]:
    """Tables laid out with white space only. Returns them and the columns still open at the
    bottom of the page (to continue a table on the next page)."""
    tables: list[Table] = []
    index = 0
    open_columns: Columns | None = None
    while index < len(lines):
        # A table carried over from the page before goes on under its own columns: its first
        # row here could otherwise pass for a header of its own.
        if carry is not None and index == _first_body_line(lines, carry):
            columns, body_start = carry, index
        else:
            columns, body_start = _header_at(lines, index)
        if columns is None:
            index += 1
            continue
        carry = None
        rows, end = _rows(lines, body_start, columns, fills, rules)
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
    if not segments or all(_numeric(group) for group in segments):
        return None, index
    band = _header_band(lines, index)
    if len(segments) < _MIN_COLUMNS and band == index + 1:
        return None, index
    if band > index + 1:  # header cells wrapped over lines, each at its own height
        starts = sorted(group[0].x0 for line in lines[index:band] for group in _segments(line))
        merged = [starts[0]]
        for start in starts[1:]:
            if start - merged[-1] > _ALIGN_TOLERANCE * 2:
                merged.append(start)
        segments = [[Word("", start, start)] for start in merged]
        if len(segments) < _MIN_COLUMNS:
            return None, index
    columns = Columns(
        starts=tuple(group[0].x0 for group in segments),
        right=max(line.bbox[2] for line in lines if line.bbox)
        if lines[index].bbox
        else segments[-1][-1].x1,
    )
    body = max(index + 1, band)
    # Header cells that wrap onto a second line, in the same style, each within its column.
    while (
        body < len(lines)
        and lines[body].bold == lines[index].bold
        and _aligned(lines[body], columns)
        and _within_columns(lines[body], columns)
        and all(len(" ".join(w.text for w in group)) <= 30 for group in _segments(lines[body]))
        and 0
        <= (_step(lines[body - 1], lines[body]) or 0)
        <= max(_em(lines[body - 1]), _em(lines[body])) * _WRAP_EM
    ):
        body += 1
    # A header is only a header if one of the next lines lines up under it as a row (past
    # a section row or two, and the first line of a row whose other cells are centred).
    following = [
        line
        for line in lines[body : body + 10]
        if _aligned(line, columns) and len(_segments(line)) >= 2
    ]
    return (columns, body) if following else (None, index)


def _header_band(lines: list[Line], index: int) -> int:
    """The end of a header whose cells wrap over lines (and, centred, start at different
    heights): the lines in its style that follow closer than a line and a half, each of
    short words (a row's action text is longer) within the first line's columns."""
    end = index + 1
    if any(len(" ".join(w.text for w in group)) > 30 for group in _segments(lines[index])):
        return end
    first = Columns(
        starts=tuple(group[0].x0 for group in _segments(lines[index])), right=float("inf")
    )
    while (
        end < len(lines)
        and lines[end].bold == lines[index].bold
        and all(len(" ".join(w.text for w in group)) <= 30 for group in _segments(lines[end]))
        and _within_columns(lines[end], first)  # a section row runs across the columns
    ):
        step = _step(lines[end - 1], lines[end])
        if step is None or step > max(_em(lines[end - 1]), _em(lines[end])) * _WRAP_EM or step < 0:
            break
        end += 1
    return end


def _em(line: Line) -> float:
    """The line's type size: its font size, or the height of its box where that is more
    (OCR gives the glyphs' height as the size)."""
    height = line.bbox[3] - line.bbox[1] if line.bbox else 0.0
    return max(line.size or 0.0, height) or _DEFAULT_SIZE


def _numeric(group: list[Word]) -> bool:
    return all(re.fullmatch(r"[\d.,%()\-–]+", word.text) for word in group)


def _aligned(line: Line, columns: Columns) -> bool:
    """The line's segments sit in the columns, one per column, the first at a column's left
    edge (the others may be centred or right-aligned within theirs)."""
    segments = _segments(line)
    if not segments:
        return False
    at_edge = any(
        abs(segments[0][0].x0 - start) <= _ALIGN_TOLERANCE * 2 for start in columns.starts
    )
    if not at_edge and len(segments) < _MIN_COLUMNS:  # three cells or more say a row anyway
        return False
    placed = [columns.index(group[0].x0) for group in segments]
    return len(set(placed)) == len(placed)


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
        # The rest of a row (or a section row) at the top of the page: text standing where
        # the columns start. (Running headers start at the margin, left of the cells.)
        segments = _segments(line)
        if segments and all(
            any(abs(group[0].x0 - start) <= _ALIGN_TOLERANCE for start in columns.starts)
            for group in segments
        ):
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


def _rows(
    lines: list[Line], start: int, columns: Columns, fills: list[Fill], rules: list[Rule] = ()
) -> tuple[list[list[Cell | None]], int]:
    """Group the lines under a header into rows, until the table visibly ends. A horizontal
    rule or the edge of a shaded band between two lines parts rows however close the lines
    sit; a column the rule does not cross is a cell merged over both rows (its text stays
    with the row it started in, and the rows below hold None there, as in a drawn grid)."""
    pitch = _line_pitch(lines[start : start + 40])  # a page's worth of lines is enough
    rows: list[_Row] = []
    previous: Line | None = None
    merged: dict[int, _Row] = {}  # column -> the row whose merged cell runs on down
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
        # A reference where the row already has one starts the next row: in the first
        # column any ("3", "R1.2"), elsewhere one no date or figure could be ("A3", "1.2").
        starts_ref = any(
            text
            and (_REF if column == 0 else _LABELLED_REF).match(text)
            and rows
            and rows[-1].parts[column]
            for column, text in enumerate(cells)
        )
        crossing = [
            rule for rule in rules if previous and previous.bbox[1] + 1 < rule[0] < line.bbox[1] + 1
        ]
        ruled_off = bool(crossing)
        wrapped = step is not None and step <= pitch * _WRAP_PITCHES and not ruled_off
        if (
            not rows
            or spanning != rows[-1].spanning
            or (spanning and not wrapped)
            or not wrapped
            or starts_ref
        ):
            if rows and ruled_off and not spanning and not rows[-1].spanning:
                for column in range(len(columns.starts)):
                    if _crossed(column, columns, crossing):
                        merged.pop(column, None)
                    else:
                        merged.setdefault(column, rows[-1])
            else:
                merged = {}
            rows.append(
                _Row(
                    parts=[[] for _ in columns.starts],
                    spanning=spanning,
                    lines=[],
                    extents=[[] for _ in columns.starts],
                    covered=set(merged),
                )
            )
        for column, text in enumerate(cells):
            if text:
                owner = merged.get(column, rows[-1])
                owner.parts[column].append(text)
                owner.extents[column].append((line.bbox[1], line.bbox[3]))
        rows[-1].lines.append(line)
        previous = line
        end = number + 1
    return [row.cells(columns, fills) for row in rows], end


@dataclass
class _Row:
    parts: list[list[str]]
    spanning: bool
    lines: list[Line]
    extents: list[list[tuple[float, float]]]  # per column: top and bottom of its text's lines
    covered: set[int] = field(default_factory=set)  # columns a merged cell above runs over

    def cells(self, columns: Columns, fills: list[Fill]) -> list[Cell | None]:
        """The row's cells, each boxed from its column's left edge to the next column's, and
        from the top of its text to the bottom (the row's, for an empty cell): a cell centred
        beside taller ones says where its middle is."""
        bbox = _bbox(self.lines)
        if self.spanning:
            return [Cell(text="\n".join(self.parts[0]), bbox=bbox)] + [None] * (len(self.parts) - 1)
        edges = [*columns.starts[1:], max(columns.right, bbox[2])]
        cells = []
        for column, texts in enumerate(self.parts):
            if column in self.covered:
                cells.append(None)
                continue
            extent = self.extents[column]
            top = min((top for top, _ in extent), default=bbox[1])
            bottom = max((bottom for _, bottom in extent), default=bbox[3])
            box = (columns.starts[column], top, edges[column], bottom)
            cells.append(Cell(text="\n".join(texts), bbox=box, colour=colour_at(box, fills)))
        return cells


def _crossed(column: int, columns: Columns, crossing: list[Rule]) -> bool:
    """Does one of the rules run across most of the column?"""
    left = columns.starts[column]
    right = columns.starts[column + 1] if column + 1 < len(columns.starts) else columns.right
    width = max(right - left, 1.0)
    return any(
        sum(max(0.0, min(x1, right) - max(x0, left)) for x0, x1 in spans) >= width / 2
        for _, spans in crossing
    )


def _line_pitch(lines: list[Line]) -> float:
    """The distance from one line to the next inside a cell: the smallest step seen, but no
    less than a line of the text's size (a short cell centred beside a taller one sits half
    a line between two of its lines)."""
    steps = [step for a, b in pairwise(lines) if (step := _step(a, b)) and step > 0]
    sizes = [line.size for line in lines if line.size]
    heights = [line.bbox[3] - line.bbox[1] for line in lines if line.bbox]
    line_height = max(
        statistics.median(sizes) * _MIN_PITCH_EM if sizes else 0.0,
        statistics.median(heights) if heights else 0.0,  # OCR's sizes are its glyphs' heights
    )
    return max(min(steps), line_height) if steps else _DEFAULT_PITCH


def _step(previous: Line | None, line: Line) -> float | None:
    if previous is None or not previous.bbox or not line.bbox:
        return None
    return line.bbox[1] - previous.bbox[1]


def _assign(line: Line, columns: Columns) -> tuple[list[str], bool] | None:
    """The line's text split into columns, and whether it spans them (a heading row).

    None when the line does not belong to the table (it starts left of the first column).
    """
    # A speck left of the table (a scan's dust or a stray mark read as "‘") is not text.
    segments = [
        group
        for group in _segments(line)
        if not (_speck(group) and group[-1].x1 < columns.starts[0] - _ALIGN_TOLERANCE)
    ]
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


def _speck(group: list[Word]) -> bool:
    """One or two characters of punctuation standing alone."""
    text = "".join(word.text for word in group)
    return len(text) <= 2 and not any(char.isalnum() for char in text)


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
