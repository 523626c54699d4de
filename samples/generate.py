"""Generate the bundled demo documents of the fictional Northdene County Council.

Usage: ``python samples/generate.py [OUTDIR] [--truth-out PATH]``

Everything is rendered from the module-level data below, and the same data can
be written to a truth file (``--truth-out``) so that tests can compare what
plandrift extracts with what was planted; it is kept out of OUTDIR so that
ingesting the folder ingests only the documents. Output is byte-for-byte deterministic: every
PDF is built with reportlab's ``invariant=1`` and no clock or randomness is
used. Only the standard library and reportlab are required.

Northdene County Council, its officers, inspectors and every figure in these
documents are invented.
"""

from __future__ import annotations

import argparse
import calendar
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

ORG = "Northdene County Council"
SERVICE = "Northdene County Council Children's Services"
AUTHOR = "Northdene County Council (fictional)"
CREATOR = "plandrift samples/generate.py"
FICTION_NOTE = (
    "Fictional sample document generated for plandrift testing. Northdene "
    "County Council, all people named and all data are invented."
)

# People (all invented).
DCS = "Catherine Blaydon"
DCS_SALUTATION = "Ms Blaydon"
AD_CSC = "Marcus Ellingham"
CHAIR = "Professor Judith Ormerod"
HOP = "Sunil Varma"
PSW_NAME = "Aoife Brennan"
HMI_LEAD = "Gareth Pellow"
HMI_TWO = "Rachel Daintree"
CABINET = "Councillor Helen Strickland"

RAG_ORDER = {"Blue": 0, "Green": 1, "Amber": 2, "Red": 3}
NOT_YET_DUE = "Not yet due"
RAG_FILL = {
    "Blue": colors.HexColor("#9DC3E6"),
    "Green": colors.HexColor("#A9D08E"),
    "Amber": colors.HexColor("#FFD966"),
    "Red": colors.HexColor("#FF8B8B"),
    NOT_YET_DUE: colors.HexColor("#D9D9D9"),
}
NAVY = colors.HexColor("#1F3864")
SECTION_FILL = colors.HexColor("#DDEBF7")
GRID = colors.HexColor("#404040")

# The standard Helvetica encoding puts the bullet at code 127, which PDF text
# extractors cannot map back to U+2022, so bullets use reportlab's bundled
# Bitstream Vera (embedded with a ToUnicode map). Body text stays Helvetica.
BULLET_FONT = "Vera"


def register_fonts() -> None:
    """Register the embedded TrueType font used for list bullets."""
    if BULLET_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BULLET_FONT, "Vera.ttf"))


# --------------------------------------------------------------------------
# Paragraph styles
# --------------------------------------------------------------------------


def _style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
    """Return a Helvetica paragraph style."""
    kw.setdefault("fontName", "Helvetica")
    return ParagraphStyle(name, fontSize=size, leading=leading, **kw)


BODY = _style("body", 10.5, 14, spaceAfter=7)
BODY_TIGHT = _style("body_tight", 10.5, 14, spaceAfter=3)
SMALL = _style("small", 7, 9, textColor=colors.HexColor("#555555"))
H_ORG = _style("org", 18, 22, fontName="Helvetica-Bold", textColor=NAVY)
H_TITLE = _style("title", 15, 19, fontName="Helvetica-Bold", spaceAfter=4)
H_SUB = _style("sub", 11, 14, fontName="Helvetica-Oblique", spaceAfter=10)
H1 = _style("h1", 12.5, 16, fontName="Helvetica-Bold", spaceBefore=8, spaceAfter=5)
H2 = _style("h2", 11, 14, fontName="Helvetica-Bold", spaceBefore=6, spaceAfter=4)
CELL = _style("cell", 8.5, 10.5)
CELL_BOLD = _style("cell_bold", 8.5, 10.5, fontName="Helvetica-Bold")
CELL_HEAD = _style("cell_head", 8.5, 10.5, fontName="Helvetica-Bold", textColor=colors.white)
CELL_CHILD = _style("cell_child", 8.5, 10.5, leftIndent=8)
CELL_SECTION = _style("cell_section", 9.5, 12, fontName="Helvetica-Bold")
DCELL = _style("dcell", 7.5, 9)
DCELL_BOLD = _style("dcell_bold", 7.5, 9, fontName="Helvetica-Bold")
DCELL_HEAD = _style("dcell_head", 7.5, 9, fontName="Helvetica-Bold", textColor=colors.white)
DCELL_NUM = _style("dcell_num", 7.5, 9, alignment=TA_RIGHT)
NUMBERED = _style("numbered", 10.5, 14, spaceAfter=7, leftIndent=28, bulletIndent=0)
RIGHT = _style("right", 10.5, 14, alignment=TA_RIGHT)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """Paragraph from plain text (XML-escaped)."""
    return Paragraph(escape(text), style)


