"""The series draw: one authority's plan in 3-5 dated versions (and sometimes a board report
about it), every factor drawn on its own from the seed, printed as blocks.

:func:`draw_series` is pure.  It decides what each document prints as a list of
:data:`Block` values (letterhead, title, lines, lists, tables); the renderers in ``pdf`` and
``docx`` only lay those blocks out, and the truth in ``write`` is copied from the same values,
so it is right by construction: nothing is parsed back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..layouts.dates import ABBR, MONTHS, NO_DATE, DateStyle, numeric, ordinal
from ..layouts.model import PHRASES  # the status words plans print, shared with the layouts
from ..layouts.words import KNOWN
from . import bank
from .bank import Authority

FORMATS = (("pdf", 75), ("docx", 25))
PAGES = ("a4_portrait", "a4_landscape")
FONTS = ("helvetica", "times")
LETTERHEADS = ("caps_dept", "name", "short", "place_dept", "logo")
CUES = (
    "position_as_at",
    "progress_at",
    "status_at",
    "board_update",
    "version_table",
    "running",
    "title",
)
DATE_PRINTS = ("words", "ordinal", "numeric", "numeric_short", "abbreviated", "weekday")
FINDING_LAYOUTS = ("list", "rows", "headings")  # (a), (b), (c) of the brief
LIST_NUMBERING = ("numbered", "R", "recommendation", "bullets")
GROUP_LABELS = ("Recommendation {n}: ", "Recommendation {n} – ", "R{n}: ", "R{n} – ")
DOCX_TITLES = ("title", "heading", "big")
METADATA_TITLES = ("printed", "stale", "none")
STATUS_VOCABULARIES = ("phrases", "colours")

COLOURS = {"complete": "Blue", "on_track": "Green", "at_risk": "Amber", "off_track": "Red"}
FILLS = {"Blue": "9DC3E6", "Green": "92D050", "Amber": "FFC000", "Red": "FF7C80"}
# How a status moves on between versions (colours cannot print the last two).
NEXT_STATUS = {
    "not_started": (("in_progress", 4), ("on_track", 4), ("not_started", 2)),
    "in_progress": (("on_track", 5), ("complete", 3), ("at_risk", 2)),
    "on_track": (("on_track", 5), ("complete", 4), ("at_risk", 2)),
    "at_risk": (("on_track", 4), ("at_risk", 3), ("off_track", 2)),
    "off_track": (("at_risk", 4), ("off_track", 3), ("on_track", 2)),
    "complete": (("complete", 1),),
}

# ----------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Letterhead:
    """The council's name as the page prints it: ``style`` caps_dept prints two parts on one
    line ("DEVON COUNTY COUNCIL  Children's Services"), logo a small line over a big one."""

    style: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]  # printed lines; the title is them joined by a space


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "para"  # para | line (bold subtitle) | heading | small


@dataclass(frozen=True)
class Items:
    """A list: each item's label as printed ("1.", "R2", "•") and its text."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Band:
    """A row spanning the whole table ("Recommendation 1: ...")."""

    text: str


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...] | Band, ...]
    weights: tuple[float, ...]
    fills: tuple[tuple[int, int, str], ...] = ()  # (row index in rows, column, hex fill)


Block = Letterhead | Title | Text | Items | Grid

# ------------------------------------------------------------------------------- the draw


@dataclass(frozen=True)
class Action:
    """One action as one version prints it, with the truth of each printed value."""

    ref: str
    text: str
    lead: str
    status: str  # canonical
    due: date | None
    due_word: str  # printed instead of a date ("Ongoing") when due is None
    rec: str | None  # ref of the recommendation it sits under (grouped layouts)


@dataclass(frozen=True)
class Finding:
    ref: str | None  # truth ref: the printed number without words and punctuation
    label: str  # printed before the text: "1.", "R2", "Recommendation 3:", "•"
    text: str


