"""The database schema, created and upgraded only through ordered migrations.

Each migration is a numbered function; opening any plandrift database applies the ones it
has not had yet, inside a transaction each, so an older database is upgraded in place and
never loses data. ``PRAGMA user_version`` holds the number of migrations applied: the
schema version. Table and column names are a public contract (auditors save queries
against them): add freely, rename only through a new migration.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("plandrift")

# Full-text search on the tables people search, kept in step by triggers.
FTS_CONFIG = {
    "pages": ["text"],
    "actions": ["text", "update_text", "lead", "section"],
    "recommendations": ["text", "source"],
}


@migrations()
def m001_documents_and_pages(db: sqlite_utils.Database) -> None:
    db["ingest_runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "paths": str,
            "ingested": int,
            "unchanged": int,
            "failed": int,
            "plandrift_version": str,
            "extractor_version": int,
        },
        pk="id",
    )
    db["documents"].create(
        {
            "id": int,
            "sha256": str,
            "path": str,
            "file_name": str,
            "file_kind": str,
            "bytes": int,
            "doc_type": str,
            "title": str,
            "organisation": str,
            "doc_date": str,
            "doc_date_basis": str,
            "plan_key": str,
            "pages": int,
            "pages_without_text": int,
            "overrides": str,
            "warnings": str,
            "extractor_version": int,
            "ingested_at": str,
            "ingest_run_id": int,
        },
        pk="id",
        not_null={"sha256", "path", "file_kind", "doc_type", "extractor_version", "ingested_at"},
        foreign_keys=[("ingest_run_id", "ingest_runs", "id")],
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["documents"].create_index(["plan_key", "doc_date"])
    db["documents"].create_index(["doc_type"])
    db["pages"].create(
        {
            "id": int,
            "document_id": int,
            "page": int,
            "text": str,
            "text_layer": str,
            "width": float,
            "height": float,
        },
        pk="id",
        not_null={"document_id", "page", "text_layer"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["pages"].create_index(["document_id", "page"], unique=True)
    db["sources"].create(
        {"id": int, "document_id": int, "path": str, "first_seen_at": str, "last_seen_at": str},
        pk="id",
        not_null={"document_id", "path"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["sources"].create_index(["document_id", "path"], unique=True)
    db["sources"].create_index(["path"])
    db["ingest_errors"].create(
        {
            "id": int,
            "ingest_run_id": int,
            "path": str,
            "sha256": str,
            "error_class": str,
            "message": str,
            "occurred_at": str,
            "resolved_at": str,
        },
        pk="id",
        not_null={"path", "error_class", "message", "occurred_at"},
        foreign_keys=[("ingest_run_id", "ingest_runs", "id")],
    )
    db["ingest_errors"].create_index(["path"])
    db["pages"].enable_fts(FTS_CONFIG["pages"], create_triggers=True, tokenize="porter")


@migrations()
def m002_actions(db: sqlite_utils.Database) -> None:
    db["actions"].create(
        {
            "id": int,
            "document_id": int,
            "position": int,
            "page": int,
            "bbox": str,
            "section": str,
            "ref": str,
            "parent_ref": str,
            "parent_id": int,
            "text": str,
            "lead": str,
            "status": str,
            "status_raw": str,
            "due_date": str,
            "due_raw": str,
            "measure": str,
            "measure_value": str,
            "update_text": str,
            "as_at": str,
            "source": str,
        },
        pk="id",
        not_null={"document_id", "position", "page", "text", "source"},
        foreign_keys=[("document_id", "documents", "id"), ("parent_id", "actions", "id")],
    )
    db["actions"].create_index(["document_id", "position"], unique=True)
    db["actions"].create_index(["status"])
    db["actions"].create_index(["due_date"])
    db["action_leads"].create(
        {"id": int, "action_id": int, "lead": str, "position": int},
        pk="id",
        not_null={"action_id", "lead", "position"},
        foreign_keys=[("action_id", "actions", "id")],
    )
    db["action_leads"].create_index(["action_id"])
    db["action_leads"].create_index(["lead"])
    db["actions"].enable_fts(FTS_CONFIG["actions"], create_triggers=True, tokenize="porter")


@migrations()
def m003_recommendations_and_indicators(db: sqlite_utils.Database) -> None:
    db["recommendations"].create(
        {
            "id": int,
            "document_id": int,
            "position": int,
            "page": int,
            "bbox": str,
            "ref": str,
            "text": str,
            "source": str,
            "kind": str,
            "timescale": str,
        },
        pk="id",
        not_null={"document_id", "position", "page", "text", "kind"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["recommendations"].create_index(["document_id", "position"], unique=True)
    db["recommendations"].create_index(["kind"])
    db["recommendations"].enable_fts(
        FTS_CONFIG["recommendations"], create_triggers=True, tokenize="porter"
    )
    db["indicators"].create(
        {
            "id": int,
            "document_id": int,
            "position": int,
            "page": int,
            "bbox": str,
            "area": str,
            "name": str,
            "breakdown": str,
            "period": str,
            "series": str,
            "value": float,
            "unit": str,
            "value_raw": str,
            "direction": str,
            "context": str,
            "source": str,
        },
        pk="id",
        not_null={"document_id", "position", "page", "name", "value", "unit", "series", "source"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["indicators"].create_index(["document_id", "position"], unique=True)
    db["indicators"].create_index(["name", "period"])
    db["indicators"].create_index(["series"])
    db["indicator_conflicts"].create(
        {
            "id": int,
            "document_id": int,
            "prose_indicator_id": int,
            "table_indicator_id": int,
            "name": str,
            "period": str,
            "prose_value": float,
            "table_value": float,
            "unit": str,
            "sentence": str,
        },
        pk="id",
        not_null={"document_id", "prose_indicator_id", "table_indicator_id"},
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("prose_indicator_id", "indicators", "id"),
            ("table_indicator_id", "indicators", "id"),
        ],
    )
    db["indicator_conflicts"].create_index(["document_id"])


@migrations()
def m004_action_lineage(db: sqlite_utils.Database) -> None:
    db["actions"].add_column("thread_id", int)
    db["actions"].create_index(["thread_id"])
    db["version_pairs"].create(
        {
            "id": int,
            "plan_key": str,
            "from_document_id": int,
            "to_document_id": int,
            "linked_at": str,
        },
        pk="id",
        not_null={"plan_key", "from_document_id", "to_document_id"},
        foreign_keys=[
            ("from_document_id", "documents", "id"),
            ("to_document_id", "documents", "id"),
        ],
    )
    db["version_pairs"].create_index(["from_document_id", "to_document_id"], unique=True)
    db["action_links"].create(
        {
            "id": int,
            "plan_key": str,
            "from_document_id": int,
            "to_document_id": int,
            "from_action_id": int,
            "to_action_id": int,
            "score": float,
            "method": str,
        },
        pk="id",
        not_null={"plan_key", "from_action_id", "to_action_id", "method"},
        foreign_keys=[
            ("from_document_id", "documents", "id"),
            ("to_document_id", "documents", "id"),
            ("from_action_id", "actions", "id"),
            ("to_action_id", "actions", "id"),
        ],
    )
    db["action_links"].create_index(["from_action_id"], unique=True)
    db["action_links"].create_index(["to_action_id"], unique=True)
    db["action_changes"].create(
        {
            "id": int,
            "thread_id": int,
            "plan_key": str,
            "from_document_id": int,
            "to_document_id": int,
            "from_action_id": int,
            "to_action_id": int,
            "kind": str,
            "is_slippage": int,
            "detail": str,
        },
        pk="id",
        not_null={"plan_key", "kind", "is_slippage"},
        foreign_keys=[
            ("from_document_id", "documents", "id"),
            ("to_document_id", "documents", "id"),
            ("from_action_id", "actions", "id"),
            ("to_action_id", "actions", "id"),
        ],
    )
    db["action_changes"].create_index(["plan_key", "to_document_id"])
    db["action_changes"].create_index(["thread_id"])
    db["action_changes"].create_index(["kind"])
    # Kept by document and position, not action id, so that a correction outlives the
    # re-extraction of either version (which gives its actions new ids).
    db["link_overrides"].create(
        {
            "id": int,
            "from_document_id": int,
            "from_position": int,
            "to_document_id": int,
            "to_position": int,
            "decision": str,
            "created_at": str,
        },
        pk="id",
        not_null={"from_document_id", "from_position", "to_document_id", "to_position", "decision"},
        foreign_keys=[
            ("from_document_id", "documents", "id"),
            ("to_document_id", "documents", "id"),
        ],
    )


@migrations()
def m005_coverage_repeats_and_series(db: sqlite_utils.Database) -> None:
    db["recommendation_coverage"].create(
        {"id": int, "recommendation_id": int, "action_id": int, "score": float, "method": str},
        pk="id",
        not_null={"recommendation_id", "action_id", "score", "method"},
        foreign_keys=[
            ("recommendation_id", "recommendations", "id"),
            ("action_id", "actions", "id"),
        ],
    )
    db["recommendation_coverage"].create_index(["recommendation_id"])
    db["recommendation_coverage"].create_index(["action_id"])
    db["recommendation_links"].create(
        {
            "id": int,
            "from_recommendation_id": int,
            "to_recommendation_id": int,
            "score": float,
            "method": str,
        },
        pk="id",
        not_null={"from_recommendation_id", "to_recommendation_id", "score", "method"},
        foreign_keys=[
            ("from_recommendation_id", "recommendations", "id"),
            ("to_recommendation_id", "recommendations", "id"),
        ],
    )
    db["recommendation_links"].create_index(["from_recommendation_id"])
    db["recommendation_links"].create_index(["to_recommendation_id"])
    db["indicator_names"].create({"name": str, "indicator_key": str}, pk="name")
    db["indicator_names"].create_index(["indicator_key"])
    db.create_view(
        "indicator_series",
        """
        SELECT n.indicator_key, i.breakdown, i.period, d.organisation, d.doc_date AS report_date,
            i.document_id, min(i.name) AS name_as_printed, max(i.unit) AS unit,
            max(CASE WHEN i.series = 'actual' THEN i.value END) AS actual,
            max(CASE WHEN i.series = 'england_average' THEN i.value END) AS england_average,
            max(CASE WHEN i.series = 'statistical_neighbours' THEN i.value END)
                AS statistical_neighbours,
            max(CASE WHEN i.series = 'target' THEN i.value END) AS target
        FROM indicators i
        JOIN indicator_names n ON n.name = i.name
        JOIN documents d ON d.id = i.document_id
        WHERE i.source = 'table'
        GROUP BY n.indicator_key, i.breakdown, i.period, i.document_id
        """,
    )


@migrations()
def m006_page_links(db: sqlite_utils.Database) -> None:
    """A link to the source document at the row's page, for every extracted row."""
    for table in ("actions", "recommendations", "indicators"):
        db[table].add_column("page_link", str)
        db.execute(
            f"UPDATE [{table}] SET page_link = '/-/source/' || document_id || '#page=' || page"
        )


