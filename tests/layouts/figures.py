"""Figures a drawn plan states, with their truth: numbers in measure and progress-update
cells, and a status summary (a table of sections x status columns, or a bulleted count list)
printed before or after the action table.

Drawn from a random stream of their own (``plandrift-figures-{seed}``), after the layout's
factors and content, so that adding them left every earlier draw's factors, actions and
action truth as they were.  Each figure's truth is the value printed, never parsed back:

- ``source`` "table" for a summary table's cells (``name`` the column as printed,
  ``breakdown`` the row as printed), "prose" for figures in cells and bullets (``name`` the
  subject as printed: evaluate.py matches a prose figure on a shared content word);
- ``period`` the document's month, or the month the sentence names ("in May" is the last
  May on or before the document's month; a full date's month);
- ``series`` "target" where the wording sets one ("target 90%", "no more than 18", "below
  20%"), else "actual";
- ``unit`` "%", "count" or "per_10000";
- the second number of "N of M" and "(k/m)" is not a figure of its own, nor is a number in a
  date, reference, duration, distance, age, year or telephone number, nor a blank or "-"
  summary cell;
- ``page`` only where it is known without rendering: a summary printed before the table is
  on page 1.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from . import bank
from .dates import MONTHS

SUMMARY_KINDS = (("table", 45), ("bullets", 30), ("none", 25))
SUMMARY_PLACES = ("before", "after")
SUMMARY_ROWS = ("groups", "recommendations", "themes")
CELL_FIGURES = ("some", "many")
HELD_OUT_SHARE = 0.12  # of figure wordings drawn from the held-out lists


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    period: str  # YYYY-MM
    source: str = "prose"  # table | prose
    series: str = "actual"
    breakdown: str | None = None
    where: str = "update"  # measure | update | summary_table | summary_bullets
    held_out: bool = False
    page: int | None = None

    def truth(self) -> dict:
        row = {
            "source": self.source,
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "period": self.period,
            "series": self.series,
            "breakdown": self.breakdown,
            "where": self.where,
            "held_out": self.held_out,
        }
        if self.page is not None:
            row["page"] = self.page
        return row


@dataclass(frozen=True)
class Summary:
    kind: str  # table | bullets
    place: str  # before | after
    heading: str
    intro: str
    ruling: str = "grid"  # table: its rules (RULINGS), the action table's or a grid
    header: tuple[str, ...] = ()  # table: the corner cell, then the count columns
    rows: tuple[tuple[str, ...], ...] = ()  # table: the printed cells of each row
    bullets: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()


def month_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class FigureDraw:
    """One document's figures: the factors and the random stream they are drawn from."""

    def __init__(self, seed: int, doc_date: date) -> None:
        self.rng = random.Random(f"plandrift-figures-{seed}")
        self.doc_date = doc_date
        rng = self.rng
        self.factors = {
            "summary": rng.choices(*zip(*SUMMARY_KINDS, strict=True))[0],
            "summary_place": rng.choice(SUMMARY_PLACES),
            "summary_rows": rng.choice(SUMMARY_ROWS),
            "cell_figures": rng.choice(CELL_FIGURES),
            # Word's "Table Grid" is what most summaries are drawn with; some share the
            # action table's rules.
            "summary_ruling": rng.choice(("grid", "grid", "as_table")),
        }
        if self.factors["summary"] != "table":
            self.factors["summary_rows"] = self.factors["summary_ruling"] = "none"
        if self.factors["summary"] == "none":
            self.factors["summary_place"] = "none"
        self.held_out_words: list[str] = []

    # ------------------------------------------------------------------ cell figures

    def _when(self, opening: bool) -> tuple[str, str]:
        """A month phrase (or none) and the period it gives."""
        rng = self.rng
        if rng.random() < 0.5:
            return "", period_of(self.doc_date)
        year, month = month_back(self.doc_date, rng.randrange(0, 5))
        pattern = rng.choice(bank.WHEN_OPENING if opening else bank.WHEN_AFTER)
        return pattern.format(month=MONTHS[month - 1], year=year), f"{year:04d}-{month:02d}"

    def _value(self, kind: str) -> float:
        rng = self.rng
        if kind == "percent":
            return rng.choice((rng.randrange(35, 100), round(rng.uniform(40, 99), 1)))
        if kind == "count":
            return rng.randrange(2, 60)
        if kind == "caseload":
            return rng.choice((rng.randrange(12, 30), round(rng.uniform(12, 28), 1)))
        return rng.choice((rng.randrange(20, 600), round(rng.uniform(20, 90), 1)))

    def cell_sentence(self, where: str) -> tuple[str, tuple[Figure, ...]]:
        """A measure cell or an update sentence stating one figure (two with a target)."""
        rng = self.rng
        kind = rng.choice(("percent", "percent", "count", "caseload", "rate"))
        templates = (bank.MEASURE_TEMPLATES if where == "measure" else bank.UPDATE_TEMPLATES)[kind]
        held_out = False
        if where == "update" and rng.random() < HELD_OUT_SHARE:
            templates = bank.UPDATE_TEMPLATES_HELD_OUT[kind]
            held_out = True
        template = rng.choice(templates)[0]
        subjects = bank.COUNT_SUBJECTS
        if kind == "count" and rng.random() < HELD_OUT_SHARE:
            subjects = bank.COUNT_SUBJECTS_HELD_OUT
            held_out = True
        value = self._value(kind)
        target = self._value(kind)
        whole = int(value) + rng.randrange(1, 30) if kind == "count" else 0
        opening, opening_period = self._when(True) if "{opening}" in template else ("", None)
        when, when_period = self._when(False) if "{when}" in template else ("", None)
        period = opening_period or when_period or period_of(self.doc_date)
        fields = {"v": _print(value), "t": _print(target), "m": whole, "when": when,
                  "opening": opening, "verb": rng.choice(bank.PERCENT_VERBS)}  # fmt: skip
        if kind == "percent" and "{noun}" in template.lower():
            noun, pred, _ = rng.choice(bank.PERCENT_SUBJECTS)
            name = f"{noun} {pred}"
            whole = rng.randrange(40, 800)
            fields |= {"noun": noun, "pred": pred, "m": whole,
                       "k": round(whole * value / 100)}  # fmt: skip
        elif kind == "percent":
            name = rng.choice(bank.PERCENT_NAMES)[0]
            fields["name"] = name
        elif kind == "count":
            noun, pred, _ = rng.choice(subjects)
            name = f"{noun} {pred}"
            fields |= {"noun": noun, "pred": pred}
        elif kind == "caseload":
            team = rng.choice(bank.CASELOAD_TEAMS)
            fields["team"] = team
            if "{team}" in template:
                name = f"average caseload in {team}"
            else:
                name = "caseloads" if template.startswith("Caseloads") else "average caseload"
        else:
            name = rng.choice(bank.RATE_SUBJECTS)[0]
            fields["name"] = name
        fields |= {key[:1].upper() + key[1:]: _cap(str(text)) for key, text in fields.items()}
        text = template.format(**fields)
        if text[:1].islower():
            text = _cap(text)
        unit = {"percent": "%", "rate": "per_10000"}.get(kind, "count")
        figures = []
        if "{v}" in template:
            figures.append(Figure(name.lower(), value, unit, period, where=where,
                                  held_out=held_out))  # fmt: skip
        if "{t}" in template:
            figures.append(Figure(name.lower(), target, unit, period, series="target",
                                  where=where, held_out=held_out))  # fmt: skip
        if held_out:
            self.held_out_words.append(template)
        return text, tuple(figures)

    def distractor(self, ref: str | None, day: str) -> str:
        rng = self.rng
        return rng.choice(bank.DISTRACTORS).format(
            ref=ref or f"{rng.randrange(1, 6)}.{rng.randrange(1, 6)}",
            phone=f"{rng.randrange(0, 1000):03d}",
            d1=day,
            page=rng.randrange(2, 40),
        )

    # ---------------------------------------------------------------------- summary

    def summary(
        self, paths: list[str], statuses: list[str | None], table_ruling: str
    ) -> Summary | None:
        kind = self.factors["summary"]
        if kind == "none":
            return None
        rng = self.rng
        vocabularies = dict(bank.SUMMARY_COLUMNS)
        held_out = rng.random() < HELD_OUT_SHARE
        if held_out:
            vocabularies = dict(bank.SUMMARY_COLUMNS_HELD_OUT)
        vocabulary = rng.choice(sorted(vocabularies))
        labels = vocabularies[vocabulary][0]
        heading = rng.choice(bank.SUMMARY_HEADINGS)[0]
        place = self.factors["summary_place"]
        page = 1 if place == "before" else None
        period = period_of(self.doc_date)
        if kind == "table":
            ruling = self.factors["summary_ruling"]
            ruling = table_ruling if ruling == "as_table" else ruling
            return self._table(paths, labels, heading, period, page, held_out, ruling)
        return self._bullets(statuses, labels, heading, period, page, held_out)

    def _counts(self) -> list[int]:
        rng = self.rng
        return [rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 8, 11)) for _ in range(4)]

    def _table(self, paths, labels, heading, period, page, held_out, ruling) -> Summary:
        rng = self.rng
        rows_from = self.factors["summary_rows"]
        if rows_from == "groups":
            names = list(dict.fromkeys(paths))
        elif rows_from == "recommendations":
            style = rng.choice(("Recommendation {n}", "R{n}", "Recommendation {n}: {text}"))
            count = rng.randint(2, 6)
            texts = rng.sample(bank.RECOMMENDATIONS, count)
            names = [style.format(n=n, text=text) for n, text in enumerate(texts, 1)]
        else:
            names = rng.sample(bank.THEMES, rng.randint(3, 6))
        total_word = rng.choice(bank.SUMMARY_TOTALS)
        total_first = rng.random() < 0.3
        dash_zero = rng.random() < 0.3
        total_row = rng.choice((None, *bank.SUMMARY_TOTAL_ROWS))
        corner = rng.choice(bank.SUMMARY_CORNERS)
        header = [*labels, total_word]
        if total_first:
            header = [total_word, *labels]
        counts = [self._counts() for _ in names]
        sums = [sum(column) for column in zip(*counts, strict=True)]
        rows = [(name, row) for name, row in zip(names, counts, strict=True)]
        if total_row:
            rows.append((total_row, sums))
        printed, figures = [], []
        for name, row in rows:
            values = [*row, sum(row)] if not total_first else [sum(row), *row]
            cells = []
            for column, value in zip(header, values, strict=True):
                if value == 0 and dash_zero:
                    cells.append("-")
                    continue
                cells.append(str(value))
                figures.append(Figure(column, value, "count", period, source="table",
                                      breakdown=name, where="summary_table",
                                      held_out=held_out, page=page))  # fmt: skip
            printed.append((name, *cells))
        return Summary("table", self.factors["summary_place"], heading,
                       rng.choice(bank.SUMMARY_INTROS), ruling, (corner, *header),
                       tuple(printed), figures=tuple(figures))  # fmt: skip

    def _bullets(self, statuses, labels, heading, period, page, held_out) -> Summary:
        rng = self.rng
        counts = dict.fromkeys(bank.STATUS_PHRASES, 0)
        for status in statuses:
            if status in counts:
                counts[status] += 1
        if not any(counts.values()):  # no status shown: the plan still counts them
            counts = dict(zip(counts, self._counts(), strict=True))
        total = sum(counts.values())
        bullets, figures = [], []
        opening = rng.choice(bank.BULLET_TOTALS)[0]
        if opening:
            bullets.append(opening.format(total=total))
            figures.append(Figure("actions in the plan", total, "count", period,
                                  where="summary_bullets", page=page))  # fmt: skip
        for (status, count), label in zip(counts.items(), labels, strict=True):
            if count == 0 and rng.random() < 0.5:
                continue
            templates, bullet_held_out = bank.BULLET_TEMPLATES, held_out
            if rng.random() < HELD_OUT_SHARE:
                templates, bullet_held_out = bank.BULLET_TEMPLATES_HELD_OUT, True
            template, name, _ = rng.choice(templates)
            phrase = rng.choice(bank.STATUS_PHRASES[status])
            text = template.format(n=count, total=total, phrase=phrase, Phrase=label)
            name = name.format(phrase=phrase, Phrase=label)
            bullets.append(_cap(text))
            figures.append(Figure(name, count, "count", period, where="summary_bullets",
                                  held_out=bullet_held_out, page=page))  # fmt: skip
        return Summary("bullets", self.factors["summary_place"], heading, "",
                       bullets=tuple(bullets), figures=tuple(figures))  # fmt: skip


