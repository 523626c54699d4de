"""Extract indicator figures, one row per figure (long format), from dashboard tables and from
sentences, and find where a report's prose and its tables disagree.

Tables: each value column's header gives the period and series ("Apr-23" -> 2023-04
actual, "England Average 21/22" -> 2021-22 england_average, "Rolling 12 months" ->
rolling_12_months); the label columns give the area (carried down a group), the indicator
(carried down its age-band sub-rows) and the breakdown. A table of counts without periods
(a RAG summary: sections x Blue/Green/Amber/Red) gives one figure per cell, named by its
column and broken down by its row. Sentences: figures marked by a %, "per 10,000", a
counted noun ("12 families") or a linking verb ("this was 34"), named from the words
around them with the span ruler's patterns (``patterns/phrases.jsonl``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..ingest.model import BBox, ReadDocument, Table
from ..wording import STOP_WORDS, full_year, squash
from .dates import MONTH_NAMES, MONTHS, find_dates
from .lists import PAGE_NUMBER, in_margin, in_table, running_lines, shape
from .nlp import SPANS_KEY, pipeline
from .patterns import load_patterns

_NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
_CELL_VALUE = re.compile(
    r"^(?P<value>[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<pct>%)?"
    r"(?:\s*\(\s*(?P<second>[-−]?\d+(?:\.\d+)?)\s*(?P<second_pct>%)?\s*\))?$"
)
_AGE_BAND = re.compile(r"\b(1\d|2[0-5])\s*[-–]\s*(1\d|2[0-5])\b")
_MONTH_IN_TEXT = re.compile(
    rf"\b(?P<month>{MONTH_NAMES})\b\.?(?:\s+'?(?P<year>\d{{4}}|\d{{2}})\b(?![/:]))?", re.I
)
_TIME_WORDS = {
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "hours",
    "hour",
    "minutes",
    "am",
    "pm",
}


@dataclass
class ExtractedIndicator:
    page: int
    name: str
    value: float
    unit: str
    value_raw: str
    period: str | None
    series: str = "actual"
    area: str | None = None
    breakdown: str | None = None
    direction: str | None = None
    context: str | None = None  # the column header (tables) or the sentence (prose)
    source: str = "table"  # table | prose
    bbox: BBox | None = None


@dataclass
class Conflict:
    prose: int  # indexes into the document's indicator list
    table: int


def extract_indicators(document: ReadDocument, doc_date: str | None) -> list[ExtractedIndicator]:
    """Every figure in the document's indicator tables, then every figure in its prose."""
    figures: list[ExtractedIndicator] = []
    layout: _Layout | None = None
    for page in document.pages:
        for table in page.tables:
            layout = _read_table(table, doc_date, layout, figures)
    figures += _prose_figures(document, doc_date)
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
    if not _mostly_numeric(body, layout):
        return None
    area, name = layout.area, layout.name
    for row, cells in zip(body, table.rows[len(rows) - len(body) :], strict=True):
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
    """Row labels in the first column, counts under named columns (a RAG summary table)."""
    named = [squash(text or "") for text in header]
    if (
        len(named) < 3
        or not named[0]
        or any(not text or _NUMBER.fullmatch(text) for text in named[1:])
    ):
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
    values = [(_number(match.group("value")), "%" if match.group("pct") else None, text)]
    if match.group("second"):
        values.append(
            (_number(match.group("second")), "%" if match.group("second_pct") else None, text)
        )
    return values


def _unit(text: str) -> str:
    for rule in load_patterns("indicators")["units"]:
        if re.search(rule["regex"], text, re.I):
            return rule["unit"]
    return "count"


def _number(text: str) -> float:
    value = float(text.replace(",", "").replace("−", "-"))
    return int(value) if value.is_integer() else value


# --- prose -------------------------------------------------------------------------------


def _prose_figures(document: ReadDocument, doc_date: str | None) -> list[ExtractedIndicator]:
    """Figures stated in sentences, outside tables, headers and footers."""
    running = running_lines(document)
    figures: list[ExtractedIndicator] = []
    for page in document.pages:
        paragraph: list[str] = []
        blocks: list[str] = []
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
            paragraph.append(text)
            if text.endswith((".", ":", ";")) or line.bold or line.heading_level:
                blocks.append(" ".join(paragraph))
                paragraph = []
        blocks.append(" ".join(paragraph))
        for block in blocks:
            if _NUMBER.search(block):
                figures += _sentence_figures(block, page.number, doc_date)
    return figures