@migrations()
def m007_indexes_for_the_canned_queries(db: sqlite_utils.Database) -> None:
    """Indexes measured by bench/serving.py on a million actions and indicator figures:
    each lets a canned query or a facet read only the rows it shows."""
    db["action_changes"].create_index(["to_action_id"])  # action_history
    db["action_changes"].create_index(["to_document_id", "is_slippage"])  # slipped_actions
    db["documents"].create_index(["doc_date"])  # newest first, documents_with_counts
    db["actions"].create_index(["lead"])  # the lead facet


# One row per indicator, breakdown and period in each report, its series side by side.
SERIES_COLUMNS = (
    "indicator_key, breakdown, period, organisation, report_date, document_id, "
    "name_as_printed, unit, actual, england_average, statistical_neighbours, target"
)
SERIES_SELECT = """
    SELECT n.indicator_key, i.breakdown, i.period, d.organisation, d.doc_date,
        i.document_id, min(i.name), max(i.unit),
        max(CASE WHEN i.series = 'actual' THEN i.value END),
        max(CASE WHEN i.series = 'england_average' THEN i.value END),
        max(CASE WHEN i.series = 'statistical_neighbours' THEN i.value END),
        max(CASE WHEN i.series = 'target' THEN i.value END)
    FROM indicators i
    JOIN indicator_names n ON n.name = i.name
    JOIN documents d ON d.id = i.document_id
    WHERE i.source IN ('table', 'plan_cell') {document_filter}
    GROUP BY n.indicator_key, i.breakdown, i.period, i.document_id
"""  # a report's tables and a plan's measure and update cells: figures a series follows


