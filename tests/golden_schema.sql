CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE "ingest_runs" (
   "id" INTEGER PRIMARY KEY,
   "started_at" TEXT,
   "finished_at" TEXT,
   "paths" TEXT,
   "ingested" INTEGER,
   "unchanged" INTEGER,
   "failed" INTEGER,
   "plandrift_version" TEXT,
   "extractor_version" INTEGER
);
CREATE TABLE "documents" (
   "id" INTEGER PRIMARY KEY,
   "sha256" TEXT NOT NULL,
   "path" TEXT NOT NULL,
   "file_name" TEXT,
   "file_kind" TEXT NOT NULL,
   "bytes" INTEGER,
   "doc_type" TEXT NOT NULL,
   "title" TEXT,
   "organisation" TEXT,
   "doc_date" TEXT,
   "doc_date_basis" TEXT,
   "plan_key" TEXT,
   "pages" INTEGER,
   "pages_without_text" INTEGER,
   "overrides" TEXT,
   "warnings" TEXT,
   "extractor_version" INTEGER NOT NULL,
   "ingested_at" TEXT NOT NULL,
   "ingest_run_id" INTEGER REFERENCES "ingest_runs"("id")
, organisation_id INTEGER REFERENCES organisations(id), "organisation_as_printed" TEXT, "subtype" TEXT, "plan_key_basis" TEXT, "date_warning" TEXT, "label" TEXT);
CREATE UNIQUE INDEX "idx_documents_sha256"
    ON "documents" ("sha256");
CREATE INDEX "idx_documents_plan_key_doc_date"
    ON "documents" ("plan_key", "doc_date");
CREATE INDEX "idx_documents_doc_type"
    ON "documents" ("doc_type");
CREATE TABLE "pages" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "page" INTEGER NOT NULL,
   "text" TEXT,
   "text_layer" TEXT NOT NULL,
   "width" REAL,
   "height" REAL
, "ocr" INTEGER NOT NULL DEFAULT 0, "ocr_confidence" REAL, "reader" TEXT);
CREATE UNIQUE INDEX "idx_pages_document_id_page"
    ON "pages" ("document_id", "page");
CREATE TABLE "sources" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "path" TEXT NOT NULL,
   "first_seen_at" TEXT,
   "last_seen_at" TEXT
);
CREATE UNIQUE INDEX "idx_sources_document_id_path"
    ON "sources" ("document_id", "path");
CREATE INDEX "idx_sources_path"
    ON "sources" ("path");
CREATE TABLE "ingest_errors" (
   "id" INTEGER PRIMARY KEY,
   "ingest_run_id" INTEGER REFERENCES "ingest_runs"("id"),
   "path" TEXT NOT NULL,
   "sha256" TEXT,
   "error_class" TEXT NOT NULL,
   "message" TEXT NOT NULL,
   "occurred_at" TEXT NOT NULL,
   "resolved_at" TEXT
);
CREATE INDEX "idx_ingest_errors_path"
    ON "ingest_errors" ("path");