def markup(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """Paragraph from text that already contains reportlab mini-markup."""
    return Paragraph(text, style)


def bullets(items: Sequence[str], style: ParagraphStyle = BODY_TIGHT) -> ListFlowable:
    """A bulleted list of plain-text items."""
    return ListFlowable(
        [ListItem(para(item, style), leftIndent=14) for item in items],
        bulletType="bullet",
        start="\u2022",
        leftIndent=14,
        bulletFontName=BULLET_FONT,
        bulletFontSize=9,
    )


# --------------------------------------------------------------------------
# PDF building
# --------------------------------------------------------------------------

Decorator = Callable[[Canvas, int, int], None]
StoryFactory = Callable[[], list[Flowable]]


def _build_once(
    target: str | io.BytesIO,
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    subject: str,
    decorate: Decorator,
    total: int,
) -> int:
    """Build one pass of a PDF and return its page count."""
    left, right, top, bottom = margins
    doc = SimpleDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=AUTHOR,
        subject=subject,
        creator=CREATOR,
        invariant=1,
    )

    def on_page(canv: Canvas, tmpl: SimpleDocTemplate) -> None:
        canv.saveState()
        decorate(canv, tmpl.page, total)
        canv.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return int(doc.page)


def build_pdf(
    path: Path,
    make_story: StoryFactory,
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    subject: str,
    decorate: Decorator,
) -> int:
    """Build a PDF in two passes (the first counts pages) and return the count."""
    opts: dict[str, Any] = {
        "pagesize": pagesize,
        "margins": margins,
        "title": title,
        "subject": subject,
        "decorate": decorate,
    }
    total = _build_once(io.BytesIO(), make_story(), total=0, **opts)
    pages = _build_once(str(path), make_story(), total=total, **opts)
    if pages != total:
        raise RuntimeError(f"{path.name}: page count changed between passes")
    return pages


def footer(
    canv: Canvas,
    pagesize: tuple[float, float],
    left_text: str,
    page: int,
    total: int,
    margin: float,
) -> None:
    """Draw a standard running footer with page numbers and the fiction note."""
    width, _ = pagesize
    canv.setStrokeColor(colors.HexColor("#999999"))
    canv.setLineWidth(0.5)
    canv.line(margin, 14 * mm, width - margin, 14 * mm)
    canv.setFont("Helvetica", 8)
    canv.setFillColor(colors.black)
    canv.drawString(margin, 10 * mm, left_text)
    canv.drawRightString(width - margin, 10 * mm, f"Page {page} of {total}")
    canv.setFont("Helvetica", 6)
    canv.setFillColor(colors.HexColor("#777777"))
    canv.drawCentredString(width / 2, 6 * mm, FICTION_NOTE)


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
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
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

    return build_pdf(
        outdir / v.filename,
        lambda: plan_story(version),
        pagesize=pagesize,
        margins=(margin, margin, 14 * mm, 20 * mm),
        title=f"{PLAN_TITLE} – {v.as_at:%d/%m/%Y}",
        subject=f"{ORG} {PLAN_TITLE}",
        decorate=decorate,
    )


# --------------------------------------------------------------------------
# Inspection letter
# --------------------------------------------------------------------------

LETTER_FILE = "northdene-focused-visit-letter-2024-11-12.pdf"
LETTER_DATE = date(2024, 11, 12)
LETTER_TITLE = "Focused visit to Northdene County Council children's services"

LETTER_PRIORITY = [
    "The timeliness and quality of management oversight of contacts and "
    "referrals in the multi-agency safeguarding hub (MASH), so that children "
    "at risk of significant harm are identified and protected without delay.",
]
LETTER_IMPROVE = [
    "The consistency of multi-agency attendance at strategy meetings, "
    "particularly by health partners.",
    "The quality of assessments, so that they analyse risk and consider the "
    "impact of parental history on children's day-to-day lives.",
    "The frequency and quality of supervision, so that it provides reflective "
    "challenge and drives progress in children's plans.",
    "Caseloads in the assessment teams, so that social workers have time to "
    "complete meaningful direct work with children.",
    "The use of audit and performance information by leaders to understand "
    "and improve the quality of frontline practice.",
]

