"""Reports for people: what changed between versions of a plan, and one action's history.

Reads the lineage the store keeps (``action_changes``, ``action_links``, ``thread_id``) and
lays it out for a committee paper: counts first, then the slipped actions with their
before and after, then everything else.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from ..store.lookup import find_plan
from .changes import KINDS


@dataclass
class ComparisonReport:
    plan_key: str
    versions: list[dict]  # documents compared, oldest first
    changes: list[dict] = field(default_factory=list)  # slipped first, then by version and position

    @property
    def counts(self) -> Counter[str]:
        return Counter(change["kind"] for change in self.changes)


class CompareError(ValueError):
    """The comparison asked for cannot be made; the message says what to do."""


def compare_plan(
    db: sqlite_utils.Database,
    plan_key: str | None = None,
    from_date: str | None = None,
    to_date: str | None = None,
) -> ComparisonReport:
    """Changes between the versions of a plan dated from ``from_date`` to ``to_date``."""
    plans = [
        row[0]
        for row in db.execute("SELECT DISTINCT plan_key FROM version_pairs ORDER BY plan_key")
    ]
    if plan_key is None:
        if len(plans) != 1:
            listed = ", ".join(plans) or "none yet (ingest two or more versions of a plan)"
            raise CompareError(f"say which plan with --plan; plans with several versions: {listed}")
        plan_key = plans[0]
    elif plan_key not in plans:
        try:
            plan_key = find_plan(db, plan_key, among=plans)
        except LookupError as error:
            raise CompareError(
                f"{error} (plans with two or more versions; see plandrift documents)"
            ) from None
    versions = list(
        db.query(
            "SELECT id, doc_date, title, file_name FROM documents WHERE plan_key = ? "
            "AND doc_type = 'improvement_plan' ORDER BY doc_date IS NULL, doc_date, id",
            [plan_key],
        )
    )
    chosen = [
        version
        for version in versions
        if (from_date is None or (version["doc_date"] or "") >= from_date)
        and (to_date is None or (version["doc_date"] or "") <= to_date)
    ]
    ids = [version["id"] for version in chosen]
    changes = list(
        db.query(
            "SELECT c.kind, c.is_slippage, c.detail, c.thread_id, "
            "c.from_action_id, c.to_action_id, "
            "fd.doc_date AS from_date, td.doc_date AS to_date, "
            "coalesce(ta.ref, fa.ref) AS ref, coalesce(ta.text, fa.text) AS text, "
            "coalesce(ta.lead, fa.lead) AS lead, coalesce(ta.page, fa.page) AS page, "
            "coalesce(ta.position, fa.position) AS position "
            "FROM action_changes c JOIN documents fd ON fd.id = c.from_document_id "
            "JOIN documents td ON td.id = c.to_document_id "
            "LEFT JOIN actions fa ON fa.id = c.from_action_id "
            "LEFT JOIN actions ta ON ta.id = c.to_action_id "
            f"WHERE c.plan_key = ? AND c.from_document_id IN ({','.join('?' * len(ids))}) "
            f"AND c.to_document_id IN ({','.join('?' * len(ids))})",
            [plan_key, *ids, *ids],
        )
    )
    changes.sort(
        key=lambda c: (-c["is_slippage"], c["to_date"] or "", c["position"], KINDS.index(c["kind"]))
    )
    return ComparisonReport(plan_key=plan_key, versions=chosen, changes=changes)


def format_comparison(report: ComparisonReport, output_format: str = "text") -> str:
    """The report as text, markdown, csv or json."""
    if output_format == "json":
        return json.dumps(
            {
                "plan_key": report.plan_key,
                "versions": report.versions,
                "counts": report.counts,
                "changes": report.changes,
            },
            indent=2,
        )
    if output_format == "csv":
        buffer = io.StringIO()
        columns = [
            "from_date",
            "to_date",
            "kind",
            "is_slippage",
            "ref",
            "text",
            "lead",
            "detail",
            "thread_id",
            "page",
        ]
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(report.changes)
        return buffer.getvalue()
    markdown = output_format == "markdown"
    dates = " -> ".join(version["doc_date"] or "undated" for version in report.versions)
    lines = [f"# {report.plan_key}" if markdown else report.plan_key, "", f"Versions: {dates}", ""]
    counts = report.counts
    slipped = sum(change["is_slippage"] for change in report.changes)
    lines.append(
        f"{slipped} slipped. "
        + ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind])
    )
    for title, rows in (
        ("Slipped", [change for change in report.changes if change["is_slippage"]]),
        ("Other changes", [change for change in report.changes if not change["is_slippage"]]),
    ):
        if not rows:
            continue
        lines += ["", f"## {title}" if markdown else f"{title}:"]
        for change in rows:
            label = f"{change['ref'] + ' ' if change['ref'] else ''}{change['text']}"
            prefix = "- " if markdown else "  "
            lead = change["lead"] or "no lead"
            when, kind, detail = change["to_date"], change["kind"], change["detail"]
            lines.append(f"{prefix}[{when}] {kind}: {label} ({lead}): {detail}")
    return "\n".join(lines)


def action_history(db: sqlite_utils.Database, query: str) -> list[dict]:
    """Every version of one action: by its id, or the best full-text match for the words."""
    if query.isdigit():
        row = db.execute("SELECT thread_id, id FROM actions WHERE id = ?", [int(query)]).fetchone()
    else:
        row = db.execute(
            "SELECT a.thread_id, a.id FROM actions_fts JOIN actions a ON a.id = actions_fts.rowid "
            "WHERE actions_fts MATCH ? ORDER BY rank LIMIT 1",
            [" ".join(f'"{word}"' for word in query.replace('"', " ").split())],
        ).fetchone()
    if row is None:
        return []
    thread = row[0] or row[1]
    return list(
        db.query(
            "SELECT a.id, a.thread_id, d.doc_date, d.file_name, a.page, a.ref, a.text, a.lead, "
            "a.status, a.status_raw, a.due_date, a.update_text "
            "FROM actions a JOIN documents d ON d.id = a.document_id "
            "WHERE coalesce(a.thread_id, a.id) = ? ORDER BY d.doc_date, a.id",
            [thread],
        )
    )


def format_history(rows: list[dict]) -> str:
    """One action's versions, oldest first, as lines a person reads in a terminal."""
    lines = []
    for row in rows:
        status = row["status_raw"] or row["status"] or "-"
        lines.append(
            f"{row['doc_date'] or 'undated'}  #{row['id']}  {row['ref'] or ''} {row['text']}"
        )
        lines.append(
            f"    lead: {row['lead'] or '-'}  status: {status}  due: {row['due_date'] or '-'}  "
            f"({row['file_name']}, page {row['page']})"
        )
        if row["update_text"]:
            lines.append(f"    update: {row['update_text']}")
    return "\n".join(lines)
