"""The date a document speaks as at, and which clue said so.

A plan version is dated by the position it reports ("position as at 31 March 2026", the
board it updates, its version table's latest row, a running header), never by a date it
merely mentions: the inspection it answers, the letter, the day the plan was agreed, the
version it replaces. An inspection report is dated by its publication, else the last day
of the inspection. Every clue is a pattern with a weight in ``patterns/document.json``
(``date_cues``); the heaviest clue wins, a full day over a month among equals, then the
earliest. A phrase below page 1's opening lines weighs less: there it is more likely an
action's own date than the document's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..ingest.model import Line, ReadDocument
from .action_columns import is_action_table
from .dates import MONTH_NAMES, FoundDate, find_dates
from .lists import in_table, running_lines, shape
from .patterns import load_patterns

_START_PAGES = 2
_DATE_PLACEHOLDER = r"(?P<date>[^\n]{0,40}?\d[^\n]{0,60})"
_ROW_TABS = 3  # a markup table's row of four cells or more is an action table's row
_TOP_LINES = 15  # a date standing alone this near the top of page 1 dates a letter or paper


@dataclass(frozen=True)
class DateClue:
    """One reading of the document's date: the ISO date, the clue's name and its weight."""

    iso: str
    basis: str
    weight: int
    order: int  # where it sat in the document, for ties


@cache
def _rules() -> tuple[list[tuple[re.Pattern, str, int | dict, frozenset[str]]], re.Pattern]:
    config = load_patterns("document")
    rules = [
        (
            re.compile(rule["regex"].replace("{DATE}", _DATE_PLACEHOLDER), re.I),
            rule["basis"],
            rule["weight"],
            frozenset(rule.get("doc_types", ())),
        )
        for rule in config["date_cues"]
    ]
    return rules, re.compile(config["date_distractors"], re.I)


def _weight(weight: int | dict[str, int], doc_type: str) -> int:
    """A clue's weight, which may depend on the type ({"default": 9, "board_report": 11})."""
    return weight if isinstance(weight, int) else weight.get(doc_type, weight["default"])


def recognise_date(
    document: ReadDocument, title: str | None, doc_type: str
) -> tuple[str | None, str | None]:
    """The document's own date and the clue it came from, or (None, None)."""
    clues = list(date_clues(document, title, doc_type))
    if not clues:
        return None, None
    best = max(clues, key=lambda clue: (clue.weight, len(clue.iso), -clue.order))
    return best.iso, best.basis


def date_clues(document: ReadDocument, title: str | None, doc_type: str) -> Iterator[DateClue]:
    """Every clue to the document's date, with its weight (see ``patterns/document.json``)."""
    weights = {
        basis: _weight(weight, doc_type)
        for basis, weight in load_patterns("document")["date_weights"].items()
    }
    rules, distractor = _rules()
    order = 0
    start_lines = [line for page in document.pages[:_START_PAGES] for line in page.lines]
    # A cue in an action's progress cell ("position as at May") speaks for that action; a
    # cover sheet's table ("Date of meeting | 12 May") speaks for the document.
    outside_tables = []
    for page in document.pages[:_START_PAGES]:
        action_tables = [table for table in page.tables if is_action_table(table)]
        outside_tables += [
            line
            for line in page.lines
            if not in_table(line, action_tables) and line.text.count("\t") < _ROW_TABS
        ]
    heading_lines = (
        {id(line) for line in document.pages[0].lines[:_TOP_LINES]} if document.pages else set()
    )
    for index, line in enumerate(outside_tables):
        # A cue at the end of one line may have its date on the next ("Position as at:").
        following = outside_tables[index + 1].text if index + 1 < len(outside_tables) else ""
        text = line.text if not _ends_with_cue(line.text) else f"{line.text} {following}"
        for regex, basis, weight, doc_types in rules:
            if doc_types and doc_type not in doc_types:
                continue
            for match in regex.finditer(text):
                found = _date_at_start(match.group("date"))
                if found and not distractor.search(_sentence_before(text, match.start())):
                    # Below a page's opening lines, a cue is more likely an action's own
                    # ("Last updated: 3 April", "... as at July") than the document's.
                    deep = id(line) not in heading_lines
                    yield DateClue(
                        _latest_day(match.group("date"), found),
                        basis,
                        _weight(weight, doc_type) - deep * weights["below the opening lines"],
                        order,
                    )
                    order += 1
    for iso in _version_table_dates(start_lines):
        yield DateClue(iso, "version table", weights["version table"], order)
    running = _running_date(document, distractor)
    if running:
        yield DateClue(running, "running header", weights["running header"], order)
    if title:
        dates = find_dates(title)
        if dates:
            yield DateClue(dates[-1].iso, "title", weights["title"], order)
    first_page = document.pages[0].lines if document.pages else []
    for position, line in enumerate(first_page):
        dates = [
            found
            for found in find_dates(line.text)
            if not distractor.search(_sentence_before(line.text, found.start))
        ]
        if not dates:
            continue
        alone = position < _TOP_LINES and len(line.text) - len(dates[0].raw) <= 3
        basis = "date line" if alone else "first date on page 1"
        yield DateClue(dates[0].iso, basis, weights[basis], order + position)