CREATE VIRTUAL TABLE "pages_fts" USING FTS5 (
    "text",
    tokenize='porter',
    content="pages"
);
CREATE TABLE 'pages_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'pages_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'pages_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'pages_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER "pages_ai" AFTER INSERT ON "pages" BEGIN
  INSERT INTO "pages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "pages_ad" AFTER DELETE ON "pages" BEGIN
  INSERT INTO "pages_fts" ("pages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "pages_au" AFTER UPDATE ON "pages" BEGIN
  INSERT INTO "pages_fts" ("pages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "pages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TABLE "actions" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "position" INTEGER NOT NULL,
   "page" INTEGER NOT NULL,
   "bbox" TEXT,
   "section" TEXT,
   "ref" TEXT,
   "parent_ref" TEXT,
   "parent_id" INTEGER REFERENCES "actions"("id"),
   "text" TEXT NOT NULL,
   "lead" TEXT,
   "status" TEXT,
   "status_raw" TEXT,
   "due_date" TEXT,
   "due_raw" TEXT,
   "measure" TEXT,
   "measure_value" TEXT,
   "update_text" TEXT,
   "as_at" TEXT,
   "source" TEXT NOT NULL
, "thread_id" INTEGER, "page_link" TEXT, "outcome" TEXT, "original_due_raw" TEXT, "original_due_date" TEXT, "organisation" TEXT, "doc_date" TEXT);
CREATE UNIQUE INDEX "idx_actions_document_id_position"
    ON "actions" ("document_id", "position");
CREATE INDEX "idx_actions_status"
    ON "actions" ("status");
CREATE INDEX "idx_actions_due_date"
    ON "actions" ("due_date");
CREATE TABLE "action_leads" (
   "id" INTEGER PRIMARY KEY,
   "action_id" INTEGER NOT NULL REFERENCES "actions"("id"),
   "lead" TEXT NOT NULL,
   "position" INTEGER NOT NULL
);
CREATE INDEX "idx_action_leads_action_id"
    ON "action_leads" ("action_id");
CREATE INDEX "idx_action_leads_lead"
    ON "action_leads" ("lead");
CREATE VIRTUAL TABLE "actions_fts" USING FTS5 (
    "text", "update_text", "lead", "section",
    tokenize='porter',
    content="actions"
);
CREATE TABLE 'actions_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'actions_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'actions_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'actions_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER "actions_ai" AFTER INSERT ON "actions" BEGIN
  INSERT INTO "actions_fts" (rowid, "text", "update_text", "lead", "section") VALUES (new.rowid, new."text", new."update_text", new."lead", new."section");
END;
CREATE TRIGGER "actions_ad" AFTER DELETE ON "actions" BEGIN
  INSERT INTO "actions_fts" ("actions_fts", rowid, "text", "update_text", "lead", "section") VALUES('delete', old.rowid, old."text", old."update_text", old."lead", old."section");
END;
CREATE TRIGGER "actions_au" AFTER UPDATE ON "actions" BEGIN
  INSERT INTO "actions_fts" ("actions_fts", rowid, "text", "update_text", "lead", "section") VALUES('delete', old.rowid, old."text", old."update_text", old."lead", old."section");
  INSERT INTO "actions_fts" (rowid, "text", "update_text", "lead", "section") VALUES (new.rowid, new."text", new."update_text", new."lead", new."section");
END;
CREATE TABLE "recommendations" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "position" INTEGER NOT NULL,
   "page" INTEGER NOT NULL,
   "bbox" TEXT,
   "ref" TEXT,
   "text" TEXT NOT NULL,
   "source" TEXT,
   "kind" TEXT NOT NULL,
   "timescale" TEXT
, "page_link" TEXT, "organisation" TEXT, "doc_date" TEXT, "source_as_printed" TEXT, "theme" TEXT);
CREATE UNIQUE INDEX "idx_recommendations_document_id_position"
    ON "recommendations" ("document_id", "position");
CREATE INDEX "idx_recommendations_kind"
    ON "recommendations" ("kind");
CREATE VIRTUAL TABLE "recommendations_fts" USING FTS5 (
    "text", "source",
    tokenize='porter',
    content="recommendations"
);
CREATE TABLE 'recommendations_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'recommendations_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'recommendations_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'recommendations_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER "recommendations_ai" AFTER INSERT ON "recommendations" BEGIN
  INSERT INTO "recommendations_fts" (rowid, "text", "source") VALUES (new.rowid, new."text", new."source");
END;
CREATE TRIGGER "recommendations_ad" AFTER DELETE ON "recommendations" BEGIN
  INSERT INTO "recommendations_fts" ("recommendations_fts", rowid, "text", "source") VALUES('delete', old.rowid, old."text", old."source");
END;
CREATE TRIGGER "recommendations_au" AFTER UPDATE ON "recommendations" BEGIN
  INSERT INTO "recommendations_fts" ("recommendations_fts", rowid, "text", "source") VALUES('delete', old.rowid, old."text", old."source");
  INSERT INTO "recommendations_fts" (rowid, "text", "source") VALUES (new.rowid, new."text", new."source");
