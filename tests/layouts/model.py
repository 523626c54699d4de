"""The layout draw: factors drawn independently from a seed, then the content and its truth.

:func:`draw` is pure: the same seed always gives the same :class:`Layout`.  Renderers only
print what the layout holds; :func:`truth` reads the same layout, so the truth is right by
construction.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import bank
from .dates import DATE_LEVELS, NO_DATE, DateStyle, in_words
from .figures import Figure, Summary, add_figures, distinct
from .words import HELD_OUT, KNOWN

# ------------------------------------------------------------------------------ factors

FORMATS = (("pdf", 55), ("scan", 15), ("docx", 12), ("html", 10), ("txt", 8))
SCAN_DPIS = ("150", "200", "300")
RULINGS = ("grid", "horizontal", "box", "none", "zebra")
HEADERS = ("repeated", "once", "wrapped", "plain")
COLUMN_ORDERS = ("canonical", "shuffled")
EXTRAS = ("last_update", "measure", "original_and_revised", "outcome", "ref", "start_date", "theme")
STATUSES = ("words", "letters", "fill", "glyph", "word_fill", "tick", "none")
GROUPINGS = (
    "band",
    "merged_column",
    "headings",
    "recommendations",
    "nested",
    "substeps",
    "blocks",
)
ROWS = ("top", "vcentred", "merged_lead", "long")
PAGES = ("a4_portrait", "a4_landscape", "a3_landscape")
FONTS = ("helvetica", "times")
SIZES = ("7", "8", "9", "10")
DECORATIONS = ("none", "logo", "running", "both")
SUBSTEP_STYLES = ("numbered_rows", "letters", "bullets")

# Canonical statuses and the ways they are printed.
COLOUR_OF = {"complete": "blue", "on_track": "green", "at_risk": "amber", "off_track": "red"}
COLOUR_WORDS = {"blue": ("Blue", "BLUE"), "green": ("Green", "GREEN"), "amber": ("Amber", "AMBER"),
                "red": ("Red", "RED")}  # fmt: skip
LETTERS = {"blue": "B", "green": "G", "amber": "A", "red": "R"}
PHRASES = {
    "complete": ("Complete", "Completed"),
    "on_track": ("On track", "On Track"),
    "at_risk": ("At risk", "At Risk"),
    "off_track": ("Off track", "Off Track"),
    "not_started": ("Not started", "Not yet started"),
    "in_progress": ("In progress", "Underway"),
}
# Fill colours of real RAG palettes (Excel/Word standard colours and their light tints).
PALETTES = {
    "red": ("FF0000", "F4B6B6", "C00000", "FF7C80"),
    "amber": ("FFC000", "FFBF00", "F9D9A8", "FFD966"),
    "green": ("00B050", "92D050", "C6EFCE", "A9D08E"),
    "blue": ("0070C0", "9DC3E6", "00B0F0", "8EA9DB"),
}
# Saturated variants for a coloured dot (a pale dot on white would not read as a status).
GLYPH_PALETTES = {
    "red": ("FF0000", "C00000", "E03C31"),
    "amber": ("FFC000", "FFBF00", "ED7D31"),
    "green": ("00B050", "00A651", "4CAF50"),
    "blue": ("0070C0", "00B0F0", "2E75B6"),
}


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in options], [weight for _, weight in options])[0]


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Step:
    """A sub-step of a parent action: its own truth action."""

    text: str
    ref: str | None
    label: str  # printed before the text: "1.2.1", "a)", "•"


@dataclass(frozen=True)
class Row:
    """One action as printed (a table row or a labelled block) and its truth values."""

    text: str
    ref: str | None
    lead: str
    status: str | None  # canonical status the printed cell means (before visibility)
    colour: str | None  # blue/green/amber/red
    status_word: str  # the word or letter printed ("" for fill/glyph/tick)
    fill: str | None  # hex RGB of the status cell, or of the dot for glyph
    due: str  # the target (or original target) date as printed
    due_date: str | None  # what the printed due/revised date means
    revised: str = ""
    start: str = ""
    last_update: str = ""
    measure: str = ""
    update: str = ""
    outcome: str = ""  # the outcome column's cell
    theme: str = ""
    steps: tuple[Step, ...] = ()
    lead_span: int = 1  # merged_lead: n > 1 opens a merged run of n rows, 0 is covered
    update_template: str = ""  # the bank.UPDATES entry the update was written from
    update_day: date | None = None  # the day its "{d1}" stands for
    figures: tuple[Figure, ...] = ()  # what the measure and update cells state (figures.py)


@dataclass(frozen=True)
class Group:
    """A run of rows under one heading path (top level first)."""

    path: tuple[str, ...]
    rows: tuple[Row, ...]
    outcome: str | None = None  # recommendations: the outcome band under the recommendation


@dataclass(frozen=True)
class Column:
    role: str
    word: str


@dataclass
class Layout:
    seed: int
    factors: dict[str, str]
    council: str
    title: str
    doc_date: date
    date_line: str
    intro: str
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    substeps: str  # numbered_rows | letters | bullets | none
    block_order: tuple[str, ...] = ()  # blocks: the order of the labelled lines
    block_labels: dict[str, str] = field(default_factory=dict)
    block_ref_label: str = "Action"
    summary: Summary | None = None  # the status summary printed before or after the table
    figures: bool = False  # drawn with figures: the truth labels them

    @property
    def format(self) -> str:
        return self.factors["format"]

    @property
    def extension(self) -> str:
        return {"scan": "pdf"}.get(self.format, self.format)

    @property
    def file_name(self) -> str:
        return f"layout_{self.seed:05d}.{self.extension}"

    def header_word(self, role: str) -> str:
        return next(column.word for column in self.columns if column.role == role)

    def has(self, role: str) -> bool:
        return any(column.role == role for column in self.columns)


# ----------------------------------------------------------------------------------- draw


def draw_factors(seed: int) -> tuple[dict[str, str], random.Random]:
    """Each factor drawn on its own, in a fixed order, from the seed."""
    rng = random.Random(f"plandrift-layout-{seed}")
    f: dict[str, str] = {}
    f["format"] = _weighted(rng, FORMATS)
    dpi = rng.choice(SCAN_DPIS)
    f["scan_dpi"] = dpi if f["format"] == "scan" else "none"
    f["ruling"] = rng.choice(RULINGS)
    f["header"] = rng.choice(HEADERS)
    f["column_order"] = rng.choice(COLUMN_ORDERS)
    extras = sorted(extra for extra in EXTRAS if rng.random() < 0.3)
    f["status"] = rng.choice(STATUSES)
    f["grouping"] = rng.choice(GROUPINGS)
    f["rows"] = rng.choice(ROWS)
    f["dates"] = rng.choice(DATE_LEVELS)
    f["page"] = rng.choice(PAGES)
    f["font"] = rng.choice(FONTS)
    f["size"] = rng.choice(SIZES)
    f["decorations"] = rng.choice(DECORATIONS)
    substeps = rng.choice(SUBSTEP_STYLES)
    # Extras that the grouping makes meaningless are left out (and recorded as absent).
    if f["grouping"] == "substeps" and "ref" not in extras:
        extras = sorted([*extras, "ref"])  # a parent is named by its ref
    if f["grouping"] == "recommendations":
        extras = [extra for extra in extras if extra != "outcome"]  # the band states it
    if f["grouping"] == "merged_column":
        extras = [extra for extra in extras if extra != "theme"]  # the group column is one
    f["extras"] = "+".join(extras) or "none"
    for extra in EXTRAS:
        f[f"extra_{extra}"] = "yes" if extra in extras else "no"
    f["substeps"] = substeps if f["grouping"] == "substeps" else "none"
    return f, rng


def draw(seed: int, *, figures: bool = False) -> Layout:
    """The layout of seed *seed*: factors, then content (pure and deterministic).

    With *figures*, some measure and update cells state figures and a status summary may be
    printed (figures.py), drawn after everything else from a random stream of their own:
    the factors, actions and action truth are those of the same seed without them, and a
    draw without them keeps the bytes it always had."""
    factors, rng = draw_factors(seed)
    content = random.Random(f"plandrift-content-{seed}")
    doc_date = date(2019, 1, 1) + timedelta(days=content.randrange(0, 7 * 365 + 180))
    style = DateStyle(factors["dates"], content, doc_date)
    extras = set(factors["extras"].split("+")) - {"none"}

    columns, held = _columns(factors, extras, rng)
    factors["unknown_header"] = "yes" if held else "no"
    factors["held_out"] = "+".join(held) or "none"

    status_level = factors["status"]
    vocabulary = (
        content.choice(("phrases", "colours")) if status_level in ("words", "word_fill") else "none"
    )
    factors["status_words"] = vocabulary
    palette = {colour: content.choice(PALETTES[colour]) for colour in PALETTES}
    glyphs = {colour: content.choice(GLYPH_PALETTES[colour]) for colour in GLYPH_PALETTES}
    ref_style = content.choice(("dotted", "R", "A", "plain"))
    grouping = factors["grouping"]
    long_rows = factors["rows"] == "long"

    used: set[str] = set()
    # Long rows run over pages quickly: fewer of them keeps documents at 1-4 pages or so.
    n_actions = content.randint(8, 14 if long_rows else 30)
    paths, outcomes = _group_paths(grouping, content, n_actions)
    sizes = _split(n_actions, len(paths), content)

    groups: list[Group] = []
    number = 0
    for g, (path, size) in enumerate(zip(paths, sizes, strict=True), start=1):
        rows = []
        for i in range(1, size + 1):
            number += 1
            ref = _ref(ref_style, g, i, number) if "ref" in extras else None
            rows.append(
                _row(
                    content,
                    style,
                    used,
                    ref=ref,
                    extras=extras,
                    status_level=status_level,
                    vocabulary=vocabulary,
                    palette=palette,
                    glyphs=glyphs,
                    long=long_rows,
                    doc_date=doc_date,
                )
            )
        if grouping == "substeps":
            rows = _add_steps(rows, factors["substeps"], content, used)
        if factors["rows"] == "merged_lead":
            rows = _merge_leads(rows, content)
        groups.append(Group(tuple(path), tuple(rows), outcomes[g - 1]))

    layout = Layout(
        seed=seed,
        factors=factors,
        council=content.choice(bank.COUNCILS),
        title=content.choice(bank.PLAN_TITLES),
        doc_date=doc_date,
        date_line=content.choice(bank.DATE_LINES).format(date=in_words(doc_date)),
        intro=content.choice(bank.INTROS).format(
            other=in_words(doc_date - timedelta(days=content.randrange(60, 400)))
        ),
        columns=tuple(columns),
        groups=tuple(groups),
        substeps=factors["substeps"],
    )
    if grouping == "blocks":
        from .words import BLOCK_LABELS

        roles = [c.role for c in columns if c.role not in ("action", "ref", "group")]
        content.shuffle(roles)
        layout.block_order = tuple(roles)
        layout.block_labels = {role: content.choice(BLOCK_LABELS[role]) for role in BLOCK_LABELS}
        layout.block_ref_label = content.choice(("Action", "Action", "Ref", ""))
    if figures:
        statuses = [row.status for group in layout.groups for row in group.rows]
        groups, layout.summary = add_figures(layout, list(layout.groups), statuses)
        layout.groups = tuple(groups)
        layout.figures = True
    return layout


def _columns(
    factors: dict[str, str], extras: set[str], rng: random.Random
) -> tuple[list[Column], list[str]]:
    held: list[str] = []

    def word(role: str) -> str:
        if role in HELD_OUT and rng.random() < 0.05:
            choice = rng.choice(HELD_OUT[role])
            held.append(choice)
            return choice
        return rng.choice(KNOWN[role])[0]

    lead: list[Column] = []
    if factors["grouping"] == "merged_column":
        lead.append(Column("group", word("group")))
    if "ref" in extras:
        lead.append(Column("ref", word("ref")))
    rest = [Column("action", word("action"))]
    for extra in ("theme", "outcome", "measure"):
        if extra in extras:
            rest.append(Column(extra, word(extra)))
    rest.append(Column("lead", word("lead")))
    if "start_date" in extras:
        rest.append(Column("start", word("start")))
    if "original_and_revised" in extras:
        rest += [Column("original", word("original")), Column("revised", word("revised"))]
    else:
        rest.append(Column("due", word("due")))
    if factors["status"] == "tick":
        rest.append(Column("tick", word("tick")))
    elif factors["status"] != "none":
        rest.append(Column("status", word("status")))
    rest.append(Column("update", word("update")))
    if "last_update" in extras:
        rest.append(Column("last_update", word("last_update")))
    if factors["column_order"] == "shuffled":
        canonical = list(rest)
        while rest == canonical:
            rng.shuffle(rest)
    return lead + rest, held


def _group_paths(
    grouping: str, rng: random.Random, n_actions: int
) -> tuple[list[tuple[str, ...]], list[str | None]]:
    """The heading path of each group and, for recommendations, its outcome statement."""
    count = max(1, min(rng.randint(2, 6), n_actions // 2))
    numbered = rng.random() < 0.6
    if grouping == "merged_column":
        names = rng.sample(bank.THEMES, count)
        return [(name,) for name in names], [None] * count
    if grouping == "recommendations":
        recs = rng.sample(bank.RECOMMENDATIONS, count)
        outcomes = rng.sample(bank.OUTCOMES, count) if count <= len(bank.OUTCOMES) else None
        label = rng.choice(("Recommendation {n}: ", "Recommendation {n} – ", "R{n}: "))
        paths = [(label.format(n=n) + rec,) for n, rec in enumerate(recs, 1)]
        return paths, list(outcomes)
    if grouping == "nested":
        tops = rng.sample(bank.SECTIONS, max(2, min(3, count)))
        subs = iter(rng.sample(bank.SUBGROUPS, 9))
        paths = []
        for n, top in enumerate(tops, 1):
            for _ in range(rng.randint(1, 3)):
                paths.append((f"{n}. {top}", next(subs)))
        paths = paths[: max(2, n_actions // 2)]
        return paths, [None] * len(paths)
    names = rng.sample(bank.SECTIONS, count)
    paths = [((f"{n}. " if numbered else "") + name,) for n, name in enumerate(names, 1)]
    return paths, [None] * count


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """*total* rows over *parts* groups, each at least one."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


