"""Write every Northdene document and gather what was planted in them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samples.northdene.council import ORG, register_fonts
from samples.northdene.dashboard import (
    CONFLICT_KEY,
    CONFLICT_MONTH,
    CONFLICT_PROSE_VALUE,
    DASH_FILE,
    DASH_MONTHS,
    DASH_TITLE,
    INDICATORS_BY_KEY,
    write_dashboard,
)
from samples.northdene.letter import (
    LETTER_DATE,
    LETTER_FILE,
    LETTER_IMPROVE,
    LETTER_PRIORITY,
    LETTER_TITLE,
    write_letter,
)
from samples.northdene.plan import (
    PLAN_TITLE,
    PLAN_VERSIONS,
    action_changes,
    plan_rows,
    section_heading,
    write_plan,
)
from samples.northdene.report import REPORT_FILE, REPORT_TITLE, report_recommendations, write_report
from samples.northdene.web import (
    HTML_FILE,
    HTML_TITLE,
    MINUTES_FILE,
    MINUTES_TITLE,
    html_page,
    minutes_text,
)

# --------------------------------------------------------------------------
# Truth file and entry point
# --------------------------------------------------------------------------


def plan_truth(version: int) -> list[dict[str, Any]]:
    """Machine-readable rows of one plan version."""
    return [
        {
            "action_id": r.key,
            "ref": r.ref,
            "section": section_heading(r.section),
            "text": r.text,
            "lead": r.lead,
            "rag": r.rag,
            "target": r.target,
            "update": r.update,
            "parent_ref": r.parent_ref,
        }
        for r in plan_rows(version)
    ]


def document_entry(doc_type: str, doc_date: str, title: str, pages: int | None) -> dict:
    """One entry of truth['documents']."""
    return {
        "doc_type": doc_type,
        "organisation": ORG,
        "doc_date": doc_date,
        "title": title,
        "pages": pages,
    }


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def generate(outdir: Path) -> tuple[list[Path], dict[str, Any]]:
    """Write every sample document; return the paths written and the truth data."""
    outdir.mkdir(parents=True, exist_ok=True)
    register_fonts()
    documents: dict[str, dict[str, Any]] = {}
    written: list[Path] = []

    for i, version in enumerate(PLAN_VERSIONS):
        pages = write_plan(outdir, i)
        documents[version.filename] = document_entry(
            "improvement_plan", version.as_at.isoformat(), PLAN_TITLE, pages
        )
        written.append(outdir / version.filename)

    pages = write_letter(outdir)
    documents[LETTER_FILE] = document_entry(
        "inspection_letter", LETTER_DATE.isoformat(), LETTER_TITLE, pages
    )
    written.append(outdir / LETTER_FILE)

    pages = write_report(outdir)
    documents[REPORT_FILE] = document_entry("board_report", "2025-02-24", REPORT_TITLE, pages)
    written.append(outdir / REPORT_FILE)

    pages = write_dashboard(outdir)
    documents[DASH_FILE] = document_entry("performance_report", "2025-01", DASH_TITLE, pages)
    written.append(outdir / DASH_FILE)

    write_text(outdir / HTML_FILE, html_page())
    documents[HTML_FILE] = document_entry("board_report", "2025-02-27", HTML_TITLE, None)
    written.append(outdir / HTML_FILE)

    write_text(outdir / MINUTES_FILE, minutes_text())
    documents[MINUTES_FILE] = document_entry("other", "2025-02-24", MINUTES_TITLE, None)
    written.append(outdir / MINUTES_FILE)

    conflict = INDICATORS_BY_KEY[CONFLICT_KEY]
    truth = {
        "documents": documents,
        "plan_actions": {v.filename: plan_truth(i) for i, v in enumerate(PLAN_VERSIONS)},
        "action_changes": action_changes(),
        "recommendations": {
            LETTER_FILE: LETTER_PRIORITY + LETTER_IMPROVE,
            REPORT_FILE: report_recommendations(),
        },
        "planted_conflict": {
            "document": DASH_FILE,
            "indicator": conflict.name,
            "period": DASH_MONTHS[CONFLICT_MONTH],
            "table_value": conflict.months[CONFLICT_MONTH],
            "prose_value": CONFLICT_PROSE_VALUE,
            "prose_excerpt": f"Timeliness of assessments dipped to "
            f"{CONFLICT_PROSE_VALUE} in December",
        },
    }
    return written, truth