@dataclass
class Document:
    """One file: a plan version or a board report, its blocks and its truth values."""

    file_name: str
    format: str
    doc_type: str  # improvement_plan | board_report
    series: str | None
    organisation: str
    doc_date: date
    cue: str
    title: str
    blocks: list[Block]
    factors: dict[str, str]
    page: str = "a4_portrait"
    font: str = "helvetica"
    metadata_title: str = ""
    running_header: str = ""
    running_footer: str = ""  # "{page}" and "{pages}" are filled in by the renderer
    docx_title: str = "title"
    duplicate_date: bool = False
    cue_text: str = ""  # the printed line, cell or running text that carries doc_date
    distractors: list[str] = field(default_factory=list)  # printed texts with other dates
    actions: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)


@dataclass
class Series:
    seed: int
    authority: Authority
    plan_name: str
    factors: dict[str, str]
    documents: list[Document]

    @property
    def key(self) -> str:
        return f"series-{self.seed:04d}"


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in options], [weight for _, weight in options])[0]


def print_date(day: date, style: str) -> str:
    """A full date in one of the ways plans print the date of a version."""
    month = MONTHS[day.month - 1]
    return {
        "words": f"{day.day} {month} {day.year}",
        "ordinal": f"{ordinal(day.day)} {month} {day.year}",
        "numeric": numeric(day, "/", 4, True),
        "numeric_short": numeric(day, ".", 2, True),
        "abbreviated": f"{day.day} {ABBR[day.month - 1]} {day.year}",
        "weekday": f"{day:%A} {day.day} {month} {day.year}",
    }[style]


def date_range(first: date, last: date) -> str:
    """An inspection fortnight: "12–23 February 2026", "26 February – 9 March 2026"."""
    if first.month == last.month:
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    return (
        f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    )


def draw_series(seed: int) -> Series:
    """The series of seed *seed* (pure and deterministic)."""
    rng = random.Random(f"plandrift-series-{seed}")
    authority = rng.choice(bank.AUTHORITIES)
    n_versions = rng.randint(3, 5)
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365))
    years = f"{start.year}–{start.year + 2}"
    plan_name = rng.choice(bank.PLAN_NAMES).format(years=years)
    layout = rng.choice(FINDING_LAYOUTS)
    numbering = rng.choice(LIST_NUMBERING) if layout == "list" else "none"
    group_label = rng.choice(GROUP_LABELS) if layout != "list" else "none"
    vocabulary = rng.choice(STATUS_VOCABULARIES)
    duplicate = rng.random() < 0.25
    board = rng.random() < 0.5
    partner = rng.choice([a for a in bank.AUTHORITIES if a != authority])
    factors = {
        "authority": authority.name,
        "finding_layout": layout,
        "list_numbering": numbering,
        "group_label": group_label,
        "status_vocabulary": vocabulary,
        "duplicate_date": "yes" if duplicate else "no",
        "board_report": "yes" if board else "no",
        "versions": str(n_versions),
    }

    # Dates: inspection, publication, Cabinet, then the versions weeks or months apart.
    inspection_end = start + timedelta(days=rng.randrange(5, 12))
    inspection = (inspection_end - timedelta(days=rng.randrange(9, 12)), inspection_end)
    published = inspection_end + timedelta(days=rng.randrange(28, 50))
    cabinet = published + timedelta(days=rng.randrange(20, 60))
    dates = [cabinet + timedelta(days=rng.randrange(14, 60))]
    for _ in range(n_versions - 1):
        dates.append(dates[-1] + timedelta(days=rng.randrange(21, 120)))
    shared = rng.randrange(1, n_versions) if duplicate else None
    if shared is not None:
        dates[shared] = dates[shared - 1]

    findings = _findings(rng, layout, numbering, group_label)
    columns = {
        role: rng.choice(KNOWN[role])[0]
        for role in ("ref", "action", "lead", "due", "status", "update")
    }
    ref_style = rng.choice(("plain", "A")) if layout == "list" else "grouped"
    states = _first_actions(rng, findings, ref_style, dates[0], vocabulary)

    series = Series(seed, authority, plan_name, factors, [])
    context = {
        "inspection": inspection,
        "published": published,
        "cabinet": cabinet,
        "dates": dates,
        "partner": partner,
        "columns": columns,
        "findings": findings,
        "vocabulary": vocabulary,
        "layout": layout,
    }
    for number, day in enumerate(dates, start=1):
        if number > 1:
            states = _move_on(rng, states, findings, ref_style, day, vocabulary)
        version = _version(series, context, number, day, states)
        version.duplicate_date = dates.count(day) > 1
        series.documents.append(version)
    if board:
        series.documents.append(_board_report(series, context))
    return series