LETTER_FINDINGS = [
    "Contacts to the MASH are not consistently screened quickly enough. At the "
    "time of the visit, around a fifth of contacts waited more than 24 hours "
    "for a decision by a qualified social worker. Inspectors saw a small number "
    "of contacts where children were not protected quickly enough because "
    "information about domestic abuse incidents had not been acted on. These "
    "cases were referred back to senior managers during the visit, who took "
    "appropriate action to ensure that the children were safe.",
    "When risk is clearly identified, strategy meetings are held promptly. "
    "Police attendance is good. Health professionals do not attend consistently, "
    "which means that important information about children's health and "
    "development is not always considered when decisions are made about "
    "section 47 enquiries.",
    "Most children are seen quickly when a section 47 enquiry is undertaken, "
    "and social workers speak to children alone where they are able to. "
    "However, the quality of assessments is too variable. The better "
    "assessments are written directly to the child and show a clear "
    "understanding of what life is like for them. Too many assessments "
    "describe what has happened without analysing risk or considering the "
    "history of the family, and some plans that follow are not specific enough "
    "to make a difference for children.",
    "Social workers told inspectors that they enjoy working in Northdene and "
    "feel supported by their managers. However, caseloads in the assessment "
    "teams are too high, with some social workers responsible for more than 30 "
    "children. Many workers are agency staff, and some children have "
    "experienced several changes of social worker. Supervision is regular for "
    "most staff but is often a list of tasks and rarely reflects on the impact "
    "of the work on the child.",
    "Senior leaders have an accurate understanding of some weaknesses, but "
    "quality assurance has not been sharp enough to identify the extent of the "
    "deterioration in the front door. Audits are completed, but learning is not "
    "consistently followed through. Performance information is available to "
    "managers, but it is not always used to challenge practice or drive "
    "improvement.",
    "Since the visit was announced, leaders have moved quickly. An additional "
    "team manager has been placed in the MASH, a review of all open contacts "
    "has been completed, and the council has committed additional funding to "
    "recruit permanent social workers. An independently chaired improvement "
    "board is being established. These are positive steps, but it is too early "
    "to see their impact on children's experiences.",
]


def letter_story() -> list[Flowable]:
    """Flowables for the focused visit letter."""
    address = (
        f"{DCS}<br/>Director of Children's Services<br/>{ORG}<br/>County Hall<br/>"
        "Mercer Street<br/>Northdene<br/>ND1 4QT"
    )
    story: list[Flowable] = [
        markup(
            "<b>Children's services inspection – focused visit</b><br/>Reference: FV/ND/2024/117",
            RIGHT,
        ),
        Spacer(1, 10),
        para(f"{LETTER_DATE.day} {LETTER_DATE:%B %Y}", BODY),
        Spacer(1, 4),
        markup(address, BODY),
        Spacer(1, 6),
        para(f"Dear {DCS_SALUTATION},", BODY),
        para(LETTER_TITLE, H1),
        para(
            "This letter summarises the findings of the focused visit to Northdene "
            "County Council children's services on 8 and 9 October 2024. His "
            f"Majesty's Inspectors for this visit were {HMI_LEAD} and {HMI_TWO}.",
        ),
        para(
            "Inspectors looked at the local authority's arrangements for the "
            "'front door', including decision-making about contacts and "
            "referrals, strategy meetings, section 47 enquiries and the quality of "
            "assessments for children in need of help and protection.",
        ),
        para(
            "This visit was carried out in line with the inspection of local "
            "authority children's services framework. Inspectors considered a "
            "range of evidence, including electronic case records, supervision "
            "files and notes, and performance management and quality assurance "
            "information. They also spoke to social workers, team managers, "
            "partner agencies and senior leaders.",
        ),
        para("Headline findings", H1),
        para(
            "Since the last inspection in 2022, when services were judged to "
            "require improvement to be good, the quality of help and protection "
            "for children in Northdene has declined. A significant rise in demand "
            "during 2024, combined with high turnover of social workers and "
            "managers, has led to delays in screening contacts and to high "
            "caseloads in the assessment teams.",
        ),
        para(
            "Senior leaders were not fully aware of the extent of these weaknesses "
            "until shortly before this visit. They have since acted decisively to "
            "reduce immediate risk, and they know what needs to be done. Political "
            "and corporate leaders have made additional investment available. "
            "However, most of the improvements are at an early stage.",
        ),
        para("Areas for priority action", H2),
        bullets(LETTER_PRIORITY),
        para("What needs to improve in this area of social work practice?", H2),
        bullets(LETTER_IMPROVE),
        para("Main findings", H1),
    ]
    story += [para(text) for text in LETTER_FINDINGS]
    story += [
        para(
            "Ofsted will take the findings from this focused visit into account "
            "when planning your next inspection or visit.",
        ),
        Spacer(1, 6),
        KeepTogether(
            [
                para("Yours sincerely", BODY),
                Spacer(1, 14),
                markup(f"{HMI_LEAD}<br/>His Majesty's Inspector", BODY),
            ]
        ),
    ]
    return story