@migrations()
def m008_indicator_series_stored(db: sqlite_utils.Database) -> None:
    """``indicator_series`` becomes a table kept up to date at ingest, with the same columns:
    as a view it grouped every figure for each query (0.5 s at a million figures)."""
    db.execute("DROP VIEW indicator_series")
    db["indicator_series"].create(
        {
            "indicator_key": str,
            "breakdown": str,
            "period": str,
            "organisation": str,
            "report_date": str,
            "document_id": int,
            "name_as_printed": str,
            "unit": str,
            "actual": float,
            "england_average": float,
            "statistical_neighbours": float,
            "target": float,
        },
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.execute(
        f"INSERT INTO indicator_series ({SERIES_COLUMNS}) "
        + SERIES_SELECT.format(document_filter="")
    )
    db["indicator_series"].create_index(["indicator_key", "breakdown", "period", "report_date"])
    db["indicator_series"].create_index(["document_id"])
    db["indicators"].create_index(["document_id", "source", "name"])


@migrations()
def m009_meetings(db: sqlite_utils.Database) -> None:
    """Meeting packs: the papers presented together (one folder per meeting, as committee
    systems publish them), so "the plan as presented to the 21 May board" is a query."""
    db["meetings"].create(
        {
            "id": int,
            "name": str,
            "committee": str,
            "meeting_date": str,
            "folder": str,
            "first_seen_at": str,
        },
        pk="id",
        not_null={"name", "folder"},
    )
    db["meetings"].create_index(["folder"], unique=True)
    db["meetings"].create_index(["meeting_date"])
    db["meeting_papers"].create(
        {"id": int, "meeting_id": int, "document_id": int, "role": str, "file_name": str},
        pk="id",
        not_null={"meeting_id", "document_id", "role"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("document_id", "documents", "id")],
    )
    db["meeting_papers"].create_index(["meeting_id", "document_id"], unique=True)
    db["meeting_papers"].create_index(["document_id"])


@migrations()
def m010_ocr_pages(db: sqlite_utils.Database) -> None:
    """Pages read by OCR say so, with Tesseract's confidence."""
    db["pages"].add_column("ocr", int, not_null_default=0)
    db["pages"].add_column("ocr_confidence", float)


@migrations()
def m011_corrections_by_content_and_stable_threads(db: sqlite_utils.Database) -> None:
    """A person's link/unlink is kept by what the two actions say (document sha256,
    reference, wording), since positions shift when a better extractor finds one more row;
    ``resolved`` says whether it still finds both actions. Threads get an identity of their
    own, numbered once (AUTOINCREMENT never reuses a number), so a version ingested late
    or re-extracted leaves existing thread numbers as they are."""
    for side in ("from", "to"):
        db["link_overrides"].add_column(f"{side}_document_sha256", str)
        db["link_overrides"].add_column(f"{side}_ref", str)
        db["link_overrides"].add_column(f"{side}_text", str)
        db.execute(
            f"UPDATE link_overrides SET "
            f"{side}_document_sha256 = (SELECT sha256 FROM documents d "
            f"WHERE d.id = link_overrides.{side}_document_id), "
            f"{side}_ref = (SELECT ref FROM actions a WHERE a.document_id = "
            f"link_overrides.{side}_document_id AND a.position = link_overrides.{side}_position), "
            f"{side}_text = (SELECT text FROM actions a WHERE a.document_id = "
            f"link_overrides.{side}_document_id AND a.position = link_overrides.{side}_position)"
        )
    db["link_overrides"].add_column("resolved", int)
    db.execute(
        "CREATE TABLE [action_threads] (\n"
        "   [id] INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "   [plan_key] TEXT,\n"
        "   [created_at] TEXT\n"
        ")"
    )
    db.execute(
        "INSERT INTO action_threads (id, plan_key, created_at) "
        "SELECT a.thread_id, max(d.plan_key), max(d.ingested_at) FROM actions a "
        "JOIN documents d ON d.id = a.document_id WHERE a.thread_id IS NOT NULL "
        "GROUP BY a.thread_id"
    )
    db["action_threads"].create_index(["plan_key"])
    db["action_links"].create_index(["plan_key"])  # a plan's links, read at each renumbering


@migrations()
def m012_action_outcomes_and_original_dates(db: sqlite_utils.Database) -> None:
    """An action's outcome (from an outcome row or column, no longer taken for its section),
    and the original target date where a plan prints a revised one beside it: the gap
    between the two is slippage the plan itself admits."""
    db["actions"].add_column("outcome", str)
    db["actions"].add_column("original_due_raw", str)
    db["actions"].add_column("original_due_date", str)


@migrations()
def m013_organisations_and_document_identity(db: sqlite_utils.Database) -> None:
    """One row per authority (canonical name, ONS code) with the spellings documents used,
    and what a document is in full: its organisation's row, its inspection subtype, how its
    plan key was reached, a warning when two versions of a plan share a date, and a label
    ("Leeds City Council · 2018-12-18 · inspection") for Datasette's links. Actions,
    recommendations and indicators carry their document's organisation and date, so they
    can be faceted and filtered by them directly; a list's heading is kept as printed beside
    its normalised form."""
    db["organisations"].create(
        {"id": int, "name": str, "place": str, "kind": str, "code": str},
        pk="id",
        not_null={"name"},
    )
    db["organisations"].create_index(["name"], unique=True)
    db["organisation_spellings"].create(
        {"id": int, "organisation_id": int, "spelling": str, "first_document_id": int},
        pk="id",
        not_null={"organisation_id", "spelling"},
        foreign_keys=[
            ("organisation_id", "organisations", "id"),
            ("first_document_id", "documents", "id"),
        ],
    )
    db["organisation_spellings"].create_index(["organisation_id", "spelling"], unique=True)
    db.execute(
        "ALTER TABLE documents ADD COLUMN organisation_id INTEGER REFERENCES organisations(id)"
    )
    for column in ("organisation_as_printed", "subtype", "plan_key_basis", "date_warning", "label"):
        db["documents"].add_column(column, str)
    db.execute(
        "INSERT INTO organisations (name) SELECT DISTINCT organisation FROM documents "
        "WHERE organisation IS NOT NULL"
    )
    db.execute(
        "UPDATE documents SET organisation_id = (SELECT id FROM organisations o "
        "WHERE o.name = documents.organisation), organisation_as_printed = organisation"
    )
    db.execute(
        "INSERT INTO organisation_spellings (organisation_id, spelling, first_document_id) "
        "SELECT organisation_id, organisation, min(id) FROM documents "
        "WHERE organisation_id IS NOT NULL GROUP BY organisation_id"
    )
    for row in list(db.query("SELECT * FROM documents")):
        db["documents"].update(row["id"], {"label": document_label(row)})
    db["documents"].create_index(["organisation_id"])
    for table in ("actions", "recommendations", "indicators"):
        db[table].add_column("organisation", str)
        db[table].add_column("doc_date", str)
        db.execute(
            f"UPDATE [{table}] SET (organisation, doc_date) = (SELECT d.organisation, d.doc_date "
            f"FROM documents d WHERE d.id = [{table}].document_id)"
        )
        db[table].create_index(["organisation", "doc_date"])
    db["recommendations"].add_column("source_as_printed", str)
    db.execute("UPDATE recommendations SET source_as_printed = source")
    for row in list(db.query("SELECT id, source FROM recommendations")):
        db["recommendations"].update(row["id"], {"source": list_heading(row["source"])})


@migrations()
def m014_finding_themes_and_link_confidence(db: sqlite_utils.Database) -> None:
    """What each finding is about (its themes, such as "workforce, supervision and
    oversight") so findings can be faceted by subject, and how sure a link between two
    findings is (``confidence``, 0-1) beside how it was made (``method``)."""
    from ..extract.themes import themes_of

    db["recommendations"].add_column("theme", str)
    for row in list(db.query("SELECT id, text FROM recommendations")):
        theme = ", ".join(themes_of(row["text"])) or None
        db["recommendations"].update(row["id"], {"theme": theme})
    db["recommendations"].create_index(["theme"])
    db["recommendation_links"].add_column("confidence", float)
    db.execute("UPDATE recommendation_links SET confidence = round(score / 100.0, 2)")


@migrations()
def m015_indexes_for_facets_on_filtered_pages(db: sqlite_utils.Database) -> None:
    """An auditor's usual pages at a million rows: actions filtered by status and faceted
    by authority, indicators filtered by series and faceted by authority. Each pair is
    one covering index, so the facet counts read the index alone (bench/serving.py)."""
    db["actions"].create_index(["status", "organisation"], if_not_exists=True)
    db["indicators"].create_index(["series", "organisation"], if_not_exists=True)


# The columns whose counts over a whole table are kept as rows are written (m017), for the
# default facets of the million-row tables (datasette_plugin.py, "counted" facets).
COUNTED_FACETS = {"actions": ("status", "organisation"), "indicators": ("series", "organisation")}


@migrations()
def m016_which_reader_read_each_page(db: sqlite_utils.Database) -> None:
    """Which library read each page: "pdfium" for a PDF page of prose (the fast path),
    "pdfplumber" for one that may hold a table or that PDFium could not vouch for, the
    format (docx, html, text) otherwise. Pages stored before stay empty: the reader
    changes no extracted row, so they need not be read again."""
    db["pages"].add_column("reader", str)
    db["pages"].create_index(["reader"])


_KIND_WORDS = {
    "improvement_plan": "plan",
    "board_report": "board report",
    "inspection_letter": "inspection",
    "performance_report": "performance report",
}


def document_label(row: dict) -> str:
    """How a document is named wherever a row points at it: who, when, what kind."""
    who = row.get("organisation") or row.get("title") or row.get("file_name") or "document"
    kind = row.get("subtype") or _KIND_WORDS.get(row.get("doc_type") or "", "document")
    return " · ".join(part for part in (who, row.get("doc_date"), kind) if part)


def list_heading(text: str | None) -> str | None:
    """A list's heading as one spelling: "What needs to improve?", "What needs to improve"
    and "What needs to improve?1" (a footnote mark) are one heading."""
    if not text:
        return text
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[a-z?:.])\d{1,2}$", "", text)  # a footnote mark glued to the end
    text = re.sub(r"[\s?:.;,\-–]+$", "", text) or text
    return text[:1].upper() + (text[1:].lower() if text[1:].isupper() else text[1:])


