"""Keep a plan's action lineage up to date in the database: links between consecutive
versions, one thread per real-world action, and the changes from version to version.

Incremental: only pairs of consecutive versions not linked before are matched, so a new
version costs one comparison with its neighbour(s); a version ingested late, between two
others, replaces the link between them by two. People's corrections (``link_overrides``)
are kept by what the two actions say (document sha256, reference, wording), not by their
place in a list, and applied every time a pair is matched. A thread (``action_threads``)
is assigned once and kept: a late older version joins the existing threads, and a
re-extracted version takes back the threads of the actions it is recognised to hold.
"""

from __future__ import annotations

from itertools import pairwise

import sqlite_utils

from ..store.documents import utc_now
from .action_matching import ActionKey, match_actions, recognise
from .changes import changes_between


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
        _number_threads(db, versions, plan_key)
    return len(wanted - done)


def forget_document(db: sqlite_utils.Database, document_id: int) -> list[tuple[ActionKey, int]]:
    """Before a document's actions are replaced: drop every pair it is part of, and return
    what each action said with its thread, so that ``restore_threads`` can give them back."""
    pairs = db.execute(
        "SELECT from_document_id, to_document_id FROM version_pairs "
        "WHERE from_document_id = ? OR to_document_id = ?",
        [document_id, document_id],
    ).fetchall()
    for pair in pairs:
        _forget_pair(db, tuple(pair))
    return [
        (ActionKey(row[0], row[1]), row[2])
        for row in db.execute(
            "SELECT ref, text, thread_id FROM actions WHERE document_id = ? "
            "AND thread_id IS NOT NULL ORDER BY position",
            [document_id],
        ).fetchall()
    ]


def restore_threads(
    db: sqlite_utils.Database, document_id: int, remembered: list[tuple[ActionKey, int]]
) -> None:
    """Give a re-extracted document's actions the threads they had, where recognised."""
    if not remembered:
        return
    actions = stored_actions(db, document_id)
    found = recognise([key for key, _ in remembered], actions)
    db.conn.executemany(
        "UPDATE actions SET thread_id = ? WHERE id = ?",
        [
            (thread, actions[index]["id"])
            for (_, thread), index in zip(remembered, found, strict=True)
            if index is not None
        ],
    )


def thread_new_actions(db: sqlite_utils.Database, document_id: int) -> None:
    """A thread of its own for each action of the document that has none yet."""
    unthreaded = [
        row[0]
        for row in db.execute(
            "SELECT id FROM actions WHERE document_id = ? AND thread_id IS NULL ORDER BY position",
            [document_id],
        ).fetchall()
    ]
    plan_key = db.execute("SELECT plan_key FROM documents WHERE id = ?", [document_id]).fetchone()
    threads = _new_threads(db, plan_key[0], len(unthreaded))
    db.conn.executemany(
        "UPDATE actions SET thread_id = ? WHERE id = ?", list(zip(threads, unthreaded, strict=True))
    )


def _new_threads(db: sqlite_utils.Database, plan_key: str | None, count: int) -> list[int]:
    """Numbers for ``count`` new threads, in order. Inside the writer's transaction no one
    else inserts, so the last ``count`` numbers are these."""
    if not count:
        return []
    now = utc_now()
    db.conn.executemany(
        "INSERT INTO action_threads (plan_key, created_at) VALUES (?, ?)",
        [(plan_key, now)] * count,
    )
    rows = db.execute("SELECT id FROM action_threads ORDER BY id DESC LIMIT ?", [count]).fetchall()
    return [row[0] for row in reversed(rows)]


def _forget_pair(db: sqlite_utils.Database, pair: tuple[int, int]) -> None:
    for table in ("action_links", "action_changes"):
        db.execute(
            f"DELETE FROM [{table}] WHERE from_document_id = ? AND to_document_id = ?", list(pair)
        )
    db.execute(
        "DELETE FROM version_pairs WHERE from_document_id = ? AND to_document_id = ?", list(pair)
    )


