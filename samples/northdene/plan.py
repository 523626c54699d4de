"""The improvement plan: its actions across three dated versions, and how a version prints."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from samples.drawing.pdf import ruling
from samples.northdene.council import (
    BODY,
    CELL,
    CELL_BOLD,
    CELL_CHILD,
    CELL_HEAD,
    CELL_SECTION,
    GRID,
    H_ORG,
    H_SUB,
    H_TITLE,
    NAVY,
    NOT_YET_DUE,
    ORG,
    RAG_FILL,
    RAG_ORDER,
    SECTION_FILL,
    SMALL,
    build_numbered_pdf,
    footer,
    markup,
    para,
)

# --------------------------------------------------------------------------
# Improvement plan data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanVersion:
    """One dated version of the improvement plan."""

    as_at: date
    board_note: str

    @property
    def filename(self) -> str:
        """File name of the rendered PDF."""
        return f"northdene-improvement-plan-{self.as_at.isoformat()}.pdf"


PLAN_VERSIONS: tuple[PlanVersion, ...] = (
    PlanVersion(date(2025, 1, 15), "presented to the Improvement Board on 20 January 2025"),
    PlanVersion(date(2025, 2, 26), "revised following the Improvement Board on 24 February 2025"),
    PlanVersion(date(2025, 4, 9), "presented to the Improvement Board on 14 April 2025"),
)

SECTIONS: dict[int, str] = {
    1: "Children at risk of harm are identified and protected quickly",
    2: "Children in pre-proceedings and care proceedings have timely, effective plans",
    3: "Children in care and care leavers live in stable homes and are well supported",
    4: "We have a stable, skilled and well-supported workforce",
    5: "Leaders know the quality of practice and act on what they find",
}


def section_heading(number: int) -> str:
    """Section title as printed in the plan, e.g. '1. Children at risk ...'."""
    return f"{number}. {SECTIONS[number]}"


@dataclass(frozen=True)
class Step:
    """State of an action in one plan version; text/lead default to the action's."""

    ref: str
    target: str
    rag: str
    update: str
    text: str | None = None
    lead: str | None = None


@dataclass(frozen=True)
class Action:
    """A plan action tracked across versions by a stable internal key."""

    key: str
    section: int
    text: str
    lead: str
    steps: tuple[Step | None, Step | None, Step | None]
    parent: str | None = None


@dataclass(frozen=True)
class Row:
    """A resolved plan row for one version."""

    key: str
    section: int
    ref: str
    text: str
    lead: str
    target: str
    rag: str
    update: str
    parent_ref: str | None


_SUPERVISION_UPDATE = (
    "Draft policy with staff for consultation. Launch delayed to allow feedback "
    "from the Social Work Practice Forum."
)