def page_link(document_id: int, page: int) -> str:
    """Where ``plandrift serve`` opens a document at a page (see datasette_plugin.py)."""
    return f"/-/source/{document_id}#page={page}"


class Database(sqlite_utils.Database):
    """sqlite-utils' Database, with outermost transactions that take the write lock at once.

    ``BEGIN IMMEDIATE`` makes a second ``plandrift ingest`` wait (the busy timeout) for the
    first one's transaction; a deferred ``BEGIN`` would instead fail with "database is
    locked" as soon as its read snapshot went stale. Nested blocks are savepoints as before.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            self.conn.execute("COMMIT")


BUSY_TIMEOUT_SECONDS = 60


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) a plandrift database, upgraded to the current schema.

    WAL mode lets ``plandrift serve`` keep reading while ``ingest`` writes; the busy
    timeout makes a second writer wait for the first instead of failing at once.
    """
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    db.execute("PRAGMA foreign_keys = ON")
    if not db.memory:
        db.enable_wal()
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> None:
    """Apply pending migrations and record the schema version."""
    if migrations.pending(db):
        migrations.apply(db)
    version = len(migrations.applied(db))
    if db.execute("PRAGMA user_version").fetchone()[0] != version:
        db.execute(f"PRAGMA user_version = {version}")


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


