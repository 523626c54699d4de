"""The repeat-finding matcher on its own: themes kept as data, one-to-one by optimal
assignment, and pairs that share only a generic word left apart."""

from __future__ import annotations

from plandrift.compare.finding_matching import (
    REPEAT_CUTOFF,
    Pair,
    assign_one_to_one,
    repeat_findings,
)
from plandrift.extract.patterns import load_patterns
from plandrift.extract.themes import theme_names, themes_of


def test_every_theme_says_why_its_terms_belong_to_it():
    entries = load_patterns("themes")["themes"]
    assert len({entry["theme"] for entry in entries}) == len(entries) >= 20
    for entry in entries:
        assert entry["terms"] and len(entry["why"]) > 40, entry["theme"]
    assert theme_names() == tuple(entry["theme"] for entry in entries)


def test_themes_in_the_order_the_finding_touches_them():
    assert themes_of("Pathway plans for care leavers are not reviewed.") == (
        "care leavers",  # "pathway plans" is theirs, from the first word
        "planning",
    )
    assert themes_of("Children who go missing are offered return home interviews.") == (
        "missing and exploitation",
    )
    assert themes_of("Management oversight of pre-proceedings work.") == (
        "supervision and oversight",
        "legal proceedings",
    )
    assert themes_of("The pace of change.") == ()


def test_assignment_is_optimal_not_greedy():
    """Greedy takes the best pair first (0-0, 60) and strands the rest; the optimal
    assignment pairs 0-1 and 1-0 (105 in all)."""
    pairs = [Pair(0, 0, 60, ""), Pair(0, 1, 55, ""), Pair(1, 0, 50, "")]
    assert {(pair.left, pair.right) for pair in assign_one_to_one(pairs, 40)} == {(0, 1), (1, 0)}
    assert assign_one_to_one(pairs, 58) == [pairs[0]]


def test_repeats_follow_the_subject_not_the_shared_words():
    earlier = [
        "The quality of supervision, so that it is regular and reflective.",
        "The quality of return home interviews for children who go missing.",
        "The sufficiency of local placements for children in care.",
    ]
    later = [
        "The quality of assessments of disabled children.",
        "Children who go missing from home or care are offered a return home interview.",
        "Supervision of social workers that is regular, reflective and challenging.",
    ]
    found = repeat_findings(earlier, later)
    assert {(pair.left, pair.right) for pair in found} == {(0, 2), (1, 1)}
    assert all(pair.score >= REPEAT_CUTOFF and "theme:" in pair.method for pair in found)
