"""Write extracted documents, their sources and each run's outcome.

Each document is written in one transaction: a failure part way leaves no trace of it.
Documents are keyed by the sha256 of their bytes, so the same file met under another name
becomes another ``sources`` row, never a duplicate document.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from functools import cache

import sqlite_utils

from .. import EXTRACTOR_VERSION, __version__
from ..extract.metadata import DocumentMetadata
from ..extract.organisations import Authority, authorities
from ..extract.records import ExtractedDocument
from ..extract.themes import themes_of
from .schema import document_label, list_heading, page_link

# Tables holding rows derived from a document's content, children first; --force
# replaces them together.
DERIVED_TABLES = (
    "indicator_series",
    "indicator_conflicts",
    "indicators",
    "recommendations",
    "action_leads",
    "actions",
    "pages",
)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def find_document(db: sqlite_utils.Database, sha256: str) -> dict | None:
    rows = list(db["documents"].rows_where("sha256 = ?", [sha256], limit=1))
    return rows[0] if rows else None


def save_document(db: sqlite_utils.Database, extracted: ExtractedDocument, run_id: int) -> int:
    """Store a newly read document, or replace the derived rows of one stored before."""
    now = utc_now()
    metadata = extracted.metadata
    pages = extracted.pages
    row = {
        "sha256": extracted.source.sha256,
        "path": extracted.source.path,
        "file_name": extracted.source.path.replace("\\", "/").rsplit("/", 1)[-1],
        "file_kind": extracted.file_kind,
        "bytes": extracted.source.bytes,
        "doc_type": metadata.doc_type,
        "title": metadata.title,
        "organisation": metadata.organisation,
        "doc_date": metadata.doc_date,
        "doc_date_basis": metadata.doc_date_basis,
        "plan_key": metadata.plan_key,
        "plan_key_basis": metadata.plan_key_basis,
        "subtype": metadata.subtype,
        "organisation_as_printed": metadata.organisation_as_printed,
        "pages": len(pages),
        "pages_without_text": sum(1 for page in pages if page.text_layer == "none"),
        "overrides": json.dumps(extracted.overrides, sort_keys=True)
        if extracted.overrides
        else None,
        "warnings": "\n".join(extracted.warnings) or None,
        "extractor_version": EXTRACTOR_VERSION,
        "ingested_at": now,
        "ingest_run_id": run_id,
    }
    row["label"] = document_label(row)
    with db.atomic():
        row["organisation_id"] = organisation_id(db, metadata)
        existing = find_document(db, extracted.source.sha256)
        if existing:
            document_id = existing["id"]
            _delete_derived_rows(db, document_id)
            row.pop("path")  # keep where it was first seen
            db["documents"].update(document_id, row)
        else:
            document_id = db["documents"].insert(row).last_pk
        db["pages"].insert_all(
            {
                "document_id": document_id,
                "page": page.number,
                "text": page.text,
                "text_layer": page.text_layer,
                "width": page.width,
                "height": page.height,
                "ocr": int(page.text_layer == "ocr"),
                "ocr_confidence": page.ocr_confidence,
                "reader": page.reader,
            }
            for page in pages
        )
        about = {"organisation": metadata.organisation, "doc_date": metadata.doc_date}
        action_ids = _insert_actions(db, document_id, extracted, about)
        _insert_recommendations(db, document_id, extracted, about, action_ids)
        _insert_indicators(db, document_id, extracted, about)
        record_source(db, document_id, extracted.source.path, now)
        if row["organisation_id"] and metadata.organisation_as_printed:
            db["organisation_spellings"].insert(
                {
                    "organisation_id": row["organisation_id"],
                    "spelling": metadata.organisation_as_printed,
                    "first_document_id": document_id,
                },
                ignore=True,
            )
    return document_id


def organisation_id(db: sqlite_utils.Database, metadata: DocumentMetadata) -> int | None:
    """The ``organisations`` row of the document's organisation, added when first met, with
    the place, kind and ONS code of a known authority."""
    if not metadata.organisation:
        return None
    found = db.execute(
        "SELECT id FROM organisations WHERE name = ?", [metadata.organisation]
    ).fetchone()
    if found:
        return found[0]
    known = _known_authorities().get(metadata.organisation)
    row = {"name": metadata.organisation, "code": metadata.organisation_code}
    if known:
        row.update(place=known.place, kind=known.kind, code=known.code)
    return db["organisations"].insert(row).last_pk


@cache
def _known_authorities() -> dict[str, Authority]:
    return {authority.name: authority for authority in authorities()}


def _delete_derived_rows(db: sqlite_utils.Database, document_id: int) -> None:
    for table, column, parent in (
        ("recommendation_coverage", "recommendation_id", "recommendations"),
        ("recommendation_coverage", "action_id", "actions"),
        ("recommendation_links", "from_recommendation_id", "recommendations"),
        ("recommendation_links", "to_recommendation_id", "recommendations"),
    ):  # rows that refer to this document's records from elsewhere; recomputed after
        db.execute(
            f"DELETE FROM [{table}] WHERE [{column}] IN "
            f"(SELECT id FROM [{parent}] WHERE document_id = ?)",
            [document_id],
        )
    for table in DERIVED_TABLES:
        if table == "action_leads":
            db.execute(
                "DELETE FROM action_leads "
                "WHERE action_id IN (SELECT id FROM actions WHERE document_id = ?)",
                [document_id],
            )
        else:
            db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [document_id])


def _insert_recommendations(
    db: sqlite_utils.Database,
    document_id: int,
    extracted: ExtractedDocument,
    about: dict,
    action_ids: list[int],
) -> None:
    """Recommendations, and the coverage a plan's structure states (the actions listed
    under "Recommendation 2: ..."), recorded as certain: method ``structure``."""
    for position, item in enumerate(extracted.recommendations):
        recommendation_id = (
            db["recommendations"]
            .insert(
                {
                    "document_id": document_id,
                    "position": position,
                    "page": item.page,
                    "bbox": json.dumps(item.bbox) if item.bbox else None,
                    "page_link": page_link(document_id, item.page),
                    "ref": item.ref,
                    "text": item.text,
                    "source": item.section or list_heading(item.source),
                    "source_as_printed": item.source,
                    "kind": item.kind,
                    "timescale": item.timescale,
                    "theme": ", ".join(themes_of(item.text)) or None,
                    **about,
                }
            )
            .last_pk
        )
        db["recommendation_coverage"].insert_all(
            {
                "recommendation_id": recommendation_id,
                "action_id": action_ids[index],
                "score": 100.0,
                "method": "structure",
            }
            for index in item.action_indexes
        )


def _insert_indicators(
    db: sqlite_utils.Database, document_id: int, extracted: ExtractedDocument, about: dict
) -> None:
    ids = []
    for position, figure in enumerate(extracted.indicators):
        ids.append(
            db["indicators"]
            .insert(
                {
                    "document_id": document_id,
                    "position": position,
                    "page": figure.page,
                    "bbox": json.dumps(figure.bbox) if figure.bbox else None,
                    "page_link": page_link(document_id, figure.page),
                    "area": figure.area,
                    "name": figure.name,
                    "breakdown": figure.breakdown,
                    "period": figure.period,
                    "series": figure.series,
                    "value": figure.value,
                    "unit": figure.unit,
                    "value_raw": figure.value_raw,
                    "direction": figure.direction,
                    "context": figure.context,
                    "source": figure.source,
                    **about,
                }
            )
            .last_pk
        )
    db["indicator_conflicts"].insert_all(
        {
            "document_id": document_id,
            "prose_indicator_id": ids[conflict.prose],
            "table_indicator_id": ids[conflict.table],
            "name": extracted.indicators[conflict.table].name,
            "period": extracted.indicators[conflict.table].period,
            "prose_value": extracted.indicators[conflict.prose].value,
            "table_value": extracted.indicators[conflict.table].value,
            "unit": extracted.indicators[conflict.table].unit,
            "sentence": extracted.indicators[conflict.prose].context,
        }
        for conflict in extracted.conflicts
    )


def _insert_actions(
    db: sqlite_utils.Database, document_id: int, extracted: ExtractedDocument, about: dict
) -> list[int]:
    """Actions in document order (their ids returned); a sub-step's parent is always stored
    before it."""
    ids: list[int] = []
    for position, action in enumerate(extracted.actions):
        parent_id = ids[action.parent_index] if action.parent_index is not None else None
        action_id = (
            db["actions"]
            .insert(
                {
                    "document_id": document_id,
                    "position": position,
                    "page": action.page,
                    "bbox": json.dumps(action.bbox) if action.bbox else None,
                    "page_link": page_link(document_id, action.page),
                    "section": action.section,
                    "ref": action.ref,
                    "parent_ref": action.parent_ref,
                    "parent_id": parent_id,
                    "text": action.text,
                    "lead": action.lead,
                    "status": action.status,
                    "status_raw": action.status_raw,
                    "due_date": action.due_date,
                    "due_raw": action.due_raw,
                    "measure": action.measure,
                    "measure_value": action.measure_value,
                    "update_text": action.update_text,
                    "as_at": action.as_at,
                    "source": action.source,
                    "outcome": action.outcome,
                    "original_due_raw": action.original_due_raw,
                    "original_due_date": action.original_due_date,
                    **about,
                }
            )
            .last_pk
        )
        ids.append(action_id)
        db["action_leads"].insert_all(
            {"action_id": action_id, "lead": lead, "position": number}
            for number, lead in enumerate(action.leads)
        )
    return ids


def record_source(
    db: sqlite_utils.Database, document_id: int, path: str, now: str | None = None
) -> None:
    """Remember that this document's bytes were found at ``path`` (call inside a transaction)."""
    now = now or utc_now()
    db.execute(
        "INSERT INTO sources (document_id, path, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id, path) DO UPDATE SET last_seen_at = excluded.last_seen_at",
        [document_id, path, now, now],
    )


