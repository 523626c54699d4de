"""The improvement board report that summarises plan version 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from samples.drawing.pdf import escape
from samples.northdene.council import (
    AD_CSC,
    BODY_TIGHT,
    CELL,
    CELL_BOLD,
    DCS,
    GRID,
    H1,
    H2,
    H_ORG,
    NOT_YET_DUE,
    NUMBERED,
    ORG,
    RAG_FILL,
    SERVICE,
    SMALL,
    build_numbered_pdf,
    footer,
    markup,
    para,
)
from samples.northdene.plan import SECTIONS, plan_rows, rag_counts, ref_of, section_heading

# --------------------------------------------------------------------------
# Improvement board report
# --------------------------------------------------------------------------

REPORT_FILE = "northdene-improvement-board-report-2025-02-24.pdf"
REPORT_TITLE = "Improvement Plan Progress Update"
REPORT_VERSION = 1  # the report summarises the revised plan (version 2)


def report_recommendations() -> list[str]:
    """The 'Board is asked to' recommendations."""
    done = sum(c["Blue"] for c in rag_counts(REPORT_VERSION).values())
    return [
        "note the progress made against the Children's Services Improvement Plan "
        f"since the last Board, including the completion of {done} actions;",
        f"agree the revised target date for action {ref_of('s47_audit', 1)} "
        "(section 47 audit), which is now w/b 10/03/25;",
        f"agree that action {ref_of('colocation_pilot', 0)} (front door "
        "co-location pilot) is removed from the plan, with the scoping work taken "
        "forward through the external peer review (new action "
        f"{ref_of('peer_review', 1)});",
        "note the continuing risk to the timeliness of review health assessments "
        f"(action {ref_of('health_assessments', 1)}) and the escalation to the "
        "Integrated Care Board.",
    ]


def rag_summary_table() -> Table:
    """The ruled RAG summary table for the board report."""
    counts = rag_counts(REPORT_VERSION)
    headers = [
        "Section of plan",
        "Total number of actions",
        "Blue - completed",
        "Green - on track",
        "Amber - some progress but slippage",
        "Red - not progressed as planned",
    ]
    data: list[list[Any]] = [[para(h, CELL_BOLD) for h in headers]]
    for s in SECTIONS:
        c = counts[s]
        data.append(
            [para(section_heading(s), CELL)]
            + [para(str(c[k]), CELL) for k in ("total", "Blue", "Green", "Amber", "Red")]
        )
    totals = [
        sum(c[k] for c in counts.values()) for k in ("total", "Blue", "Green", "Amber", "Red")
    ]
    data.append([para("Total", CELL_BOLD)] + [para(str(t), CELL_BOLD) for t in totals])
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (1, 0), colors.HexColor("#D9D9D9")),
        ("BACKGROUND", (2, 0), (2, 0), RAG_FILL["Blue"]),
        ("BACKGROUND", (3, 0), (3, 0), RAG_FILL["Green"]),
        ("BACKGROUND", (4, 0), (4, 0), RAG_FILL["Amber"]),
        ("BACKGROUND", (5, 0), (5, 0), RAG_FILL["Red"]),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
    ]
    table = Table(data, colWidths=(170, 55, 55, 55, 63, 63), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def numbered(number: str, text: str) -> Paragraph:
    """A paragraph with a hanging paragraph number, e.g. '2.1'."""
    return Paragraph(escape(text), NUMBERED, bulletText=number)


def report_story() -> list[Flowable]:
    """Flowables for the improvement board report."""
    counts = rag_counts(REPORT_VERSION)
    total = sum(c["total"] for c in counts.values())
    by_rag = {k: sum(c[k] for c in counts.values()) for k in RAG_FILL}
    red_rows = [r for r in plan_rows(REPORT_VERSION) if r.rag == "Red"]
    red_text = "; ".join(f"{r.ref} ({r.text.lower()})" for r in red_rows)
    header_rows = [
        ("CHILDREN'S IMPROVEMENT BOARD", ""),
        ("IMPROVEMENT BOARD DATE:", "24th February 2025"),
        ("REPORT TITLE:", REPORT_TITLE),
        ("REPORT AUTHOR:", f"{AD_CSC}, Assistant Director Children's Social Care"),
        ("RESPONSIBLE DIRECTOR:", f"{DCS}, Director of Children's Services"),
        ("STATUS:", "For decision"),
    ]
    story: list[Flowable] = [para(ORG, H_ORG), Spacer(1, 6)]
    story += [markup(f"<b>{escape(a)}</b> {escape(b)}", BODY_TIGHT) for a, b in header_rows]
    story += [
        Spacer(1, 8),
        para("1. Introduction", H1),
        numbered(
            "1.1",
            "This report updates the Board on progress against the Children's "
            "Services Improvement Plan, which was developed following the Ofsted "
            "focused visit on 8 and 9 October 2024 and agreed by the Board on 20 "
            "January 2025.",
        ),
        numbered(
            "1.2",
            "The plan has five sections, each linked to the areas for improvement "
            "identified by inspectors. The position below reflects progress "
            "reported by action leads in mid-February 2025. The plan will be "
            "revised following this meeting and circulated to Board members.",
        ),
        para("2. Progress against the improvement plan", H1),
        numbered(
            "2.1",
            f"Of the {total} actions in the revised plan, {by_rag['Blue']} have been "
            f"completed (Blue), {by_rag['Green']} are on track (Green), "
            f"{by_rag['Amber']} have made some progress but have slipped (Amber) "
            f"and {by_rag['Red']} has not progressed as planned (Red). "
            f"Actions not yet due ({by_rag[NOT_YET_DUE]}) are included in the "
            "total but are not RAG rated.",
        ),
        Spacer(1, 2),
        para("Table 1: RAG status of improvement plan actions by section", H2),
        rag_summary_table(),
        Spacer(1, 8),
        numbered(
            "2.2",
            f"The action rated Red is {red_text}. Further detail is given in section 5 below.",
        ),
        numbered(
            "2.3",
            f"Action {ref_of('supervision_policy', 1)} (revised supervision policy) "
            "has not progressed since the last Board and its target date of "
            "31/01/2025 has passed. The Principal Social Worker post became vacant "
            "in February and interim arrangements are being put in place.",
        ),
        para("3. Children at risk of harm are identified and protected quickly", H1),
        numbered(
            "3.1",
            "The revised MASH screening tool went live on 27 January 2025. In the "
            "first three weeks 96% of contacts were screened by a qualified social "
            "worker within 24 hours, compared with 81% in October 2024.",
        ),
        numbered(
            "3.2",
            "Caseloads in the assessment teams are reducing. The maximum caseload "
            "in assessment teams was 31 in March 2024 and by January 2025 this was "
            "24. The average caseload across the service is now 18.4 children per "
            "social worker. The target of no more than 22 children remains due by "
            "31 March 2025.",
        ),
        numbered(
            "3.3",
            "Health attendance at strategy meetings has improved from 61% in "
            "December to 70% in January following the introduction of a duty "
            "health practitioner rota. This remains below the expected standard "
            "and the Designated Nurse is reviewing capacity.",
        ),
        para("4. Pre-proceedings and court", H1),
        numbered(
            "4.1",
            "At the end of January 2025 there were 12 families (27 children) in "
            "pre-proceedings. Each family is tracked at the monthly PLO panel, and "
            "no family has been in pre-proceedings for more than 16 weeks without "
            "a review.",
        ),
        numbered(
            "4.2",
            "The average duration of care proceedings reduced from 43 weeks in "
            "December to 41 weeks in January. One interim Court Progression "
            "Officer started on 10 February 2025; the second candidate withdrew "
            "and the agency has been asked for further CVs.",
        ),
        para("5. Children in care and care leavers", H1),
        numbered(
            "5.1",
            "Only 78% of review health assessments were completed in timescale in "
            "January, against a target of 90%. The Integrated Care Board has "
            "agreed additional nurse capacity from April 2025, and performance is "
            "reviewed fortnightly by the Head of Service for Children in Care.",
        ),
        numbered(
            "5.2",
            "All 26 care leavers aged 19-21 who were living in unsuitable "
            "accommodation have been reviewed and each now has a housing plan. "
            "Two additional Independent Reviewing Officer posts were advertised "
            "from 20 January to 7 February 2025 and 9 applications were received.",
        ),
        para("6. Workforce", H1),
        numbered(
            "6.1",
            "The proportion of agency social workers fell to 25% in January from "
            "27% in December. Four permanent social workers have been appointed "
            "to the assessment teams through the targeted campaign, and a "
            "retention payment for experienced social workers in hard-to-fill "
            "teams was approved by the Cabinet Member on 12 February 2025.",
        ),
        para("7. Quality of practice and performance", H1),
        numbered(
            "7.1",
            "In January 2025, 88.5% of visits to children subject to a child "
            "protection plan were within timescale, the highest figure recorded "
            "since the new performance report was introduced. The family feedback "
            "survey went live on 3 February 2025 and 41 responses had been "
            "received by the time of writing.",
        ),
        numbered(
            "7.2",
            "The thematic audit of strategy meetings has been postponed to March "
            "because of capacity in the quality assurance team, and the audit of "
            "30 section 47 enquiries has moved to the week beginning 10 March "
            "2025. The Board is asked to agree this revised date.",
        ),
        para("8. Next steps", H1),
        para("Over the next two months the service will:"),
    ]
    next_steps = [
        "Complete the audit of section 47 enquiries in the week beginning 10 "
        "March 2025 and report the findings to the April Board.",
        "Appoint to both Independent Reviewing Officer posts so that average IRO "
        "caseloads reduce to 70 children by June 2025.",
        "Launch the revised supervision policy, with the first compliance audit "
        "in the following quarter.",
        "Complete the consultation with foster carers and publish the updated "
        "Placement Sufficiency Strategy.",
        "Agree a recovery plan for review health assessments with the Integrated Care Board.",
        "Present the next version of the improvement plan, including new actions "
        "arising from the Board's discussion, to the meeting on 14 April 2025.",
    ]
    story.append(
        ListFlowable(
            [ListItem(para(s, BODY_TIGHT), leftIndent=18) for s in next_steps],
            bulletType="1",
            bulletFormat="%s.",
            leftIndent=18,
            bulletFontName="Helvetica",
            bulletFontSize=10.5,
        )
    )
    recs = report_recommendations()
    story += [
        para("9. Recommendations", H1),
        para("The Board is asked to:"),
    ]
    story += [
        Paragraph(
            f"{n}) {escape(text)}",
            ParagraphStyle(f"rec{n}", parent=BODY_TIGHT, leftIndent=18, firstLineIndent=-14),
        )
        for n, text in enumerate(recs, start=1)
    ]
    story += [
        Spacer(1, 10),
        para(
            f"Contact: {AD_CSC}, Assistant Director Children's Social Care, "
            "marcus.ellingham@northdene.example",
            SMALL,
        ),
    ]
    return story


def write_report(outdir: Path) -> int:
    """Render the improvement board report and return its page count."""
    margin = 22 * mm

    def decorate(canv: Canvas, page: int, total: int) -> None:
        footer(canv, A4, SERVICE, page, total, margin)

    return build_numbered_pdf(
        outdir / REPORT_FILE,
        report_story,
        pagesize=A4,
        margins=(margin, margin, 20 * mm, 22 * mm),
        title=REPORT_TITLE,
        subject="Children's Improvement Board, 24 February 2025",
        decorate=decorate,
    )