END;
CREATE TABLE "indicators" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "position" INTEGER NOT NULL,
   "page" INTEGER NOT NULL,
   "bbox" TEXT,
   "area" TEXT,
   "name" TEXT NOT NULL,
   "breakdown" TEXT,
   "period" TEXT,
   "series" TEXT NOT NULL,
   "value" REAL NOT NULL,
   "unit" TEXT NOT NULL,
   "value_raw" TEXT,
   "direction" TEXT,
   "context" TEXT,
   "source" TEXT NOT NULL
, "page_link" TEXT, "organisation" TEXT, "doc_date" TEXT);
CREATE UNIQUE INDEX "idx_indicators_document_id_position"
    ON "indicators" ("document_id", "position");
CREATE INDEX "idx_indicators_name_period"
    ON "indicators" ("name", "period");
CREATE INDEX "idx_indicators_series"
    ON "indicators" ("series");
CREATE TABLE "indicator_conflicts" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "prose_indicator_id" INTEGER NOT NULL REFERENCES "indicators"("id"),
   "table_indicator_id" INTEGER NOT NULL REFERENCES "indicators"("id"),
   "name" TEXT,
   "period" TEXT,
   "prose_value" REAL,
   "table_value" REAL,
   "unit" TEXT,
   "sentence" TEXT
);
CREATE INDEX "idx_indicator_conflicts_document_id"
    ON "indicator_conflicts" ("document_id");
CREATE INDEX "idx_actions_thread_id"
    ON "actions" ("thread_id");
CREATE TABLE "version_pairs" (
   "id" INTEGER PRIMARY KEY,
   "plan_key" TEXT NOT NULL,
   "from_document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "to_document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "linked_at" TEXT
);
CREATE UNIQUE INDEX "idx_version_pairs_from_document_id_to_document_id"
    ON "version_pairs" ("from_document_id", "to_document_id");
CREATE TABLE "action_links" (
   "id" INTEGER PRIMARY KEY,
   "plan_key" TEXT NOT NULL,
   "from_document_id" INTEGER REFERENCES "documents"("id"),
   "to_document_id" INTEGER REFERENCES "documents"("id"),
   "from_action_id" INTEGER NOT NULL REFERENCES "actions"("id"),
   "to_action_id" INTEGER NOT NULL REFERENCES "actions"("id"),
   "score" REAL,
   "method" TEXT NOT NULL
);
CREATE UNIQUE INDEX "idx_action_links_from_action_id"
    ON "action_links" ("from_action_id");
CREATE UNIQUE INDEX "idx_action_links_to_action_id"
    ON "action_links" ("to_action_id");
CREATE TABLE "action_changes" (
   "id" INTEGER PRIMARY KEY,
   "thread_id" INTEGER,
   "plan_key" TEXT NOT NULL,
   "from_document_id" INTEGER REFERENCES "documents"("id"),
   "to_document_id" INTEGER REFERENCES "documents"("id"),
   "from_action_id" INTEGER REFERENCES "actions"("id"),
   "to_action_id" INTEGER REFERENCES "actions"("id"),
   "kind" TEXT NOT NULL,
   "is_slippage" INTEGER NOT NULL,
   "detail" TEXT
);
CREATE INDEX "idx_action_changes_plan_key_to_document_id"
    ON "action_changes" ("plan_key", "to_document_id");
CREATE INDEX "idx_action_changes_thread_id"
    ON "action_changes" ("thread_id");
CREATE INDEX "idx_action_changes_kind"
    ON "action_changes" ("kind");
