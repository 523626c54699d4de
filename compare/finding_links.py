"""Keep recommendation coverage, repeat findings and a plan's restatements of an
inspection's findings up to date after each document.

Everything here is scoped to one authority (documents of the same canonical organisation,
or whose organisation names the same place where none was recognised), recomputed in full
for it: a council has a few inspections and a few hundred actions, so this is cheap, and it
stays correct whatever order documents arrive in. Every pair of its inspections is compared,
not only neighbours: a finding dropped in 2019 and made again in 2023 is still a repeat.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import sqlite_utils

from ..extract.metadata import place_key
from .finding_matching import Pair, cover_findings, repeat_findings


def relink_findings(db: sqlite_utils.Database, document_id: int) -> None:
    """Recompute the coverage and repeats of the authority a newly stored document is of."""
    organisation, organisation_id = db.execute(
        "SELECT organisation, organisation_id FROM documents WHERE id = ?", [document_id]
    ).fetchone()
    if not organisation:
        return
    documents = [
        row
        for row in db.query(
            "SELECT id, doc_type, doc_date, organisation, organisation_id FROM documents "
            "ORDER BY doc_date, id"
        )
        if (organisation_id is not None and row["organisation_id"] == organisation_id)
        or place_key(row["organisation"]) == place_key(organisation)
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
    _replace_coverage(
        db,
        findings,
        actions,
        cover_findings([f["text"] for f in findings], [a["text"] for a in actions], ignore),
    )


def _repeats(db: sqlite_utils.Database, documents: list[dict], ignore: frozenset[str]) -> None:
    """Every pair of the authority's inspections, earlier against later."""
    inspections = [row["id"] for row in documents if row["doc_type"] == "inspection_letter"]
    findings = {document_id: _findings(db, [document_id]) for document_id in inspections}
    _delete_links(db, [row["id"] for rows in findings.values() for row in rows])
    for earlier, later in combinations(inspections, 2):
        before, after = findings[earlier], findings[later]
        _insert_links(
            db,
            before,
            after,
            repeat_findings([f["text"] for f in before], [f["text"] for f in after], ignore),
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
        _delete_links(db, [row["id"] for row in restated])
        _insert_links(
            db,
            original,
            restated,
            [replace(pair, method=f"restated in plan: {pair.method}") for pair in pairs],
        )


def _delete_links(db: sqlite_utils.Database, later_ids: list[int]) -> None:
    """A link belongs to its later finding: forget the ones recorded for these."""
    if later_ids:
        db.execute(
            "DELETE FROM recommendation_links WHERE to_recommendation_id IN "
            f"({','.join('?' * len(later_ids))})",
            later_ids,
        )


def _insert_links(
    db: sqlite_utils.Database, earlier: list[dict], later: list[dict], pairs: list[Pair]
) -> None:
    db["recommendation_links"].insert_all(
        {
            "from_recommendation_id": earlier[pair.left]["id"],
            "to_recommendation_id": later[pair.right]["id"],
            "score": pair.score,
            "confidence": round(pair.score / 100, 2),
            "method": pair.method,
        }
        for pair in pairs
    )


def _replace_coverage(
    db: sqlite_utils.Database, findings: list[dict], actions: list[dict], pairs: list[Pair]
) -> None:
    """Store coverage in place of the rows recorded before for the same findings: coverage
    belongs to its finding."""
    owned = [row["id"] for row in findings]
    if owned:
        db.execute(
            "DELETE FROM recommendation_coverage WHERE recommendation_id IN "
            f"({','.join('?' * len(owned))})",
            owned,
        )
    db["recommendation_coverage"].insert_all(
        {
            "recommendation_id": findings[pair.left]["id"],
            "action_id": actions[pair.right]["id"],
            "score": pair.score,
            "method": pair.method,
        }
        for pair in pairs
    )
