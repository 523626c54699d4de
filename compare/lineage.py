"""Match each action of one plan version to the same action in the next version.

Pure: takes two lists of actions (dicts with text, ref, section, lead, parent_text) and
returns one-to-one links with a score and the reason. Text is compared after
normalisation (case, punctuation, numbering, stop words and number words removed) with
rapidfuzz's token_set_ratio, so "Recruit two agency staff as Interim Court Progression
Officers" still meets "Recruit 2 interim Court Progression Officers (agency)". The action's
context (its section and parent) is scored too, so that two "Advertise posts" steps under
different parents are not confused; an equal reference or lead adds a little. Each action
links to at most one action in the next version (greedy on the best score first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_WEIGHT, CONTEXT_WEIGHT = 0.8, 0.2
REF_BONUS, LEAD_BONUS = 4.0, 3.0
SCORE_CUTOFF = 72.0  # combined score (0-100 plus bonuses) below which actions do not match

_STOP_WORDS = {
    "the", "a", "an", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "as", "all",
    "be", "is", "are", "will", "that", "this", "from", "into", "within", "their", "our", "its",
}  # fmt: skip
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12",
}  # fmt: skip


@dataclass(frozen=True)
class Link:
    from_index: int
    to_index: int
    score: float
    method: str  # text | ref+text | manual


def normalise(text: str | None) -> str:
    """Words that carry meaning, in order: lower case, no numbering or punctuation."""
    text = re.sub(r"^\s*\(?[A-Za-z]{0,3}\d+(?:\.\d+)*[.)]?\s+", "", (text or "").lower())
    words = [_NUMBER_WORDS.get(word, word) for word in re.findall(r"[a-z0-9]+", text)]
    return " ".join(word for word in words if word not in _STOP_WORDS)


def match_actions(
    before: list[dict],
    after: list[dict],
    *,
    forced: set[tuple[int, int]] = frozenset(),
    forbidden: set[tuple[int, int]] = frozenset(),
) -> list[Link]:
    """One-to-one links from ``before`` to ``after`` (indexes into the lists).

    ``forced`` pairs (a person's ``plandrift link``) are kept whatever their score;
    ``forbidden`` pairs (``plandrift unlink``) are never made.
    """
    from rapidfuzz import fuzz, process

    links = [Link(a, b, 100.0, "manual") for a, b in sorted(forced)]
    used_before = {link.from_index for link in links}
    used_after = {link.to_index for link in links}
    if not before or not after:
        return links
    texts = process.cdist(
        [normalise(item["text"]) for item in before],
        [normalise(item["text"]) for item in after],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    contexts = process.cdist(
        [normalise(_context(item)) for item in before],
        [normalise(_context(item)) for item in after],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    import numpy as np

    scores = TEXT_WEIGHT * texts + CONTEXT_WEIGHT * contexts
    same_ref = _equal(before, after, "ref")
    scores += REF_BONUS * same_ref + LEAD_BONUS * _equal(before, after, "lead")
    for a, b in forbidden:
        scores[a, b] = -1
    pairs = np.argwhere(scores >= SCORE_CUTOFF)
    candidates = [
        (float(scores[a, b]), int(a), int(b), "ref+text" if same_ref[a, b] else "text")
        for a, b in pairs
    ]
    for score, a, b, method in sorted(candidates, key=lambda item: (-item[0], item[1], item[2])):
        if a not in used_before and b not in used_after:
            links.append(Link(a, b, round(min(score, 100.0), 1), method))
            used_before.add(a)
            used_after.add(b)
    return sorted(links, key=lambda link: link.from_index)


def _equal(before: list[dict], after: list[dict], key: str):
    """A matrix: 1 where both actions have the same non-empty ``key``."""
    import numpy as np

    left = np.array(
        [item.get(key) or f"\0{index}" for index, item in enumerate(before)], dtype=object
    )
    right = np.array(
        [item.get(key) or f"\1{index}" for index, item in enumerate(after)], dtype=object
    )
    return (left[:, None] == right[None, :]).astype(float)


def _context(item: dict) -> str:
    return f"{item.get('section') or ''} {item.get('parent_text') or ''}"
