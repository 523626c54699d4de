"""Write a series as files and its truth (evaluate.py's format plus the document fields)."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Document, Series, draw_series


def truth(document: Document) -> dict:
    """The truth entry of one document, copied from the values it prints."""
    entry = {
        "file": document.file_name,
        "doc_type": document.doc_type,
        "organisation": document.organisation,
        "doc_date": document.doc_date.isoformat(),
        "doc_date_cue": document.cue,
        "title": document.title,
        "series": document.series,
        "actions": document.actions,
        "recommendations": document.recommendations,
        "coverage": document.coverage,
        "factors": dict(document.factors),
    }
    if document.duplicate_date:
        entry["duplicate_date"] = True
    return entry


def write_document(document: Document, folder: Path) -> Path:
    path = Path(folder) / document.file_name
    if document.format == "pdf":
        from .pdf import render_pdf

        render_pdf(document, path)
    else:
        from .docx import render_docx

        render_docx(document, path)
    return path


def write_series(series: Series, folder: Path) -> list[dict]:
    """Write every document of *series* into *folder*; return their truth entries."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for document in series.documents:
        write_document(document, folder)
    return [truth(document) for document in series.documents]


def batch_seeds(count: int, first_seed: int) -> list[int]:
    """*count* seeds from *first_seed* on, passing over a seed whose authority and plan name
    repeat an earlier one's: one council does not run two plans of the same name at once, and
    two such series could be told apart by nothing the documents print."""
    seeds, seen = [], set()
    seed = first_seed
    while len(seeds) < count:
        series = draw_series(seed)
        key = (series.authority.name, series.plan_name)
        if key not in seen:
            seen.add(key)
            seeds.append(seed)
        seed += 1
    return seeds


def write_batch(count: int, first_seed: int, out: Path) -> Path:
    """Write *count* series (see :func:`batch_seeds`) and ``out/truth.json``."""
    out = Path(out)
    documents = []
    for seed in batch_seeds(count, first_seed):
        documents += write_series(draw_series(seed), out)
    target = out / "truth.json"
    target.write_text(
        json.dumps({"documents": documents}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target