def write_letter(outdir: Path) -> int:
    """Render the inspection letter and return its page count."""
    margin = 25 * mm

    def decorate(canv: Canvas, page: int, total: int) -> None:
        width = A4[0]
        canv.setFont("Helvetica", 6.5)
        canv.setFillColor(colors.HexColor("#777777"))
        canv.drawCentredString(width / 2, 12 * mm, FICTION_NOTE)
        canv.drawCentredString(width / 2, 8.5 * mm, "It is not an Ofsted publication.")
        canv.setFillColor(colors.black)
        canv.setFont("Helvetica", 8)
        canv.drawRightString(width - margin, 17 * mm, f"{page}")

    return build_pdf(
        outdir / LETTER_FILE,
        letter_story,
        pagesize=A4,
        margins=(margin, margin, 20 * mm, 25 * mm),
        title=LETTER_TITLE,
        subject="Focused visit letter (fictional)",
        decorate=decorate,
    )


# --------------------------------------------------------------------------
# Performance dashboard
# --------------------------------------------------------------------------

DASH_FILE = "northdene-performance-report-2025-01.pdf"
DASH_TITLE = "Children's Social Care Performance Report January 2025"
DASH_MONTHS = ("Oct-24", "Nov-24", "Dec-24")


@dataclass(frozen=True)
class Indicator:
    """One row of the performance dashboard."""

    key: str
    area: str
    name: str
    breakdown: str
    months: tuple[str, str, str]
    rolling: str
    average: str
    england: str
    neighbours: str


