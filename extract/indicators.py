"""Extract indicator figures, one row per figure (long format), from dashboard tables, status
summaries, an action plan's measure and progress cells, and sentences, and find where a
report's prose and its tables disagree.

Tables: each value column's header gives the period and series ("Apr-23" -> 2023-04
actual, "England Average 21/22" -> 2021-22 england_average, "Rolling 12 months" ->
rolling_12_months); the label columns give the area (carried down a group), the indicator
(carried down its age-band sub-rows) and the breakdown. A table of counts without periods
(a status summary: sections x Blue/Green/Amber/Red/Total, or Complete/On track/...) gives
one figure per cell for the document's month, named by its column and broken down by its
row; its counts end where its rows stop being counts (a table run together with the one
below it). Action cells: plan_figures.py. Sentences: figure_sentences.py; in a plan (a
document with an action table or labelled action blocks), a sentence that names no month
speaks for the document's month ("12 actions are complete").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..ingest.model import Line, ReadDocument, Table, union_box
from ..wording import full_year, squash
from .action_record import ExtractedAction
from .dates import MONTHS
from .figure_sentences import NUMBER, sentence_figures
from .indicator_record import ExtractedIndicator, number_value
from .lists import PAGE_NUMBER, in_margin, in_table, running_lines, shape
from .patterns import load_patterns
from .plan_figures import cell_figures, cell_texts, in_cells

__all__ = ["Conflict", "ExtractedIndicator", "extract_indicators", "find_conflicts"]

_CELL_VALUE = re.compile(
    r"^(?P<value>[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<pct>%)?"
    r"(?:\s*\(\s*(?P<second>[-−]?\d+(?:\.\d+)?)\s*(?P<second_pct>%)?\s*\))?$"
)


@dataclass
class Conflict:
    prose: int  # indexes into the document's indicator list
    table: int


def extract_indicators(
    document: ReadDocument, doc_date: str | None, actions: Sequence[ExtractedAction] = ()
) -> list[ExtractedIndicator]:
    """Every figure in the document's indicator tables, then in the measure and progress
    cells of its *actions* (as extract_actions read them), then in its prose."""
    figures: list[ExtractedIndicator] = []
    layout: _Layout | None = None
    for page in document.pages:
        for table in page.tables:
            layout = _read_table(table, doc_date, layout, figures)
    figures += cell_figures(document, actions, doc_date)
    plan = any(action.source in ("table", "block") for action in actions)
    undated = doc_date[:7] if plan and doc_date else None
    figures += _prose_figures(document, doc_date, cell_texts(actions), undated)
    return figures


# --- tables ------------------------------------------------------------------------------


@dataclass
class _Column:
    series: str | None = None  # a value column when set
    period: str | None = None
    dated: bool = False  # the header itself names the period ("Apr-23", "England 21/22")
    header: str = ""
    label: str | None = None  # area | name | breakdown (a label column)
    direction: bool = False


@dataclass
class _Layout:
    columns: list[_Column]
    crosstab: bool  # no period in the headers: one figure per cell, named by its column
    area: str | None = None  # the group in force, carried down rows and across pages
    name: str | None = None  # the indicator in force, carried down its sub-rows


def _read_table(
    table: Table, doc_date: str | None, previous: _Layout | None, figures: list[ExtractedIndicator]
) -> _Layout | None:
    rows = [[cell.text if cell else None for cell in row] for row in table.rows]
    if not rows:
        return None
    layout = _layout(rows[0], doc_date)
    body = rows[1:]
    if layout is None:
        if previous is None or len(rows[0]) != len(previous.columns):
            return None
        layout, body = previous, rows  # continued from the previous page without its header
    elif previous is not None and [c.header for c in previous.columns] == [
        c.header for c in layout.columns
    ]:
        layout = previous  # the header repeated on the next page: the groups carry on
    first = len(rows) - len(body)
    if layout.crosstab:
        body = _counts(body, layout)
    if not _mostly_numeric(body, layout):
        return None
    area, name = layout.area, layout.name
    for row, cells in zip(body, table.rows[first : first + len(body)], strict=True):
        if _is_header_again(row, layout):
            continue
        labels = {
            column.label: squash(text)
            for column, text in zip(layout.columns, row, strict=False)
            if column.label
        }
        if labels.get("area"):
            area = labels["area"]
        if labels.get("name"):
            name = labels["name"]
        elif layout.crosstab:
            name = None
        direction = next(
            (
                squash(text)
                for column, text in zip(layout.columns, row, strict=False)
                if column.direction and text
            ),
            None,
        )
        row_label = labels.get("name") or labels.get("area") or labels.get("breakdown")
        for column, text, cell in zip(layout.columns, row, cells, strict=False):
            if column.series is None or text is None:
                continue
            for value, unit, raw in _cell_values(text):
                if layout.crosstab:
                    figure_name, breakdown = column.header, row_label
                else:
                    figure_name, breakdown = name, labels.get("breakdown") or None
                if not figure_name or (layout.crosstab and not breakdown):
                    continue
                figures.append(
                    ExtractedIndicator(
                        page=table.page,
                        name=figure_name,
                        value=value,
                        unit=unit
                        or _unit(f"{figure_name} {area or ''} {breakdown or ''} {column.header}"),
                        value_raw=raw,
                        period=column.period,
                        series=column.series,
                        area=None if layout.crosstab else area,
                        breakdown=breakdown,
                        direction=direction,
                        context=column.header,
                        source="table",
                        bbox=cell.bbox if cell else None,
                    )
                )
    layout.area, layout.name = area, name
    return layout


def _layout(header: list[str | None], doc_date: str | None) -> _Layout | None:
    patterns = load_patterns("indicators")
    columns = []
    for text in header:
        heading = squash(text or "")
        column = _Column(header=heading)
        value_rule = next(
            (
                rule
                for rule in patterns["value_columns"]
                if heading and re.search(rule["regex"], heading, re.I)
            ),
            None,
        )
        if re.match(patterns["direction_column"], heading, re.I):
            column.direction = True
        elif value_rule:
            column.series = value_rule["series"]
            column.period = _period(value_rule["period"], heading, doc_date)
            column.dated = value_rule["period"] != "doc_month"
        elif not re.match(patterns["skip_columns"], heading, re.I):
            column.label = next(
                (
                    role
                    for role, regex in patterns["label_columns"].items()
                    if re.match(regex, heading, re.I)
                ),
                None,
            )
        columns.append(column)
    values = [column for column in columns if column.series]
    unnamed = [
        column
        for column in columns[1:]
        if not column.series and not column.label and not column.direction
    ]
    if not values or (not any(column.dated for column in values) and len(unnamed) >= 2):
        return _crosstab(columns, header, doc_date)
    labels = [column for column in columns if column.label]
    if not labels:
        return None
    if not any(column.label == "name" for column in columns):
        # The first label column names the indicator when no header says "Indicator".
        next(column for column in columns if column.label).label = "name"
    return _Layout(columns=columns, crosstab=False)


def _crosstab(
    columns: list[_Column], header: list[str | None], doc_date: str | None
) -> _Layout | None:
    """Row labels in the first column (its header may be blank), counts under named columns
    (a RAG summary table)."""
    named = [squash(text or "") for text in header]
    if len(named) < 3 or any(not text or NUMBER.fullmatch(text) for text in named[1:]):
        return None
    period = doc_date[:7] if doc_date else None
    crosstab = [_Column(header=named[0], label="breakdown")]
    crosstab += [_Column(header=text, series="actual", period=period) for text in named[1:]]
    return _Layout(columns=crosstab, crosstab=True)


def _period(rule: str, heading: str, doc_date: str | None) -> str | None:
    if rule == "doc_month":
        return doc_date[:7] if doc_date else None
    if rule == "month":
        month = re.match(r"([a-z]+)", heading, re.I).group(1).lower()
        year = re.search(r"(\d{4}|\d{2})$", heading).group(1)
        number = MONTHS.get(month) or MONTHS.get(month[:3])
        return f"{full_year(year):04d}-{number:02d}" if number else heading
    if rule == "span":
        span = re.search(r"((?:19|20)?\d{2})\s*[/\-–]\s*(\d{2,4})", heading)
        if span:
            first = span.group(1) if len(span.group(1)) == 4 else f"20{span.group(1)}"
            return f"{first}-{span.group(2)[-2:]}"
        return doc_date[:7] if doc_date else None
    if rule == "year":
        return heading[:4]
    if rule == "label":
        return heading.lower().replace(" ", "_")
    return rule


def _mostly_numeric(body: list[list[str | None]], layout: _Layout) -> bool:
    cells = [
        squash(text or "")
        for row in body
        for column, text in zip(layout.columns, row, strict=False)
        if column.series is not None
    ]
    filled = [
        text
        for text in cells
        if text and text.lower() not in load_patterns("indicators")["missing_values"]
    ]
    numeric = [text for text in filled if _cell_values(text)]
    return bool(numeric) and len(numeric) * 10 >= len(filled) * 6


def _counts(body: list[list[str | None]], layout: _Layout) -> list[list[str | None]]:
    """The rows of a table of counts up to the first that holds words where its counts
    should be: a summary run together with the table below it ends there."""
    missing = load_patterns("indicators")["missing_values"]
    for number, row in enumerate(body):
        if _is_header_again(row, layout):
            continue
        values = [
            squash(text or "")
            for column, text in zip(layout.columns, row, strict=False)
            if column.series is not None
        ]
        if any(text.lower() not in missing and not _cell_values(text) for text in values):
            return body[:number]
    return body


def _is_header_again(row: list[str | None], layout: _Layout) -> bool:
    texts = [squash(text or "") for text in row]
    same = sum(
        1
        for text, column in zip(texts, layout.columns, strict=False)
        if text and text == column.header
    )
    return same >= 2


def _cell_values(text: str) -> list[tuple[float, str | None, str]]:
    """Numbers in a value cell: "23%" -> 23 %, "4.93 (2.11%)" -> 4.93 and 2.11 %."""
    text = squash(text)
    if text.lower() in load_patterns("indicators")["missing_values"]:
        return []
    match = _CELL_VALUE.match(text.replace("−", "-"))
    if not match:
        return []
    values = [(number_value(match.group("value")), "%" if match.group("pct") else None, text)]
    if match.group("second"):
        values.append(
            (number_value(match.group("second")), "%" if match.group("second_pct") else None, text)
        )
    return values


def _unit(text: str) -> str:
    for rule in load_patterns("indicators")["units"]:
        if re.search(rule["regex"], text, re.I):
            return rule["unit"]
    return "count"


# --- prose -------------------------------------------------------------------------------


def _prose_figures(
    document: ReadDocument,
    doc_date: str | None,
    cells: dict[int, list[str]],
    undated: str | None,
) -> list[ExtractedIndicator]:
    """Figures stated in sentences, outside tables, headers and footers, and outside the
    action cells read already (a labelled block's "Progress: ..." line). A bulleted or
    numbered line starts a paragraph of its own."""
    running = running_lines(document)
    figures: list[ExtractedIndicator] = []
    for page in document.pages:
        paragraph: list[Line] = []
        blocks: list[list[Line]] = []
        for line in page.lines:
            text = line.text.strip()
            if (
                in_table(line, page.tables)
                or in_margin(line, page)
                or shape(text) in running
                or "\t" in text
                or PAGE_NUMBER.match(text)
            ):
                continue
            if (_BULLET.match(text) or _LABEL.match(text)) and paragraph:
                blocks.append(paragraph)
                paragraph = []
            paragraph.append(line)
            if text.endswith((".", ":", ";")) or line.bold or line.heading_level:
                blocks.append(paragraph)
                paragraph = []
        blocks.append(paragraph)
        for lines in blocks:
            block = " ".join(line.text.strip() for line in lines)
            if not NUMBER.search(block) or in_cells(_LABEL.sub("", block), page.number, cells):
                continue
            for figure in sentence_figures(block, page.number, doc_date, undated=undated):
                raw = figure.value_raw.split()[0]
                figure.bbox = next(
                    (line.bbox for line in lines if line.bbox and raw in line.text),
                    union_box([line.bbox for line in lines if line.bbox]),
                )
                figures.append(figure)
    return figures


_BULLET = re.compile(r"^(?:[•·▪◼●○◦‣\-–*]|\(cid:\d+\)|\(?[a-z0-9]{1,3}[.)])\s+")
_LABEL = re.compile(r"^[A-Z][\w /&'’()?-]{1,40}?:\s*")  # "Progress: ..." in a labelled block


# --- prose against tables ----------------------------------------------------------------


def find_conflicts(figures: list[ExtractedIndicator]) -> list[Conflict]:
    """Prose figures that name a table's indicator and period but give another value."""
    from rapidfuzz import fuzz, utils

    tables = [(index, figure) for index, figure in enumerate(figures) if figure.source == "table"]
    conflicts = []
    for index, prose in enumerate(figures):
        if prose.source != "prose" or not prose.period:
            continue
        candidates = [
            (
                fuzz.token_set_ratio(prose.name, table.name, processor=utils.default_process),
                table_index,
                table,
            )
            for table_index, table in tables
            if table.period == prose.period
            and table.unit == prose.unit
            and table.series == "actual"
            and (table.breakdown is None or table.breakdown == prose.breakdown)
        ]
        candidates = [candidate for candidate in candidates if candidate[0] >= NAME_MATCH_CUTOFF]
        if not candidates:
            continue
        best_score = max(score for score, _, _ in candidates)
        closest = [
            (table_index, table) for score, table_index, table in candidates if score == best_score
        ]
        if all(table.value != prose.value for _, table in closest):
            conflicts.append(Conflict(prose=index, table=closest[0][0]))
    return conflicts


NAME_MATCH_CUTOFF = 80  # rapidfuzz token_set_ratio of a prose name to a table indicator's name