CREATE TABLE "link_overrides" (
   "id" INTEGER PRIMARY KEY,
   "from_document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "from_position" INTEGER NOT NULL,
   "to_document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "to_position" INTEGER NOT NULL,
   "decision" TEXT NOT NULL,
   "created_at" TEXT
, "from_document_sha256" TEXT, "from_ref" TEXT, "from_text" TEXT, "to_document_sha256" TEXT, "to_ref" TEXT, "to_text" TEXT, "resolved" INTEGER);
CREATE TABLE "recommendation_coverage" (
   "id" INTEGER PRIMARY KEY,
   "recommendation_id" INTEGER NOT NULL REFERENCES "recommendations"("id"),
   "action_id" INTEGER NOT NULL REFERENCES "actions"("id"),
   "score" REAL NOT NULL,
   "method" TEXT NOT NULL
);
CREATE INDEX "idx_recommendation_coverage_recommendation_id"
    ON "recommendation_coverage" ("recommendation_id");
CREATE INDEX "idx_recommendation_coverage_action_id"
    ON "recommendation_coverage" ("action_id");
CREATE TABLE "recommendation_links" (
   "id" INTEGER PRIMARY KEY,
   "from_recommendation_id" INTEGER NOT NULL REFERENCES "recommendations"("id"),
   "to_recommendation_id" INTEGER NOT NULL REFERENCES "recommendations"("id"),
   "score" REAL NOT NULL,
   "method" TEXT NOT NULL
, "confidence" REAL);
CREATE INDEX "idx_recommendation_links_from_recommendation_id"
    ON "recommendation_links" ("from_recommendation_id");
CREATE INDEX "idx_recommendation_links_to_recommendation_id"
    ON "recommendation_links" ("to_recommendation_id");
CREATE TABLE "indicator_names" (
   "name" TEXT PRIMARY KEY,
   "indicator_key" TEXT
);
CREATE INDEX "idx_indicator_names_indicator_key"
    ON "indicator_names" ("indicator_key");
CREATE INDEX "idx_action_changes_to_action_id"
    ON "action_changes" ("to_action_id");
CREATE INDEX "idx_action_changes_to_document_id_is_slippage"
    ON "action_changes" ("to_document_id", "is_slippage");
CREATE INDEX "idx_documents_doc_date"
    ON "documents" ("doc_date");
CREATE INDEX "idx_actions_lead"
    ON "actions" ("lead");
CREATE TABLE "indicator_series" (
   "indicator_key" TEXT,
   "breakdown" TEXT,
   "period" TEXT,
   "organisation" TEXT,
   "report_date" TEXT,
   "document_id" INTEGER REFERENCES "documents"("id"),
   "name_as_printed" TEXT,
   "unit" TEXT,
   "actual" REAL,
   "england_average" REAL,
   "statistical_neighbours" REAL,
   "target" REAL
);
CREATE INDEX "idx_indicator_series_indicator_key_breakdown_period_report_date"
    ON "indicator_series" ("indicator_key", "breakdown", "period", "report_date");
CREATE INDEX "idx_indicator_series_document_id"
    ON "indicator_series" ("document_id");
CREATE INDEX "idx_indicators_document_id_source_name"
    ON "indicators" ("document_id", "source", "name");
CREATE TABLE "meetings" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "committee" TEXT,
   "meeting_date" TEXT,
   "folder" TEXT NOT NULL,
   "first_seen_at" TEXT
);
CREATE UNIQUE INDEX "idx_meetings_folder"
    ON "meetings" ("folder");
CREATE INDEX "idx_meetings_meeting_date"
    ON "meetings" ("meeting_date");
CREATE TABLE "meeting_papers" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "role" TEXT NOT NULL,
   "file_name" TEXT
);
CREATE UNIQUE INDEX "idx_meeting_papers_meeting_id_document_id"
    ON "meeting_papers" ("meeting_id", "document_id");
CREATE INDEX "idx_meeting_papers_document_id"
    ON "meeting_papers" ("document_id");
CREATE TABLE [action_threads] (
   [id] INTEGER PRIMARY KEY AUTOINCREMENT,
   [plan_key] TEXT,
   [created_at] TEXT
);
CREATE TABLE sqlite_sequence(name,seq);
CREATE INDEX "idx_action_threads_plan_key"
    ON "action_threads" ("plan_key");