# fmt: off
INDICATORS: tuple[Indicator, ...] = (
    Indicator("contacts", "Front door", "Contacts received", "Number",
              ("1,412", "1,388", "1,105"), "16,204", "1,350", "", ""),
    Indicator("referral_rate", "Front door", "Referrals", "Rate per 10,000",
              ("41.2", "39.8", "33.5"), "482.6", "40.2", "544.1", "501.7"),
    Indicator("rereferrals", "Front door", "Re-referrals within 12 months", "%",
              ("23%", "21%", "22%"), "22%", "22%", "22.4%", "20.9%"),
    Indicator("screened_24h", "Front door", "Contacts screened within 24 hours",
              "%", ("81%", "84%", "86%"), "80%", "82%", "", ""),
    Indicator("assess_45", "Assessment", "Assessments completed within 45 "
              "working days", "%", ("79%", "84%", "82%"), "81%", "81%", "79%",
              "81%"),
    Indicator("assess_count", "Assessment", "Assessments completed", "Number",
              ("402", "417", "339"), "4,866", "406", "", ""),
    Indicator("assess_days", "Assessment", "Average assessment duration",
              "Days", ("34 days", "31 days", "33 days"), "35 days", "34 days",
              "", ""),
    Indicator("s47_rate", "Child protection", "Section 47 enquiries",
              "Rate per 10,000", ("17.9", "18.6", "15.2"), "196.4", "16.4",
              "189.0", "176.3"),
    Indicator("icpc_15", "Child protection", "Initial child protection "
              "conferences within 15 working days", "%", ("76%", "81%", "88%"),
              "79%", "80%", "78%", "81%"),
    Indicator("cp_rate", "Child protection", "Children subject to a child "
              "protection plan", "Rate per 10,000", ("44.1", "43.6", "42.9"), "",
              "44.0", "41.6", "43.2"),
    Indicator("cp_second", "Child protection", "Child protection plans starting "
              "for a second or subsequent time", "%", ("26%", "24%", "27%"),
              "25%", "25%", "24%", "23%"),
    Indicator("cp_visits", "Child protection", "Child protection visits within "
              "timescale", "%", ("85%", "86%", "87%"), "84%", "85%", "", ""),
    Indicator("cic_rate", "Children in care", "Children in care",
              "Rate per 10,000", ("71.3", "71.8", "72.4"), "", "71.5", "70.0",
              "68.4"),
    Indicator("cic_moves", "Children in care", "Children with 3 or more "
              "placements in the last 12 months", "%", ("11%", "11%", "10%"), "",
              "11%", "10%", "9%"),
    Indicator("cic_reviews", "Children in care", "Reviews held within timescale",
              "%", ("93%", "91%", "94%"), "92%", "92%", "", ""),
    Indicator("cic_health", "Children in care", "Review health assessments "
              "within timescale", "%", ("68%", "71%", "74%"), "69%", "70%", "89%",
              "88%"),
    Indicator("cl_touch_1718", "Care leavers", "Care leavers the council is in "
              "touch with", "17-18", ("96%", "97%", "97%"), "", "97%", "93%", "94%"),
    Indicator("cl_touch_1921", "Care leavers", "Care leavers the council is in "
              "touch with", "19-21", ("88%", "87%", "89%"), "", "88%", "92%", "91%"),
    Indicator("cl_accom_1718", "Care leavers", "Care leavers in suitable "
              "accommodation", "17-18", ("91%", "92%", "93%"), "", "92%", "90%",
              "91%"),
    Indicator("cl_accom_1921", "Care leavers", "Care leavers in suitable "
              "accommodation", "19-21", ("84%", "85%", "88%"), "", "86%", "88%",
              "88%"),
    Indicator("cl_eet", "Care leavers", "Care leavers in education, employment "
              "or training", "19-21", ("49%", "51%", "52%"), "", "50%", "56%", "54%"),
    Indicator("agency", "Workforce", "Agency social workers", "% of workforce",
              ("28%", "26%", "27%"), "", "27%", "16%", "19%"),
    Indicator("avg_caseload", "Workforce", "Average caseload (children per "
              "social worker)", "Number", ("19.8", "19.1", "18.6"), "", "19.2",
              "", ""),
    Indicator("court_days", "Court", "Average duration of care proceedings",
              "Days", ("315 days", "308 days", "301 days"), "", "312 days",
              "318 days", "306 days"),
)
# fmt: on

INDICATORS_BY_KEY = {ind.key: ind for ind in INDICATORS}

# The deliberate table/prose disagreement planted in the dashboard commentary.
CONFLICT_KEY = "assess_45"
CONFLICT_MONTH = 2  # index into DASH_MONTHS (Dec-24)
CONFLICT_PROSE_VALUE = "83%"


def number(value: str) -> float | None:
    """Numeric value of a dashboard cell ('1,412', '23%', '34 days')."""
    cleaned = value.replace(",", "").replace("%", "").replace("days", "").strip()
    return float(cleaned) if cleaned else None


def direction(ind: Indicator) -> str:
    """Direction of travel from the previous month, as a word."""
    prev, cur = number(ind.months[1]), number(ind.months[2])
    if prev is None or cur is None:
        return ""
    return "Up" if cur > prev else "Down" if cur < prev else "Same"


