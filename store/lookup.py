"""Find a plan or an organisation from any unique part of its key, title or name, so that
people type "devon" rather than "devon--improvement-plan"."""

from __future__ import annotations

import sqlite_utils

from ..extract.metadata import slugify
from ..extract.organisations import authorities


class NameNotFound(LookupError):
    """No stored plan or organisation matches the words given."""


class AmbiguousName(LookupError):
    """Several match: the message lists them so the person can choose."""


def find_plan(db: sqlite_utils.Database, text: str, among: list[str] | None = None) -> str:
    """The plan key ``text`` names: the key itself, or a unique part of a plan's key, one
    of its versions' titles, or its organisation's name (``among`` narrows the plans)."""
    names: dict[str, set[str]] = {}
    for row in db.query(
        "SELECT plan_key, title, organisation, organisation_as_printed FROM documents "
        "WHERE plan_key IS NOT NULL"
    ):
        if among is None or row["plan_key"] in among:
            names.setdefault(row["plan_key"], set()).update(
                value for value in row.values() if value
            )
    return _one(text, names, "plan", "plans")


def find_organisation(db: sqlite_utils.Database, text: str) -> str | None:
    """The canonical name of the organisation ``text`` names: a stored one, else an English
    authority of the reference list ("leeds" -> "Leeds City Council"); None when none does
    (a new organisation); several raise :class:`AmbiguousName`."""
    stored: dict[str, set[str]] = {}
    for row in db.query(
        "SELECT o.name, s.spelling FROM organisations o "
        "LEFT JOIN organisation_spellings s ON s.organisation_id = o.id"
    ):
        stored.setdefault(row["name"], {row["name"]}).update([row["spelling"] or row["name"]])
    known = {
        authority.name: {authority.name, authority.place, *authority.spellings}
        for authority in authorities()
        if not authority.abolished
    }
    for names in (stored, known):
        try:
            return _one(text, names, "organisation", "organisations")
        except NameNotFound:
            continue
    return None


def _one(text: str, names: dict[str, set[str]], noun: str, nouns: str) -> str:
    if text in names:
        return text
    wanted, wanted_slug = text.casefold().strip(), slugify(text)
    exact = [key for key, values in names.items() if any(wanted == v.casefold() for v in values)]
    if len(exact) == 1:
        return exact[0]
    found = sorted(
        key
        for key, values in names.items()
        if wanted_slug
        and any(wanted in value.casefold() or wanted_slug in slugify(value) for value in values)
    )
    if len(found) == 1:
        return found[0]
    if not found:
        known = ", ".join(sorted(names)) or "none stored yet"
        raise NameNotFound(f"no {noun} matches {text!r}; {nouns}: {known}")
    raise AmbiguousName(
        f"{text!r} matches {len(found)} {nouns}: {', '.join(found)}; give more of the name"
    )