_PRIORITY = {
    "FIGURE_PCT": 0,
    "FIGURE_RATE": 0,
    "FIGURE_FTE": 0,
    "FIGURE_COUNT": 1,
    "FIGURE_BRACKET": 2,
    "FIGURE_LINKED": 3,
}
_UNIT_OF = {"FIGURE_PCT": "%", "FIGURE_RATE": "per_10000", "FIGURE_FTE": "fte"}
_MONTH_RANGE = re.compile(rf"\b(?:{MONTH_NAMES})\b\.?\s+(?:to|-|–|and)\s+(?:{MONTH_NAMES})\b", re.I)


@cache
def _name_rules() -> dict:
    """The naming vocabulary of prose figures (patterns/indicators.json), compiled once."""
    rules = load_patterns("indicators")["prose_names"]
    return {
        "leading_words": re.compile(rules["leading_words"], re.I),
        "vague_names": frozenset(rules["vague_names"]),
        "comparator": re.compile(rules["comparator"], re.I),
        "band_words": re.compile(rules["band_words"], re.I),
        "clause_breaks": frozenset(rules["clause_breaks"]),
    }


def _sentence_figures(text: str, page: int, doc_date: str | None) -> list[ExtractedIndicator]:
    text = re.sub(r"^\s*(?:[•·▪◼\-–*]|\(cid:\d+\)|\(?\d+(?:\.\d+)*[.)]?)\s+", "", text)  # markers
    doc = pipeline()(text)
    found: list[ExtractedIndicator] = []
    for sentence in doc.sents:
        found += _figures_in(doc, sentence, page, doc_date)
    return found


def _figures_in(doc, sentence, page: int, doc_date: str | None) -> list[ExtractedIndicator]:
    dates = [(date.start, date.end) for date in find_dates(sentence.text)]
    bands = [match.span() for match in _AGE_BAND.finditer(sentence.text)]
    band = _AGE_BAND.search(sentence.text)
    spans = [
        span
        for span in doc.spans[SPANS_KEY]
        if span.label_.startswith("FIGURE") and span.sent == sentence
    ]
    # The most specific reading of each number first: "85%" over "averaging 85".
    spans.sort(key=lambda span: (_number_token(span).i, _PRIORITY[span.label_]))
    taken = {span[2].i for span in spans if span.label_ == "FIGURE_RATE"}  # the 10,000
    units = {_number_token(span).i: _UNIT_OF.get(span.label_, "count") for span in reversed(spans)}
    found: list[ExtractedIndicator] = []
    previous_name = None
    for span in spans:
        number = _number_token(span)
        if number.i in taken or not _NUMBER.fullmatch(number.text):
            continue
        taken.add(number.i)
        start = number.idx - sentence.start_char
        value = _number(number.text)
        following = doc[number.i + 1].lower_ if number.i + 1 < len(doc) else ""
        preceding = doc[number.i - 1].lower_ if number.i > 0 else ""
        if (
            any(a <= start < b for a, b in dates + bands)
            or following in _TIME_WORDS
            or following == "-"
            or preceding == "per"
            or preceding in load_patterns("indicators")["reference_words"]  # "Section 47", "Tier 3"
            or _is_year(value)
        ):
            continue
        unit = units[number.i]
        if (
            span.label_ == "FIGURE_LINKED" and span[0].lower_ == "from"
        ):  # "from 483 to 464 per 10,000"
            unit = units.get(span[3].i, unit)
        name, series = _figure_name(doc, span, number, sentence)
        if series == "actual" and (
            not name
            or name.lower() in _name_rules()["vague_names"]
            or span.label_ == "FIGURE_BRACKET"
        ):
            name = previous_name or _first_clause(doc, sentence) or name
        if not name:
            continue
        if series == "actual":
            previous_name = name
        found.append(
            ExtractedIndicator(
                page=page,
                name=name,
                value=value,
                unit=unit,
                value_raw=number.text
                if span.label_ in ("FIGURE_LINKED", "FIGURE_BRACKET")
                else span.text,
                period=_sentence_period(sentence.text, start, start + len(number.text), doc_date),
                series=series,
                breakdown=f"{band.group(1)}-{band.group(2)}" if band else None,
                context=sentence.text.strip(),
                source="prose",
            )
        )
    return found


def _number_token(span):
    return span[1] if span.label_ in ("FIGURE_LINKED", "FIGURE_BRACKET") else span[0]