@migrations()
def m017_facet_counts_kept_by_triggers(db: sqlite_utils.Database) -> None:
    """How many rows of a table hold each value of a faceted column, kept by triggers as
    rows are inserted, changed and deleted, so the unfiltered actions and indicators pages
    show their default facets without counting a million rows on every request."""
    db["facet_counts"].create(
        {"table_name": str, "column_name": str, "value": str, "count": int},
        pk=("table_name", "column_name", "value"),
        not_null={"count"},
    )
    for table, columns in COUNTED_FACETS.items():
        for column in columns:
            db.execute(
                f"INSERT INTO facet_counts SELECT ?, ?, [{column}], count(*) FROM [{table}] "
                f"WHERE [{column}] IS NOT NULL GROUP BY [{column}]",
                [table, column],
            )
        add = [_count_change(table, column, "NEW", 1) for column in columns]
        remove = [_count_change(table, column, "OLD", -1) for column in columns]
        db.executescript(
            f"""
            CREATE TRIGGER [{table}_facet_counts_insert] AFTER INSERT ON [{table}]
            BEGIN {" ".join(add)} END;
            CREATE TRIGGER [{table}_facet_counts_delete] AFTER DELETE ON [{table}]
            BEGIN {" ".join(remove)} {_DROP_ZERO} END;
            CREATE TRIGGER [{table}_facet_counts_update]
            AFTER UPDATE OF {", ".join(f"[{column}]" for column in columns)} ON [{table}]
            BEGIN {" ".join(remove + add)} {_DROP_ZERO} END;
            """
        )


_DROP_ZERO = "DELETE FROM facet_counts WHERE count <= 0;"


def _count_change(table: str, column: str, row: str, change: int) -> str:
    return (
        "INSERT INTO facet_counts (table_name, column_name, value, count) "
        f"SELECT '{table}', '{column}', {row}.[{column}], {change} "
        f"WHERE {row}.[{column}] IS NOT NULL "
        "ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count;"
    )