def start_run(db: sqlite_utils.Database, paths: list[str]) -> int:
    with db.atomic():
        return (
            db["ingest_runs"]
            .insert(
                {
                    "started_at": utc_now(),
                    "paths": json.dumps(paths),
                    "ingested": 0,
                    "unchanged": 0,
                    "failed": 0,
                    "plandrift_version": __version__,
                    "extractor_version": EXTRACTOR_VERSION,
                }
            )
            .last_pk
        )


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict[str, int]) -> None:
    with db.atomic():
        db["ingest_runs"].update(run_id, {"finished_at": utc_now(), **counts})


def record_error(
    db: sqlite_utils.Database,
    run_id: int,
    path: str,
    error_class: str,
    message: str,
    sha256: str | None,
) -> None:
    with db.atomic():
        db["ingest_errors"].insert(
            {
                "ingest_run_id": run_id,
                "path": path,
                "sha256": sha256,
                "error_class": error_class,
                "message": message,
                "occurred_at": utc_now(),
            }
        )


def resolve_errors(db: sqlite_utils.Database, path: str) -> None:
    """Mark earlier failures of ``path`` as resolved now that it has been stored."""
    with db.atomic():
        db.execute(
            "UPDATE ingest_errors SET resolved_at = ? WHERE path = ? AND resolved_at IS NULL",
            [utc_now(), path],
        )


