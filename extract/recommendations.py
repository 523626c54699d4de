"""Extract recommendations: what inspectors say must improve, and what a board is asked to
decide, one row per item, traced to its page.

Lists come from headings such as "What needs to improve?", "Areas for priority action",
"areas for improvement ... were identified:" (kind ``finding``) and "The Board is asked to:"
(kind ``decision``); a decision stated in one sentence ("Recommendation: Cabinet is asked
to NOTE ...") is one item. Improvement plans that head their sections with the inspection's
recommendations ("Recommendation 2: ...") give those as findings too. The headings are data
in ``patterns/recommendations.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.model import BBox, ReadDocument
from .action_record import ExtractedAction
from .action_tables import PATH
from .lists import ListRules, Section, read_lists
from .patterns import load_patterns

KINDS = ("finding", "decision")


@dataclass
class ExtractedRecommendation:
    page: int
    text: str
    kind: str  # finding | decision
    source: str  # the heading or section it was listed under, as printed
    bbox: BBox | None = None
    ref: str | None = None
    timescale: str | None = None  # a sub-heading such as "Within three months"
    # The part of the report it is made in, where that is not the authority's own: "LSCB"
    # for the review of the safeguarding board a 2013-2017 inspection report ends with.
    section: str | None = None
    # The plan's actions listed under it (indexes into the document's actions): coverage
    # the plan's own structure states, certain before any wording is compared.
    action_indexes: tuple[int, ...] = ()


def extract_recommendations(
    document: ReadDocument, doc_type: str, actions: list[ExtractedAction]
) -> list[ExtractedRecommendation]:
    """Recommendations in reading order: listed ones, then those heading a plan's sections."""
    patterns = load_patterns("recommendations")
    finding_headings = [patterns["finding_headings"]]
    if doc_type != "inspection_letter":  # a report's "Inspection findings" is its own prose
        finding_headings.append(patterns["restated_finding_headings"])
    finding = re.compile("|".join(f"(?:{pattern})" for pattern in finding_headings), re.I)
    decision = re.compile(patterns["decision_headings"], re.I)
    bare = re.compile(patterns["bare_headings"], re.I)
    rules = ListRules(
        headings=re.compile(
            f"(?:{finding.pattern})|(?:{decision.pattern})|(?:{bare.pattern})", re.I
        ),
        labelled=re.compile(patterns["inline_decision"], re.I),
        groups=re.compile(patterns["timescale_groups"], re.I),
        sections=tuple(
            Section(entry["name"], re.compile(entry["heading"], re.I))
            for entry in patterns["sections"]
        ),
    )
    found = []
    seen: set[str] = set()
    for item in read_lists(document, rules):
        if item.text in seen:  # a summary repeated in the body ("Recommendation(s): ...")
            continue
        seen.add(item.text)
        heading = item.heading or ""
        if item.labelled or decision.search(heading):
            kind = "decision"
        elif bare.search(heading) and not finding.search(heading):
            kind = "finding" if doc_type == "inspection_letter" else "decision"
        else:
            kind = "finding"
        found.append(
            ExtractedRecommendation(
                page=item.page,
                text=item.text,
                kind=kind,
                source=heading.strip() or "recommendation",
                bbox=item.bbox,
                ref=item.ref,
                timescale=item.group,
                section=item.section if kind == "finding" else None,
            )
        )
    if doc_type == "inspection_letter":
        found += [item for item in _table_findings(document, finding) if item.text not in seen]
    return found + _plan_sections(actions)


def _table_findings(document: ReadDocument, heading: re.Pattern) -> list[ExtractedRecommendation]:
    """Findings set out as a table (an area SEND report's "Areas for priority action", a
    column beside "Responsible body"): one per row, from the column the heading heads. A
    table that runs to the foot of a page goes on in the first table at the top of the
    next, and a row cut by the break is joined up again."""
    found: list[ExtractedRecommendation] = []
    column: tuple[float, float] | None = None  # the findings column of a table still open
    source = ""
    for page in document.pages:
        for index, table in enumerate(page.tables):
            header = next(
                (
                    cell
                    for cell in table.rows[0]
                    if cell and cell.bbox and heading.search(" ".join(cell.text.split()))
                ),
                None,
            )
            body = table.rows
            if header is not None:
                column, source = (header.bbox[0], header.bbox[2]), " ".join(header.text.split())
                body = table.rows[1:]
            elif not (column and index == 0 and _near(table, page, top=True)):
                column = None  # neither the head of a findings table nor its continuation
            if column is None:
                continue
            for row_number, row in enumerate(body):
                cell = _cell_under(row, column)
                if cell is None or not cell.text.strip():
                    continue
                text = " ".join(cell.text.split())
                if header is None and row_number == 0 and text[:1].islower() and found:
                    found[-1].text = f"{found[-1].text} {text}"  # the row the page break cut
                    continue
                found.append(
                    ExtractedRecommendation(
                        page=page.number, text=text, kind="finding", source=source, bbox=cell.bbox
                    )
                )
            if index < len(page.tables) - 1 or not _near(table, page, top=False):
                column = None  # the table ends on this page
    return found


# A table continued over a page break ends in the last share of one page's height and
# starts in the first share of the next.
_PAGE_EDGE = 0.2


def _near(table, page, *, top: bool) -> bool:
    if not (table.bbox and page.height):
        return False
    if top:
        return table.bbox[1] < page.height * _PAGE_EDGE
    return table.bbox[3] > page.height * (1 - _PAGE_EDGE)


def _cell_under(row: list, column: tuple[float, float]):
    """The cell of *row* that stands under the heading's column (most of its middle)."""
    middle = (column[0] + column[1]) / 2
    return next(
        (cell for cell in row if cell and cell.bbox and cell.bbox[0] <= middle <= cell.bbox[2]),
        None,
    )


def _plan_sections(actions: list[ExtractedAction]) -> list[ExtractedRecommendation]:
    """A plan's sections that restate an inspection recommendation ("Recommendation 2: ...",
    "R2 – ..."), each with the actions listed under it."""
    regex = re.compile(load_patterns("recommendations")["plan_sections"], re.I)
    found: dict[str, ExtractedRecommendation] = {}
    for index, action in enumerate(actions):
        for part in (action.section or "").split(PATH):
            match = regex.match(part.strip())
            if not match:
                continue
            if part not in found:
                found[part] = ExtractedRecommendation(
                    page=action.page,
                    text=match.group("text").strip(),
                    kind="finding",
                    source="improvement plan section",
                    ref=match.group("ref") or match.group("number"),
                )
            found[part].action_indexes += (index,)
            break
    return list(found.values())
