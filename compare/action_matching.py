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

from ..wording import STOP_WORDS

TEXT_WEIGHT, CONTEXT_WEIGHT = 0.8, 0.2
REF_BONUS, LEAD_BONUS = 4.0, 3.0
SCORE_CUTOFF = 72.0  # combined score (0-100 plus bonuses) below which actions do not match

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
    return " ".join(word for word in words if word not in STOP_WORDS)


def match_actions(
    before: list[dict],
    after: list[dict],
    *,
    forced: set[tuple[int, int]] = frozenset(),
    forbidden: set[tuple[int, int]] = frozenset(),
) -> list[Link]:
    """One-to-one links from ``before`` to ``after`` (indexes into the lists).

    ``forced`` pairs (a person's ``plandrift link``) are kept whatever their score;
    ``forbidden`` pairs (``plandrift unlink``) are never made. Actions are compared within
    their section first (blocking keeps the cost near-linear in the plan's size); what is
    left unmatched is then compared across sections, for actions that moved.
    """
    links = [Link(a, b, 100.0, "manual") for a, b in sorted(forced)]
    used_before = {link.from_index for link in links}
    used_after = {link.to_index for link in links}
    for block_before, block_after in _blocks(before, after):
        _assign(before, after, block_before, block_after, forbidden, links, used_before, used_after)
    left_before = [index for index in range(len(before)) if index not in used_before]
    left_after = [index for index in range(len(after)) if index not in used_after]
    _assign(before, after, left_before, left_after, forbidden, links, used_before, used_after)
    return sorted(links, key=lambda link: link.from_index)


def _blocks(before: list[dict], after: list[dict]) -> list[tuple[list[int], list[int]]]:
    """Indexes grouped by section, for sections present in both versions."""
    sections_before: dict[str, list[int]] = {}
    sections_after: dict[str, list[int]] = {}
    for index, item in enumerate(before):
        sections_before.setdefault(normalise(item.get("section")), []).append(index)
    for index, item in enumerate(after):
        sections_after.setdefault(normalise(item.get("section")), []).append(index)
    return [
        (indexes, sections_after[key])
        for key, indexes in sections_before.items()
        if key in sections_after
    ]


def _assign(
    before: list[dict],
    after: list[dict],
    block_before: list[int],
    block_after: list[int],
    forbidden: set[tuple[int, int]],
    links: list[Link],
    used_before: set[int],
    used_after: set[int],
) -> None:
    """Greedy one-to-one assignment inside one block, best combined score first."""
    import numpy as np
    from rapidfuzz import fuzz, process

    block_before = [index for index in block_before if index not in used_before]
    block_after = [index for index in block_after if index not in used_after]
    if not block_before or not block_after:
        return
    olds = [before[index] for index in block_before]
    news = [after[index] for index in block_after]
    texts = process.cdist(
        [normalise(item["text"]) for item in olds],
        [normalise(item["text"]) for item in news],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    contexts = process.cdist(
        [normalise(_context(item)) for item in olds],
        [normalise(_context(item)) for item in news],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    same_ref = _equal(olds, news, "ref")
    scores = TEXT_WEIGHT * texts + CONTEXT_WEIGHT * contexts
    scores += REF_BONUS * same_ref + LEAD_BONUS * _equal(olds, news, "lead")
    pairs = np.argwhere(scores >= SCORE_CUTOFF)
    if not len(pairs):
        return
    order = np.argsort(-scores[pairs[:, 0], pairs[:, 1]], kind="stable")
    for row, column in pairs[order]:
        a, b = block_before[row], block_after[column]
        if a in used_before or b in used_after or (a, b) in forbidden:
            continue
        method = "ref+text" if same_ref[row, column] else "text"
        links.append(Link(a, b, round(min(float(scores[row, column]), 100.0), 1), method))
        used_before.add(a)
        used_after.add(b)


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


RECOGNISE_CUTOFF = 90.0  # rapidfuzz ratio for a re-extracted action to be the one remembered


@dataclass(frozen=True)
class ActionKey:
    """What identifies an action within one document without its position or id: its
    reference and its wording. Positions and ids change when a better extractor finds one
    more row; what the document says does not."""

    ref: str | None
    text: str


def recognise(remembered: list[ActionKey], actions: list[dict]) -> list[int | None]:
    """Where each remembered action is in ``actions`` (indexes, one-to-one; None if gone).

    The same reference and wording first; then the same wording (the extractor now reads
    another reference); then the same reference, or no reference on either side, with
    wording at least RECOGNISE_CUTOFF similar (the extractor now reads a cell a little
    differently). Never by position.
    """
    from rapidfuzz import fuzz, process

    wordings = [normalise(action["text"]) for action in actions]
    by_ref_and_text: dict[tuple, list[int]] = {}
    by_text: dict[str, list[int]] = {}
    for index, action in enumerate(actions):
        by_ref_and_text.setdefault((action.get("ref"), wordings[index]), []).append(index)
        by_text.setdefault(wordings[index], []).append(index)
    found: list[int | None] = [None] * len(remembered)
    taken: set[int] = set()
    keys = [(key.ref, normalise(key.text)) for key in remembered]
    for table, of_key in ((by_ref_and_text, lambda key: key), (by_text, lambda key: key[1])):
        for number, key in enumerate(keys):
            if found[number] is None:
                free = [index for index in table.get(of_key(key), ()) if index not in taken]
                if free:
                    found[number] = free[0]
                    taken.add(free[0])
    for number, (ref, wording) in enumerate(keys):
        if found[number] is not None:
            continue
        choices = {
            index: wordings[index]
            for index, action in enumerate(actions)
            if index not in taken and action.get("ref") == ref
        }
        best = process.extractOne(
            wording, choices, scorer=fuzz.ratio, score_cutoff=RECOGNISE_CUTOFF
        )
        if best:
            found[number] = best[2]
            taken.add(best[2])
    return found
