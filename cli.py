"""The ``plandrift`` command: a thin click layer over library functions of the same name."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__
from .extract.dates import find_dates
from .extract.metadata import DOC_TYPES
from .ingest.read import DEFAULT_MAX_FILE_SIZE
from .show import DEFAULT_RESOLUTION as SHOW_RESOLUTION
from .store.schema import BUSY_TIMEOUT_SECONDS
from .workers import Limits

DB_OPTION = click.option(
    "--db",
    "db_path",
    default="plandrift.db",
    show_default=True,
    envvar="PLANDRIFT_DB",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database to write to (created if missing; also $PLANDRIFT_DB).",
)
SILENT_OPTION = click.option("-s", "--silent", is_flag=True, help="No progress bar.")
JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of cores",
    help="Worker processes reading files (one process writes; results are the same either way).",
)


TIMEOUT_OPTION = click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=Limits.timeout,
    show_default=True,
    help="Seconds one file may take to read before it is stopped and reported as failed.",
)
MAX_MEMORY_OPTION = click.option(
    "--max-memory",
    "max_memory_mb",
    type=click.IntRange(min=64),
    default=Limits.max_memory_mb,
    show_default=True,
    help="Megabytes of memory one file may use while it is read (stops compression bombs).",
)

NO_OCR_OPTION = click.option(
    "--no-ocr",
    is_flag=True,
    help="Do not read scanned pages with Tesseract (they are stored without text).",
)
PDF_READER_OPTION = click.option(
    "--pdf-reader",
    type=click.Choice(["auto", "pdfplumber"]),
    default="auto",
    show_default=True,
    help="auto: pages of prose are read by PDFium, ten times faster, and pages that may "
    "hold a table by pdfplumber; pdfplumber: every page by pdfplumber (slower; for checking "
    "a page whose text looks wrong).",
)
MAX_FILE_SIZE_OPTION = click.option(
    "--max-file-size",
    "max_file_size_mb",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_FILE_SIZE // 1_000_000,
    show_default=True,
    help="Megabytes above which a file is reported and not read.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plandrift")
def cli() -> None:
    """Turn improvement-plan papers into a queryable history.

    \b
    Example:
        plandrift ingest board-papers/ --db plandrift.db
        plandrift serve --db plandrift.db
    """


def _open(db_path: Path):
    from .store.schema import open_database

    try:
        return open_database(db_path)
    except Exception as error:  # sqlite3.DatabaseError and friends
        raise click.ClickException(
            f"{db_path}: cannot open it as a plandrift database ({error}); "
            "check the path, or choose a new file with --db"
        ) from None


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return value
    dates = find_dates(value)
    if not dates:
        raise click.BadParameter(
            f"{value!r} is not a date: write it as 2020-05-21, 21/05/2020 or May 2020"
        )
    return dates[0].iso


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option(
    "--force", is_flag=True, help="Re-extract files already stored (replaces their extracted rows)."
)
@click.option("--password", help="Password for encrypted PDFs in this batch.")
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(DOC_TYPES),
    help="Set the document type instead of guessing it.",
)
@click.option(
    "--date", "doc_date", callback=_iso_date, help="Set the document date (2020-05-21 or May 2020)."
)
@click.option(
    "--org",
    "organisation",
    help="Set the organisation the documents belong to (any unique part of a stored one's name).",
)
@click.option(
    "--plan",
    "plan_key",
    help="Set the plan the documents are versions of (any unique part of a stored plan's key, "
    "title or organisation; otherwise a new plan key).",
)
@JOBS_OPTION
@TIMEOUT_OPTION
@MAX_MEMORY_OPTION
@MAX_FILE_SIZE_OPTION
@NO_OCR_OPTION
@PDF_READER_OPTION
@SILENT_OPTION
def ingest(
    paths: tuple[Path, ...],
    db_path: Path,
    force: bool,
    password: str | None,
    doc_type: str | None,
    doc_date: str | None,
    organisation: str | None,
    plan_key: str | None,
    jobs: int,
    timeout: float,
    max_memory_mb: int,
    max_file_size_mb: int,
    no_ocr: bool,
    pdf_reader: str,
    silent: bool,
) -> None:
    """Read board papers, plans, letters and reports into the database.

    PATHS are files or folders (read recursively). PDF, Word (.docx), HTML and plain
    text are recognised from their content. Files already stored (same bytes) are
    skipped.

    \b
    Example:
        plandrift ingest papers/ --db plandrift.db
        plandrift ingest plan-v3.pdf --type improvement_plan --date 2020-05-21
        plandrift ingest tracker-q3.pdf --plan devon
    """
    from .pipeline import IngestOptions, discover_files
    from .store.lookup import AmbiguousName, NameNotFound, find_organisation, find_plan

    db = _open(db_path)
    try:
        if organisation:
            organisation = find_organisation(db, organisation) or organisation
        if plan_key:
            plan_key = find_plan(db, plan_key)
    except AmbiguousName as error:
        raise click.ClickException(str(error)) from None
    except NameNotFound:
        pass  # a plan key not seen before starts a new plan

    overrides = {
        key: value
        for key, value in {
            "doc_type": doc_type,
            "doc_date": doc_date,
            "organisation": organisation,
            "plan_key": plan_key,
        }.items()
        if value
    }
    options = IngestOptions(
        force=force,
        password=password,
        overrides=overrides,
        jobs=jobs,
        limits=Limits(timeout, max_memory_mb),
        max_file_size=max_file_size_mb * 1_000_000,
        ocr=not no_ocr,
        pdf_reader=pdf_reader,
    )
    _run_ingest(db, discover_files(paths), options, silent)


@cli.command()
@DB_OPTION
@click.option(
    "--failed", is_flag=True, help="Retry files that failed before and have not been stored since."
)
@click.option("--outdated", is_flag=True, help="Re-extract documents read by an older plandrift.")
@click.option("--password", help="Password for encrypted PDFs.")
@JOBS_OPTION
@TIMEOUT_OPTION
@MAX_MEMORY_OPTION
@MAX_FILE_SIZE_OPTION
@NO_OCR_OPTION
@PDF_READER_OPTION
@SILENT_OPTION
def reprocess(
    db_path: Path,
    failed: bool,
    outdated: bool,
    password: str | None,
    jobs: int,
    timeout: float,
    max_memory_mb: int,
    max_file_size_mb: int,
    no_ocr: bool,
    pdf_reader: str,
    silent: bool,
) -> None:
    """Read again the files that failed, or that an older plandrift extracted.

    \b
    Example:
        plandrift reprocess --failed --db plandrift.db
        plandrift reprocess --outdated
    """
    from .pipeline import IngestOptions, reprocess_targets

    if not (failed or outdated):
        raise click.UsageError("say what to reprocess: --failed, --outdated, or both")
    db = _open(db_path)
    files = reprocess_targets(db, failed=failed, outdated=outdated)
    if not files:
        click.echo("Nothing to reprocess.")
        return
    options = IngestOptions(
        force=outdated,
        password=password,
        jobs=jobs,
        limits=Limits(timeout, max_memory_mb),
        max_file_size=max_file_size_mb * 1_000_000,
        ocr=not no_ocr,
        pdf_reader=pdf_reader,
    )
    _run_ingest(db, files, options, silent)


def _run_ingest(db, files: list[Path], options, silent: bool) -> None:
    from .pipeline import IngestSummary, ingest_files

    outcomes = []
    show_bar = not silent and sys.stderr.isatty() and len(files) > 1
    try:
        with click.progressbar(
            length=len(files), label="Ingesting", file=sys.stderr, hidden=not show_bar
        ) as bar:
            for outcome in ingest_files(db, files, options):
                outcomes.append(outcome)
                bar.update(1)
                if outcome.status == "failed":
                    click.echo(f"error: {outcome.path}: {outcome.message}", err=True)
                for warning in outcome.warnings:
                    click.echo(f"warning: {outcome.path}: {warning}", err=True)
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        raise click.ClickException(
            f"the database is busy: another plandrift has been writing to it for over "
            f"{BUSY_TIMEOUT_SECONDS} s. Run this again when it has finished; the "
            f"{len(outcomes)} files done so far are kept and will be skipped"
        ) from None
    summary = IngestSummary(outcomes)
    click.echo(summary.line)
    if summary.counts["failed"]:
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option(
    "--type", "doc_type", type=click.Choice(DOC_TYPES), help="Only documents of this type."
)
@click.option(
    "--plan", "plan_key", help="Only versions of this plan (any unique part of its key or title)."
)
@click.option(
    "--org", "organisation", help="Only documents about this organisation (any part of its name)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
def documents(
    db_path: Path,
    doc_type: str | None,
    plan_key: str | None,
    organisation: str | None,
    output_format: str,
) -> None:
    """List the documents stored, oldest first, with the clue each date came from and a
    warning where two versions of a plan share a date.

    \b
    Example:
        plandrift documents --type improvement_plan
        plandrift documents --plan devon
        plandrift documents --format csv > documents.csv
    """
    from .store.documents import format_documents, list_documents
    from .store.lookup import find_organisation, find_plan

    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database; ingest some documents first")
    db = _open(db_path)
    try:
        plan_key = find_plan(db, plan_key) if plan_key else None
        if organisation:
            organisation = find_organisation(db, organisation)
            if organisation is None:
                raise click.ClickException("no stored organisation matches that name")
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    rows = list_documents(db, doc_type=doc_type, plan_key=plan_key, organisation=organisation)
    click.echo(format_documents(rows, output_format), nl=output_format != "csv")


@cli.command()
@DB_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback by default).",
)
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open a browser at the start page.")
@click.option(
    "--immutable",
    is_flag=True,
    help="Serve a frozen copy with precomputed counts (a published archive).",
)
@click.option(
    "--login",
    metavar="USER",
    help="Require USER to sign in, with the password hashed in $PLANDRIFT_PASSWORD_HASH "
    "(make it with `datasette hash-password`).",
)
def serve(
    db_path: Path, host: str, port: int, open_browser: bool, immutable: bool, login: str | None
) -> None:
    """Browse the database in Datasette, with descriptions of every table.

    \b
    Example:
        plandrift serve --db plandrift.db --port 8001
        plandrift serve --db archive.db --immutable
        PLANDRIFT_PASSWORD_HASH='pbkdf2_sha256$...' plandrift serve --login auditor
    """
    from .serve import PASSWORD_HASH_VARIABLE
    from .serve import serve as run_datasette

    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database; run `plandrift ingest` first")
    if login and not os.environ.get(PASSWORD_HASH_VARIABLE):
        raise click.ClickException(
            f"--login needs the password's hash in ${PASSWORD_HASH_VARIABLE}: make one with "
            "`datasette hash-password`, then export it"
        )
    _open(db_path).close()  # bring an older database up to the current schema first
    sys.exit(
        run_datasette(
            db_path,
            host=host,
            port=port,
            open_browser=open_browser,
            immutable=immutable,
            login=login,
        )
    )


@cli.command()
@click.argument("truth", type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--details", is_flag=True, help="Also list every missed, extra and wrong row.")
def evaluate(truth: Path, db_path: Path, output_format: str, details: bool) -> None:
    """Score extracted actions, recommendations and indicators against labelled truth.

    TRUTH is JSON, or a folder of JSON files read as one: {"documents": [{"file": NAME,
    "actions": [...], "recommendations": [...], "indicators": [...]}], "lineage":
    [{"files": [...], "links": [...], "changes": [...]}], "repeats": [{"earlier": ID,
    "later": ID}]}. Prints precision, recall and F1 for each kind of record labelled, per
    document (documents marked "held_out" totalled apart), then one line per field the
    truth carries with its accuracy. Entries that label doc_type, organisation, doc_date,
    title or series (the versions of one plan) are scored on those too, per document
    type; "repeats" (findings a later inspection makes again) are scored as links.

    \b
    Example:
        plandrift evaluate tests/truth/ofsted_findings --db plandrift.db --details
    """
    from .evaluate import evaluate as score
    from .evaluate import (
        evaluate_documents,
        evaluate_lineage,
        evaluate_repeats,
        format_evaluation,
        load_truth,
    )

    if not db_path.exists():
        raise click.ClickException(
            f"{db_path}: no such database; ingest the labelled documents first"
        )
    try:
        labelled = load_truth(truth)
        db = _open(db_path)
        results = score(db, labelled) if "documents" in labelled else {}
        lineage = evaluate_lineage(db, labelled["lineage"]) if "lineage" in labelled else {}
        if labelled.get("repeats"):
            lineage |= evaluate_repeats(db, labelled)
        documents = evaluate_documents(db, labelled) if "documents" in labelled else {}
    except (ValueError, KeyError, TypeError) as error:
        raise click.ClickException(
            f"{truth}: not a truth file ({error}); see plandrift evaluate --help"
        ) from None
    click.echo(
        format_evaluation(results, lineage, output_format, details=details, documents=documents)
    )


@cli.command()
@DB_OPTION
@click.option("--plan", "plan_key", help="The plan to compare (needed when there are several).")
@click.option("--from", "from_date", callback=_iso_date, help="Earliest version date to include.")
@click.option("--to", "to_date", callback=_iso_date, help="Latest version date to include.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "csv", "json"]),
    default="text",
    show_default=True,
)
def compare(
    db_path: Path,
    plan_key: str | None,
    from_date: str | None,
    to_date: str | None,
    output_format: str,
) -> None:
    """What changed between versions of a plan: slipped actions first.

    \b
    Example:
        plandrift compare --plan northdene
        plandrift compare --from 2025-02-01 --format markdown > changes.md
    """
    from .compare.report import CompareError, compare_plan, format_comparison

    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database; ingest the plan's versions first")
    try:
        report = compare_plan(_open(db_path), plan_key, from_date, to_date)
    except CompareError as error:
        raise click.ClickException(str(error)) from None
    click.echo(format_comparison(report, output_format))


@cli.command()
@click.argument("query")
@DB_OPTION
def history(query: str, db_path: Path) -> None:
    """One action's life across the versions of its plan.

    QUERY is an action id or words from the action's text.

    \b
    Example:
        plandrift history "Court Progression Officers"
        plandrift history 42
    """
    from .compare.report import action_history, format_history

    rows = action_history(_open(db_path), query)
    if not rows:
        raise click.ClickException(f"no action matches {query!r}; try other words, or an action id")
    click.echo(format_history(rows))


def _override(db_path: Path, from_action: int, to_action: int, decision: str) -> None:
    from .compare.threads import LinkError, set_override

    try:
        plan_key = set_override(_open(db_path), from_action, to_action, decision)
    except LinkError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{decision.capitalize()}ed {from_action} -> {to_action} in {plan_key}.")


@cli.command()
@click.argument("from_action", type=int)
@click.argument("to_action", type=int)
@DB_OPTION
def link(from_action: int, to_action: int, db_path: Path) -> None:
    """Say that two actions are the same action in consecutive versions.

    The correction is stored (link_overrides) and kept whenever the versions are matched.

    \b
    Example:
        plandrift link 17 63
    """
    _override(db_path, from_action, to_action, "link")


@cli.command()
@click.argument("from_action", type=int)
@click.argument("to_action", type=int)
@DB_OPTION
def unlink(from_action: int, to_action: int, db_path: Path) -> None:
    """Say that two actions the matcher linked are different actions.

    \b
    Example:
        plandrift unlink 17 63
    """
    _override(db_path, from_action, to_action, "unlink")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--page",
    "page_number",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Page to show (1-based, as a PDF viewer numbers it).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PNG to draw the page into (PDF only). Default: <file name>-page<N>.png here.",
)
@click.option(
    "--resolution",
    type=click.IntRange(36, 600),
    default=SHOW_RESOLUTION,
    show_default=True,
    help="Dots per inch of the drawing.",
)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--no-ocr", is_flag=True, help="Do not read scanned pages with Tesseract.")
def show(
    file: Path,
    page_number: int,
    out: Path | None,
    resolution: int,
    password: str | None,
    no_ocr: bool,
) -> None:
    """Show what was found on one page, to see why a row is missing.

    Prints each table on the page (how it was found, its size, header rows and the
    role given to each column: ref, text, lead, due, status, update, ...; ? where none)
    and each action read from the page. For a PDF it also draws the page with the
    tables, header rows, column roles, section rows and numbered action boxes. Word,
    web and text files have no page geometry: they get the printed summary only.

    \b
    Example:
        plandrift show plan-v3.pdf --page 2
        plandrift show plan-v3.pdf --page 2 --out page2.png
        plandrift show board-update.docx
    """
    from .show import ShowError, format_report, show_page

    try:
        report = show_page(
            file, page_number, out, resolution=resolution, password=password, ocr=not no_ocr
        )
    except ShowError as error:
        raise click.ClickException(str(error)) from None
    click.echo(format_report(report))
