"""The monthly performance dashboard, with one figure its commentary gets wrong."""

from __future__ import annotations

from dataclasses import dataclass
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
    DCELL,
    DCELL_BOLD,
    DCELL_HEAD,
    DCELL_NUM,
    GRID,
    H1,
    H_ORG,
    H_SUB,
    H_TITLE,
    NAVY,
    ORG,
    SECTION_FILL,
    SMALL,
    build_numbered_pdf,
    footer,
    markup,
    para,
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
        *ruling(NAVY, colour=GRID, width=0.5),
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

    return build_numbered_pdf(
        outdir / DASH_FILE,
        dash_story,
        pagesize=pagesize,
        margins=(margin, margin, 14 * mm, 20 * mm),
        title=DASH_TITLE,
        subject=f"{ORG} performance report",
        decorate=decorate,
    )
