"""Score stored actions against the generator's truth, by medium and by factor level, so the
weakest factor shows instead of hiding in a total (used by bench/layouts.py and the CI draw)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlite_utils

from plandrift.evaluate import Score, evaluate

FIELDS = ("lead", "status", "due_date", "section", "ref", "outcome")
# Factors that say nothing about a document of another medium (the generator draws every
# factor for every document, so a txt draw still has a "ruling").
_TABLE_FACTORS = {"ruling", "header", "rows", "page", "font", "size", "decorations"}


def medium(factors: dict[str, str]) -> str:
    if factors["format"] == "pdf":
        return "born-digital PDF"
    if factors["format"] == "scan":
        return "scanned PDF"
    return "DOCX/HTML/TXT"


@dataclass
class Tally:
    """Pooled counts over a group of documents."""

    score: Score = field(default_factory=Score)
    documents: int = 0

    def add(self, score: Score) -> None:
        self.score.add(score)
        self.documents += 1


@dataclass
class LayoutScores:
    documents: dict[str, Score]  # file -> its score
    factors: dict[str, dict[str, str]]  # file -> its factor levels
    by_medium: dict[str, Tally]
    by_level: dict[str, dict[tuple[str, str], Tally]]  # medium -> (factor, level) -> tally


def score_layouts(db: sqlite_utils.Database, truth: dict) -> LayoutScores:
    results = evaluate(db, truth)["actions"]
    factors = {entry["file"]: entry["factors"] for entry in truth["documents"]}
    by_medium: dict[str, Tally] = defaultdict(Tally)
    by_level: dict[str, dict[tuple[str, str], Tally]] = defaultdict(lambda: defaultdict(Tally))
    for name, score in results.documents.items():
        levels = factors[name]
        group = medium(levels)
        by_medium[group].add(score)
        for factor, level in levels.items():
            if factor in ("format", "held_out", "extras") or (
                group == "DOCX/HTML/TXT" and factor in _TABLE_FACTORS
            ):
                continue
            by_level[group][(factor, level)].add(score)
        if group == "DOCX/HTML/TXT":
            by_level[group][("format", levels["format"])].add(score)
    return LayoutScores(results.documents, factors, dict(by_medium), dict(by_level))


def accuracy(score: Score, name: str) -> float | None:
    right, total = score.fields.get(name, (0, 0))
    return right / total if total else None


def worst_levels(scores: LayoutScores, group: str, count: int = 5) -> list[tuple[str, float]]:
    """The factor levels with the lowest action F1 or field accuracy in one medium."""
    found = []
    for (factor, level), tally in scores.by_level.get(group, {}).items():
        values = [tally.score.f1] + [
            value for name in FIELDS if (value := accuracy(tally.score, name)) is not None
        ]
        found.append((f"{factor}={level}", min(values)))
    return sorted(found, key=lambda item: item[1])[:count]


def format_scores(scores: LayoutScores) -> list[str]:
    """Markdown tables: each medium's totals, then every factor level within it."""
    lines = [
        "| medium | documents | action F1 | " + " | ".join(FIELDS) + " |",
        "|---|---|---|" + "---|" * len(FIELDS),
    ]
    for group, tally in sorted(scores.by_medium.items()):
        lines.append(_row(group, tally))
    for group in sorted(scores.by_level):
        lines += [
            "",
            f"**{group}, per factor level** (weakest: "
            + ", ".join(f"{name} {value:.3f}" for name, value in worst_levels(scores, group))
            + ")",
            "",
            "| factor=level | documents | action F1 | " + " | ".join(FIELDS) + " |",
            "|---|---|---|" + "---|" * len(FIELDS),
        ]
        for (factor, level), tally in sorted(scores.by_level[group].items()):
            lines.append(_row(f"{factor}={level}", tally))
    return lines


def _row(label: str, tally: Tally) -> str:
    cells = [
        f"{value:.3f}" if (value := accuracy(tally.score, name)) is not None else "-"
        for name in FIELDS
    ]
    return f"| {label} | {tally.documents} | {tally.score.f1:.3f} | " + " | ".join(cells) + " |"