def _sentence_before(text: str, end: int) -> str:
    """The words before a cue in its own sentence or clause, where a distractor would sit."""
    return re.split(r"[.;•]\s|\|", text[:end])[-1][-60:]


def _ends_with_cue(text: str) -> bool:
    return bool(
        re.search(r"(?:\bas (?:at|of)|\bposition(?: at)?|\bdate)\s*[:\-–]?\s*$", text, re.I)
    )


def _date_at_start(text: str) -> FoundDate | None:
    """The date a cue introduces: at the start of what follows it, a weekday aside."""
    weekday = re.match(r"\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", text, re.I)
    offset = weekday.end() if weekday else 0
    dates = find_dates(text)
    return dates[0] if dates and dates[0].start <= offset + 2 else None


def _latest_day(text: str, first: FoundDate) -> str:
    """A range ("12 October – 5 November 2015") is dated by its end; ``find_dates`` already
    reads a range as its last day, and a second date just after the first is its end."""
    rest = find_dates(text[first.end :])
    if rest and rest[0].start <= 4 and rest[0].precision == "day" and rest[0].iso > first.iso:
        return rest[0].iso
    return first.iso


def _version_table_dates(lines: list[Line]) -> list[str]:
    """The latest date in a version-history table ("Version | Date | Changes"): a header
    line of column words without a date, then rows that open with a version number and
    hold a date each."""
    config = load_patterns("document")["version_table"]
    row = re.compile(config["row"], re.I)
    for index, line in enumerate(lines):
        words = set(re.findall(r"[a-z]+", line.text.lower()))
        if (
            not {"version", "date"} <= words
            or not words & set(config["other_columns"])
            or re.search(r"\d", line.text)
        ):
            continue
        rows: list[str] = []
        for below in lines[index + 1 : index + 1 + 2 * config["max_rows"]]:
            if rows and re.fullmatch(r"\s*(?:19|20)\d{2}\s*", below.text):
                rows[-1] = _complete_year(rows[-1], below.text.strip())
            elif row.search(below.text):
                rows.append(below.text)
            elif rows and len(below.text.split()) <= 6 and not below.text[:1].isupper():
                rows[-1] += " " + below.text  # a cell wrapped onto the next line
            else:
                break
        dates = []
        for text in rows[: config["max_rows"]]:
            found = find_dates(text)
            if not found:
                break
            dates.extend(date.iso for date in found)
        if dates:
            return [max(dates)]
    return []


def _complete_year(row: str, year: str) -> str:
    """A date cell wrapped before its year ("22 January" / "2025") read whole."""
    return re.sub(
        rf"\b(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES}))\b(?!\s*\d)",
        rf"\1 {year}",
        row,
        count=1,
        flags=re.I,
    )


def _running_date(document: ReadDocument, distractor: re.Pattern) -> str | None:
    """A date printed in a running header or footer: the same date on most pages (not the
    date a page is to be signed on)."""
    stored_once = [
        found.iso
        for text in document.running_text
        for found in find_dates(text)
        if not distractor.search(_sentence_before(text, found.start))
    ]
    if stored_once:
        return stored_once[0]
    running = running_lines(document)
    if not running:
        return None
    seen: Counter[str] = Counter()
    for page in document.pages:
        page_dates = {
            found.iso
            for line in page.lines
            if shape(line.text) in running
            for found in find_dates(line.text)
            if not distractor.search(_sentence_before(line.text, found.start))
        }
        seen.update(page_dates)
    if not seen:
        return None
    iso, count = seen.most_common(1)[0]
    return iso if count >= max(2, len(document.pages) // 2) else None
