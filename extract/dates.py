"""Dates as British council papers write them, turned into ISO strings.

Day-first numeric dates (21/05/2020, 09/04/20), ISO dates from exports (2020-05-21), written
dates (23rd April 2020, 1-2 May 2019, "13 to 24 May 2024"), American order (July 11, 2024)
and bare months ("September 2023", "Apr-23"). A bare month keeps month precision
(``2023-09``) unless the caller asks for the month's last day, as due dates do.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..wording import full_year

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
# Any month's name or abbreviation, longest first so that "march" is not read as "mar".
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_RANGE = r"\s*(?:-|–|—|to|and|&)\s*"

# Named groups: d/m/y, optional d0 (start of a range: the range ends on d).
_PATTERNS = [
    # Not inside a longer run of numbers such as a version string ("0.11.10") or a ref.
    # The same separator twice: "18-3-19" is a date, "2019-20" a financial year.
    rf"(?<![\d./-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{_YEAR}|\d{{2}})(?![\d/]|[.-]\d)",
    rf"(?<![\d./-])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d-])",  # ISO, as exports write
    rf"\b(?:(?P<d0>{_DAY})(?:\s+(?P<m0>{_MONTH})\.?)?{_RANGE})?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mn>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b",
    rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b",
    rf"\b(?P<mn>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b",
]
# Each alternative is compiled alone so that group names stay unambiguous.
_COMPILED = [re.compile(pattern, re.I) for pattern in _PATTERNS]


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: its ISO form, precision and where it sat."""

    iso: str  # YYYY-MM-DD or YYYY-MM
    precision: str  # day | month
    start: int
    end: int
    raw: str


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, left to right, without overlaps (the longest reading wins)."""
    found: list[FoundDate] = []
    for pattern in _COMPILED:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is None:
                continue
            if any(date.start < other.end and other.start < date.end for other in found):
                continue
            found.append(date)
    return sorted(found, key=lambda date: date.start)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO, or None."""
    dates = find_dates(text)
    return dates[0].iso if dates else None


def _to_date(match: re.Match) -> FoundDate | None:
    groups = match.groupdict()
    year = _year(groups["y"])
    month_name = groups.get("mn")
    month = MONTHS.get(month_name.lower().rstrip(".")) if month_name else int(groups["m"])
    if year is None or not month or not 1 <= month <= 12:
        return None
    raw = match.group(0)
    if groups.get("d") is None:
        return FoundDate(f"{year:04d}-{month:02d}", "month", match.start(), match.end(), raw)
    day = int(re.match(r"\d+", groups["d"]).group(0))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return FoundDate(f"{year:04d}-{month:02d}-{day:02d}", "day", match.start(), match.end(), raw)


def _year(text: str) -> int | None:
    year = full_year(text)
    return year if 1900 <= year <= 2100 else None