def stored_actions(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    """A stored version's actions as the matcher reads them, each with its parent's text."""
    return list(
        db.query(
            "SELECT a.*, p.text AS parent_text FROM actions a "
            "LEFT JOIN actions p ON p.id = a.parent_id "
            "WHERE a.document_id = ? ORDER BY a.position",
            [document_id],
        )
    )


def _link_pair(db: sqlite_utils.Database, plan_key: str, pair: tuple[int, int]) -> None:
    before, after = stored_actions(db, pair[0]), stored_actions(db, pair[1])
    forced, forbidden = set(), set()
    for override in _overrides(db, pair):
        key = (
            recognise([override["from"]], before)[0],
            recognise([override["to"]], after)[0],
        )
        resolved = None not in key
        db["link_overrides"].update(override["id"], {"resolved": int(resolved)})
        if resolved:
            (forced if override["decision"] == "link" else forbidden).add(key)
            (forbidden if override["decision"] == "link" else forced).discard(key)
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


def _overrides(db: sqlite_utils.Database, pair: tuple[int, int]) -> list[dict]:
    """The corrections made between these two versions, oldest first, with what each of the
    two actions said."""
    return [
        {
            "id": row["id"],
            "decision": row["decision"],
            "from": ActionKey(row["from_ref"], row["from_text"]),
            "to": ActionKey(row["to_ref"], row["to_text"]),
        }
        for row in db.query(
            "SELECT o.* FROM link_overrides o "
            "JOIN documents f ON f.sha256 = o.from_document_sha256 "
            "JOIN documents t ON t.sha256 = o.to_document_sha256 "
            "WHERE f.id = ? AND t.id = ? ORDER BY o.id",
            list(pair),
        )
    ]


def _number_threads(db: sqlite_utils.Database, versions: list[int], plan_key: str) -> None:
    """One thread per chain of linked actions, keeping the threads already given.

    A chain takes the oldest thread any of its actions already has (threads are numbered in
    the order they were made) that no other chain has taken; a chain with none gets a new
    one. So a version ingested late joins the existing threads instead of renumbering them.
    """
    links = dict(
        db.execute(
            "SELECT to_action_id, from_action_id FROM action_links WHERE plan_key = ?", [plan_key]
        ).fetchall()
    )
    chain_of: dict[int, int] = {}
    chains: dict[int, list[tuple[int, int | None]]] = {}
    for document_id in versions:
        for action_id, thread in db.execute(
            "SELECT id, thread_id FROM actions WHERE document_id = ? ORDER BY position",
            [document_id],
        ).fetchall():
            head = chain_of.get(links.get(action_id), action_id)
            chain_of[action_id] = head
            chains.setdefault(head, []).append((action_id, thread))
    taken: set[int] = set()
    chosen: list[tuple[list[tuple[int, int | None]], int | None]] = []
    for members in sorted(chains.values(), key=_oldest_thread):
        free = sorted({thread for _, thread in members if thread is not None} - taken)
        chosen.append((members, free[0] if free else None))
        taken.update(free[:1])
    fresh = iter(_new_threads(db, plan_key, sum(thread is None for _, thread in chosen)))
    updates = []
    for members, thread in chosen:
        thread = thread if thread is not None else next(fresh)
        updates += [(thread, action_id) for action_id, old in members if old != thread]
    db.conn.executemany("UPDATE actions SET thread_id = ? WHERE id = ?", updates)
    if versions:
        marks = ",".join("?" * len(versions))
        db.execute(
            "UPDATE action_changes SET thread_id = (SELECT thread_id FROM actions WHERE actions.id "
            "= coalesce(action_changes.to_action_id, action_changes.from_action_id)) "
            f"WHERE from_document_id IN ({marks}) OR to_document_id IN ({marks})",
            versions + versions,
        )


def _oldest_thread(members: list[tuple[int, int | None]]) -> tuple[int, int]:
    threads = [thread for _, thread in members if thread is not None]
    return (min(threads) if threads else 1 << 62, members[0][0])


class LinkError(ValueError):
    """A link or unlink that cannot be made, said so a person knows why."""


def set_override(
    db: sqlite_utils.Database, from_action_id: int, to_action_id: int, decision: str
) -> str:
    """Record a person's ``link``/``unlink`` of two actions and re-match their versions."""
    rows = {
        row["id"]: row
        for row in db.query(
            "SELECT a.id, a.document_id, a.position, a.ref, a.text, d.plan_key, d.sha256 "
            "FROM actions a JOIN documents d ON d.id = a.document_id WHERE a.id IN (?, ?)",
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
                "from_document_sha256": earlier["sha256"],
                "from_ref": earlier["ref"],
                "from_text": earlier["text"],
                "to_document_sha256": later["sha256"],
                "to_ref": later["ref"],
                "to_text": later["text"],
            }
        )
        _forget_pair(db, pair)
    relink_plan(db, earlier["plan_key"])
    return earlier["plan_key"]