# ------------------------------------------------------------------------------- findings


def _findings(rng: random.Random, layout: str, numbering: str, group_label: str) -> list[Finding]:
    texts = rng.sample(bank.FINDINGS, rng.randint(3, 6))
    out = []
    for n, text in enumerate(texts, start=1):
        if layout == "list":
            label, ref = {
                "numbered": (f"{n}.", str(n)),
                "R": (f"R{n}", f"R{n}"),
                "recommendation": (f"Recommendation {n}:", str(n)),
                "bullets": ("•", None),
            }[numbering]
        else:
            label = group_label.format(n=n)
            ref = f"R{n}" if label.startswith("R") and not label.startswith("Rec") else str(n)
        out.append(Finding(ref, label, text))
    return out


# -------------------------------------------------------------------------------- actions


def _action_text(rng: random.Random, used: set[str]) -> str:
    from ..layouts import bank as layout_bank

    for _ in range(200):
        if rng.random() < 0.5:
            text = rng.choice(layout_bank.ACTIONS)
        else:
            text = f"{rng.choice(layout_bank._VERBS)} {rng.choice(layout_bank._OBJECTS)}"
        if text.lower() not in used:
            used.add(text.lower())
            return text
    raise RuntimeError("ran out of distinct action texts")


def _due(rng: random.Random, after: date) -> tuple[date | None, str]:
    """A target date (a month's end, so every printed style means the same day) or a word."""
    if rng.random() < 0.08:
        return None, rng.choice(NO_DATE)
    day = after + timedelta(days=rng.randrange(20, 300))
    return _month_end(day), ""


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _first_actions(
    rng: random.Random, findings: list[Finding], ref_style: str, day: date, vocabulary: str
) -> list[Action]:
    from ..layouts import bank as layout_bank

    used: set[str] = set()
    total = rng.randint(6, 15)
    actions = []
    for i in range(total):
        if ref_style == "grouped":
            # Every recommendation gets at least one action; the rest fall anywhere.
            n = i + 1 if i < len(findings) else rng.randint(1, len(findings))
            rec = findings[n - 1].ref
        else:
            rec = None
        due, word = _due(rng, day)
        statuses = (
            ("not_started", "in_progress", "on_track")
            if vocabulary == "phrases"
            else ("on_track", "at_risk")
        )
        actions.append(
            Action(
                "",
                _action_text(rng, used),
                rng.choice(layout_bank.LEADS),
                rng.choice(statuses),
                due,
                word,
                rec,
            )
        )
    return _number(actions, findings, ref_style)


def _number(actions: list[Action], findings: list[Finding], ref_style: str) -> list[Action]:
    """Order by recommendation and give refs: "2.3" under recommendation 2, else "7"/"A7".
    A ref once given is kept (refs in real plans do not move when an action is added)."""
    if ref_style != "grouped":
        numbered = []
        top = max((int(a.ref.lstrip("A")) for a in actions if a.ref), default=0)
        for action in actions:
            if not action.ref:
                top += 1
                action = replace(action, ref=f"{'A' if ref_style == 'A' else ''}{top}")
            numbered.append(action)
        return numbered
    order = [finding.ref for finding in findings]
    out = []
    for n, rec in enumerate(order, start=1):
        group = [a for a in actions if a.rec == rec]
        top = max((int(a.ref.split(".")[1]) for a in group if a.ref), default=0)
        for action in group:
            if not action.ref:
                top += 1
                action = replace(action, ref=f"{n}.{top}")
            out.append(action)
    return out