CREATE INDEX "idx_action_links_plan_key"
    ON "action_links" ("plan_key");
CREATE TABLE "organisations" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "place" TEXT,
   "kind" TEXT,
   "code" TEXT
);
CREATE UNIQUE INDEX "idx_organisations_name"
    ON "organisations" ("name");
CREATE TABLE "organisation_spellings" (
   "id" INTEGER PRIMARY KEY,
   "organisation_id" INTEGER NOT NULL REFERENCES "organisations"("id"),
   "spelling" TEXT NOT NULL,
   "first_document_id" INTEGER REFERENCES "documents"("id")
);
CREATE UNIQUE INDEX "idx_organisation_spellings_organisation_id_spelling"
    ON "organisation_spellings" ("organisation_id", "spelling");
CREATE INDEX "idx_documents_organisation_id"
    ON "documents" ("organisation_id");
CREATE INDEX "idx_actions_organisation_doc_date"
    ON "actions" ("organisation", "doc_date");
CREATE INDEX "idx_recommendations_organisation_doc_date"
    ON "recommendations" ("organisation", "doc_date");
CREATE INDEX "idx_indicators_organisation_doc_date"
    ON "indicators" ("organisation", "doc_date");
CREATE INDEX "idx_recommendations_theme"
    ON "recommendations" ("theme");
CREATE INDEX "idx_actions_status_organisation"
    ON "actions" ("status", "organisation");
CREATE INDEX "idx_indicators_series_organisation"
    ON "indicators" ("series", "organisation");
CREATE INDEX "idx_pages_reader"
    ON "pages" ("reader");
CREATE TABLE "facet_counts" (
   "table_name" TEXT,
   "column_name" TEXT,
   "value" TEXT,
   "count" INTEGER NOT NULL,
   PRIMARY KEY ("table_name", "column_name", "value")
);
CREATE TRIGGER [actions_facet_counts_insert] AFTER INSERT ON [actions]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'status', NEW.[status], 1 WHERE NEW.[status] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'organisation', NEW.[organisation], 1 WHERE NEW.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; END;
CREATE TRIGGER [actions_facet_counts_delete] AFTER DELETE ON [actions]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'status', OLD.[status], -1 WHERE OLD.[status] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'organisation', OLD.[organisation], -1 WHERE OLD.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; DELETE FROM facet_counts WHERE count <= 0; END;
CREATE TRIGGER [actions_facet_counts_update]
            AFTER UPDATE OF [status], [organisation] ON [actions]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'status', OLD.[status], -1 WHERE OLD.[status] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'organisation', OLD.[organisation], -1 WHERE OLD.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'status', NEW.[status], 1 WHERE NEW.[status] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'actions', 'organisation', NEW.[organisation], 1 WHERE NEW.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; DELETE FROM facet_counts WHERE count <= 0; END;
CREATE TRIGGER [indicators_facet_counts_insert] AFTER INSERT ON [indicators]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'series', NEW.[series], 1 WHERE NEW.[series] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'organisation', NEW.[organisation], 1 WHERE NEW.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; END;
CREATE TRIGGER [indicators_facet_counts_delete] AFTER DELETE ON [indicators]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'series', OLD.[series], -1 WHERE OLD.[series] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'organisation', OLD.[organisation], -1 WHERE OLD.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; DELETE FROM facet_counts WHERE count <= 0; END;
CREATE TRIGGER [indicators_facet_counts_update]
            AFTER UPDATE OF [series], [organisation] ON [indicators]
            BEGIN INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'series', OLD.[series], -1 WHERE OLD.[series] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'organisation', OLD.[organisation], -1 WHERE OLD.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'series', NEW.[series], 1 WHERE NEW.[series] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; INSERT INTO facet_counts (table_name, column_name, value, count) SELECT 'indicators', 'organisation', NEW.[organisation], 1 WHERE NEW.[organisation] IS NOT NULL ON CONFLICT (table_name, column_name, value) DO UPDATE SET count = count + excluded.count; DELETE FROM facet_counts WHERE count <= 0; END;
