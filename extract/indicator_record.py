"""One indicator figure as a document states it (shared by the table, sentence and plan-cell
readers: indicators.py, figure_sentences.py, plan_figures.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..ingest.model import BBox


@dataclass
class ExtractedIndicator:
    page: int
    name: str
    value: float
    unit: str
    value_raw: str
    period: str | None
    series: str = "actual"
    area: str | None = None
    breakdown: str | None = None
    direction: str | None = None
    context: str | None = None  # the column header (tables) or the sentence (prose)
    source: str = "table"  # table | prose | plan_cell (a plan's measure or update cell)
    bbox: BBox | None = None


def number_value(text: str) -> float:
    """A printed number as a value: "1,204" -> 1204, "26.14" -> 26.14."""
    value = float(text.replace(",", "").replace("−", "-"))
    return int(value) if value.is_integer() else value
