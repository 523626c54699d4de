"""Link inspection findings to the plan actions that address them, and to the same finding
made again in a later inspection.

Pure: lists of dicts in, scored pairs out. Text is compared with rapidfuzz's
token_set_ratio after normalisation, and a pair must also share key terms (longer words
that are not generic council vocabulary), so that "supervision ... to be regular and
reflective" and "the quality and effectiveness of supervision to staff at all levels" meet,
while two findings that only share "the quality of" do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from .action_matching import normalise

# A pair scores half its wording similarity plus TERM_WEIGHT per shared key term (two at
# most), and needs at least one shared key term: words say more than letter overlap here.
COVERAGE_CUTOFF = 45.0  # score for an action to count as addressing a finding
REPEAT_CUTOFF = 50.0  # score for a later finding to count as the same finding again
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


def repeat_findings(
    earlier: list[str], later: list[str], ignore: frozenset[str] = frozenset()
) -> list[Pair]:
    """Findings of a later inspection that repeat an earlier one (one-to-one, best first)."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    chosen = []
    for pair in sorted(
        _scored_pairs(earlier, later, REPEAT_CUTOFF, ignore), key=lambda item: -item.score
    ):
        if pair.left not in used_left and pair.right not in used_right:
            chosen.append(pair)
            used_left.add(pair.left)
            used_right.add(pair.right)
    return chosen