def _move_on(
    rng: random.Random,
    previous: list[Action],
    findings: list[Finding],
    ref_style: str,
    day: date,
    vocabulary: str,
) -> list[Action]:
    """The next version's actions: statuses move on, some reworded, completed ones dropped,
    dates slip, a new action or two added."""
    from ..layouts import bank as layout_bank

    used = {action.text.lower() for action in previous}
    out = []
    for action in previous:
        if action.status == "complete" and rng.random() < 0.35:
            continue  # signed off and taken out of the plan
        options = NEXT_STATUS[action.status]
        if vocabulary == "colours":
            options = tuple((s, w) for s, w in options if s in COLOURS) or (("on_track", 1),)
        status = _weighted(rng, options)
        text = action.text
        if rng.random() < 0.12:
            text = text.rstrip(".") + rng.choice(
                (" across all localities", " with partner agencies", " by the end of the year")
            )
            used.add(text.lower())
        due, word = action.due, action.due_word
        if due is not None and status in ("at_risk", "off_track") and rng.random() < 0.5:
            due = _month_end(due + timedelta(days=rng.randrange(40, 150)))  # slipped
        out.append(replace(action, status=status, text=text, due=due, due_word=word))
    for _ in range(rng.choice((0, 0, 1, 2))):
        rec = rng.choice(findings).ref if ref_style == "grouped" else None
        due, word = _due(rng, day)
        out.append(
            Action(
                "",
                _action_text(rng, used),
                rng.choice(layout_bank.LEADS),
                "not_started" if vocabulary == "phrases" else "on_track",
                due,
                word,
                rec,
            )
        )
    for finding in findings if ref_style == "grouped" else ():
        if not any(action.rec == finding.ref for action in out):  # no empty recommendation
            out.append(
                Action(
                    "",
                    _action_text(rng, used),
                    rng.choice(layout_bank.LEADS),
                    "on_track",
                    *_due(rng, day),
                    finding.ref,
                )
            )
    return _number(out, findings, ref_style)


# -------------------------------------------------------------------------------- versions


def _letterhead(rng: random.Random, authority: Authority) -> Letterhead:
    styles = [s for s in LETTERHEADS if s != "short" or authority.short]
    style = rng.choice(styles)
    if style == "caps_dept":
        return Letterhead(style, (authority.name.upper(), rng.choice(bank.DEPARTMENTS)))
    if style == "name":
        return Letterhead(style, (authority.name,))
    if style == "short":
        return Letterhead(style, (authority.short or authority.name,))
    if style == "place_dept":
        return Letterhead(style, (f"{authority.place} Children's Services",))
    return Letterhead(style, authority.logo)


def _quarter(day: date) -> int:
    return (day.month - 4) % 12 // 3 + 1