def _ref(style: str, group: int, index: int, number: int) -> str:
    if style == "dotted":
        return f"{group}.{index}"
    if style == "R":
        return f"R{group}.{index}"
    if style == "A":
        return f"A{number}"
    return str(number)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _action_text(rng: random.Random, used: set[str], long: bool) -> str:
    for _ in range(200):
        if rng.random() < 0.4:
            text = rng.choice(bank.ACTIONS)
        else:
            text = (
                f"{rng.choice(bank._VERBS)} {rng.choice(bank._OBJECTS)}"
                f"{rng.choice(bank._QUALIFIERS)}"
            )
        if (long and rng.random() < 0.5) or rng.random() < 0.12:
            text += "." + rng.choice(bank.LONG_TAILS)
        if _key(text) not in used:
            used.add(_key(text))
            return text
    raise RuntimeError("ran out of distinct action texts")


def _status(
    rng: random.Random, level: str, vocabulary: str, palette: dict, glyphs: dict
) -> tuple[str | None, str | None, str, str | None]:
    """(canonical, colour, printed word, fill) of one row's status."""
    if level == "none":
        return None, None, "", None
    if level == "words" and vocabulary == "phrases":
        status = rng.choices(list(PHRASES), [20, 35, 18, 10, 9, 8])[0]
        return status, COLOUR_OF.get(status), rng.choice(PHRASES[status]), None
    status = rng.choices(list(COLOUR_OF), [22, 40, 25, 13])[0]
    colour = COLOUR_OF[status]
    if level == "tick":
        return status, colour, "", None
    if level == "letters":
        return status, colour, LETTERS[colour], None
    if level == "glyph":
        return status, colour, "", glyphs[colour]
    if level == "fill":
        return status, colour, "", palette[colour]
    word = rng.choice(PHRASES[status] if vocabulary == "phrases" else COLOUR_WORDS[colour])
    return status, colour, word, palette[colour] if level == "word_fill" else None


