"""Name what part of children's services a finding is about (workforce, care leavers, the
front door...), from the theme vocabulary in ``patterns/themes.json``.

A theme is the subject an auditor filters findings by, and the subject two inspections'
findings must share before their wording is compared: "supervision is regular" and
"supervision of staff at all levels" are one finding; "the quality of plans" and "the
quality of return home interviews" are not, however alike their words.
"""

from __future__ import annotations

import re
from functools import cache

from .patterns import load_patterns


@cache
def _theme_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    patterns = []
    for entry in load_patterns("themes")["themes"]:
        terms = sorted({_plain(term) for term in entry["terms"]}, key=len, reverse=True)
        alternatives = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in terms)
        patterns.append((entry["theme"], re.compile(rf"\b(?:{alternatives})s?\b")))
    return tuple(patterns)


def _plain(text: str) -> str:
    """Lower case, hyphens and slashes as spaces, curly apostrophes straight."""
    return re.sub(r"[-/]", " ", text.lower().replace("’", "'"))


def themes_of(text: str | None) -> tuple[str, ...]:
    """The themes *text* touches, in the order it first touches them."""
    plain = _plain(text or "")
    found = []
    for theme, pattern in _theme_patterns():
        match = pattern.search(plain)
        if match:
            found.append((match.start(), theme))
    return tuple(theme for _, theme in sorted(found))


def theme_names() -> tuple[str, ...]:
    """Every theme the vocabulary knows, in its order."""
    return tuple(theme for theme, _ in _theme_patterns())
