"""Target dates printed in the ways council plans print them, with the date each one means.

The truth is computed here from the values chosen, never by parsing: a month with a year
means its last day; "w/c" a Monday means that Monday; "Q1 2024/25" (financial year, Q1 is
April to June) means 2024-06-30; a month alone means its last day in the document's year, or
in the next year when that day is more than 183 days before the document's date.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta

MONTHS = tuple(calendar.month_name)[1:]
ABBR = tuple(calendar.month_abbr)[1:]

DATE_LEVELS = (
    "dmy_numeric",
    "words",
    "abbreviated",
    "end_of",
    "week_commencing",
    "quarter",
    "month_alone",
    "mixed",
)
# Words that stand where a date would; the truth due_date is null.
NO_DATE = ("Ongoing", "Monthly", "TBC", "Quarterly", "Ongoing – monthly review")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def in_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def numeric(day: date, sep: str = "/", year_digits: int = 4, pad: bool = True) -> str:
    year = f"{day.year:04d}" if year_digits == 4 else f"{day.year % 100:02d}"
    if pad:
        return f"{day.day:02d}{sep}{day.month:02d}{sep}{year}"
    return f"{day.day}{sep}{day.month}{sep}{year}"


class DateStyle:
    """One document's way of printing dates at one ``level`` (a per-document house style,
    with occasional variation row to row, as real plans have)."""

    def __init__(self, level: str, rng: random.Random, doc_date: date) -> None:
        self.level = level
        self.doc_date = doc_date
        self.sep = rng.choice("/./-")
        self.year_digits = rng.choice((2, 4, 4))
        self.pad = rng.random() < 0.7
        self.ordinal = rng.random() < 0.3
        self.variant = rng.randrange(3)

    def target(self, rng: random.Random, *, after: date | None = None) -> tuple[str, date]:
        """A target date printed at this level and the date it means (after *after*)."""
        low = self.doc_date - timedelta(days=270) if after is None else after
        day = low + timedelta(days=rng.randrange(30, 420) if after else rng.randrange(0, 660))
        level = self.level
        if level == "mixed":
            level = rng.choice(DATE_LEVELS[:-1])
        return self.format(level, day, rng)

    def format(self, level: str, day: date, rng: random.Random) -> tuple[str, date]:
        variant = self.variant if rng.random() < 0.8 else rng.randrange(3)
        if level == "dmy_numeric":
            if rng.random() < 0.4:
                day = month_end(day.year, day.month)
            sep = self.sep if rng.random() < 0.85 else rng.choice("/.-")
            return numeric(day, sep, self.year_digits, self.pad), day
        if level == "words":
            if rng.random() < 0.4:
                day = month_end(day.year, day.month)
            text = ordinal(day.day) if self.ordinal else str(day.day)
            return f"{text} {MONTHS[day.month - 1]} {day.year}", day
        if level == "abbreviated":
            end = month_end(day.year, day.month)
            mon, yy = ABBR[day.month - 1], day.year % 100
            return (
                (f"{mon} {day.year}", f"{mon}-{yy:02d}", f"{MONTHS[day.month - 1]} {yy:02d}")[
                    variant
                ],
                end,
            )
        if level == "end_of":
            end = month_end(day.year, day.month)
            name = MONTHS[day.month - 1]
            return (
                (f"End of {name} {day.year}", f"end {name} {day.year}", f"End {name} {day.year}")[
                    variant
                ],
                end,
            )
        if level == "week_commencing":
            monday = day - timedelta(days=day.weekday())
            text = (
                f"w/c {monday.day} {MONTHS[monday.month - 1]} {monday.year}",
                f"W/B {numeric(monday, '/', 4, True)}",
                f"w/c {numeric(monday, self.sep, self.year_digits, self.pad)}",
            )[variant]
            return text, monday
        if level == "quarter":
            fy = day.year if day.month >= 4 else day.year - 1
            quarter = (day.month - 4) % 12 // 3 + 1
            end_month = (3 * quarter + 3 - 1) % 12 + 1  # Q1 -> 6, Q2 -> 9, Q3 -> 12, Q4 -> 3
            end = month_end(fy + (1 if quarter == 4 else 0), end_month)
            text = (
                f"Q{quarter} {fy}/{(fy + 1) % 100:02d}",
                f"Q{quarter} {fy}-{(fy + 1) % 100:02d}",
                f"Quarter {quarter} {fy}/{(fy + 1) % 100:02d}",
            )[variant]
            return text, end
        if level == "month_alone":
            month = day.month
            end = month_end(self.doc_date.year, month)
            if end < self.doc_date - timedelta(days=183):
                end = month_end(self.doc_date.year + 1, month)
            name = MONTHS[month - 1]
            return (name, f"by {name}", f"By {name}")[variant], end
        raise ValueError(level)

    def plain(self, rng: random.Random, day: date) -> str:
        """A full date (start dates, dates of last update) printed numerically or in words."""
        if self.level in ("words", "end_of") or rng.random() < 0.3:
            return in_words(day)
        return numeric(day, self.sep, self.year_digits, self.pad)
