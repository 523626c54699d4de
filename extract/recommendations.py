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
from .lists import ListRules, read_lists
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
    # The plan's actions listed under it (indexes into the document's actions): coverage
    # the plan's own structure states, certain before any wording is compared.
    action_indexes: tuple[int, ...] = ()


def extract_recommendations(
    document: ReadDocument, doc_type: str, actions: list[ExtractedAction]
) -> list[ExtractedRecommendation]:
    """Recommendations in reading order: listed ones, then those heading a plan's sections."""
    patterns = load_patterns("recommendations")
    finding = re.compile(
        f"(?:{patterns['finding_headings']})|(?:{patterns['restated_finding_headings']})", re.I
    )
    decision = re.compile(patterns["decision_headings"], re.I)
    bare = re.compile(patterns["bare_headings"], re.I)
    rules = ListRules(
        headings=re.compile(
            f"(?:{finding.pattern})|(?:{decision.pattern})|(?:{bare.pattern})", re.I
        ),
        labelled=re.compile(patterns["inline_decision"], re.I),
        groups=re.compile(patterns["timescale_groups"], re.I),
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
            )
        )
    return found + _plan_sections(actions)


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