def _row(
    rng: random.Random,
    style: DateStyle,
    used: set[str],
    *,
    ref: str | None,
    extras: set[str],
    status_level: str,
    vocabulary: str,
    palette: dict,
    glyphs: dict,
    long: bool,
    doc_date: date,
) -> Row:
    text = _action_text(rng, used, long)
    status, colour, word, fill = _status(rng, status_level, vocabulary, palette, glyphs)
    # The target date: a date, or a word that stands for none.
    if rng.random() < 0.12:
        due = "Complete" if status == "complete" and rng.random() < 0.5 else rng.choice(NO_DATE)
        due_day = None
    else:
        due, due_day = style.target(rng)
    revised = ""
    if "original_and_revised" in extras and due_day is not None and rng.random() < 0.5:
        revised, due_day = style.target(rng, after=due_day)
    start = ""
    if "start_date" in extras:
        start = style.plain(rng, (due_day or doc_date) - timedelta(days=rng.randrange(30, 200)))
    last_update = ""
    if "last_update" in extras:
        while True:
            day = doc_date - timedelta(days=rng.randrange(0, 60))
            if day != due_day:
                break
        last_update = style.plain(rng, day)
    update_template = rng.choice(bank.UPDATES)
    update_day = doc_date - timedelta(days=rng.randrange(3, 120))
    update = update_template.format(d1=style.plain(rng, update_day))
    if long and rng.random() < 0.6:
        update += bank.LONG_UPDATE_TAIL
    return Row(
        text=text,
        ref=ref,
        lead=rng.choice(bank.LEADS),
        status=status,
        colour=colour,
        status_word=word,
        fill=fill,
        due=due,
        due_date=due_day.isoformat() if due_day else None,
        revised=revised,
        start=start,
        last_update=last_update,
        measure=rng.choice(bank.MEASURES) if "measure" in extras else "",
        update=update,
        update_template=update_template,
        update_day=update_day,
        outcome=rng.choice(bank.OUTCOMES) if "outcome" in extras else "",
        theme=rng.choice(bank.THEME_TAGS) if "theme" in extras else "",
    )


