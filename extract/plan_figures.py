"""Figures in an improvement plan's action cells: what the measure and progress-update cells
of each action state ("87% of visits within timescale", "5 of 9 posts filled", "Caseloads
averaged 21 children in May"), read as sentences (figure_sentences.py) and placed on the page
in the cell that prints them.

A plan update speaks for its date: a figure whose sentence names no month is the document's
month. A cell a sub-step repeats from its parent gives its figures once, and so does the same
figure printed in several cells (a merged cell given to each row it covers, a measure shared
by several actions).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..ingest.model import BBox, ReadDocument
from ..wording import squash
from .action_record import ExtractedAction, normalise_text
from .figure_sentences import NUMBER, sentence_figures
from .indicator_record import ExtractedIndicator

CELLS = ("measure", "update_text")  # the fields of an action that report on it


def cell_figures(
    document: ReadDocument, actions: Sequence[ExtractedAction], doc_date: str | None
) -> list[ExtractedIndicator]:
    """Every figure in the measure and update cells of *actions*, in their order."""
    figures: list[ExtractedIndicator] = []
    undated = doc_date[:7] if doc_date else None
    for index, action in enumerate(actions):
        for field in CELLS:
            text = getattr(action, field)
            if not text or not NUMBER.search(text) or _repeated(actions, index, field):
                continue
            for figure in sentence_figures(
                squash(text), action.page, doc_date, counts_any_noun=True, undated=undated
            ):
                figure.page, figure.bbox = _place(document, action, text, figure)
                figure.source = "plan_cell"  # followed from version to version in a series
                figures.append(figure)
    return distinct(figures)


def cell_texts(actions: Sequence[ExtractedAction]) -> dict[int, list[str]]:
    """The measure and update texts of each page's actions, squashed, to tell a line of
    prose that is one of them (a labelled block's "Progress: ...") from prose of its own."""
    texts: dict[int, list[str]] = {}
    for action in actions:
        for field in CELLS:
            text = getattr(action, field)
            if text:
                texts.setdefault(action.page, []).append(normalise_text(text))
    return texts


def in_cells(text: str, page: int, texts: dict[int, list[str]]) -> bool:
    key = normalise_text(text)
    return bool(key) and any(
        key in cell for number in (page - 1, page) for cell in texts.get(number, ())
    )


def _repeated(actions: Sequence[ExtractedAction], index: int, field: str) -> bool:
    """A sub-step's copy of its parent's cell."""
    action = actions[index]
    parent = action.parent_index
    return parent is not None and getattr(actions[parent], field) == getattr(action, field)


def distinct(figures: list[ExtractedIndicator]) -> list[ExtractedIndicator]:
    """Each figure once: a merged cell repeated down its rows, or the same measure printed
    for several actions, states one figure."""
    seen: set[tuple] = set()
    out = []
    for figure in figures:
        key = (figure.name.lower(), figure.value, figure.unit, figure.period, figure.series)
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


def _place(
    document: ReadDocument, action: ExtractedAction, text: str, figure: ExtractedIndicator
) -> tuple[int, BBox | None]:
    """The page and box of the figure: the table cell in the action's row that prints its
    number, else the first line at or below the action's top that does (a labelled
    block's "Progress: ..." line, the rest of a row split by a page break); else the
    action's own box."""
    raw = figure.value_raw.split()[0]
    key = normalise_text(text)
    top = action.bbox[1] - 1 if action.bbox else 0.0
    for number in (action.page, action.page + 1):
        if number > len(document.pages):
            break
        page = document.pages[number - 1]
        if number == action.page and action.bbox:
            for table in page.tables:
                for cells in table.rows:
                    for cell in cells:
                        if (
                            cell
                            and cell.bbox
                            and raw in cell.text
                            and normalise_text(cell.text) in key
                            and action.bbox[1] - 1 <= _middle(cell.bbox) <= action.bbox[3] + 1
                        ):
                            return number, cell.bbox
        lines = [
            line
            for line in page.lines
            if line.bbox
            and raw in line.text
            and (number > action.page or line.bbox[1] >= top)
            and normalise_text(line.text.split(":", 1)[-1]) in key
        ]
        if lines:
            return number, min(lines, key=lambda line: line.bbox[1]).bbox
    return action.page, action.bbox


def _middle(box: BBox) -> float:
    return (box[1] + box[3]) / 2
