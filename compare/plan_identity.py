"""Which plan a new version belongs to, and whether its date tells it from the others.

A plan's key comes from its organisation and title, but titles change between versions
("Improvement Plan: progress update" becomes "Ofsted action tracker, Quarter 3"). When a
new version's key names no stored plan while its organisation has plans already, the
version joins the one whose nearest version shares most of its actions (the lineage
matcher's links), and says so in ``plan_key_basis``; a version whose organisation was not
recognised may join any stored plan that way. Two versions of one plan with the
same date cannot be put in order: both get a ``date_warning``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlite_utils

from ..extract.action_record import ExtractedAction
from ..extract.metadata import DocumentMetadata, place_key
from .action_matching import match_actions
from .threads import stored_actions

# A version joins an existing plan when at least this share of the smaller version's
# actions, and at least MIN_SHARED actions, match that plan's nearest version.
MIN_SHARE = 0.5
MIN_SHARED = 3


def settle_plan(
    db: sqlite_utils.Database, metadata: DocumentMetadata, actions: list[dict], sha256: str
) -> DocumentMetadata:
    """The metadata with its plan key moved onto a stored plan its actions belong to."""
    if (
        metadata.doc_type != "improvement_plan"
        or metadata.plan_key_basis == "given by user"
        or not metadata.plan_key
        or len(actions) < MIN_SHARED
    ):
        return metadata
    versions = list(
        db.query(
            "SELECT id, plan_key, doc_date, organisation FROM documents "
            "WHERE doc_type = 'improvement_plan' AND sha256 != ? AND plan_key IS NOT NULL "
            "ORDER BY doc_date, id",
            [sha256],
        )
    )
    if any(version["plan_key"] == metadata.plan_key for version in versions):
        return metadata
    # A version whose organisation was not recognised may join any plan it shares actions with.
    place = place_key(metadata.organisation) if metadata.organisation else None
    nearest: dict[str, dict] = {}
    for version in versions:
        if place and place_key(version["organisation"]) != place:
            continue
        held = nearest.get(version["plan_key"])
        if held is None or _distance(version, metadata) < _distance(held, metadata):
            nearest[version["plan_key"]] = version
    best = None
    for plan_key, version in nearest.items():
        stored = stored_actions(db, version["id"])
        shared = len(match_actions(stored, actions))
        share = shared / max(1, min(len(stored), len(actions)))
        if shared >= MIN_SHARED and share >= MIN_SHARE and (best is None or share > best[0]):
            best = (share, shared, len(actions), plan_key)
    if best is None:
        return metadata
    _, shared, total, plan_key = best
    return replace(
        metadata,
        plan_key=plan_key,
        plan_key_basis=f"actions shared with an earlier version ({shared} of {total})",
    )


def _distance(version: dict, metadata: DocumentMetadata) -> tuple[int, int]:
    """Versions dated nearest the new one first; undated ones last."""
    if not version["doc_date"] or not metadata.doc_date:
        return (1, 0)
    return (0, abs((_day(version["doc_date"]) - _day(metadata.doc_date)).days))


def _day(iso: str) -> date:
    return date.fromisoformat((iso + "-01")[:10])  # a month-only date as its first day


def action_rows(actions: list[ExtractedAction]) -> list[dict]:
    """Extracted actions in the form the matcher reads stored ones."""
    return [
        {
            "text": action.text,
            "ref": action.ref,
            "section": action.section,
            "lead": action.lead,
            "parent_text": actions[action.parent_index].text
            if action.parent_index is not None
            else None,
        }
        for action in actions
    ]


def refresh_date_warnings(db: sqlite_utils.Database, plan_key: str | None) -> dict[int, str]:
    """Warn on every version of the plan that shares its date with another; returns the
    warnings set, by document id, for the ingest report."""
    if not plan_key:
        return {}
    versions = list(
        db.query(
            "SELECT id, file_name, doc_date FROM documents WHERE plan_key = ? ORDER BY id",
            [plan_key],
        )
    )
    warnings = {}
    for version in versions:
        twins = [
            other["file_name"]
            for other in versions
            if other["id"] != version["id"] and version["doc_date"] == other["doc_date"]
        ]
        warning = (
            f"same date ({version['doc_date']}) as {', '.join(twins)}, another version of "
            f"plan {plan_key}, so their order is unknown: check both and correct one with "
            "plandrift ingest FILE --date YYYY-MM-DD"
            if twins and version["doc_date"]
            else None
        )
        db["documents"].update(version["id"], {"date_warning": warning})
        if warning:
            warnings[version["id"]] = warning
    return warnings