ACTIONS: tuple[Action, ...] = (
    # ---- Section 1 -------------------------------------------------------
    Action(
        "mash_tool",
        1,
        "Implement a revised MASH screening tool so that every contact is screened "
        "and RAG-rated by a qualified social worker within 24 hours",
        "HoS Front Door",
        (
            Step(
                "1.1",
                "31/01/2025",
                "Green",
                "Screening tool drafted and tested with both MASH teams. Go-live "
                "planned for 27/01/2025 with briefings for all MASH staff in w/c "
                "20/01/2025.",
            ),
            Step(
                "1.1",
                "31/01/2025",
                "Blue",
                "Complete – tool went live on 27/01/2025. 96% of contacts were "
                "screened within 24 hours in the first three weeks.",
            ),
            Step(
                "1.1",
                "31/01/2025",
                "Blue",
                "Complete – tool went live on 27/01/2025. 96% of contacts were "
                "screened within 24 hours in the first three weeks.",
            ),
        ),
    ),
    Action(
        "strategy_meetings",
        1,
        "Ensure police, health and education attend all strategy meetings, with "
        "attendance recorded on the child's file",
        "HoS/TMs",
        (
            Step(
                "1.2",
                "Monthly",
                "Amber",
                "Police attendance 92% in December. Health attendance remains low at "
                "61%; escalated to the Designated Nurse and raised at the Safeguarding "
                "Partnership executive.",
            ),
            Step(
                "1.2",
                "Monthly",
                "Amber",
                "Health attendance improved to 70% in January following the "
                "introduction of a duty health practitioner rota. Police attendance "
                "94%.",
                text="Ensure police, health and education attend every strategy "
                "meeting and that attendance is recorded on the child's record",
            ),
            Step(
                "1.2",
                "Monthly",
                "Green",
                "Health attendance 86% in March (84% across the quarter). Attendance "
                "is now reported monthly to the Safeguarding Partnership.",
                text="Ensure police, health and education attend every strategy "
                "meeting and that attendance is recorded on the child's record",
            ),
        ),
    ),
    Action(
        "s47_audit",
        1,
        "Audit a sample of 30 section 47 enquiries to test the quality of "
        "decision-making and how well the child's lived experience is understood",
        "PSW/QA",
        (
            Step(
                "1.3",
                "w/b 17/02/25",
                "Green",
                "Audit tool agreed with partners. Auditors identified and a sample of "
                "30 enquiries selected.",
            ),
            Step(
                "1.3",
                "w/b 10/03/25",
                "Amber",
                "Audit delayed because of sickness absence in the QA team. Revised "
                "date agreed with the Chair of the Improvement Board.",
            ),
            Step(
                "1.3",
                "w/b 10/03/25",
                "Blue",
                "Complete – 30 enquiries audited; 21 (70%) judged good or better. "
                "Findings shared with all teams at the practice week on 31/03/2025.",
            ),
        ),
    ),
    Action(
        "threshold_training",
        1,
        "Deliver multi-agency training on the Northdene threshold document to "
        "designated safeguarding leads in all schools",
        "DF/VL",
        (
            Step(
                "1.4",
                "March 2025",
                "Green",
                "Four of six sessions delivered; 212 designated safeguarding leads have attended.",
            ),
            Step(
                "1.4",
                "March 2025",
                "Green",
                "Five of six sessions delivered (251 attendees). Final session booked "
                "for 13/03/2025.",
            ),
            Step(
                "1.4",
                "March 2025",
                "Blue",
                "Complete – all six sessions delivered to 298 designated safeguarding "
                "leads. Recording available on the partnership website.",
            ),
        ),
    ),
    Action(
        "colocation_pilot",
        1,
        "Scope a pilot co-locating Early Help and MASH staff at a single front door "
        "in the south locality",
        "AD EH",
        (
            Step(
                "1.5",
                "April 2025",
                NOT_YET_DUE,
                "Not yet due – scoping will begin in March 2025 once estates options are known.",
            ),
            None,
            None,
        ),
    ),
    Action(
        "mash_huddle",
        1,
        "Introduce a daily multi-agency MASH huddle to review all contacts rated Red "
        "in the previous 24 hours",
        "TM MASH",
        (
            None,
            None,
            Step(
                "1.5",
                "End of May 2025",
                "Green",
                "Huddle piloted since 17/03/2025 with police and health colleagues. "
                "Evaluation due at the end of May.",
            ),
        ),
    ),
    # ---- Section 2 -------------------------------------------------------
    Action(
        "plo_panel",
        2,
        "Track all children in pre-proceedings at a monthly PLO panel chaired by the "
        "Head of Service",
        "HoS CP&C",
        (
            Step(
                "2.1",
                "Monthly",
                "Green",
                "Panel meets monthly. 11 families (24 children) in pre-proceedings at "
                "the end of December.",
            ),
            Step(
                "2.1",
                "Monthly",
                "Green",
                "14 families (31 children) tracked at the February panel. No family "
                "has been in pre-proceedings for more than 16 weeks without a review.",
            ),
            Step(
                "2.1",
                "Monthly",
                "Green",
                "13 families (29 children) tracked at the March panel. Two families "
                "stepped down from pre-proceedings following positive change.",
            ),
        ),
    ),
    Action(
        "lbp_checklist",
        2,
        "Introduce a quality checklist for letters before proceedings so that they "
        "are written in plain English for parents",
        "HoS CP&C/Legal",
        (
            None,
            None,
            Step(
                "2.2",
                "May 2025",
                "Green",
                "Checklist co-produced with two parents and the parent advocacy "
                "service. Testing with legal services during April.",
            ),
        ),
    ),
    Action(
        "court_duration",
        2,
        "Reduce the average duration of care proceedings to 35 weeks",
        "HoS CP&C/Legal",
        (
            Step(
                "2.2",
                "31/03/2025",
                "Amber",
                "Average duration 43 weeks in December (national average 45 weeks).",
            ),
            Step(
                "2.2",
                "31/03/2025",
                "Amber",
                "Average duration 41 weeks in January. Backlog of final hearings at "
                "Northdene Family Court continues to affect timeliness.",
            ),
            Step(
                "2.3",
                "30/09/2025",
                "Amber",
                "Average duration 39 weeks at the end of March. Target date revised "
                "with the agreement of the Local Family Justice Board.",
            ),
        ),
    ),
    Action(
        "court_officers",
        2,
        "Recruit two agency staff as interim Court Progression Officers",
        "HoS CP&C",
        (
            Step(
                "2.3",
                "End of Feb 2025",
                "Green",
                "Job profile agreed and agency request submitted on 08/01/2025.",
            ),
            Step(
                "2.3",
                "End of Feb 2025",
                "Amber",
                "One officer started on 10/02/2025. The second candidate withdrew and "
                "the agency has been asked for further CVs.",
            ),
            Step(
                "2.4",
                "End of Feb 2025",
                "Blue",
                "Complete – second officer started on 17/03/2025. Both posts are "
                "funded until March 2026.",
                text="Recruit 2 interim Court Progression Officers (agency)",
            ),
        ),
    ),
    Action(
        "parallel_plans",
        2,
        "Ensure every child in care proceedings has a parallel plan agreed at the 20-week review",
        "TMs/IROs",
        (
            Step(
                "2.4",
                "Ongoing",
                "Amber",
                "Parallel plans evidenced for 19 of 27 children (70%) at the January dip sample.",
            ),
            Step(
                "2.4",
                "Ongoing",
                "Green",
                "Parallel plans evidenced for 25 of 29 children (86%). IROs now check "
                "for a parallel plan at every review.",
            ),
            Step(
                "2.5",
                "Ongoing",
                "Green",
                "Parallel plans evidenced for 27 of 29 children (93%) in the March dip sample.",
            ),
        ),
    ),
    # ---- Section 3 -------------------------------------------------------
    Action(
        "sufficiency",
        3,
        "Complete a review of in-house foster carer sufficiency and publish the "
        "updated Placement Sufficiency Strategy",
        "HoS Placements",
        (
            Step(
                "3.1",
                "31/03/2025",
                "Green",
                "Data analysis complete. Consultation with foster carers planned for February.",
            ),
            Step(
                "3.1",
                "31/03/2025",
                "Amber",
                "Consultation with foster carers delayed to March because of the "
                "fostering service restructure. Draft strategy 60% complete.",
            ),
            Step(
                "3.1",
                "30/06/2025",
                "Amber",
                "Consultation closed on 28/03/2025 with 64 responses. Draft strategy "
                "to Cabinet in June; target date revised.",
            ),
        ),
    ),
    Action(
        "iro_capacity",
        3,
        "Increase Independent Reviewing Officer (IRO) capacity so that no IRO has "
        "more than 70 children",
        "HoS QA",
        (
            Step(
                "3.2",
                "June 2025",
                "Amber",
                "Average IRO caseload 84. Business case for two additional IRO posts "
                "approved on 09/01/2025.",
            ),
            Step(
                "3.2",
                "June 2025",
                "Amber",
                "Average IRO caseload 82. Recruitment under way (see 3.2.1 and 3.2.2).",
            ),
            Step(
                "3.2",
                "June 2025",
                "Green",
                "Average IRO caseload 76 following one new IRO starting. On track to "
                "reach 70 by June.",
            ),
        ),
    ),
    Action(
        "iro_advertise",
        3,
        "Advertise posts",
        "HoS QA/HR",
        (
            Step(
                "3.2.1",
                "End of Jan 2025",
                "Green",
                "Advert drafted with HR and will go live on 20/01/2025.",
            ),
            Step(
                "3.2.1",
                "End of Jan 2025",
                "Blue",
                "Complete – posts advertised 20/01/2025 to 07/02/2025; 9 applications received.",
            ),
            Step(
                "3.2.1",
                "End of Jan 2025",
                "Blue",
                "Complete – posts advertised 20/01/2025 to 07/02/2025; 9 applications received.",
            ),
        ),
        parent="iro_capacity",
    ),
    Action(
        "iro_appoint",
        3,
        "Interview and appoint",
        "HoS QA",
        (
            Step(
                "3.2.2",
                "March 2025",
                NOT_YET_DUE,
                "Not yet due – interviews planned for February 2025.",
            ),
            Step(
                "3.2.2",
                "March 2025",
                "Green",
                "Interviews held on 19/02/2025. One candidate offered a post subject "
                "to pre-employment checks.",
            ),
            Step(
                "3.2.2",
                "May 2025",
                "Amber",
                "One IRO started on 24/03/2025. Second post re-advertised with a "
                "closing date of 25/04/2025.",
            ),
        ),
        parent="iro_capacity",
    ),
    Action(
        "health_assessments",
        3,
        "Ensure all children in care have an up-to-date review health assessment",
        "HoS CiC",
        (
            Step(
                "3.3",
                "Monthly",
                "Red",
                "Only 74% of review health assessments were in timescale in December "
                "(target 90%). Escalated to the Integrated Care Board.",
            ),
            Step(
                "3.3",
                "Monthly",
                "Red",
                "78% in timescale in January. Additional nurse capacity agreed by the "
                "Integrated Care Board from April 2025.",
            ),
            Step(
                "3.3",
                "Monthly",
                "Amber",
                "84% in timescale in March. Additional nurse started on 01/04/2025.",
            ),
        ),
    ),
    Action(
        "leaver_housing",
        3,
        "Review every care leaver aged 19-21 living in unsuitable accommodation and "
        "agree an individual housing plan with them",
        "TM Leaving Care",
        (
            Step(
                "3.4",
                "28/02/2025",
                "Green",
                "18 of 26 young people reviewed; 7 have moved to suitable accommodation.",
            ),
            Step(
                "3.4",
                "28/02/2025",
                "Blue",
                "Complete – all 26 young people reviewed and each has a housing plan. "
                "Progress monitored through the Care Leaver Accommodation Panel.",
            ),
            Step(
                "3.4",
                "28/02/2025",
                "Blue",
                "Complete – all 26 young people reviewed and each has a housing plan. "
                "Progress monitored through the Care Leaver Accommodation Panel.",
            ),
        ),
    ),
    Action(
        "staying_close",
        3,
        "Pilot a 'staying close' offer for young people leaving residential care",
        "AD CiC",
        (
            Step(
                "3.5",
                "September 2025",
                "Amber",
                "Bid to the national funding round was unsuccessful. Alternative "
                "funding being explored with housing colleagues.",
            ),
            Step(
                "3.5",
                "September 2025",
                "Amber",
                "No alternative funding identified. Options paper to the Corporate "
                "Parenting Panel in March.",
            ),
            None,
        ),
    ),
    # ---- Section 4 -------------------------------------------------------
    Action(
        "agency_reduction",
        4,
        "Reduce reliance on agency social workers to below 20% of the workforce",
        "AD CSC/HR",
        (
            Step(
                "4.1",
                "31/12/2025",
                "Amber",
                "Agency rate 27% in December (26% in November).",
            ),
            Step(
                "4.1",
                "31/12/2025",
                "Amber",
                "Agency rate 25% in January. Six agency workers have converted to "
                "permanent contracts since October.",
            ),
            Step(
                "4.1",
                "31/12/2025",
                "Amber",
                "Agency rate 24% in March. Regional agency pay cap applied from 01/03/2025.",
                text="Reduce the proportion of agency social workers to less than 20% "
                "of the social work workforce",
            ),
        ),
    ),
    Action(
        "sw_recruitment",
        4,
        "Recruit permanent social workers to the assessment teams through a "
        "targeted recruitment campaign",
        "AD CSC",
        (
            Step(
                "4.2",
                "April 2025",
                "Green",
                "Campaign launched on 06/01/2025. 8 vacancies across the three assessment teams.",
            ),
            Step(
                "4.2",
                "April 2025",
                "Green",
                "Four social workers appointed; 4 vacancies remain.",
            ),
            Step(
                "4.2",
                "July 2025",
                "Amber",
                "Two appointees withdrew before starting. 5 vacancies remain; "
                "campaign extended and target date revised.",
            ),
        ),
    ),
    Action(
        "sw_advertise",
        4,
        "Advertise posts",
        "HR/TMs",
        (
            Step(
                "4.2.1",
                "Ongoing",
                "Green",
                "Rolling advert live on the council careers site and national social "
                "work job boards.",
            ),
            Step(
                "4.2.1",
                "Ongoing",
                "Green",
                "Second advert round closed on 14/02/2025 with 17 applications.",
            ),
            Step(
                "4.2.1",
                "Ongoing",
                "Green",
                "Campaign refreshed with a new video featuring Northdene social "
                "workers; 11 applications in March.",
            ),
        ),
        parent="sw_recruitment",
    ),
    Action(
        "max_caseload",
        4,
        "Reduce the maximum caseload in assessment teams to no more than 22 children",
        "HoS/TMs",
        (
            Step(
                "4.3",
                "31/03/2025",
                "Amber",
                "Maximum caseload 26 in December 2024 (31 in March 2024).",
            ),
            Step(
                "4.3",
                "31/03/2025",
                "Amber",
                "Maximum caseload 24 in January 2025. Two additional agency workers "
                "added to the South assessment team.",
            ),
            Step(
                "4.3",
                "31/03/2025",
                "Green",
                "Maximum caseload 22 at the end of March 2025. Weekly caseload "
                "tracker reviewed by the AD CSC.",
            ),
        ),
    ),
    Action(
        "supervision_policy",
        4,
        "Launch a revised supervision policy and audit compliance with it every quarter",
        "PSW",
        (
            Step("4.4", "31/01/2025", "Amber", _SUPERVISION_UPDATE),
            Step("4.4", "31/01/2025", "Amber", _SUPERVISION_UPDATE),
            Step(
                "4.4",
                "End of May 2025",
                "Red",
                "Policy not launched because the PSW post was vacant from February. "
                "Interim PSW now in place; launch planned for May.",
            ),
        ),
    ),
    Action(
        "retention_payment",
        4,
        "Introduce a retention payment for experienced social workers in hard-to-fill teams",
        "AD CSC/HR",
        (
            None,
            Step(
                "4.5",
                "April 2025",
                "Green",
                "Proposal approved by the Cabinet Member on 12/02/2025. Payments to "
                "start in April.",
            ),
            Step(
                "4.5",
                "April 2025",
                "Blue",
                "Complete – scheme launched on 01/04/2025; 38 social workers are "
                "eligible for the first payment.",
            ),
        ),
    ),
    # ---- Section 5 -------------------------------------------------------
    Action(
        "scorecard",
        5,
        "Publish a monthly performance scorecard to the Improvement Board with "
        "commentary on what the data is telling us",
        "HoP",
        (
            Step(
                "5.1",
                "Monthly",
                "Green",
                "December scorecard presented to the Board on 20/01/2025.",
            ),
            Step(
                "5.1",
                "Monthly",
                "Green",
                "January scorecard presented to the Board on 24/02/2025. Commentary "
                "to be checked against the data before publication.",
            ),
            Step(
                "5.1",
                "Monthly",
                "Green",
                "February and March scorecards published. New care leaver measures added.",
            ),
        ),
    ),
    Action(
        "qa_framework",
        5,
        "Implement the revised quality assurance framework, including monthly thematic audits",
        "HoS QA",
        (
            Step(
                "5.2",
                "March 2025",
                "Green",
                "Framework approved by the DCS on 06/01/2025. First thematic audit "
                "(strategy meetings) planned for February.",
            ),
            Step(
                "5.2",
                "March 2025",
                "Amber",
                "Thematic audit of strategy meetings postponed to March because of "
                "QA team capacity.",
            ),
            Step(
                "5.2",
                "May 2025",
                "Amber",
                "Strategy meeting audit completed in March. Second thematic audit "
                "rescheduled; target date revised.",
            ),
        ),
    ),
    Action(
        "voice_of_child",
        5,
        "Develop and embed a consistent approach to capturing the voice of the "
        "child, including direct work tools for all teams, a feedback survey sent to "
        "families after every child and family assessment, and quarterly reporting "
        "of what children and families tell us to the Improvement Board and the "
        "Corporate Parenting Panel",
        "PSW/HoS QA",
        (
            Step(
                "5.3",
                "June 2025",
                "Green",
                "Direct work toolkit launched in December. Family feedback survey "
                "being designed with the Children in Care Council.",
            ),
            Step(
                "5.3",
                "June 2025",
                "Green",
                "Feedback survey went live on 03/02/2025; 41 responses received in February.",
            ),
            Step(
                "5.3",
                "June 2025",
                "Green",
                "First quarterly voice report presented to the Corporate Parenting "
                "Panel on 27/03/2025. 126 survey responses to date.",
            ),
        ),
    ),
    Action(
        "peer_review",
        5,
        "Commission an external peer review of the front door through the regional ADCS network",
        "DCS",
        (
            None,
            Step(
                "5.4",
                "May 2025",
                NOT_YET_DUE,
                "Not yet due – scope agreed with the regional peer DCS. Review dates "
                "to be confirmed.",
            ),
            Step(
                "5.4",
                "May 2025",
                "Green",
                "Peer review booked for 13-15 May 2025. Self-assessment being prepared.",
            ),
        ),
    ),
)

ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