def _add_steps(rows: list[Row], style: str, rng: random.Random, used: set[str]) -> list[Row]:
    """Give some rows 2-4 sub-steps (at least one row per group)."""
    out = []
    chosen = {rng.randrange(len(rows))} | {i for i in range(len(rows)) if rng.random() < 0.3}
    for i, row in enumerate(rows):
        if i not in chosen:
            out.append(row)
            continue
        steps = []
        for n in range(1, rng.randint(2, 4) + 1):
            for _ in range(50):
                text = rng.choice(bank.SUBSTEPS)
                if rng.random() < 0.5:
                    text += rng.choice(
                        (" for the pilot teams", " with partners", " in each locality",
                         " for managers", " and agree next steps", " by the end of the phase")
                    )  # fmt: skip
                if _key(text) not in used:
                    used.add(_key(text))
                    break
            else:
                break
            if style == "numbered_rows":
                ref = f"{row.ref}.{n}"
                steps.append(Step(text, ref, ref))
            elif style == "letters":
                letter = "abcdefgh"[n - 1]
                steps.append(Step(text, letter, f"{letter})"))
            else:
                steps.append(Step(text, None, "•"))
        out.append(Row(**{**row.__dict__, "steps": tuple(steps)}))
    return out


def _merge_leads(rows: list[Row], rng: random.Random) -> list[Row]:
    """Runs of 2-4 rows share one lead, printed once in a merged cell."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        run = min(rng.randint(2, 4), len(rows) - i)
        if run >= 2 and rng.random() < 0.75:
            lead = rows[i].lead
            for k in range(run):
                out.append(Row(**{**rows[i + k].__dict__, "lead": lead,
                                  "lead_span": run if k == 0 else 0}))  # fmt: skip
            i += run
        else:
            out.append(rows[i])
            i += 1
    return out


# ---------------------------------------------------------------------------------- truth


def status_visible(layout: Layout) -> bool:
    """Can a reader see the status?  Fill and an uncoloured dot vanish in plain text."""
    return not (layout.format == "txt" and layout.factors["status"] in ("fill", "glyph"))


# Progress updates in bank.UPDATES that open by stating a status outright.
_STATUS_OPENINGS = (("Not yet started", "not_started"), ("Completed", "complete"))


def truth(layout: Layout) -> dict:
    """evaluate.py's document entry for *layout* (every key on every row, no "page")."""
    level = layout.factors["status"]
    visible = status_visible(layout)

    def status_of(row: Row) -> str | None:
        if level == "none":
            # With no status column, an update that opens by stating one is the status.
            return next(
                (status for opening, status in _STATUS_OPENINGS if row.update.startswith(opening)),
                None,
            )
        if not visible:
            return None
        if level == "tick":
            return "complete" if row.status == "complete" else None
        return row.status

    actions = []
    for group in layout.groups:
        for row in group.rows:
            # A Theme column names the row's own group: the innermost level of its path.
            path = [*group.path, row.theme] if row.theme else list(group.path)
            base = {
                "section": " › ".join(path) or None,
                "lead": row.lead,
                "status": status_of(row),
                "due_date": row.due_date,
                "outcome": group.outcome if group.outcome is not None else (row.outcome or None),
            }
            actions.append({"text": row.text, "ref": row.ref, "parent_ref": None, **base})
            for step in row.steps:
                actions.append({"text": step.text, "ref": step.ref, "parent_ref": row.ref, **base})
    keys = ("text", "ref", "parent_ref", "section", "lead", "status", "due_date", "outcome")
    entry = {
        "file": layout.file_name,
        "doc_date": layout.doc_date.isoformat(),
        "factors": dict(layout.factors),
        "actions": [{key: action[key] for key in keys} for action in actions],
    }
    if layout.figures:
        figures = [*(layout.summary.figures if layout.summary else ())]
        figures += [f for group in layout.groups for row in group.rows for f in row.figures]
        entry["indicators"] = [figure.truth() for figure in distinct(figures)]
    return entry
