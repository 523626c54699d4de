"""What each cell of a layout's table says as plain text, for the DOCX, HTML and TXT
renderers (the PDF renderer draws the same values with reportlab markup)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Group, Layout, Row

GLYPH = "●"
TICK = "✓"


def plain(row: Row, role: str) -> str:
    return {
        "ref": row.ref or "", "lead": row.lead, "due": row.due, "original": row.due,
        "revised": row.revised, "start": row.start, "last_update": row.last_update,
        "measure": row.measure, "update": row.update, "outcome": row.outcome, "theme": row.theme,
        "status": row.status_word, "tick": "", "action": row.text, "group": "",
    }[role]  # fmt: skip


def status_text(layout: Layout, row: Row) -> str:
    level = layout.factors["status"]
    if level == "glyph":
        return GLYPH
    if level == "tick":
        return TICK if row.status == "complete" else ""
    return row.status_word


@dataclass(frozen=True)
class Line:
    """One table row to print: ``kind`` is "row", "step", "band", "sub_band" or "outcome"."""

    kind: str
    row: Row | None = None
    group: Group | None = None
    text: str = ""  # band text; step text
    ref: str = ""  # step ref
    first_in_group: bool = False
    group_size: int = 0  # table rows the group spans (merged_column), on its first row
    lead_rows: int = 1  # table rows a merged lead spans (0: covered)


def table_lines(layout: Layout, groups: tuple[Group, ...] | None = None) -> Iterator[Line]:
    """The rows of the action table in order: bands and action rows (and numbered steps)."""
    grouping = layout.factors["grouping"]
    numbered = layout.substeps == "numbered_rows"
    previous: tuple[str, ...] = ()
    for group in groups if groups is not None else layout.groups:
        if grouping in ("band", "substeps"):
            yield Line("band", text=group.path[0], group=group)
        elif grouping == "nested":
            if not previous or previous[0] != group.path[0]:
                yield Line("band", text=group.path[0], group=group)
            yield Line("sub_band", text=group.path[1], group=group)
        elif grouping == "recommendations":
            yield Line("band", text=group.path[0], group=group)
            yield Line("outcome", text=f"Outcome: {group.outcome}", group=group)
        previous = group.path
        size = sum(1 + (len(row.steps) if numbered else 0) for row in group.rows)
        rows = list(group.rows)
        for i, row in enumerate(rows):
            span = 1
            if row.lead_span > 1:
                run = rows[i : i + row.lead_span]
                span = sum(1 + (len(r.steps) if numbered else 0) for r in run)
            elif row.lead_span == 0:
                span = 0
            yield Line("row", row=row, group=group, first_in_group=i == 0,
                       group_size=size if i == 0 else 0, lead_rows=span)  # fmt: skip
            for step in row.steps if numbered else ():
                yield Line("step", row=row, group=group, text=step.text, ref=step.ref or "",
                           lead_rows=0 if span != 1 or row.lead_span == 0 else 1)  # fmt: skip