def ref_key(ref: str) -> tuple[int, ...]:
    """Sort key for refs like '3.2.1'."""
    return tuple(int(part) for part in ref.split("."))


def plan_rows(version: int) -> list[Row]:
    """Resolved rows of one plan version, in printed order."""
    rows: list[Row] = []
    for action in ACTIONS:
        step = action.steps[version]
        if step is None:
            continue
        parent_ref = None
        if action.parent is not None:
            parent_step = ACTIONS_BY_KEY[action.parent].steps[version]
            if parent_step is None:
                raise ValueError(f"{action.key}: parent missing in v{version + 1}")
            parent_ref = parent_step.ref
        rows.append(
            Row(
                key=action.key,
                section=action.section,
                ref=step.ref,
                text=step.text or action.text,
                lead=step.lead or action.lead,
                target=step.target,
                rag=step.rag,
                update=step.update,
                parent_ref=parent_ref,
            )
        )
    rows.sort(key=lambda r: ref_key(r.ref))
    return rows


def ref_of(key: str, version: int) -> str:
    """Printed ref of an action in a given version."""
    step = ACTIONS_BY_KEY[key].steps[version]
    if step is None:
        raise KeyError(f"{key} not in version {version + 1}")
    return step.ref


_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}


def parse_target(text: str) -> date | None:
    """Latest date a target-date cell refers to (None for 'Ongoing' etc.)."""
    if m := re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"w/b (\d{2})/(\d{2})/(\d{2})", text):
        return date(2000 + int(m[3]), int(m[2]), int(m[1])) + timedelta(days=4)
    if m := re.fullmatch(r"(?:End of )?([A-Za-z]+) (\d{4})", text):
        month, year = _MONTHS[m[1].lower()], int(m[2])
        return date(year, month, calendar.monthrange(year, month)[1])
    return None


