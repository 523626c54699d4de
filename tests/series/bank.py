"""What the generated plan series say: real English authorities, plan names, findings, cue and
distractor wordings.

Authorities are real (the generator tests recognising them); their canonical name is the
council's official name, which is what truth ``organisation`` holds.  Everything else (people,
actions, progress) is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Authority:
    """An English local authority and the ways its papers name it."""

    name: str  # the council's official name: truth ``organisation``
    place: str  # the everyday place name ("Hull", "Hackney")
    kind: str  # county | city | metropolitan | london | royal | unitary | borough
    short: str | None = None  # a short form the council prints ("Hackney Council")

    @property
    def logo(self) -> tuple[str, str]:
        """(small line, big line) of a logo: "London Borough of" over "HACKNEY", or "DEVON"
        over "County Council" (the big line is the place in capitals)."""
        if self.name.endswith(self.place) and self.name != self.place:  # "Royal Borough of X"
            return self.name[: -len(self.place)].strip(), self.place.upper()
        if self.name.startswith(self.place):
            return self.name[len(self.place) :].strip() or "Council", self.place.upper()
        kind = re.search(r"(?:(?:City|County|Metropolitan District|Borough) )?Council$", self.name)
        return kind.group(0) if kind else "Council", self.place.upper()


AUTHORITIES = (
    Authority("Devon County Council", "Devon", "county"),
    Authority("Kent County Council", "Kent", "county"),
    Authority("Lancashire County Council", "Lancashire", "county"),
    Authority("Leeds City Council", "Leeds", "city"),
    Authority("Birmingham City Council", "Birmingham", "city"),
    Authority("Manchester City Council", "Manchester", "city"),
    Authority("Stoke-on-Trent City Council", "Stoke-on-Trent", "city"),
    Authority("Kingston upon Hull City Council", "Hull", "city", "Hull City Council"),
    Authority("Brighton and Hove City Council", "Brighton & Hove", "city"),
    Authority("London Borough of Hackney", "Hackney", "london", "Hackney Council"),
    Authority(
        "London Borough of Tower Hamlets", "Tower Hamlets", "london", "Tower Hamlets Council"
    ),
    Authority(
        "London Borough of Barking and Dagenham",
        "Barking and Dagenham",
        "london",
        "Barking and Dagenham Council",
    ),
    Authority("Royal Borough of Greenwich", "Greenwich", "royal", "Royal Greenwich"),
    Authority("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead", "royal"),
    Authority(
        "Royal Borough of Kingston upon Thames", "Kingston upon Thames", "royal", "Kingston Council"
    ),
    Authority(
        "City of Bradford Metropolitan District Council",
        "Bradford",
        "metropolitan",
        "Bradford Council",
    ),
    Authority(
        "Sandwell Metropolitan Borough Council", "Sandwell", "metropolitan", "Sandwell Council"
    ),
    Authority("City of Wolverhampton Council", "Wolverhampton", "city"),
    Authority("Blackburn with Darwen Borough Council", "Blackburn with Darwen", "borough"),
    Authority("Redcar and Cleveland Borough Council", "Redcar and Cleveland", "borough"),
    Authority("North Northamptonshire Council", "North Northamptonshire", "unitary"),
    Authority("West Berkshire Council", "West Berkshire", "unitary"),
    Authority("East Riding of Yorkshire Council", "East Riding of Yorkshire", "unitary"),
    Authority("Bath and North East Somerset Council", "Bath and North East Somerset", "unitary"),
    Authority("Cornwall Council", "Cornwall", "unitary"),
    Authority("Isle of Wight Council", "Isle of Wight", "unitary"),
    Authority("Telford and Wrekin Council", "Telford & Wrekin", "unitary"),
)

# Printed after a capitalised council name in a letterhead.
DEPARTMENTS = (
    "Children's Services",
    "Children and Young People's Services",
    "Children's Social Care",
    "Children, Families and Education",
)

# Stable plan names; "{years}" is the plan's span ("2025–2027").
PLAN_NAMES = (
    "Children's Services Improvement Plan",
    "Ofsted Improvement Plan",
    "Improving Outcomes for Children",
    "Practice Improvement Plan",
    "Children's Social Care Improvement Plan",
    "ILACS Improvement Plan",
    "Post-Inspection Action Plan",
    "Safeguarding Improvement Plan",
    "Getting to Good: Our Improvement Plan",
    "Children's Improvement Plan {years}",
)

# Wording that changes from version to version after the plan's name ("" is none).
# "{q}" is the financial quarter of the version's date, "{v}" a version number.
VERSION_WORDINGS = (
    "",
    "Progress update",
    "Action tracker",
    "Quarter {q} update",
    "Update for the Improvement Board",
    "v{v}",
    "Draft",
    "Highlight report",
)

# Lines that carry the version's date ("{d}"), by cue kind.
DATE_LINES = {
    "position_as_at": ("Progress update: position as at {d}", "Position as at {d}"),
    "progress_at": ("Progress at {d}", "Progress as at {d}"),
    "status_at": ("Status of actions at {d}", "Status of actions as at {d}"),
    "board_update": (
        "Update to the Improvement Board, {d}",
        "Update for the Children's Improvement Board – {d}",
    ),
}
RUNNING_DATES = ("Updated {d}", "Position at {d}", "Version date: {d}")
TITLE_DATES = ("{name} – Progress update {d}", "{name}: position at {d}", "{name} {d}")
VERSION_TABLE_HEADINGS = ("Version control", "Document history", "Document control")
VERSION_CHANGES = (
    "Progress update for the Improvement Board",
    "RAG ratings and updates refreshed",
    "Updated following the Improvement Board",
    "Quarterly refresh of progress",
)

# Findings an inspection makes (what a plan answers), Ofsted's style.
FINDINGS = (
    "The quality and impact of management oversight and supervision of social work practice.",
    "The timeliness and quality of assessments for children in need of help and protection.",
    "Pathway planning for care leavers, so that plans are specific and reflect young people's views.",
    "The response to children who go missing from home or care, including return home interviews.",
    "The sufficiency of local placements for children in care, including foster carers.",
    "The use of performance information and audit to understand and improve practice.",
    "The stability of the workforce and manageable caseloads for social workers.",
    "Management oversight and decision-making for children in pre-proceedings.",
    "The consistency of threshold decisions at the front door.",
    "The help offered to 16- and 17-year-olds who present as homeless.",
    "Children's participation in their plans and reviews.",
    "Permanence planning for children in care, including timely matching with carers.",
    "Oversight of children living in unregistered children's homes.",
    "The identification of, and response to, children at risk of exploitation.",
)
FINDING_HEADINGS = (
    "What Ofsted told us we must improve",
    "Areas for improvement identified by Ofsted",
    "Inspection recommendations",
    "What needs to improve",
    "Ofsted's recommendations",
)

# Progress updates; "{month}" is a month before the version's date (a distractor).
UPDATES = (
    "Audit completed in {month}; findings reported to the Practice Board.",
    "Training delivered to 85% of staff since {month}; remaining sessions booked.",
    "Policy drafted and consulted on with team managers during {month}.",
    "Recruitment campaign launched in {month}. Two offers made.",
    "Slippage due to staffing pressures; revised timescale agreed in {month}.",
    "Dashboard in place and reviewed weekly by service managers.",
    "Panel has met three times since {month}. Attendance from health remains a challenge.",
    "Dip sample in {month} found 78% of plans were up to date.",
    "Protocol signed off by all partners. Impact to be reviewed at the next audit cycle.",
    "Work has started with the Children in Care Council.",
    "Completed and embedded; evidence of impact seen in the {month} audit.",
)

# Distractor sentences and lines: each date in them must not be taken for the version's date.
# "{d}" a single date, "{range}" the inspection's fortnight.
DISTRACTORS = {
    "inspection": (
        "Ofsted inspection {range}",
        "Ofsted inspection of children's services: {range}",
    ),
    "published": ("The inspection report was published on {d}.",),
    "cabinet": (
        "This plan was agreed by Cabinet on {d}.",
        "The plan was approved by Cabinet on {d}.",
    ),
    "replaces": ("This update replaces the version presented on {d}.",),
    "next_review": ("Next review: {d}", "Date of next review: {d}"),
    "next_board": ("The next meeting of the Improvement Board is on {d}.",),
}
PARTNER_LINES = (
    "We are supported by our Sector-Led Improvement Partner, {partner}.",
    "Our improvement partner, {partner}, has reviewed the plan.",
)
INTROS = (
    "This plan sets out how {org} will respond to the findings of the inspection of local "
    "authority children's services.",
    "The actions below respond to what inspectors found. Each action has a lead and a target "
    "date, and progress is reported to the Improvement Board.",
    "Progress against each action is rated by the responsible lead and checked by the "
    "performance team before each meeting of the board.",
)

# Board reports about a plan.
BOARD_HEADERS = (
    "Report to the Children's Services Improvement Board",
    "Children's Services Improvement Board",
    "Report to the Improvement Board",
)
MEETING_LABELS = ("Date of meeting: {d}", "Meeting date: {d}", "Date of meeting {d}")
BOARD_TITLES = (
    "Progress on the {plan}",
    "{plan}: progress report",
    "Improvement Plan progress report",
    "Update on delivery of the {plan}",
)
BOARD_DECISIONS = (
    "note the progress made against the improvement plan since the last meeting",
    "agree the revised timescales for the actions rated red",
    "note the risks to delivery set out in section 4",
    "endorse the priorities for the next quarter",
)
REPORT_OF = (
    "Director of Children's Services",
    "Assistant Director, Children's Social Care",
    "Head of Quality Assurance",
)