def unresolved_error_paths(db: sqlite_utils.Database) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT path FROM ingest_errors WHERE resolved_at IS NULL ORDER BY path"
        ).fetchall()
    ]


def outdated_documents(db: sqlite_utils.Database) -> list[dict]:
    """Documents extracted by an older extractor, with every path their bytes were seen at."""
    rows = db.execute(
        "SELECT d.id, d.sha256, d.overrides, group_concat(s.path, char(10)) AS paths "
        "FROM documents d LEFT JOIN sources s ON s.document_id = d.id "
        "WHERE d.extractor_version < ? GROUP BY d.id ORDER BY d.id",
        [EXTRACTOR_VERSION],
    ).fetchall()
    return [
        {
            "id": row[0],
            "sha256": row[1],
            "overrides": json.loads(row[2]) if row[2] else {},
            "paths": (row[3] or "").split("\n") if row[3] else [],
        }
        for row in rows
    ]


def list_documents(
    db: sqlite_utils.Database,
    *,
    doc_type: str | None = None,
    plan_key: str | None = None,
    organisation: str | None = None,
) -> list[dict]:
    """Stored documents, oldest first, optionally of one type, plan or organisation."""
    where, params = [], []
    if organisation:
        where.append("organisation = ?")
        params.append(organisation)
    if doc_type:
        where.append("doc_type = ?")
        params.append(doc_type)
    if plan_key:
        where.append("plan_key = ?")
        params.append(plan_key)
    columns = (
        "id, doc_date, doc_date_basis, doc_type, subtype, pages, organisation, title, plan_key, "
        "plan_key_basis, file_name, date_warning, sha256, extractor_version, ingested_at"
    )
    return list(
        db.query(
            f"SELECT {columns} FROM documents {'WHERE ' + ' AND '.join(where) if where else ''} "
            "ORDER BY doc_date IS NULL, doc_date, id",
            params,
        )
    )


DOCUMENT_COLUMNS = (
    "id",
    "doc_date",
    "doc_date_basis",
    "doc_type",
    "pages",
    "organisation",
    "title",
    "file_name",
)


def format_documents(rows: list[dict], output_format: str = "table") -> str:
    """The listing as JSON, CSV, or a plain-text table cut to fit a terminal, followed by
    the date warnings in full (two versions of a plan with one date)."""
    if output_format == "json":
        return json.dumps(rows, indent=2)
    if output_format == "csv":
        if not rows:
            return ""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    warnings = [
        f"warning: {row['file_name']}: {row['date_warning']}"
        for row in rows
        if row.get("date_warning")
    ]
    return "\n".join([_text_table(rows, DOCUMENT_COLUMNS), *warnings])


def _text_table(rows: list[dict], columns: tuple[str, ...]) -> str:
    """A plain-text table, long cells cut so that it fits a terminal."""
    if not rows:
        return "No documents."
    cells = [[_cell(row[column]) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[index]) for line in cells))
        for index, column in enumerate(columns)
    ]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in cells
    ]
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: object, limit: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
