"""Datasette plugin: open any extracted row's source document at its page.

Registered through the ``datasette`` entry point, so ``plandrift serve`` (and any Datasette
started on a plandrift database) gets:

- ``/-/source/<document_id>``: the document's file, from a path it was ingested from (only
  paths recorded in ``sources`` are ever served, to whoever may see the documents table).
  PDFs open in the browser; ``#page=N`` takes the viewer to the page. Web pages and text are
  served as plain text, so nothing in a saved page can run;
- a "page N" link in every ``page_link`` cell;
- "counted" facets: a column facet that, on a table's unfiltered page, reads the counts
  the database keeps (``facet_counts``, kept by triggers) instead of counting every row:
  the default facets of the million-row actions and indicators tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

_CONTENT_TYPES = {"pdf": "application/pdf"}
_LINK = re.compile(r"^/-/source/(\d+)#page=(\d+)$")


@hookimpl
def register_routes():
    return [(r"^/-/source/(?P<document_id>\d+)$", source_document)]


async def source_document(datasette, request) -> Response:
    document_id = int(request.url_vars["document_id"])
    for database in datasette.databases.values():
        if "sources" not in await database.table_names():
            continue
        # The same permissions as the documents table: with --login, nothing before sign-in.
        await datasette.ensure_permissions(
            request.actor,
            [("view-table", (database.name, "documents")), ("view-database", database.name),
             "view-instance"],
        )  # fmt: skip
        kind = await database.execute("SELECT file_kind FROM documents WHERE id = ?", [document_id])
        paths = await database.execute(
            "SELECT path FROM sources WHERE document_id = ? ORDER BY last_seen_at DESC",
            [document_id],
        )
        for (path,) in paths.rows:
            if Path(path).is_file():
                file_kind = kind.rows[0][0] if kind.rows else "text"
                return Response(
                    Path(path).read_bytes(),
                    content_type=_CONTENT_TYPES.get(file_kind, "text/plain; charset=utf-8"),
                    headers={"Content-Disposition": "inline", "X-Content-Type-Options": "nosniff"},
                )
    return Response.text(
        f"Document {document_id} is not available: its file has moved or been deleted since it was "
        "ingested. Ingest it again from its new place.",
        status=404,
    )


@hookimpl
def render_cell(value, column):
    if column != "page_link" or not isinstance(value, str):
        return None
    match = _LINK.match(value)
    if not match:
        return None
    return Markup(f'<a href="{escape(value)}">page {escape(match.group(2))}</a>')


@hookimpl
def register_facet_classes():
    return [CountedFacet]


class CountedFacet(ColumnFacet):
    """A column facet (configured as ``{"counted": "status"}``) whose counts over the whole
    table come from ``facet_counts``; a filtered page counts its rows as any facet does."""

    type = "counted"

    async def facet_results(self):
        if not self.table or self.params or " where " in self.sql.lower():
            return await super().facet_results()
        results = []
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            column = source_and_config["config"]["simple"]
            rows = (
                await self.ds.execute(
                    self.database,
                    "SELECT value, count FROM facet_counts WHERE table_name = ? AND "
                    "column_name = ? ORDER BY count DESC, value LIMIT ?",
                    [self.table, column, size + 1],
                )
            ).rows
            values = [row["value"] for row in rows[:size]]
            labels = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet": column})
                    ),
                    "truncated": len(rows) > size,
                    "results": [
                        {
                            "value": row["value"],
                            "label": labels.get((column, row["value"]), row["value"]),
                            "count": row["count"],
                            "toggle_url": self.ds.absolute_url(
                                self.request,
                                self.ds.urls.path(
                                    path_with_added_args(self.request, {column: row["value"]})
                                ),
                            ),
                            "selected": False,
                        }
                        for row in rows[:size]
                    ],
                }
            )
        return results, []
