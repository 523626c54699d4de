"""Checks shared by test modules: extracted rows that are not what they claim to be."""

from __future__ import annotations

import re

NOT_FIGURES = re.compile(r"^(?:\d{1,2}\.\d{1,2}|(?:19|20)\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$")


def suspicious_figures(db) -> list[str]:
    """Figures that are really a page number, a date, a year or a paragraph number."""
    problems = []
    for row in db.query("SELECT name, value, value_raw, unit, context, source FROM indicators"):
        raw = row["value_raw"].split()[0].rstrip("%")
        opens_sentence = (row["context"] or "").startswith(raw)  # where paragraph numbers stand
        percentage = row["value_raw"].split()[0].endswith("%")  # "20.4% of ..." is a figure
        if (
            row["source"] == "prose"
            and NOT_FIGURES.match(raw)
            and not percentage
            and (opens_sentence or "/" in raw)
        ):
            problems.append(f"{raw} in {row['context'][:60]}")
        if (
            row["source"] == "prose"
            and row["context"]
            and re.search(
                rf"\b(?:page|paragraph|section|action)\s+{re.escape(raw)}\b", row["context"], re.I
            )
        ):
            problems.append(f"{raw} (a reference) in {row['context'][:60]}")
        if (
            row["source"] == "prose"
            and row["unit"] == "count"
            and 1900 <= row["value"] <= 2100
            and float(row["value"]).is_integer()
        ):
            problems.append(f"year {raw} in {row['context'][:60]}")
    return problems