# ---------------------------------------------------------------------------------- figures

# Each kind of figure a drawn plan states (figures.py), scored on its own: the truth rows
# of one kind (held-out wordings aside) against everything stored of that source.
FIGURE_KINDS = {
    "summary tables": ("summary_table",),
    "summary bullets": ("summary_bullets",),
    "measure cells": ("measure",),
    "update cells": ("update",),
    "measure and update cells": ("measure", "update"),
}


@dataclass
class FigureScores:
    kinds: dict[str, dict[str, Score]]  # kind -> file -> score (files stating that kind)
    totals: dict[str, Score]  # kind -> pooled
    held_out: dict[str, Score]  # figures printed with a held-out wording, by source
    known: Score  # the others
    sources: dict[str, Score]  # "table" / "prose": everything stored against all the truth


def _subset(truth: dict, keep) -> dict:
    return {
        "documents": [
            {**entry, "indicators": [row for row in entry["indicators"] if keep(row)]}
            for entry in truth["documents"]
            if "indicators" in entry
        ]
    }


def _pooled(db: sqlite_utils.Database, truth: dict, keep) -> tuple[dict[str, Score], Score]:
    """Recall of the truth rows *keep* selects, per file and pooled (table and prose kinds
    together); files without such rows are left out."""
    subset = _subset(truth, keep)
    files: dict[str, Score] = defaultdict(Score)
    for name in ("indicators_table", "indicators_prose"):
        result = evaluate(db, subset).get(name)
        for file, score in (result.documents if result else {}).items():
            if score.expected:
                files[file].found += score.found
                files[file].expected += score.expected
                files[file].misses += score.misses
    total = Score()
    for score in files.values():
        total.found += score.found
        total.expected += score.expected
        total.misses += score.misses
    return dict(files), total


def score_figures(db: sqlite_utils.Database, truth: dict) -> FigureScores:
    """Recall of each kind of figure printed with a known wording, per document and pooled;
    of the figures printed with a held-out wording, apart; and the precision of each source
    over everything stored."""
    kinds, totals = {}, {}
    for kind, places in FIGURE_KINDS.items():
        kinds[kind], totals[kind] = _pooled(
            db, truth, lambda row, p=places: row["where"] in p and not row["held_out"]
        )
    held_out = {
        source: _pooled(db, truth, lambda row, s=source: row["held_out"] and row["source"] == s)[1]
        for source in ("table", "prose")
    }
    _, known = _pooled(db, truth, lambda row: not row["held_out"])
    results = evaluate(db, _subset(truth, lambda row: True))
    sources = {
        "table": results["indicators_table"].total,
        "prose": results["indicators_prose"].total,
    }
    return FigureScores(kinds, totals, held_out, known, sources)


def format_figure_scores(scores: FigureScores) -> list[str]:
    """Markdown: recall of each kind (pooled and the weakest document), held-out wordings,
    and each source's precision."""
    lines = [
        "| figures | documents | expected | found | recall | weakest document |",
        "|---|---|---|---|---|---|",
    ]
    for kind, files in scores.kinds.items():
        total = scores.totals[kind]
        weakest = min((score.recall for score in files.values()), default=1.0)
        lines.append(
            f"| {kind} | {len(files)} | {total.expected} | {total.found} | "
            f"{total.recall:.3f} | {weakest:.3f} |"
        )
    rows = [("known wordings", scores.known)]
    rows += [(f"held-out wordings ({source})", score) for source, score in scores.held_out.items()]
    for label, score in rows:
        lines.append(f"| {label} | - | {score.expected} | {score.found} | {score.recall:.3f} | - |")
    lines += ["", "| source | stored | matched | precision |", "|---|---|---|---|"]
    for source, score in scores.sources.items():
        lines.append(f"| {source} | {score.extracted} | {score.found} | {score.precision:.3f} |")
    return lines