def _print(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def add_figures(layout, groups: list, statuses: list[str | None]) -> tuple[list, Summary | None]:
    """The layout's groups with figures in some measure and update cells (and the truth of
    the figures the cells held already), and its status summary."""
    draw = FigureDraw(layout.seed, layout.doc_date)
    layout.factors.update(draw.factors)
    rng = draw.rng
    share = {"some": 0.3, "many": 0.6}[draw.factors["cell_figures"]]
    has_measure = layout.has("measure")
    out = []
    for group in groups:
        rows = []
        for row in group.rows:
            figures: list[Figure] = []
            measure, update = row.measure, row.update
            if has_measure:
                if rng.random() < share + 0.2:
                    measure, found = draw.cell_sentence("measure")
                    figures += found
                else:
                    figures += _known(bank.MEASURE_FIGURES.get(measure, ()), "measure", draw)
            dated = row.update_day if "{d1}" in row.update_template else None
            figures += _known(bank.UPDATE_FIGURES.get(row.update_template, ()), "update", draw,
                              dated)  # fmt: skip
            if rng.random() < share:
                sentence, found = draw.cell_sentence("update")
                update = f"{update} {sentence}".strip()
                figures += found
            if rng.random() < 0.15:
                day = row.update_day or layout.doc_date
                update = f"{update} {draw.distractor(row.ref, day.strftime('%d/%m/%Y'))}".strip()
            rows.append(replace(row, measure=measure, update=update, figures=tuple(figures)))
        out.append(replace(group, rows=tuple(rows)))
    held = draw.held_out_words
    summary = draw.summary([group.path[0] for group in groups], statuses, layout.factors["ruling"])
    layout.factors["figures_held_out"] = "yes" if held else "no"
    return out, summary


def distinct(figures) -> list[Figure]:
    """Each figure once: the same figure printed in several cells (a measure shared by
    several actions) is one fact of the document."""
    seen, out = set(), []
    for figure in figures:
        key = (figure.source, figure.name.lower(), figure.value, figure.unit, figure.period,
               figure.series, figure.breakdown)  # fmt: skip
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


def _known(figures, where: str, draw: FigureDraw, day: date | None = None) -> list[Figure]:
    period = period_of(day or draw.doc_date)
    return [
        Figure(name, value, unit, period, series=series, where=where)
        for name, value, unit, series in figures
    ]