def _version(
    series: Series, context: dict, number: int, day: date, actions: list[Action]
) -> Document:
    """One version of the plan: its own draw of everything that is printed around the table."""
    rng = random.Random(f"plandrift-series-{series.seed}-version-{number}")
    f: dict[str, str] = {}
    f["format"] = _weighted(rng, FORMATS)
    f["page"] = rng.choice(PAGES)
    f["font"] = rng.choice(FONTS)
    letterhead = _letterhead(rng, series.authority)
    f["letterhead"] = letterhead.style
    f["cue"] = cue = rng.choice(CUES)
    f["date_print"] = date_print = rng.choice(DATE_PRINTS)
    f["title_caps"] = "yes" if rng.random() < 0.2 else "no"
    f["title_break"] = "yes" if rng.random() < 0.25 else "no"
    f["docx_title"] = rng.choice(DOCX_TITLES)
    f["metadata_title"] = rng.choice(METADATA_TITLES)
    wording = rng.choice(bank.VERSION_WORDINGS)
    printed_day = print_date(day, date_print)
    version_label = f"1.{number - 1}"

    # Title: the plan's name plus this version's wording (or the date, when that is the cue).
    name = series.plan_name
    if cue == "title":
        lines = [rng.choice(bank.TITLE_DATES).format(name=name, d=printed_day)]
        f["title_wording"] = "date"
    else:
        extra = wording.format(q=_quarter(day), v=version_label)
        f["title_wording"] = wording.split(" ")[0] if wording else "none"
        if not extra:
            lines = [name]
        elif f["title_break"] == "yes":
            lines = [name, extra]
        elif extra.startswith("v"):
            lines = [f"{name} {extra}"]
        else:
            lines = [name + rng.choice((": ", " – ", " - ")) + extra]
    if f["title_caps"] == "yes":
        lines = [line.upper() for line in lines]
    title = " ".join(lines)

    style = DateStyle(rng.choice(("dmy_numeric", "words", "abbreviated", "end_of")), rng, day)
    blocks: list[Block] = [letterhead, Title(tuple(lines))]
    top: list[Block] = []
    intro: list[Block] = []
    end: list[Block] = []

    # Distractors: several dates that are not the version's, above or below the cue.
    available = ["inspection", "published", "cabinet", "next_review", "next_board"]
    previous = context["dates"][number - 2] if number > 1 else None
    if previous is not None and previous != day:
        available.append("replaces")
    distractors: list[str] = []
    chosen = rng.sample(available, rng.randint(3, min(5, len(available))))
    f["distractors"] = "+".join(sorted(chosen))
    for kind in chosen:
        when = {
            "inspection": None,
            "published": context["published"],
            "cabinet": context["cabinet"],
            "replaces": previous,
            "next_review": day + timedelta(days=rng.randrange(28, 90)),
            "next_board": day + timedelta(days=rng.randrange(14, 60)),
        }[kind]
        text = rng.choice(bank.DISTRACTORS[kind]).format(
            range=date_range(*context["inspection"]),
            d=print_date(when, rng.choice(DATE_PRINTS)) if when else "",
        )
        where = rng.choice(("top", "intro", "end"))
        distractors.append(text)
        (top if where == "top" else intro if where == "intro" else end).append(
            Text(text, "line" if where == "top" else "para")
        )

    blocks += top
    running_header = running_footer = ""
    cue_text = title if cue == "title" else printed_day  # version_table: the latest date cell
    if cue in bank.DATE_LINES:
        cue_text = rng.choice(bank.DATE_LINES[cue]).format(d=printed_day)
        blocks.append(Text(cue_text, "line"))
    elif cue == "running":
        carried = cue_text = rng.choice(bank.RUNNING_DATES).format(d=printed_day)
        if rng.random() < 0.5:
            running_header = f"{name} | {carried}"
            running_footer = "Page {page} of {pages}"
        else:
            running_footer = f"{carried} – Page {{page}} of {{pages}}"
    if not running_header and rng.random() < 0.4:
        running_header = name
    if not running_footer and rng.random() < 0.5:
        running_footer = "Page {page}"
    f["running"] = "header" if running_header else "footer" if running_footer else "none"

    org_form = rng.choice((series.authority.name, series.authority.place))
    intro.insert(0, Text(rng.choice(bank.INTROS).format(org=org_form)))
    if rng.random() < 0.3:
        intro.append(Text(rng.choice(bank.PARTNER_LINES).format(partner=context["partner"].name)))
        f["partner"] = "yes"
    else:
        f["partner"] = "no"
    blocks += intro

    if cue == "version_table":
        blocks += _version_table(rng, context, number, date_print)

    findings: list[Finding] = context["findings"]
    layout = context["layout"]
    if layout == "list":
        blocks.append(Text(rng.choice(bank.FINDING_HEADINGS), "heading"))
        blocks.append(Items(tuple((finding.label, finding.text) for finding in findings)))
    blocks += _action_tables(rng, context, actions, style, day)
    blocks += end

    metadata = {"printed": title, "stale": "Action plan template v1", "none": ""}
    document = Document(
        file_name=f"series_{series.seed:04d}_v{number}.{f['format']}",
        format=f["format"],
        doc_type="improvement_plan",
        series=series.key,
        organisation=series.authority.name,
        doc_date=day,
        cue=cue,
        title=title,
        blocks=blocks,
        factors=f,
        page=f["page"],
        font=f["font"],
        metadata_title=metadata[f["metadata_title"]],
        running_header=running_header,
        running_footer=running_footer,
        docx_title=f["docx_title"],
        cue_text=cue_text,
        distractors=distractors,
    )
    document.actions = [
        {
            "text": action.text,
            "ref": action.ref,
            "lead": action.lead,
            "status": action.status,
            "due_date": action.due.isoformat() if action.due else None,
        }
        for action in actions
    ]
    document.recommendations = [
        {"text": finding.text, "ref": finding.ref, "kind": "finding"} for finding in findings
    ]
    if layout != "list":
        document.coverage = [
            {"action": action.text, "ref": action.ref, "recommendation": action.rec}
            for action in actions
        ]
    return document