def dash_table() -> Table:
    """The ruled performance indicator table."""
    headers = [
        "Area",
        "Indicator",
        "Breakdown",
        *DASH_MONTHS,
        "Rolling 12 months",
        "Monthly average",
        "England average 23/24",
        "Statistical neighbours 23/24",
        "DOT",
    ]
    data: list[list[Any]] = [[para(h, DCELL_HEAD) for h in headers]]
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    last_area = last_name = ""
    for ind in INDICATORS:
        r = len(data)
        area = ind.area if ind.area != last_area else ""
        name = ind.name if ind.name != last_name else ""
        if area:
            style.append(("BACKGROUND", (0, r), (0, r), SECTION_FILL))
        last_area, last_name = ind.area, ind.name
        values = [*ind.months, ind.rolling, ind.average, ind.england, ind.neighbours]
        data.append(
            [para(area, DCELL_BOLD), para(name, DCELL), para(ind.breakdown, DCELL)]
            + [para(v, DCELL_NUM) for v in values]
            + [para(direction(ind), DCELL)]
        )
    widths = (70, 190, 62, 44, 44, 44, 58, 56, 62, 80, 38)  # 748pt
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def dash_prose() -> list[str]:
    """'What is the data telling us?' paragraphs, built from the table values."""
    i = INDICATORS_BY_KEY

    def m(key: str, month: int = 2) -> str:
        return i[key].months[month]

    conflict = i[CONFLICT_KEY]
    if conflict.months[CONFLICT_MONTH] == CONFLICT_PROSE_VALUE:
        raise ValueError("the planted conflict must disagree with the table")
    return [
        f"<b>Front door.</b> Contacts fell from {m('contacts', 1)} in November to "
        f"{m('contacts')} in December, the usual seasonal reduction over the school "
        f"holidays. The referral rate was {m('referral_rate')} per 10,000 children "
        f"in December; the rolling 12-month rate of {i['referral_rate'].rolling} "
        f"remains below the England average ({i['referral_rate'].england}) and "
        f"statistical neighbours ({i['referral_rate'].neighbours}). Re-referrals "
        f"within 12 months were {m('rereferrals')}, close to the England average "
        f"of {i['rereferrals'].england}. The proportion of contacts screened "
        f"within 24 hours improved again to "
        f"{m('screened_24h')}, although this is still short of the 95% standard "
        "set in the improvement plan.",
        f"<b>Assessment.</b> Timeliness of assessments dipped to "
        f"{CONFLICT_PROSE_VALUE} in December ({m(CONFLICT_KEY, 1)} in November) "
        f"but remains above the England average of {conflict.england} and "
        f"statistical neighbours ({conflict.neighbours}). The average assessment "
        f"took {m('assess_days')}, and {m('assess_count')} assessments were "
        "completed in the month.",
        f"<b>Child protection.</b> Initial child protection conferences held "
        f"within 15 working days rose to {m('icpc_15')} in December, the best "
        f"performance this year. The rate of children subject to a plan has "
        f"reduced slightly to {m('cp_rate')} per 10,000. Plans starting for a "
        f"second or subsequent time increased to {m('cp_second')}, above the "
        f"England average of {i['cp_second'].england}; a dip sample of these "
        f"children is under way. Child protection visits within timescale "
        f"improved to {m('cp_visits')}.",
        f"<b>Children in care.</b> The rate of children in care rose to "
        f"{m('cic_rate')} per 10,000, above England ({i['cic_rate'].england}) and "
        f"statistical neighbours ({i['cic_rate'].neighbours}). Review health "
        f"assessments remain the area of greatest concern at {m('cic_health')} "
        f"against an England average of {i['cic_health'].england}; this has been "
        f"escalated to the Integrated Care Board. Reviews held within timescale "
        f"improved to {m('cic_reviews')}.",
        f"<b>Care leavers.</b> The proportion of care leavers aged 19-21 in "
        f"suitable accommodation has risen from {m('cl_accom_1921', 0)} in October "
        f"to {m('cl_accom_1921')} in December, reflecting the individual housing "
        f"reviews in the improvement plan. Contact with 19-21 year olds "
        f"({m('cl_touch_1921')}) remains below the England average "
        f"({i['cl_touch_1921'].england}).",
        f"<b>Workforce and court.</b> Agency social workers made up "
        f"{m('agency')} of the workforce in December ({m('agency', 1)} in "
        f"November) and the average caseload fell to {m('avg_caseload')} children "
        f"per social worker. Care proceedings took an average of "
        f"{m('court_days')} (43 weeks) in December, shorter than the England "
        f"average of {i['court_days'].england}.",
    ]


def dash_story() -> list[Flowable]:
    """Flowables for the performance dashboard."""
    story: list[Flowable] = [
        para(ORG, H_ORG),
        para(DASH_TITLE, H_TITLE),
        para(
            "Data to the end of December 2024 (month-end snapshot) – Performance "
            "and Intelligence Team. DOT (direction of travel) compares December "
            "with November.",
            H_SUB,
        ),
        dash_table(),
        Spacer(1, 4),
        para(
            "Blank cells: no published comparator or measure not reported on a "
            "rolling basis. Rates are per 10,000 children aged 0-17.",
            SMALL,
        ),
        para("What is the data telling us?", H1),
    ]
    story += [markup(text, BODY) for text in dash_prose()]
    return story


