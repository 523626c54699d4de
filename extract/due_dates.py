"""Turn a target date or timescale as written into an ISO date, read against the document's
own date.

A month alone means its last day; "w/b" means that week's Monday; a quarter written with
a financial year ("Q1 2020/21") means the quarter's last day (April-June is Q1); a day and
month without a year take the document's year; "Ongoing", "Monthly" and the like mean
there is no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..wording import full_year
from .dates import MONTH_NAMES, MONTHS, find_dates

NO_DATE = re.compile(
    r"^(?:on-?going|continuous(?:ly)?|monthly|weekly|fortnightly|quarterly|annually|yearly|daily|"
    r"termly|tbc|tbd|tba|n/?a|as required|as needed|to be (?:confirmed|agreed)|various|"
    r"throughout|business as usual|bau|rolling|regular(?:ly)?|-|–)\b",
    re.I,
)
_IMMEDIATE = re.compile(r"^(?:immediate(?:ly)?|now|with immediate effect)\b", re.I)
_END_OF_PERIOD = re.compile(
    r"^(?:by )?(?:the )?end of (?:the |this )?(?P<period>month|week|year)\b", re.I
)
_WEEK_BEGINNING = re.compile(
    r"^(?:w\s*/\s*[bc]|wc|wb|week (?:beginning|commencing))\s*:?\s*(?=\d)", re.I
)
_QUARTER = re.compile(
    r"\b(?:Q|Qtr\.?\s*|Quarter\s*)(?P<q>[1-4])\s*(?:of\s*)?(?P<y1>(?:19|20)\d{2})(?:\s*[/\-–]\s*(?P<y2>\d{2,4}))?\b",
    re.I,
)
_MONTH_SHORT_YEAR = re.compile(
    rf"\b(?P<month>{MONTH_NAMES})\.?\s*(?:'|’|-|–|\s)\s*(?P<year>\d{{2}})\b(?![/\d])", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{MONTH_NAMES})\b\.?(?!\s*,?\s*\d)",
    re.I,
)
_MONTH_ALONE = re.compile(
    rf"^(?:by |end of |the end of |during |in |mid[- ])?"
    rf"(?P<month>{MONTH_NAMES})\b\.?(?!\s*,?\s*\d)",
    re.I,
)
_ROLL_FORWARD_DAYS = 183  # a date without a year this far before the document means next year


def resolve_due(text: str | None, doc_date: str | None) -> str | None:
    """ISO due date for a timescale as written, or None when it names no date."""
    if not text:
        return None
    text = " ".join(text.split()).strip(" .,;:()")
    if not text or NO_DATE.match(text):
        return None
    anchor = _anchor(doc_date)
    if _IMMEDIATE.match(text):
        return anchor.isoformat() if anchor else None
    end = _END_OF_PERIOD.match(text)
    if end and anchor:
        return _end_of(end.group("period"), anchor).isoformat()
    week = _WEEK_BEGINNING.match(text)
    if week:
        dates = find_dates(text[week.end() :])
        if dates and dates[0].precision == "day":
            day = date.fromisoformat(dates[0].iso)
            return (day - timedelta(days=day.weekday())).isoformat()
    quarter = _QUARTER.search(text)
    if quarter:
        return _quarter_end(quarter)
    dates = find_dates(text)
    if dates:
        found = dates[-1] if len(dates) > 1 and _is_range(text, dates) else dates[0]
        return found.iso if found.precision == "day" else _month_end(found.iso)
    short = _MONTH_SHORT_YEAR.search(text)
    if short:
        year, month = full_year(short.group("year")), MONTHS[short.group("month").lower()]
        return _month_end(f"{year}-{month:02d}")
    day_month = _DAY_MONTH.search(text)
    if day_month and anchor:
        month = MONTHS[day_month.group("month").lower()]
        day = int(day_month.group("day"))
        return _without_year(anchor, month, day).isoformat()
    month_alone = _MONTH_ALONE.match(text)
    if month_alone and anchor:
        month = MONTHS[month_alone.group("month").lower()]
        return _without_year(anchor, month, None).isoformat()
    return None


def _anchor(doc_date: str | None) -> date | None:
    if not doc_date:
        return None
    if len(doc_date) == 7:
        doc_date = _month_end(doc_date)
    try:
        return date.fromisoformat(doc_date)
    except ValueError:
        return None


def _end_of(period: str, anchor: date) -> date:
    period = period.lower()
    if period == "month":
        return anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    if period == "week":
        return anchor + timedelta(days=4 - anchor.weekday()) if anchor.weekday() <= 4 else anchor
    return anchor.replace(month=12, day=31)


def _quarter_end(match: re.Match) -> str:
    quarter, first_year = int(match.group("q")), int(match.group("y1"))
    if match.group("y2"):  # a financial year: Q1 is April to June
        month, year = (6, 9, 12, 3)[quarter - 1], first_year + (1 if quarter == 4 else 0)
    else:
        month, year = quarter * 3, first_year
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _month_end(year_month: str) -> str:
    year, month = (int(part) for part in year_month.split("-")[:2])
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _without_year(anchor: date, month: int, day: int | None) -> date:
    """The month (and day) in the document's year, or the next year if that is long past."""
    for year in (anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidate = date(year, month, min(day or last, last))
        if (anchor - candidate).days <= _ROLL_FORWARD_DAYS:
            return candidate
    return candidate


def _is_range(text: str, dates) -> bool:
    between = text[dates[0].end : dates[1].start]
    return bool(re.fullmatch(r"\s*(?:-|–|—|to|until)\s*", between))
