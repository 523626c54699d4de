"""Link inspection findings to the plan actions that address them, and to the same finding
made again in a later inspection.

Pure: lists of texts in, scored pairs out.

Coverage compares a finding with actions by rapidfuzz's token_set_ratio after
normalisation, and a pair must also share key terms (longer words that are not generic
council vocabulary), so that "supervision ... to be regular and reflective" and "the
quality and effectiveness of supervision to staff at all levels" meet, while two texts that
only share "the quality of" do not.

Repeats compare two inspections' findings by what they are about: their words, weighted by
how rare each is among the two reports' findings, and their themes (extract/themes.py),
weighted the same way. One-to-one by optimal assignment, so a weak pair that shares a
generic word never blocks the right one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..extract.themes import themes_of
from ..wording import STOP_WORDS
from .action_matching import normalise

# A pair scores half its wording similarity plus TERM_WEIGHT per shared key term (two at
# most), and needs at least one shared key term: words say more than letter overlap here.
COVERAGE_CUTOFF = 45.0  # score for an action to count as addressing a finding
TERM_WEIGHT = 25.0
MAX_ACTIONS_PER_FINDING = 5

# Words too common in children's-services writing to show that two texts share a subject.
# Not stop words (those are wording.STOP_WORDS, dropped before any comparison): these are
# compared, but never count as a shared key term.
_COMMON_SUBJECT_WORDS = {
    "children", "child", "young", "people", "quality", "ensure", "improve", "improvement",
    "services",
    "service", "social", "workers", "work", "practice", "including", "support", "should", "through",
    "their", "there", "which", "where", "effective", "effectively", "consistent", "consistently",
    "timely", "families", "family", "local", "authority", "partners", "partnership", "leaders",
}  # fmt: skip


@dataclass(frozen=True)
class Pair:
    left: int
    right: int
    score: float
    method: str


@dataclass(frozen=True)
class RepeatWeights:
    """A repeat scores the similarity of its wording (the cosine of the two findings'
    word weights, each word weighted by how rare it is among the findings compared) and
    the share of their themes they have in common (each theme weighted the same way), both
    0-1. Chosen on labelled repeats (bench/repeats.py)."""

    wording: float = 0.5
    theme: float = 0.5


REPEAT_WEIGHTS = RepeatWeights()
REPEAT_CUTOFF = 32.0  # of 100


def key_terms(text: str | None, ignore: frozenset[str] = frozenset()) -> set[str]:
    """Words of five letters or more that say what the text is about (crudely singular)."""
    words = {word.removesuffix("s") for word in normalise(text).split() if len(word) >= 5}
    return words - {word.removesuffix("s") for word in _COMMON_SUBJECT_WORDS} - ignore


def _scores(left: list[str], right: list[str]):
    from rapidfuzz import fuzz, process

    return process.cdist(
        [normalise(text) for text in left],
        [normalise(text) for text in right],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )


def _scored_pairs(
    left: list[str], right: list[str], cutoff: float, ignore: frozenset[str]
) -> list[Pair]:
    if not left or not right:
        return []
    import numpy as np

    text_scores = _scores(left, right)
    left_terms = [key_terms(text, ignore) for text in left]
    right_terms = [key_terms(text, ignore) for text in right]
    pairs = []
    for row, column in np.argwhere(text_scores >= 0):
        shared = left_terms[row] & right_terms[column]
        score = 0.5 * float(text_scores[row, column]) + TERM_WEIGHT * min(len(shared), 2)
        if shared and score >= cutoff:
            method = "text+terms:" + ",".join(sorted(shared)[:3])
            pairs.append(Pair(int(row), int(column), round(min(score, 100.0), 1), method))
    return pairs


def cover_findings(
    findings: list[str], actions: list[str], ignore: frozenset[str] = frozenset()
) -> list[Pair]:
    """For each finding, the plan actions that address it (best first, a few at most).
    ``ignore`` holds words that say nothing here, such as the authority's own name."""
    best: dict[int, list[Pair]] = {}
    for pair in _scored_pairs(findings, actions, COVERAGE_CUTOFF, ignore):
        best.setdefault(pair.left, []).append(pair)
    return [
        pair
        for pairs in best.values()
        for pair in sorted(pairs, key=lambda item: -item.score)[:MAX_ACTIONS_PER_FINDING]
    ]


