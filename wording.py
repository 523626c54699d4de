"""How wording is normalised, one rule each, shared by the readers, the extractors, the
matchers and evaluation, so that they cannot disagree about what two texts have in common."""

from __future__ import annotations

# Function words that say nothing about what an action, finding or indicator is. A small
# list of our own rather than spaCy's (which also drops "no", "not" and "first": words that
# change what an action or a figure means).
STOP_WORDS = frozenset(
    {
        "a", "all", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into",
        "is", "its", "of", "on", "or", "our", "that", "the", "their", "these", "this", "to",
        "was", "which", "will", "with", "within",
    }
)  # fmt: skip

# A two-digit year is this century below this number and the last one from it: plans and
# reports print "Mar-19" or "31/05/20" for 2019 and 2020, and "31/12/99" only for 1999.
CENTURY_PIVOT = 70


def squash(text: str | None) -> str:
    """The text with every run of white space (line breaks, tabs) as one space, trimmed."""
    return " ".join((text or "").split())


def full_year(digits: str) -> int:
    """A year as printed, in two or four digits, as a four-digit year."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < CENTURY_PIVOT else 1900
    return year
