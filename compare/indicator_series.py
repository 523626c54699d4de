"""Line up indicators named slightly differently across reports, and keep
``indicator_series`` (each figure beside its comparators) up to date after each document."""

from __future__ import annotations

import re

import sqlite_utils

from ..store.schema import SERIES_COLUMNS, SERIES_SELECT

INDICATOR_NAME_CUTOFF = 90.0  # token_sort_ratio for two indicator names to be one indicator


def refresh_series(db: sqlite_utils.Database, document_id: int) -> None:
    """Name a newly stored document's indicators and store its rows of the series."""
    with db.atomic():
        _name_indicators(db, document_id)
        _store_series(db, document_id)


def _store_series(db: sqlite_utils.Database, document_id: int) -> None:
    """The document's rows of ``indicator_series`` (its figures, named and side by side)."""
    db.execute("DELETE FROM indicator_series WHERE document_id = ?", [document_id])
    db.execute(
        f"INSERT INTO indicator_series ({SERIES_COLUMNS}) "
        + SERIES_SELECT.format(document_filter="AND i.document_id = :document_id"),
        {"document_id": document_id},
    )


def _name_indicators(db: sqlite_utils.Database, document_id: int) -> None:
    """Give each new indicator name the key of the indicator it is (or a key of its own)."""
    known_names = {row[0] for row in db.execute("SELECT name FROM indicator_names")}
    keys = [row[0] for row in db.execute("SELECT DISTINCT indicator_key FROM indicator_names")]
    for (name,) in db.execute(
        "SELECT DISTINCT name FROM indicators WHERE document_id = ? "
        "AND source IN ('table', 'plan_cell')",
        [document_id],
    ).fetchall():
        if name in known_names:
            continue
        key = indicator_key(name, keys)
        db["indicator_names"].insert({"name": name, "indicator_key": key})
        known_names.add(name)
        if key not in keys:
            keys.append(key)


def indicator_key(name: str, known: list[str]) -> str:
    """The key an indicator name lines up under: a known key it matches, or its own."""
    from rapidfuzz import fuzz, process, utils

    own = _indicator_words(name)
    if known:
        best = process.extractOne(
            own, known, scorer=fuzz.token_sort_ratio, processor=utils.default_process
        )
        if best and best[1] >= INDICATOR_NAME_CUTOFF:
            return best[0]
    return own


def _indicator_words(name: str) -> str:
    """An indicator name without its unit and filler: "% of CIC with a permanence plan"
    and "CIC with permanence plan (%)" give the same words."""
    text = re.sub(
        r"\(?per 10,?000\)?|%|\bpercentage\b|\bnumber\b|\bof\b|\bwith\b|\ba\b|\bthe\b",
        " ",
        name.lower(),
    )
    return " ".join(re.findall(r"[a-z0-9+]+", text))