def compare_rows(old: Row, new: Row, as_at: date) -> list[str]:
    """Kinds of change between two versions of the same action."""
    kinds: list[str] = []
    if old.ref != new.ref:
        kinds.append("renumbered")
    if old.text != new.text:
        kinds.append("reworded")
    if old.lead != new.lead:
        kinds.append("lead_changed")
    if old.rag != new.rag:
        if new.rag == "Blue":
            kinds.append("completed")
        elif old.rag in RAG_ORDER and new.rag in RAG_ORDER:
            worse = RAG_ORDER[new.rag] > RAG_ORDER[old.rag]
            kinds.append("rag_worsened" if worse else "rag_improved")
        else:
            kinds.append("rag_changed")
    if old.target != new.target:
        before, after = parse_target(old.target), parse_target(new.target)
        if before is None or after is None or after <= before:
            raise ValueError(f"{new.key}: target must move later")
        kinds.append("due_date_moved")
    if old.update == new.update and new.rag != "Blue":
        due = parse_target(new.target)
        if due is None or due >= as_at:
            raise ValueError(f"{new.key}: repeated update but target not passed")
        kinds.append("stalled")
    return kinds


def action_changes() -> list[dict[str, Any]]:
    """All action matches between consecutive plan versions with change kinds."""
    changes: list[dict[str, Any]] = []
    for i in range(len(PLAN_VERSIONS) - 1):
        old_rows = {r.key: r for r in plan_rows(i)}
        new_rows = {r.key: r for r in plan_rows(i + 1)}
        for action in ACTIONS:
            old, new = old_rows.get(action.key), new_rows.get(action.key)
            if old is None and new is None:
                continue
            if old is None:
                kinds = ["added"]
            elif new is None:
                kinds = ["dropped"]
            else:
                kinds = compare_rows(old, new, PLAN_VERSIONS[i + 1].as_at)
            changes.append(
                {
                    "from": PLAN_VERSIONS[i].filename,
                    "to": PLAN_VERSIONS[i + 1].filename,
                    "from_ref": old.ref if old else None,
                    "to_ref": new.ref if new else None,
                    "kinds": kinds,
                }
            )
    return changes


