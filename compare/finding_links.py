"""Keep recommendation coverage and repeat findings up to date after each document.

Everything here is scoped to one authority (documents whose organisation names the same
place), recomputed in full for it: a council has a few inspections and a few hundred
actions, so this is cheap, and it stays correct whatever order documents arrive in.
"""

from __future__ import annotations

from itertools import pairwise

import sqlite_utils

from ..extract.metadata import place_key
from .finding_matching import cover_findings, repeat_findings


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
    if findings:
        marks = ",".join("?" * len(findings))
        db.execute(
            f"DELETE FROM recommendation_coverage WHERE recommendation_id IN ({marks})",
            [finding["id"] for finding in findings],
        )
    db["recommendation_coverage"].insert_all(
        {
            "recommendation_id": findings[pair.left]["id"],
            "action_id": actions[pair.right]["id"],
            "score": pair.score,
            "method": pair.method,
        }
        for pair in cover_findings(
            [f["text"] for f in findings], [a["text"] for a in actions], ignore
        )
    )


def _repeats(db: sqlite_utils.Database, documents: list[dict], ignore: frozenset[str]) -> None:
    inspections = [row["id"] for row in documents if row["doc_type"] == "inspection_letter"]
    for earlier, later in pairwise(inspections):
        before, after = _findings(db, [earlier]), _findings(db, [later])
        ids = [finding["id"] for finding in after]
        if ids:
            db.execute(
                "DELETE FROM recommendation_links "
                f"WHERE to_recommendation_id IN ({','.join('?' * len(ids))})",
                ids,
            )
        db["recommendation_links"].insert_all(
            {
                "from_recommendation_id": before[pair.left]["id"],
                "to_recommendation_id": after[pair.right]["id"],
                "score": pair.score,
                "method": pair.method,
            }
            for pair in repeat_findings(
                [f["text"] for f in before], [f["text"] for f in after], ignore
            )
        )