def _version_table(rng: random.Random, context: dict, number: int, date_print: str) -> list[Block]:
    """Version | Date | Changes: every version so far, the latest row this one."""
    rows = [
        (
            "0.1",
            print_date(context["cabinet"] - timedelta(days=rng.randrange(7, 30)), date_print),
            "First draft for consultation",
        )
    ]
    for k in range(1, number + 1):
        change = "Agreed by Cabinet" if k == 1 else rng.choice(bank.VERSION_CHANGES)
        rows.append((f"1.{k - 1}", print_date(context["dates"][k - 1], date_print), change))
    newest_first = rng.random() < 0.35
    if newest_first:
        rows.reverse()
    return [
        Text(rng.choice(bank.VERSION_TABLE_HEADINGS), "heading"),
        Grid(("Version", "Date", "Changes"), tuple(rows), (0.6, 1.0, 3.0)),
    ]


def _status_word(rng: random.Random, status: str, vocabulary: str) -> tuple[str, str | None]:
    if vocabulary == "colours":
        word = COLOURS[status]
        return word, FILLS[word]
    return rng.choice(PHRASES[status]), None


def _action_tables(
    rng: random.Random, context: dict, actions: list[Action], style: DateStyle, day: date
) -> list[Block]:
    """The action table (one, with recommendation rows, or one per recommendation heading)."""
    words = context["columns"]
    header = tuple(words[role] for role in ("ref", "action", "lead", "due", "status", "update"))
    weights = (0.7, 3.0, 1.4, 1.1, 1.4, 2.8)  # ref and status words on one line
    layout = context["layout"]

    def row(action: Action) -> tuple[tuple[str, ...], str | None]:
        word, fill = _status_word(rng, action.status, context["vocabulary"])
        due = action.due_word
        if action.due:
            due, meaning = style.format(style.level, action.due, rng)
            assert meaning == action.due  # a month's end means itself in every style
        month = day - timedelta(days=rng.randrange(20, 120))
        month_text = MONTHS[month.month - 1] + (f" {month.year}" if rng.random() < 0.4 else "")
        update = rng.choice(bank.UPDATES).format(month=month_text)
        return (action.ref, action.text, action.lead, due, word, update), fill

    def grid(items: list[tuple[str, ...] | Band], fills: list[tuple[int, int, str]]) -> Grid:
        return Grid(header, tuple(items), weights, tuple(fills))

    if layout == "list":
        items, fills = [], []
        for action in actions:
            cells, fill = row(action)
            if fill:
                fills.append((len(items), 4, fill))
            items.append(cells)
        return [Text("Action plan", "heading"), grid(items, fills)]
    out: list[Block] = []
    items, fills = [], []
    for finding in context["findings"]:
        heading = finding.label + finding.text
        if layout == "headings":
            out.append(Text(heading, "heading"))
            items, fills = [], []
        else:
            items.append(Band(heading))
        for action in actions:
            if action.rec != finding.ref:
                continue
            cells, fill = row(action)
            if fill:
                fills.append((len(items), 4, fill))
            items.append(cells)
        if layout == "headings":
            out.append(grid(items, fills))
    if layout == "rows":
        out.append(grid(items, fills))
    return out


# ---------------------------------------------------------------------------- board report