def rag_counts(version: int) -> dict[int, dict[str, int]]:
    """Per-section counts of actions by RAG status for one plan version."""
    counts = {
        s: {"total": 0, "Blue": 0, "Green": 0, "Amber": 0, "Red": 0, NOT_YET_DUE: 0}
        for s in SECTIONS
    }
    for row in plan_rows(version):
        counts[row.section]["total"] += 1
        counts[row.section][row.rag] += 1
    return counts


# --------------------------------------------------------------------------
# Improvement plan rendering
# --------------------------------------------------------------------------

PLAN_TITLE = "Children's Services Improvement Plan"
PLAN_COL_WIDTHS = (40, 232, 62, 66, 60, 297)  # sums to 757pt (A4 landscape)


def plan_subtitle(version: PlanVersion) -> str:
    """The 'Progress update as at ...' line for a plan version."""
    return f"Progress update as at {version.as_at:%d/%m/%Y} – {version.board_note}"


def plan_table(version: int) -> Table:
    """The ruled action table for one plan version."""
    headers = ["Ref", "Action", "Lead", "Target date", "RAG", "Progress update"]
    data: list[list[Any]] = [[para(h, CELL_HEAD) for h in headers]]
    style: list[tuple[Any, ...]] = [
        *ruling(NAVY, colour=GRID, width=0.6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    current_section = 0
    for row in plan_rows(version):
        if row.section != current_section:
            current_section = row.section
            r = len(data)
            data.append([para(section_heading(row.section), CELL_SECTION)] + [""] * 5)
            style += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), SECTION_FILL),
                ("NOSPLIT", (0, r), (-1, r + 1)),  # keep heading with first action
            ]
        r = len(data)
        data.append(
            [
                para(row.ref, CELL_BOLD if row.parent_ref is None else CELL),
                para(row.text, CELL if row.parent_ref is None else CELL_CHILD),
                para(row.lead, CELL),
                para(row.target, CELL),
                para(row.rag, CELL_BOLD),
                para(row.update, CELL),
            ]
        )
        style.append(("BACKGROUND", (4, r), (4, r), RAG_FILL[row.rag]))
    table = Table(data, colWidths=PLAN_COL_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def plan_story(version: int) -> list[Flowable]:
    """Flowables for one improvement plan version."""
    v = PLAN_VERSIONS[version]
    intro = (
        "This plan sets out the actions Northdene County Council and its partners "
        "are taking in response to the Ofsted focused visit of 8 and 9 October "
        "2024. It is owned by the Director of Children's Services and monitored by "
        "the independent Children's Improvement Board. Each action has a named "
        "lead and a target date. Progress is rated using the RAG key below; "
        "actions rated Blue are complete and remain in the plan until the Board "
        "agrees that the change has been sustained."
    )
    key = (
        "<b>RAG key:</b> Blue – complete; Green – on track; Amber – some progress "
        "but slippage; Red – not progressed as planned; Not yet due – work has "
        "not started."
    )
    return [
        para(ORG, H_ORG),
        Spacer(1, 2),
        para(PLAN_TITLE, H_TITLE),
        para(plan_subtitle(v), H_SUB),
        para(intro, BODY),
        markup(key, BODY),
        Spacer(1, 4),
        plan_table(version),
        Spacer(1, 8),
        para(
            "Leads: AD CSC – Assistant Director, Children's Social Care; AD EH – "
            "Assistant Director, Early Help; AD CiC – Assistant Director, Children "
            "in Care; HoS – Head of Service; TM – Team Manager; PSW – Principal "
            "Social Worker; HoP – Head of Performance; DF/VL – Designated "
            "Safeguarding Leads Forum / Virtual Learning team; CP&C – Child "
            "Protection and Court.",
            SMALL,
        ),
    ]


def write_plan(outdir: Path, version: int) -> int:
    """Render one plan version and return its page count."""
    v = PLAN_VERSIONS[version]
    pagesize = landscape(A4)
    margin = 15 * mm

    def decorate(canv: Canvas, page: int, total: int) -> None:
        width, height = pagesize
        canv.setFont("Helvetica-Bold", 8)
        canv.drawRightString(width - margin, height - 9 * mm, "OFFICIAL")
        footer(
            canv,
            pagesize,
            f"{ORG} – {PLAN_TITLE} – progress update as at {v.as_at:%d/%m/%Y}",
            page,
            total,
            margin,
        )

    return build_numbered_pdf(
        outdir / v.filename,
        lambda: plan_story(version),
        pagesize=pagesize,
        margins=(margin, margin, 14 * mm, 20 * mm),
        title=f"{PLAN_TITLE} – {v.as_at:%d/%m/%Y}",
        subject=f"{ORG} {PLAN_TITLE}",
        decorate=decorate,
    )