def _figure_name(doc, span, number, sentence) -> tuple[str | None, str]:
    """What the figure measures, and its series: "36% of CPP" -> CPP; "12 families" ->
    families; otherwise the words before it in its clause, less the linking words ("The
    maximum caseload in the assessment teams was 46" -> maximum caseload in the assessment
    teams). A figure given for England or statistical neighbours is a comparator."""
    after = list(doc[span.end : sentence.end][:8])
    if span.label_ == "FIGURE_COUNT":
        return " ".join(token.text for token in span[1:]), "actual"
    if span.label_ == "FIGURE_FTE" or (
        span.label_ == "FIGURE_PCT"
        and after
        and (after[0].lower_ == "of" or after[0].text.isupper())
    ):
        words = _words_after(doc, after[1:] if after and after[0].lower_ == "of" else after)
        if words:
            return _clean_name(words), "actual"
    words = []
    for token in reversed(doc[sentence.start : number.i]):
        next_text = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        joined = token.like_num and (
            next_text == "-" or next_text in _TIME_WORDS
        )  # "within 12 months"
        in_band = token.like_num and _AGE_BAND.search(doc[max(token.i - 2, 0) : token.i + 3].text)
        if (token.is_punct and token.text not in ("-", "/", "'", "’")) or (
            token.like_num and not joined and not in_band
        ):
            break
        if token.lower_ in _name_rules()["clause_breaks"]:
            break
        words.insert(0, token)
    while words and _is_link(doc, words[-1]):
        words.pop()
    text = " ".join(token.text for token in words[-12:]).replace(" - ", "-")
    comparator = _name_rules()["comparator"].search(text)
    if comparator:
        return None, "england_average" if comparator.group("england") else "statistical_neighbours"
    return _clean_name(text), "actual"


def _words_after(doc, tokens) -> str:
    words = []
    for token in tokens:
        if (
            token.is_punct
            or token.like_num
            or token.lower_ in _name_rules()["clause_breaks"] | {"was", "is", "were", "in"}
        ):
            break
        words.append(token.text)
    return " ".join(words)


def _first_clause(doc, sentence) -> str | None:
    """The sentence's opening words up to its first comma, as a subject for its figures
    ("The timeliness of single assessments improved again, with 93% ...")."""
    words = []
    for token in doc[sentence.start : sentence.end]:
        if token.is_punct or token.like_num or token.lower_ in _name_rules()["clause_breaks"]:
            break
        words.append(token)
    while words and _is_link(doc, words[-1]):
        words.pop()
    return _clean_name(" ".join(token.text for token in words))


def _clean_name(text: str) -> str | None:
    text = _name_rules()["band_words"].sub("", text)
    text = _MONTH_IN_TEXT.sub("", text)
    text = _name_rules()["leading_words"].sub("", " ".join(text.split()))
    text = re.sub(
        r"^(?:(?:the|our|a|an|in|for|on|of)\s+)+|(?:\s+(?:in|of|for|at|on|the|is|was|has|have))+$",
        "",
        text,
        flags=re.I,
    )
    if not re.search(r"[A-Za-z]{2}", text) or text.lower() in STOP_WORDS:
        return None
    return text


def _is_link(doc, token) -> bool:
    return (
        any(
            span.label_ == "LINK" and span.start <= token.i < span.end
            for span in doc.spans[SPANS_KEY]
        )
        or token.lower_ in STOP_WORDS
    )


def _sentence_period(sentence: str, start: int, end: int, doc_date: str | None) -> str | None:
    """The month a figure is given for: the first month named after it in its clause ("46
    in March 19"), else the nearest before it in its clause ("in June 2023 was 23"), else
    a month that opens the sentence ("In January 2024, 87% of ...")."""
    months = list(_MONTH_IN_TEXT.finditer(sentence))

    def apart(between: str) -> bool:  # another clause or another figure in between
        return bool(re.search(r"[,;](?!\d)|\d", re.sub(r"per 10,?000", "", between)))

    after = [m for m in months if m.start() >= end and not apart(sentence[end : m.start()])]
    before = [m for m in months if m.end() <= start and not apart(sentence[m.end() : start])]
    opening = [m for m in months if m.start() <= 4 and m.end() <= start]
    match = (after[:1] or before[-1:] or opening[:1] or [None])[0]
    if match is None or _MONTH_RANGE.search(
        sentence[max(0, match.start() - 12) : match.end() + 14]
    ):
        return None  # "across April to June" is no one month
    month = MONTHS[match.group("month").lower()]
    year = match.group("year")
    if year:
        number = full_year(year)
    elif doc_date and len(doc_date) >= 7:
        number = int(doc_date[:4]) - (1 if month > int(doc_date[5:7]) else 0)
    else:
        return None
    return f"{number:04d}-{month:02d}"


def _is_year(value: float) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100


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
