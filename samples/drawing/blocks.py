"""Document blocks shared by the generators: plain data that each renderer lays out its own way.

A generator lists blocks in reading order and its renderer turns each into flowables (PDF) or
paragraphs (DOCX); the same list also yields the truth, so what is printed and what is expected
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    """The document title, or with ``sub`` the line under it."""

    text: str
    sub: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading or a full-width section row; ``level`` 1 is the top level."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A paragraph; ``label`` is a hanging number such as "2.1" or "(i)"."""

    text: str
    label: str = ""
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Bullet:
    """A list item that is only text (a finding, an achievement), printed after ``label``."""

    text: str
    label: str = "•"


@dataclass(frozen=True)
class Grid:
    """A ruled data table whose ``header`` row repeats on every page.

    ``group_col`` is the column that names a group of rows (written once, on the group's first
    row); its cells are drawn bold on a shaded background.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float = 8.0
    group_col: int | None = None
