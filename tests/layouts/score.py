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
