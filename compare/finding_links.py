"""Keep recommendation coverage, repeat findings and a plan's restatements of an
inspection's findings up to date after each document.

Everything here is scoped to one authority (documents whose organisation names the same
place), recomputed in full for it: a council has a few inspections and a few hundred
actions, so this is cheap, and it stays correct whatever order documents arrive in.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import sqlite_utils

from ..extract.metadata import place_key
from .finding_matching import Pair, cover_findings, repeat_findings


def relink_findings(db: sqlite_utils.Database, document_id: int) -> None:
    """Recompute the coverage and repeats of the authority a newly stored document is of."""
    organisation = db.execute(
        "SELECT organisation FROM documents WHERE id = ?", [document_id]
    ).fetchone()[0]
    if not organisation:
        return
    documents = [
        row
        for row in db.query(
            "SELECT id, doc_type, doc_date, organisation FROM documents ORDER BY doc_date, id"
        )
        if place_key(row["organisation"]) == place_key(organisation)
    ]
    ignore = frozenset(place_key(organisation).split("-"))  # the authority's own name
    with db.atomic():
        _cover(db, documents, ignore)
        _repeats(db, documents, ignore)
        _restated(db, documents, ignore)


def _findings(db: sqlite_utils.Database, document_ids: list[int]) -> list[dict]:
    if not document_ids:
        return []
    marks = ",".join("?" * len(document_ids))
    return list(
        db.query(
            f"SELECT id, text, document_id FROM recommendations WHERE kind = 'finding' "
            f"AND document_id IN ({marks}) ORDER BY document_id, position",
            document_ids,
        )
    )


def _cover(db: sqlite_utils.Database, documents: list[dict], ignore: frozenset[str]) -> None:
    """Findings against the actions of the latest version of each of the authority's plans."""
    findings = _findings(
        db, [row["id"] for row in documents if row["doc_type"] != "improvement_plan"]
    )
    plan_versions = {row["id"] for row in documents if row["doc_type"] == "improvement_plan"}
    latest: dict[str, int] = {}
    for row in db.query(
        "SELECT id, plan_key FROM documents WHERE doc_type = 'improvement_plan' "
        "ORDER BY doc_date, id"
    ):
        if row["id"] in plan_versions:
            latest[row["plan_key"] or str(row["id"])] = row["id"]
    plans = list(latest.values())
    actions = (
        list(
            db.query(
                f"SELECT id, text FROM actions WHERE document_id IN ({','.join('?' * len(plans))})",
                plans,
            )
        )
        if plans
        else []
    )
    _replace_pairs(
        db,
        "recommendation_coverage",
        ("recommendation_id", "action_id"),
        findings,
        actions,
        cover_findings([f["text"] for f in findings], [a["text"] for a in actions], ignore),
    )


def _repeats(db: sqlite_utils.Database, documents: list[dict], ignore: frozenset[str]) -> None:
    inspections = [row["id"] for row in documents if row["doc_type"] == "inspection_letter"]
    for earlier, later in pairwise(inspections):
        before, after = _findings(db, [earlier]), _findings(db, [later])
        _replace_pairs(
            db,
            "recommendation_links",
            ("from_recommendation_id", "to_recommendation_id"),
            before,
            after,
            repeat_findings([f["text"] for f in before], [f["text"] for f in after], ignore),
            owner="right",
        )


def _restated(db: sqlite_utils.Database, documents: list[dict], ignore: frozenset[str]) -> None:
    """A plan's restated findings ("What Ofsted told us we must improve", "Recommendation
    2: ...") linked to the inspection's own words: the latest inspection dated on or before
    the plan version (or the latest of all when either is undated)."""
    inspections = [row for row in documents if row["doc_type"] == "inspection_letter"]
    for plan in (row for row in documents if row["doc_type"] == "improvement_plan"):
        earlier = [
            row
            for row in inspections
            if not (row["doc_date"] and plan["doc_date"]) or row["doc_date"] <= plan["doc_date"]
        ]
        restated = _findings(db, [plan["id"]])
        if not restated:
            continue
        original = _findings(db, [earlier[-1]["id"]]) if earlier else []
        pairs = repeat_findings(
            [f["text"] for f in original], [f["text"] for f in restated], ignore
        )
        _replace_pairs(
            db,
            "recommendation_links",
            ("from_recommendation_id", "to_recommendation_id"),
            original,
            restated,
            [replace(pair, method=f"restated in plan: {pair.method}") for pair in pairs],
            owner="right",
        )


def _replace_pairs(
    db: sqlite_utils.Database,
    table: str,
    columns: tuple[str, str],
    left: list[dict],
    right: list[dict],
    pairs: list[Pair],
    owner: str = "left",
) -> None:
    """Store scored pairs in place of the ones recorded before for the same records: coverage
    belongs to its finding (the left side), a repeat to the later finding (the right)."""
    owned = [row["id"] for row in (left if owner == "left" else right)]
    if owned:
        column = columns[0] if owner == "left" else columns[1]
        db.execute(
            f"DELETE FROM [{table}] WHERE [{column}] IN ({','.join('?' * len(owned))})", owned
        )
    db[table].insert_all(
        {
            columns[0]: left[pair.left]["id"],
            columns[1]: right[pair.right]["id"],
            "score": pair.score,
            "method": pair.method,
        }
        for pair in pairs
    )