def repeat_candidates(
    earlier: list[str],
    later: list[str],
    ignore: frozenset[str] = frozenset(),
    weights: RepeatWeights = REPEAT_WEIGHTS,
) -> list[Pair]:
    """Every pair of an earlier and a later finding with anything in common, scored
    0-100, not yet chosen. Rarity is counted over the two reports' findings, so words and
    themes every finding of theirs uses ("plans", planning) count for little."""
    if not earlier or not later:
        return []
    texts = earlier + later
    vectors = _weighted([_stems(text, ignore) for text in texts])
    themes = [set(themes_of(text)) for text in texts]
    rarity = _rarity([list(found) for found in themes])
    pairs = []
    for row in range(len(earlier)):
        for column in range(len(later)):
            before, after = row, len(earlier) + column
            wording = _cosine(vectors[before], vectors[after])
            shared = themes[before] & themes[after]
            union = themes[before] | themes[after]
            theme_share = (
                sum(rarity[theme] for theme in shared) / sum(rarity[theme] for theme in union)
                if shared
                else 0.0
            )
            score = 100 * (weights.wording * wording + weights.theme * theme_share)
            if score > 0:
                method = f"wording {100 * wording:.0f}" + (
                    f"; theme: {', '.join(sorted(shared))}" if shared else ""
                )
                pairs.append(Pair(row, column, round(score, 1), method))
    return pairs


def repeat_findings(
    earlier: list[str], later: list[str], ignore: frozenset[str] = frozenset()
) -> list[Pair]:
    """Findings of a later inspection that repeat an earlier one: one-to-one, chosen by
    optimal assignment over every candidate pair (so a weak pair never blocks a strong one
    that shares a finding with it), then kept when they score REPEAT_CUTOFF or more."""
    return assign_one_to_one(repeat_candidates(earlier, later, ignore), REPEAT_CUTOFF)


def assign_one_to_one(pairs: list[Pair], cutoff: float) -> list[Pair]:
    """The pairs that together score most with each item used once (the Hungarian
    method, scipy's ``linear_sum_assignment``), keeping those at *cutoff* or above."""
    eligible = [pair for pair in pairs if pair.score >= cutoff]
    if not eligible:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows = sorted({pair.left for pair in eligible})
    columns = sorted({pair.right for pair in eligible})
    row_of = {left: index for index, left in enumerate(rows)}
    column_of = {right: index for index, right in enumerate(columns)}
    by_cell = {(pair.left, pair.right): pair for pair in eligible}
    scores = np.zeros((len(rows), len(columns)))
    for (left, right), pair in by_cell.items():
        scores[row_of[left], column_of[right]] = pair.score
    chosen = []
    for row, column in zip(*linear_sum_assignment(scores, maximize=True), strict=True):
        pair = by_cell.get((rows[row], columns[column]))
        if pair is not None:
            chosen.append(pair)
    return sorted(chosen, key=lambda pair: (pair.right, pair.left))


# Endings dropped so that "assessments", "assessed" and "assessment" weigh as one word.
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "es", "ed", "s", "al", "ly")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _stems(text: str, ignore: frozenset[str]) -> list[str]:
    """The words a finding's subject is in: without cross-references in brackets ("(Para
    31)"), stop words, the words every finding uses, or the authority's name."""
    text = re.sub(r"\([^()]{0,80}\)", " ", text or "")
    common = _COMMON_SUBJECT_WORDS | STOP_WORDS | ignore
    return [_stem(word) for word in normalise(text).split() if len(word) > 2 and word not in common]


def _rarity(documents: list[list[str]]) -> dict[str, float]:
    """Inverse document frequency: how much finding a word (or theme) in two texts says."""
    counts: dict[str, int] = {}
    for words in documents:
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    total = len(documents)
    return {word: math.log((total + 1) / (count + 1)) + 1 for word, count in counts.items()}


def _weighted(documents: list[list[str]]) -> list[dict[str, float]]:
    """Each text's words weighted by count and rarity, scaled to length one."""
    rarity = _rarity(documents)
    vectors = []
    for words in documents:
        vector: dict[str, float] = {}
        for word in words:
            vector[word] = vector.get(word, 0.0) + rarity[word]
        length = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({word: value / length for word, value in vector.items()})
    return vectors


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    return sum(value * right.get(word, 0.0) for word, value in left.items())