def write_dashboard(outdir: Path) -> int:
    """Render the performance dashboard and return its page count."""
    pagesize = landscape(A4)
    margin = 15 * mm

    def decorate(canv: Canvas, page: int, total: int) -> None:
        footer(
            canv,
            pagesize,
            f"{DASH_TITLE} – Performance and Intelligence Team",
            page,
            total,
            margin,
        )

    return build_pdf(
        outdir / DASH_FILE,
        dash_story,
        pagesize=pagesize,
        margins=(margin, margin, 14 * mm, 20 * mm),
        title=DASH_TITLE,
        subject=f"{ORG} performance report",
        decorate=decorate,
    )


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

    return build_pdf(
        outdir / REPORT_FILE,
        report_story,
        pagesize=A4,
        margins=(margin, margin, 20 * mm, 22 * mm),
        title=REPORT_TITLE,
        subject="Children's Improvement Board, 24 February 2025",
        decorate=decorate,
    )


# --------------------------------------------------------------------------
# HTML web update and plain-text minutes
# --------------------------------------------------------------------------

HTML_FILE = "northdene-improvement-update-2025-02-27.html"
HTML_TITLE = "Children's Services Improvement Plan Update – 27 February 2025"
MINUTES_FILE = "northdene-board-minutes-2025-02-24.txt"
MINUTES_TITLE = "Children's Improvement Board – minutes of 24 February 2025"


def html_page() -> str:
    """The council news page, with site chrome around the article."""
    counts = rag_counts(REPORT_VERSION)
    total = sum(c["total"] for c in counts.values())
    done = sum(c["Blue"] for c in counts.values())
    on_track = sum(c["Green"] for c in counts.values())

    def e(text: str) -> str:
        return html.escape(text, quote=False)

    highlights = [
        "A new screening tool in the multi-agency safeguarding hub means 96% of "
        "contacts are now screened by a qualified social worker within 24 hours.",
        "The maximum caseload in our assessment teams has fallen from 31 children "
        "in March 2024 to 24 in January 2025.",
        "88.5% of visits to children on child protection plans were within "
        "timescale in January 2025.",
        "Two additional Independent Reviewing Officer posts have been advertised.",
        "A retention payment for experienced social workers has been approved.",
    ]
    items = "\n".join(f"        <li>{e(h)}</li>" for h in highlights)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(HTML_TITLE)} | {e(ORG)}</title>
  <link rel="stylesheet" href="/assets/css/site.css">
  <!-- {e(FICTION_NOTE)} -->
</head>
<body>
  <div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies">
    <p>We use some essential cookies to make this website work. We'd like to set
    additional cookies to understand how you use the site.</p>
    <button type="button" id="accept-cookies">Accept additional cookies</button>
    <button type="button" id="reject-cookies">Reject additional cookies</button>
    <a href="/cookies">View cookies</a>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{e(ORG)}</a>
    <form class="search" action="/search" method="get">
      <label for="q">Search this site</label>
      <input id="q" name="q" type="search">
      <button type="submit">Search</button>
    </form>
  </header>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/bins-and-recycling">Bins and recycling</a></li>
      <li><a href="/council-tax">Council tax</a></li>
      <li><a href="/schools-and-education">Schools and education</a></li>
      <li><a href="/children-and-families">Children and families</a></li>
      <li><a href="/news">News</a></li>
    </ul>
  </nav>
  <nav class="breadcrumbs" aria-label="Breadcrumb">
    <a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Children's services
  </nav>
  <main id="content">
    <article class="news-article">
      <h1>{e(HTML_TITLE)}</h1>
      <p class="published">Published: 27 February 2025</p>
      <p>{e(CHAIR)}, independent chair of Northdene's Children's Improvement
      Board, has welcomed progress against the council's Children's Services
      Improvement Plan. The Board met on 24 February 2025 to review the plan,
      which was put in place after Ofsted's focused visit in October 2024.</p>
      <p>Of the {total} actions in the revised plan, {done} have been completed
      and {on_track} are on track. The Board agreed revised dates for a small
      number of actions and asked for a recovery plan for health assessments
      for children in care.</p>
      <p>Highlights reported to the Board include:</p>
      <ul>
{items}
      </ul>
      <p>{e(CABINET)}, Cabinet Member for Children and Families, said: "Our
      social workers are doing difficult work with real care, and these figures
      show that the extra investment is starting to make a difference. There is
      still a lot to do, and we will keep reporting our progress openly."</p>
      <p>The revised improvement plan will be published on this page in March
      2025. The next meeting of the Improvement Board is on 14 April 2025.</p>
    </article>
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="/accessibility">Accessibility statement</a></li>
      <li><a href="/privacy">Privacy notice</a></li>
      <li><a href="/contact-us">Contact us</a></li>
    </ul>
    <p>&copy; {e(ORG)} 2025. County Hall, Mercer Street, Northdene ND1 4QT.</p>
    <p class="fiction-note">{e(FICTION_NOTE)}</p>
  </footer>
  <script>
    (function () {{
      var banner = document.getElementById("cookie-banner");
      function hide(choice) {{
        document.cookie = "nd_cookie_choice=" + choice + "; path=/; max-age=31536000";
        banner.style.display = "none";
      }}
      document.getElementById("accept-cookies").onclick = function () {{ hide("all"); }};
      document.getElementById("reject-cookies").onclick = function () {{ hide("essential"); }};
      if (document.cookie.indexOf("nd_cookie_choice=") !== -1) {{ banner.style.display = "none"; }}
    }})();
  </script>
