"""Keep a plan's action lineage up to date in the database: links between consecutive
versions, one thread per real-world action, and the changes from version to version.

Incremental: only pairs of consecutive versions not linked before are matched, so a new
version costs one comparison with its neighbour(s); a version ingested late, between two
others, replaces the link between them by two. People's corrections (``link_overrides``)
are applied every time a pair is matched.
"""

from __future__ import annotations

from itertools import pairwise

import sqlite_utils

from ..compare.changes import changes_between
from ..compare.lineage import match_actions
from .documents import utc_now


def relink_plan(db: sqlite_utils.Database, plan_key: str) -> int:
    """Match the versions of one plan that are not matched yet; return how many pairs were."""
    versions = [
        row[0]
        for row in db.execute(
            "SELECT id FROM documents WHERE plan_key = ? AND doc_type = 'improvement_plan' "
            "ORDER BY doc_date IS NULL, doc_date, id",
            [plan_key],
        ).fetchall()
    ]
    wanted = set(pairwise(versions))
    with db.atomic():
        done = {
            (row[0], row[1])
            for row in db.execute(
                "SELECT from_document_id, to_document_id FROM version_pairs WHERE plan_key = ?",
                [plan_key],
            ).fetchall()
        }
        for pair in done - wanted:
            _forget_pair(db, pair)
        for pair in sorted(wanted - done):
            _link_pair(db, plan_key, pair)
        _number_threads(db, versions)
    return len(wanted - done)


def forget_document(db: sqlite_utils.Database, document_id: int) -> None:
    """Before a document's actions are replaced, drop every pair it is part of."""
    pairs = db.execute(
        "SELECT from_document_id, to_document_id FROM version_pairs "
        "WHERE from_document_id = ? OR to_document_id = ?",
        [document_id, document_id],
    ).fetchall()
    for pair in pairs:
        _forget_pair(db, tuple(pair))


def _forget_pair(db: sqlite_utils.Database, pair: tuple[int, int]) -> None:
    for table in ("action_links", "action_changes"):
        db.execute(
            f"DELETE FROM [{table}] WHERE from_document_id = ? AND to_document_id = ?", list(pair)
        )
    db.execute(
        "DELETE FROM version_pairs WHERE from_document_id = ? AND to_document_id = ?", list(pair)
    )


def _actions(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT a.*, p.text AS parent_text FROM actions a "
            "LEFT JOIN actions p ON p.id = a.parent_id "
            "WHERE a.document_id = ? ORDER BY a.position",
            [document_id],
        )
    )


def _link_pair(db: sqlite_utils.Database, plan_key: str, pair: tuple[int, int]) -> None:
    before, after = _actions(db, pair[0]), _actions(db, pair[1])
    forced, forbidden = set(), set()
    for row in db.query(
        "SELECT from_position, to_position, decision FROM link_overrides "
        "WHERE from_document_id = ? AND to_document_id = ? ORDER BY id",
        list(pair),
    ):
        key = (row["from_position"], row["to_position"])  # positions are list indexes
        if key[0] < len(before) and key[1] < len(after):
            (forced if row["decision"] == "link" else forbidden).add(key)
            (forbidden if row["decision"] == "link" else forced).discard(key)
    links = match_actions(before, after, forced=forced, forbidden=forbidden)
    to_date = db.execute("SELECT doc_date FROM documents WHERE id = ?", [pair[1]]).fetchone()[0]
    db["action_links"].insert_all(
        {
            "plan_key": plan_key,
            "from_document_id": pair[0],
            "to_document_id": pair[1],
            "from_action_id": before[link.from_index]["id"],
            "to_action_id": after[link.to_index]["id"],
            "score": link.score,
            "method": link.method,
        }
        for link in links
    )
    db["action_changes"].insert_all(
        {
            "plan_key": plan_key,
            "from_document_id": pair[0],
            "to_document_id": pair[1],
            "from_action_id": before[change.from_index]["id"]
            if change.from_index is not None
            else None,
            "to_action_id": after[change.to_index]["id"] if change.to_index is not None else None,
            "kind": change.kind,
            "is_slippage": int(change.is_slippage),
            "detail": change.detail,
        }
        for change in changes_between(before, after, links, to_date)
    )
    db["version_pairs"].insert(
        {
            "plan_key": plan_key,
            "from_document_id": pair[0],
            "to_document_id": pair[1],
            "linked_at": utc_now(),
        }
    )


def _number_threads(db: sqlite_utils.Database, versions: list[int]) -> None:
    """Each action's thread is the id of its earliest linked predecessor (itself if none)."""
    thread: dict[int, int] = {}
    links = dict(db.execute("SELECT to_action_id, from_action_id FROM action_links").fetchall())
    for document_id in versions:
        for (action_id,) in db.execute(
            "SELECT id FROM actions WHERE document_id = ? ORDER BY position", [document_id]
        ).fetchall():
            previous = links.get(action_id)
            thread[action_id] = thread.get(previous, action_id) if previous else action_id
    db.conn.executemany(
        "UPDATE actions SET thread_id = ? WHERE id = ?", [(t, a) for a, t in thread.items()]
    )
    if versions:
        marks = ",".join("?" * len(versions))
        db.execute(
            "UPDATE action_changes SET thread_id = (SELECT thread_id FROM actions WHERE actions.id "
            "= coalesce(action_changes.to_action_id, action_changes.from_action_id)) "
            f"WHERE from_document_id IN ({marks}) OR to_document_id IN ({marks})",
            versions + versions,
        )


class LinkError(ValueError):
    """A link or unlink that cannot be made, said so a person knows why."""


def set_override(
    db: sqlite_utils.Database, from_action_id: int, to_action_id: int, decision: str
) -> str:
    """Record a person's ``link``/``unlink`` of two actions and re-match their versions."""
    rows = {
        row["id"]: row
        for row in db.query(
            "SELECT a.id, a.document_id, a.position, d.plan_key FROM actions a "
            "JOIN documents d ON d.id = a.document_id WHERE a.id IN (?, ?)",
            [from_action_id, to_action_id],
        )
    }
    for action_id in (from_action_id, to_action_id):
        if action_id not in rows:
            raise LinkError(
                f"there is no action {action_id}; find action ids with plandrift history"
            )
    earlier, later = rows[from_action_id], rows[to_action_id]
    pair = (earlier["document_id"], later["document_id"])
    known = db.execute(
        "SELECT 1 FROM version_pairs WHERE from_document_id = ? AND to_document_id = ?", list(pair)
    ).fetchone()
    if not earlier["plan_key"] or earlier["plan_key"] != later["plan_key"] or not known:
        raise LinkError(
            f"actions {from_action_id} and {to_action_id} are not in consecutive versions of one "
            "plan: give an action and its counterpart in the next version"
        )
    with db.atomic():
        db["link_overrides"].insert(
            {
                "from_document_id": earlier["document_id"],
                "from_position": earlier["position"],
                "to_document_id": later["document_id"],
                "to_position": later["position"],
                "decision": decision,
                "created_at": utc_now(),
            }
        )
        _forget_pair(db, pair)
    relink_plan(db, earlier["plan_key"])
    return earlier["plan_key"]
