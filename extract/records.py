"""What extraction hands to the store: one file's facts, pages and recognised metadata.

Plain, picklable data, so extraction can run in worker processes while a single writer
stores the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..ingest.model import ReadDocument
from .actions import ExtractedAction, extract_actions
from .indicators import Conflict, ExtractedIndicator, extract_indicators, find_conflicts
from .metadata import DocumentMetadata, plan_key_for, recognise_metadata
from .recommendations import ExtractedRecommendation, extract_recommendations

OVERRIDABLE = ("doc_type", "doc_date", "organisation", "plan_key")


@dataclass(frozen=True)
class SourceFile:
    path: str  # absolute
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class PageText:
    """What is stored of a page: its text and size. Lines, words and tables stay behind in
    the reading process, so a long pack is not copied whole to the writer."""

    number: int
    text: str
    text_layer: str
    width: float | None
    height: float | None
    ocr_confidence: float | None = None
    reader: str | None = None  # pdfium | pdfplumber for a PDF page (see ingest/pdf.py)


@dataclass
class ExtractedDocument:
    source: SourceFile
    file_kind: str
    pages: list[PageText]
    warnings: list[str]
    metadata: DocumentMetadata
    overrides: dict[str, str] = field(default_factory=dict)
    actions: list[ExtractedAction] = field(default_factory=list)
    recommendations: list[ExtractedRecommendation] = field(default_factory=list)
    indicators: list[ExtractedIndicator] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def extract_document(
    source: SourceFile, read: ReadDocument, overrides: dict[str, str]
) -> ExtractedDocument:
    """Recognise the document's metadata (with the user's corrections on top), then
    extract its records.

    The plan key follows the corrected type and organisation unless it was given itself.
    """
    metadata = recognise_metadata(read)
    wanted = {key: value for key, value in overrides.items() if key in OVERRIDABLE and value}
    if wanted:
        metadata = replace(metadata, **wanted)
        if "doc_date" in wanted:
            metadata = replace(metadata, doc_date_basis="given by user")
        if "plan_key" not in wanted:
            is_plan = metadata.doc_type == "improvement_plan"
            plan_key = plan_key_for(metadata.organisation, metadata.title) if is_plan else None
            basis = "organisation and title" if is_plan else None
            metadata = replace(metadata, plan_key=plan_key, plan_key_basis=basis)
        else:
            metadata = replace(metadata, plan_key_basis="given by user")
    notes: list[str] = []
    actions = extract_actions(read, metadata.doc_date, notes)
    indicators = extract_indicators(read, metadata.doc_date, actions)
    return ExtractedDocument(
        source=source,
        file_kind=read.file_kind,
        pages=[
            PageText(
                page.number,
                page.text,
                page.text_layer,
                page.width,
                page.height,
                page.ocr_confidence,
                page.reader or read.file_kind,
            )
            for page in read.pages
        ],
        warnings=[*read.warnings, *notes],
        metadata=metadata,
        overrides=wanted,
        actions=actions,
        recommendations=extract_recommendations(read, metadata.doc_type, actions),
        indicators=indicators,
        conflicts=find_conflicts(indicators),
    )
