"""What changed for each action between two versions of a plan, and which changes are slippage.

Pure: takes the two versions' actions (dicts as stored), their dates and the links between
them. Kinds: added, dropped, reworded, completed, status_improved, status_worsened,
due_date_moved, stalled, reopened. Slippage is a worse status, a later due date, an action
gone without being completed, a stall, or a completed action reopened. An action not
complete has stalled when its progress update is word for word the one of the version
before, or when it is still not started (or has no status) once its due date has passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .action_matching import Link, normalise

KINDS = (
    "added",
    "dropped",
    "reworded",
    "completed",
    "status_improved",
    "status_worsened",
    "due_date_moved",
    "stalled",
    "reopened",
)
# How well an action is going; not_started is judged by its due date instead.
_PROGRESS = {"off_track": 0, "at_risk": 1, "in_progress": 2, "on_track": 2, "complete": 3}


@dataclass(frozen=True)
class Change:
    kind: str
    is_slippage: bool
    detail: str
    from_index: int | None  # into the earlier version's actions
    to_index: int | None  # into the later version's actions


def changes_between(
    before: list[dict], after: list[dict], links: list[Link], to_date: str | None
) -> list[Change]:
    """Every change from one version to the next, in the later version's order."""
    found: list[Change] = []
    linked_before = {link.from_index for link in links}
    linked_after = {link.to_index for link in links}
    for link in links:
        found += _linked_changes(before[link.from_index], after[link.to_index], link, to_date)
    for index, action in enumerate(before):
        if index not in linked_before:
            done = action.get("status") == "complete"
            detail = f"{_label(action)} is not in the later version" + (
                " (it was complete)" if done else ""
            )
            found.append(Change("dropped", not done, detail, index, None))
    for index, action in enumerate(after):
        if index not in linked_after:
            found.append(Change("added", False, f"new: {_label(action)}", None, index))
    return sorted(
        found,
        key=lambda change: (change.to_index is None, change.to_index or 0, change.from_index or 0),
    )


def _linked_changes(old: dict, new: dict, link: Link, to_date: str | None) -> list[Change]:
    changes = []
    pair = (link.from_index, link.to_index)

    def add(kind: str, slippage: bool, detail: str) -> None:
        changes.append(Change(kind, slippage, detail, *pair))

    if normalise(old["text"]) != normalise(new["text"]):
        add("reworded", False, f"“{_short(old['text'])}” -> “{_short(new['text'])}”")
    old_status, new_status = old.get("status"), new.get("status")
    statuses = f"{_status_words(old)} -> {_status_words(new)}"
    if new_status == "complete" and old_status != "complete":
        add("completed", False, statuses)
    elif old_status == "complete" and new_status not in (None, "complete"):
        add("reopened", True, statuses)
    elif old_status in _PROGRESS and new_status in _PROGRESS and old_status != new_status:
        worse = _PROGRESS[new_status] < _PROGRESS[old_status]
        better = _PROGRESS[new_status] > _PROGRESS[old_status]
        if worse or better:
            add("status_worsened" if worse else "status_improved", worse, statuses)
    old_due, new_due = old.get("due_date"), new.get("due_date")
    if old_due and new_due and old_due != new_due:
        add("due_date_moved", new_due > old_due, f"due {_day(old_due)} -> {_day(new_due)}")
    if new_status != "complete":
        repeated = bool(new.get("update_text")) and new.get("update_text") == old.get("update_text")
        overdue = bool(new_due and to_date and new_due < to_date)
        if repeated or (overdue and new_status in ("not_started", None)):
            reason = "the same update as last time" if repeated else "not started"
            add("stalled", True, reason + (f"; due {_day(new_due)} has passed" if overdue else ""))
    return changes


def _label(action: dict) -> str:
    return f"{action.get('ref') + ' ' if action.get('ref') else ''}{_short(action['text'])}"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status_words(action: dict) -> str:
    return action.get("status_raw") or action.get("status") or "no status"


def _day(iso: str) -> str:
    """ISO date as councils write it: 2020-05-15 -> 15/05/2020."""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