</body>
</html>
"""


def minutes_text() -> str:
    """Plain-text minutes of the 24 February 2025 board meeting."""
    supervision = ref_of("supervision_policy", 1)
    table_value = INDICATORS_BY_KEY[CONFLICT_KEY].months[CONFLICT_MONTH]
    return f"""NORTHDENE COUNTY COUNCIL
CHILDREN'S IMPROVEMENT BOARD

Minutes of the meeting held on Monday 24 February 2025, 10:00 - 12:30
Committee Room 2, County Hall, Northdene (and via Teams)

Present:
{CHAIR} - Independent Chair (JO)
{DCS} - Director of Children's Services (CB)
{AD_CSC} - Assistant Director, Children's Social Care (ME)
{CABINET} - Cabinet Member for Children and Families (HS)
Detective Superintendent Paul Gadsby - Northdene Police (PG)
Maria Santos - Designated Nurse, Integrated Care Board (MS)
{HOP} - Head of Performance (SV)

Apologies: {PSW_NAME} (Principal Social Worker)

1. Welcome, introductions and apologies
   The Chair welcomed members. Apologies were noted as above.

2. Minutes of the previous meeting (20 January 2025) and action log
   The minutes were agreed as an accurate record. All actions were complete
   apart from the health attendance data for strategy meetings, which is now
   included in the performance report.

3. Improvement Plan Progress Update
   ME presented the report. Members welcomed the go-live of the MASH screening
   tool and the reduction in assessment team caseloads (maximum 24 in January,
   down from 31 in March 2024). The Board challenged the lack of progress on
   the supervision policy (action {supervision}), which has missed its
   target date.
   The Board agreed the revised date for the section 47 audit (w/b 10/03/25)
   and agreed to remove the front door co-location pilot from the plan.
   Action: AD CSC to circulate the revised plan by 7 March 2025.

4. Performance report - January 2025
   SV presented the report. MS noted that review health assessments remain
   well below the England average and confirmed additional nurse capacity
   from April. Members noted that the commentary quoted assessment timeliness
   for December as {CONFLICT_PROSE_VALUE} while the table shows {table_value}.
   Action: Head of Performance to correct the commentary and re-issue the
   January performance report by 3 March 2025.

5. Workforce
   CB reported that the agency rate had fallen to 25% and that the retention
   payment had been approved. Members asked for exit interview themes to be
   reported to the next meeting.
   Action: AD CSC to report exit interview themes to the April Board.

6. Any other business
   None.

Date of next meeting: Monday 14 April 2025, 10:00, County Hall.

[{FICTION_NOTE}]
"""


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


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "outdir",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parent / "documents",
        help="output directory (default: samples/documents next to this script)",
    )
    parser.add_argument(
        "--truth-out",
        type=Path,
        help="also write what was planted (document metadata, actions, changes) as JSON here",
    )
    args = parser.parse_args()
    written, truth = generate(args.outdir)
    for path in written:
        print(f"wrote {path}")
    if args.truth_out is not None:
        write_text(args.truth_out, json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {args.truth_out}")


if __name__ == "__main__":
    main()