def _board_report(series: Series, context: dict) -> Document:
    """A report to the improvement board about the plan: its own date is the meeting's."""
    rng = random.Random(f"plandrift-series-{series.seed}-board")
    f: dict[str, str] = {}
    f["format"] = _weighted(rng, FORMATS)
    f["font"] = rng.choice(FONTS)
    letterhead = _letterhead(rng, series.authority)
    f["letterhead"] = letterhead.style
    f["date_print"] = date_print = rng.choice(DATE_PRINTS)
    f["title_label"] = rng.choice(("none", "Report title:", "Title of report:", "Subject:"))
    f["decisions"] = rng.choice(("list", "sentence"))
    f["docx_title"] = rng.choice(DOCX_TITLES)
    versions = context["dates"]
    about = rng.randrange(len(versions))
    position = versions[about]
    meeting = position + timedelta(days=rng.randrange(7, 21))
    while meeting in versions:
        meeting += timedelta(days=1)
    title = rng.choice(bank.BOARD_TITLES).format(plan=series.plan_name)
    printed_meeting = rng.choice(bank.MEETING_LABELS).format(d=print_date(meeting, date_print))

    blocks: list[Block] = [letterhead, Text(rng.choice(bank.BOARD_HEADERS), "line")]
    if f["title_label"] == "none":
        blocks += [Title((title,)), Text(printed_meeting, "line")]
    else:  # a labelled title is a line like the others, not set large
        blocks += [Text(printed_meeting, "line"), Text(f"{f['title_label']} {title}", "line")]
    blocks.append(Text(f"Report of: {rng.choice(bank.REPORT_OF)}", "para"))
    blocks.append(Text("1. Purpose of the report", "heading"))
    purpose = (
        f"This report updates the Board on progress against the {series.plan_name}, "
        f"with the position as at {print_date(position, rng.choice(DATE_PRINTS))}."
    )
    blocks.append(Text(purpose))
    blocks.append(Text("2. Recommendations", "heading"))
    decisions: list[dict] = []
    if f["decisions"] == "sentence":
        sentence = f"The Board is asked to {bank.BOARD_DECISIONS[0]}."
        blocks.append(Text(sentence))
        decisions.append({"text": sentence, "ref": None, "kind": "decision"})
    else:
        chosen = rng.sample(bank.BOARD_DECISIONS, rng.randint(2, 3))
        blocks.append(Text("The Board is asked to:"))
        labels = rng.choice((("1.", "2.", "3."), ("a)", "b)", "c)"), ("(i)", "(ii)", "(iii)")))
        blocks.append(Items(tuple((labels[i], text) for i, text in enumerate(chosen))))
        decisions += [
            {"text": text, "ref": labels[i].strip("()").rstrip(".)"), "kind": "decision"}
            for i, text in enumerate(chosen)
        ]
    blocks.append(Text("3. Background", "heading"))
    background = (
        f"Ofsted's inspection of children's services in {series.authority.place} took "
        f"place {date_range(*context['inspection'])}. The report was published on "
        f"{print_date(context['published'], rng.choice(DATE_PRINTS))} and the plan was "
        f"agreed by Cabinet on {print_date(context['cabinet'], rng.choice(DATE_PRINTS))}."
    )
    following = meeting + timedelta(days=rng.randrange(28, 70))
    next_meeting = f"Next meeting of the Board: {print_date(following, rng.choice(DATE_PRINTS))}"
    blocks += [Text(background), Text(next_meeting)]
    extension = f["format"]
    return Document(
        file_name=f"series_{series.seed:04d}_board.{extension}",
        format=extension,
        doc_type="board_report",
        series=None,
        organisation=series.authority.name,
        doc_date=meeting,
        cue="meeting_date",
        title=title,
        blocks=blocks,
        factors=f,
        font=f["font"],
        metadata_title=rng.choice(("", title)),
        running_footer="Page {page}",
        docx_title=f["docx_title"],
        recommendations=decisions,
        cue_text=printed_meeting,
        distractors=[purpose, background, next_meeting],
    )
