"""The one orchestrator: file -> pages -> extracted records -> store.

Readers and extractors are pure; this module decides what to read (skipping bytes already
stored), hands the results to the store one document per transaction, and reports one
outcome per file so that a bad file never stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import sqlite_utils

from .compare.finding_links import relink_findings
from .compare.indicator_series import refresh_series
from .compare.plan_identity import action_rows, refresh_date_warnings, settle_plan
from .compare.threads import forget_document, relink_plan, restore_threads, thread_new_actions
from .extract.nlp import pipeline
from .extract.packs import meeting_pack
from .extract.records import ExtractedDocument, SourceFile, extract_document
from .ingest.errors import FileVanished, IngestError
from .ingest.read import DEFAULT_MAX_FILE_SIZE, read_document
from .store import documents as store
from .store.meetings import record_paper
from .workers import Limits, run_isolated

# Files a folder walk passes over: our own databases, editor and OS litter.
_SKIPPED_SUFFIXES = (".db", ".db-wal", ".db-shm", ".sqlite", ".sqlite3", "-journal")
_SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_HASH_CHUNK = 1024 * 1024
OUTCOME_STATUSES = ("ingested", "unchanged", "failed")


@dataclass
class IngestOptions:
    force: bool = False
    password: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    jobs: int = 1  # child processes reading and extracting at once; one writer either way
    limits: Limits = field(default_factory=Limits)  # per document, in its child process
    ocr: bool = True  # read scanned pages with Tesseract when it is installed
    pdf_reader: str = "auto"  # auto (PDFium for pages of prose) | pdfplumber (every page)


@dataclass
class FileOutcome:
    """What happened to one file: ``ingested``, ``unchanged`` or ``failed``."""

    path: str
    status: str
    document_id: int | None = None
    error_class: str | None = None
    message: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome]

    @property
    def counts(self) -> Counter[str]:
        return Counter(outcome.status for outcome in self.outcomes)

    @property
    def line(self) -> str:
        counts = self.counts
        return ", ".join(f"{counts[status]} {status}" for status in OUTCOME_STATUSES)


def discover_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus every file below folders named (sorted; hidden files skipped).

    A path that does not exist is kept, so that it is reported as a failure.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                child
                for child in sorted(path.rglob("*"))
                if child.is_file() and not _skipped(child.relative_to(path))
            )
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path.absolute()), path)
    return list(unique.values())


def _skipped(relative: Path) -> bool:
    name = relative.name.lower()
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return hidden or name in _SKIPPED_NAMES or name.endswith(_SKIPPED_SUFFIXES)


def ingest_paths(
    db: sqlite_utils.Database, paths: Iterable[str | Path], options: IngestOptions | None = None
) -> IngestSummary:
    """Ingest files and folders; the library form of ``plandrift ingest``."""
    return IngestSummary(list(ingest_files(db, discover_files(paths), options or IngestOptions())))


def ingest_files(
    db: sqlite_utils.Database, files: list[Path], options: IngestOptions
) -> Iterator[FileOutcome]:
    """Ingest each file, yielding outcomes in file order; the run is recorded in ``ingest_runs``.

    Each file is read and extracted in a child process under ``options.limits``, up to
    ``options.jobs`` at once, while this process alone writes, in file order, so the stored
    rows are the same for any number of jobs.
    """
    run_id = store.start_run(db, [str(path) for path in files])
    counts: Counter[str] = Counter()
    try:
        for outcome in _outcomes(db, files, run_id, options):
            counts[outcome.status] += 1
            yield outcome
    finally:
        store.finish_run(db, run_id, {key: counts[key] for key in OUTCOME_STATUSES})


@dataclass
class _Work:
    """A file that needs reading: where it is, its identity, the corrections to apply."""

    source: SourceFile
    overrides: dict[str, str]


def _outcomes(db: sqlite_utils.Database, files: list[Path], run_id: int, options: IngestOptions):
    prepared = [_prepare(db, path, run_id, options) for path in files]
    work = [step for step in prepared if isinstance(step, _Work)]
    if work:
        pipeline()  # built once here, so that every child starts with spaCy ready
    results = run_isolated(partial(_run, options=options), work, options.jobs, options.limits)
    for step in prepared:
        if isinstance(step, FileOutcome):
            yield step
            continue
        result = next(results)
        if isinstance(result, IngestError):  # the child ran out of time or memory, or died
            result = result.error_class, str(result)
        yield _finish(db, step, run_id, options, result)


def _prepare(
    db: sqlite_utils.Database, path: Path, run_id: int, options: IngestOptions
) -> _Work | FileOutcome:
    """Hash the file and decide: unchanged (recorded now), failed, or work to do."""
    location = str(path.absolute())
    try:
        sha256, size = hash_file(path)
    except IngestError as error:
        return _failed(db, run_id, location, None, error.error_class, str(error))
    existing = store.find_document(db, sha256)
    kept = json.loads(existing["overrides"]) if existing and existing["overrides"] else {}
    overrides = {**kept, **options.overrides}
    work = _Work(SourceFile(location, sha256, size), overrides)
    return _unchanged(db, work, options, existing) or work


def _unchanged(
    db: sqlite_utils.Database, work: _Work, options: IngestOptions, existing: dict | None = None
) -> FileOutcome | None:
    """The same bytes are stored already and nothing asks to read them again: record where
    they were met this time. ``existing`` saves a look-up when the caller has just made it."""
    existing = existing or store.find_document(db, work.source.sha256)
    kept = json.loads(existing["overrides"]) if existing and existing["overrides"] else {}
    if not existing or options.force or work.overrides != kept:
        return None
    with db.atomic():
        store.record_source(db, existing["id"], work.source.path)
        _record_meeting(db, existing["id"], work.source.path)
    store.resolve_errors(db, work.source.path)
    return FileOutcome(work.source.path, "unchanged", document_id=existing["id"])


def _run(work: _Work, options: IngestOptions) -> ExtractedDocument | tuple[str, str]:
    """Read and extract in whichever process runs it; failures come back as (class, message)."""
    try:
        return process_file(
            work.source,
            options.password,
            work.overrides,
            options.max_file_size,
            options.ocr,
            options.pdf_reader,
        )
    except IngestError as error:
        return error.error_class, str(error)
    except MemoryError:
        raise  # reported by the worker with the limit that was hit
    except Exception as error:  # a reader bug must not stop the batch
        message = (
            f"plandrift could not read it ({type(error).__name__}: {error}); "
            "please report this with a copy of the file"
        )
        return "UnexpectedError", message


def _finish(
    db: sqlite_utils.Database,
    work: _Work,
    run_id: int,
    options: IngestOptions,
    result: ExtractedDocument | tuple[str, str],
) -> FileOutcome:
    """Store one result (in the writing process only)."""
    location = work.source.path
    if isinstance(result, tuple):
        return _failed(db, run_id, location, work.source.sha256, *result)
    # The same bytes may have been stored meanwhile under another name in this batch.
    unchanged = _unchanged(db, work, options)
    if unchanged:
        return unchanged
    warnings = list(result.warnings)
    with db.atomic():  # the document and all that follows from it, or none of it
        # Looked up again inside the write lock: another ingest may have stored these bytes.
        stored_before = store.find_document(db, work.source.sha256)
        threads = forget_document(db, stored_before["id"]) if stored_before else []
        result.metadata = settle_plan(
            db, result.metadata, action_rows(result.actions), work.source.sha256
        )
        document_id = store.save_document(db, result, run_id)
        restore_threads(db, document_id, threads)
        if result.metadata.plan_key and result.metadata.doc_type == "improvement_plan":
            relink_plan(db, result.metadata.plan_key)
            twins = refresh_date_warnings(db, result.metadata.plan_key)
            if document_id in twins:
                warnings.append(twins[document_id])
        thread_new_actions(db, document_id)
        refresh_series(db, document_id)
        relink_findings(db, document_id)
        _record_meeting(db, document_id, location)
        store.resolve_errors(db, location)
    return FileOutcome(location, "ingested", document_id=document_id, warnings=warnings)


def _record_meeting(db: sqlite_utils.Database, document_id: int, location: str) -> None:
    """When the file sits in a meeting's pack folder, file it with that meeting's papers."""
    path = Path(location)
    try:
        names = os.listdir(path.parent)
    except OSError:
        names = []
    pack = meeting_pack(path, names)
    if pack:
        record_paper(db, document_id, pack)


def process_file(
    source: SourceFile,
    password: str | None,
    overrides: dict[str, str],
    max_file_size: int,
    ocr: bool = True,
    pdf_reader: str = "auto",
) -> ExtractedDocument:
    """Read and extract one file. Pure (no database), so it can run in a worker process."""
    read = read_document(
        Path(source.path),
        password=password,
        max_file_size=max_file_size,
        ocr=ocr,
        pdf_reader=pdf_reader,
    )
    return extract_document(source, read, overrides)


def _failed(
    db: sqlite_utils.Database,
    run_id: int,
    path: str,
    sha256: str | None,
    error_class: str,
    message: str,
) -> FileOutcome:
    store.record_error(db, run_id, path, error_class, message, sha256)
    return FileOutcome(path, "failed", error_class=error_class, message=message)


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 and size of a file, read in chunks (board packs can be hundreds of MB)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise FileVanished(
            "no such file or folder", advice="check the path and try again"
        ) from None
    except IsADirectoryError:
        raise FileVanished(
            "this is a folder that could not be read", advice="check the path"
        ) from None
    except PermissionError:
        raise FileVanished(
            "permission denied", advice="check you can open the file, then try again"
        ) from None
    return digest.hexdigest(), size


def reprocess_targets(db: sqlite_utils.Database, *, failed: bool, outdated: bool) -> list[Path]:
    """Files to read again: ones that failed before and were never stored since, and/or the
    stored documents whose extractor version is older than this plandrift's."""
    targets: list[Path] = []
    if failed:
        targets.extend(Path(path) for path in store.unresolved_error_paths(db))
    if outdated:
        for document in store.outdated_documents(db):
            paths = [Path(path) for path in document["paths"]]
            if not paths:
                continue
            same_bytes = [
                path
                for path in paths
                if path.is_file() and hash_file(path)[0] == document["sha256"]
            ]
            targets.append((same_bytes or paths)[0])
    return discover_files(targets)
