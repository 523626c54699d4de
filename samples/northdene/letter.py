"""The Ofsted focused-visit letter that starts the improvement story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
)

from samples.northdene.council import (
    BODY,
    DCS,
    DCS_SALUTATION,
    FICTION_NOTE,
    H1,
    H2,
    HMI_LEAD,
    HMI_TWO,
    ORG,
    RIGHT,
    build_numbered_pdf,
    bullets,
    markup,
    para,
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

    return build_numbered_pdf(
        outdir / LETTER_FILE,
        letter_story,
        pagesize=A4,
        margins=(margin, margin, 20 * mm, 25 * mm),
        title=LETTER_TITLE,
        subject="Focused visit letter (fictional)",
        decorate=decorate,
    )
