"""The authority a document is about: the reference list, synthetic first pages for every
authority, the hard cases that broke earlier guesses, and the real Ofsted reports."""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from plandrift.extract.organisations import Authority, authorities, resolve_organisation
from plandrift.extract.patterns import load_patterns
from plandrift.ingest.model import Line, Page, ReadDocument

TRUTH = Path(__file__).parent / "truth"
BY_NAME = {authority.name: authority for authority in authorities()}
DRAWS = 5

DEPARTMENTS = (
    "Children’s Services",
    "Children and Families Directorate",
    "Directorate of Children, Young People and Education",
    "People Directorate – Children’s Social Care",
    "Summary",
)
TITLES = (
    "Improvement Plan 2024–2026",
    "Children’s Services Improvement Plan",
    "Quarterly Performance Report: Quarter 3",
    "Post-Ofsted Action Plan",
    "Report to Cabinet",
    "Self-Evaluation Summary",
    "Trust Board Report",
)
COMPARISONS = (
    "Our rate of re-referrals is below statistical neighbours such as {0}, {1} and {2}.",
    "The council worked with {0} as a partner in practice, and learned from {1}.",
    "Compared with {0} and {1}, the timeliness of assessments has improved.",
    "Placement stability is better than in {0}, {1} or {2}, our regional comparators.",
)


def document(
    *pages: list[str | tuple[str, float]], title: str | None = None, sized: bool = True
) -> ReadDocument:
    """Pages of lines; a line given with a size is set in that size, the rest in 11 pt.
    Unsized, every line has no size, as a Word or plain-text document reads."""

    def line(given: str | tuple[str, float]) -> Line:
        text, size = given if isinstance(given, tuple) else (given, 11.0)
        return Line(text, size=size if sized else None)

    built = [
        Page(number, [line(given) for given in lines]) for number, lines in enumerate(pages, 1)
    ]
    return ReadDocument("pdf", built, embedded_title=title)


def named(doc: ReadDocument) -> str | None:
    match = resolve_organisation(doc)
    return match.authority.name if match else None


# --- the reference list ------------------------------------------------------------------


def test_every_current_authority_is_listed_once_with_a_sound_code():
    current = [authority for authority in authorities() if not authority.abolished]
    assert len(current) == 153
    assert Counter(a.kind for a in current) == {
        "county": 21,
        "unitary": 62,
        "metropolitan": 36,
        "london": 32,
        "other": 2,
    }
    codes = [authority.code for authority in authorities() if authority.code]
    assert len(codes) == len(set(codes))
    prefixes = {"county": "E10", "unitary": "E06", "metropolitan": "E08", "london": "E09"}
    for authority in authorities():
        assert re.fullmatch(r"E(06|08|09|10)\d{6}", authority.code or ""), authority
        if authority.kind in prefixes:
            assert authority.code.startswith(prefixes[authority.kind]), authority


def test_abolished_authorities_name_successors_that_exist():
    abolished = {a.name: a for a in authorities() if a.abolished}
    for name in (
        "Northamptonshire County Council",
        "Cumbria County Council",
        "Buckinghamshire County Council",
        "Dorset County Council",
        "Bournemouth Borough Council",
        "Borough of Poole",
        "North Yorkshire County Council",
        "Somerset County Council",
    ):
        assert abolished[name].succeeded_by, name
        for successor in abolished[name].succeeded_by:
            assert not BY_NAME[successor].abolished


def test_every_listed_spelling_gives_a_reason_the_file_explains():
    data = load_patterns("authorities")
    reasons = set(data["spelling_reasons"])
    for entry in [*data["authorities"], *data["trusts"]]:
        assert set(entry.get("spellings", {}).values()) <= reasons, entry["name"]
        for spelling in entry.get("ambiguous", ()):
            assert spelling in BY_NAME[entry["name"]].spellings, spelling
    for trust in data["trusts"]:
        assert all(name in BY_NAME for name in trust["acts_for"]), trust["name"]


# --- synthetic first pages for every authority -------------------------------------------


def _targets() -> list[tuple[str, tuple[str, ...]]]:
    """(expected canonical name, printed forms to draw from) for every authority, and for
    every trust that acts for one authority alone."""
    targets = [(a.name, (a.name, *a.spellings)) for a in authorities()]
    for trust in load_patterns("authorities")["trusts"]:
        if len(trust["acts_for"]) == 1:
            targets.append((trust["acts_for"][0], (trust["name"], *trust.get("spellings", {}))))
    return targets


def _comparators(rng: random.Random, expected: Authority, count: int) -> list[str]:
    others = [a for a in authorities() if a is not expected]
    return [rng.choice((a.name, *a.spellings)) for a in rng.sample(others, count)]


def _first_page(rng: random.Random, expected: Authority, printed: str) -> list[list]:
    """A plan, report or inspection's first page (and sometimes a page of comparisons)."""
    name = printed.upper() if rng.random() < 0.4 else printed
    title, department = rng.choice(TITLES), rng.choice(DEPARTMENTS)
    style = rng.choice(("letterhead", "same line", "ofsted", "department first"))
    if style == "letterhead":
        top = [(name, 20.0), department, (title, 16.0)]
    elif style == "same line":
        top = [(f"{name} {title}", 18.0), department]
    elif style == "department first":
        top = [department, (name, 18.0), (title, 16.0)]
    else:
        words = f"Inspection of {printed} local authority children’s services".split()
        cut = rng.randrange(3, len(words))
        top = [(" ".join(words[:cut]), 26.0), (" ".join(words[cut:]), 26.0)]
        top.append("Inspection dates: 13 to 24 May 2024")
    others = _comparators(rng, expected, 3)
    body = [
        "This report sets out the progress made since the last inspection.",
        rng.choice(COMPARISONS).format(*others),
    ]
    if rng.random() < 0.5:
        body.append(f"Leaders in {rng.choice((expected.place, printed))} know their services well.")
    if rng.random() < 0.5:
        body.append(f"{rng.choice(others)} was also named in the regional report.")
    if not rng.random() < 0.3:
        return [top + body]
    table = [("Statistical neighbours", 14.0)]
    table += [f"{other} 23.4 25.1 27.9" for other in others * 3]
    return [top + body, table]


def test_every_authority_resolves_from_synthetic_first_pages():
    rng = random.Random(15)
    failures, total = [], 0
    for expected_name, forms in _targets():
        expected = BY_NAME[expected_name]
        for _ in range(DRAWS):
            printed = rng.choice(forms)
            pages = _first_page(rng, expected, printed)
            total += 1
            got = resolve_organisation(document(*pages, sized=rng.random() < 0.75))
            if got is None or got.authority.name != expected_name:
                shown = "\n      ".join(str(line) for line in pages[0][:6])
                failures.append(f"{expected_name} <- {printed!r}: got {got}\n      {shown}")
    assert not failures, f"{len(failures)}/{total} failed:\n" + "\n".join(failures[:40])


# --- hard cases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DEVON COUNTY COUNCIL", "Devon County Council"),
        ("LONDON BOROUGH OF BARNET", "London Borough of Barnet"),
        ("Birmingham Children’s Trust", "Birmingham City Council"),
        ("Brighton & Hove City Council", "Brighton and Hove City Council"),
        ("Stockton–on–Tees Borough Council", "Stockton-on-Tees Borough Council"),
        ("Kingston-upon-Hull City Council", "Kingston upon Hull City Council"),
        ("ROYAL BOROUGH OF KENSINGTON & CHELSEA", "Royal Borough of Kensington and Chelsea"),
        ("St. Helens Council", "St Helens Borough Council"),
        ("North Northamptonshire Council", "North Northamptonshire Council"),
        ("Blackburn with Darwen", "Blackburn with Darwen Borough Council"),
        ("Bath and North East Somerset Council", "Bath and North East Somerset Council"),
        ("North East Lincolnshire", "North East Lincolnshire Council"),
        ("East Sussex", "East Sussex County Council"),
        ("Metropolitan Borough of Rotherham", "Rotherham Metropolitan Borough Council"),
        ("Northamptonshire County Council", "Northamptonshire County Council"),
    ],
)
def test_a_letterhead_resolves_whatever_its_typography(line, expected):
    doc = document([(line, 20.0), "Children’s Services", ("Improvement Plan", 16.0)])
    assert named(doc) == expected


def test_the_longest_name_wins_over_a_name_it_contains():
    doc = document(
        [("North Northamptonshire Council", 20.0), "Improvement plan"],
        ["Northamptonshire Children’s Trust and Northamptonshire Police attended."] * 3,
    )
    assert named(doc) == "North Northamptonshire Council"
    bath = document(["Bath and North East Somerset", "Somerset is a neighbour."])
    assert named(bath) == "Bath and North East Somerset Council"


def test_a_department_or_a_heading_word_is_never_the_organisation():
    doc = document(
        ["Children’s Services", "Children and Families Directorate", "Summary", "Trust"],
        ["The Trust Board agreed the Summary of the Children’s Services plan."],
    )
    assert resolve_organisation(doc) is None


def test_a_name_alone_on_the_first_line_resolves():
    match = resolve_organisation(
        document([("Leeds", 20.0), "Inspection of children’s social care services"])
    )
    assert match and match.authority.name == "Leeds City Council"
    assert match.printed == "Leeds"


def test_a_title_on_the_same_line_does_not_bleed_into_the_name():
    match = resolve_organisation(
        document(
            [
                ("Leeds City Council Improvement Plan", 20.0),
                "The plan runs to 2027 and is reviewed each quarter.",
            ]
        )
    )
    assert match and (match.authority.name, match.printed) == (
        "Leeds City Council",
        "Leeds City Council",
    )
    assert match.basis == "title"


def test_comparators_in_the_body_lose_to_the_title_however_often_they_are_named():
    comparisons = ["Leeds 23.4 25.1", "Bedford Borough Council 19.0 18.2", "Milton Keynes 21.7"]
    doc = document(
        [("Luton Borough Council", 20.0), ("Performance Report", 16.0), *comparisons],
        *[["Statistical neighbours", *comparisons * 4]] * 20,
    )
    assert named(doc) == "Luton Borough Council"
    partner = document(
        ["Inspection of Luton local authority children’s services"],
        ["The council worked with Leeds as a partner in practice."] * 5,
    )
    match = resolve_organisation(partner)
    assert match and (match.authority.name, match.basis) == (
        "Luton Borough Council",
        "inspection of",
    )


def test_an_ambiguous_bare_place_needs_support_or_dominance():
    assert resolve_organisation(document(["Report", "Students at Durham were surveyed."])) is None
    assert resolve_organisation(document(["The office in New York", "New York, New York"])) is None
    supported = document(["Inspection of Durham local authority children’s services"])
    assert named(supported) == "Durham County Council"
    dominant = document(
        ["Annual report"], ["Families in Bristol told us about waiting times."] * 30
    )
    assert named(dominant) == "Bristol City Council"
    council = document(["Hull City Council", "Hull Royal Infirmary and York hospitals"])
    assert named(council) == "Kingston upon Hull City Council"


def test_a_word_that_is_also_a_place_is_not_the_place():
    doc = document(["Reading the plan", "reading age improved", "Improvement plan"])
    assert resolve_organisation(doc) is None


def test_a_shared_trust_supports_a_council_but_names_none_on_its_own():
    assert resolve_organisation(document([("Achieving for Children", 20.0)])) is None
    doc = document(
        [("Achieving for Children", 20.0), "Royal Borough of Kingston upon Thames"],
    )
    assert named(doc) == "Royal Borough of Kingston upon Thames"


def test_a_document_about_no_english_authority_gives_none():
    parish = document(
        ["Milburn Parish Council - 4th September 2018", "Present"],
        ["The Clerk to write to Cumbria County Council about the road surface."],
    )
    assert resolve_organisation(parish) is None
    form = document(
        ["90-Day Summary Report for Child Death, Serious Injury or Egregious Incident"],
        ["Agency:", "Bureau", "of", "Milwaukee", "Child", "Welfare,", "New", "Hampshire", "Avenue"],
        ["Richmond 12", "Kent County, Michigan 4"],
    )
    assert resolve_organisation(form) is None


def test_a_stale_embedded_title_is_only_a_hint():
    stale = "Leeds City Council Improvement Plan"  # the template another council lent
    doc = document([("Bradford Council", 20.0), "Improvement Plan"], title=stale)
    assert named(doc) == "City of Bradford Metropolitan District Council"
    match = resolve_organisation(document(["Plan on a page"], title=stale))
    assert match and (match.authority.name, match.basis) == ("Leeds City Council", "embedded title")


def test_a_long_document_is_read_quickly():
    pages = [["Inspection of Torbay local authority children’s services"]]
    sentence = "Children in Torbay and in Plymouth, Devon and Cornwall are safer and better off."
    pages += [[sentence] * 40] * 100  # 100 pages of 3,300 characters, a fifth of them names
    doc = document(*pages)
    started = time.perf_counter()
    assert named(doc) == "Torbay Council"
    assert time.perf_counter() - started < 2.0


# --- real reports ------------------------------------------------------------------------


def _truth(name: str) -> dict[str, str | None]:
    return json.loads((TRUTH / name).read_text(encoding="utf-8"))["reports"]


@pytest.mark.shared
def test_every_real_ofsted_report_resolves_to_its_authority(ofsted_reports):
    truth = _truth("ofsted_authorities.json")
    assert set(truth) == set(ofsted_reports)
    wrong = []
    for name, expected in sorted(truth.items()):
        match = resolve_organisation(ofsted_reports[name])
        got = match.authority.name if match else None
        if got != expected:
            wrong.append(f"{name}: expected {expected}, got {match}")
    assert not wrong, f"{len(wrong)}/{len(truth)} wrong:\n" + "\n".join(wrong)


@pytest.mark.shared
def test_the_rest_of_the_corpus_resolves_to_its_council_or_to_none(corpus_ingest):
    """As ingest stores them (the corpus is read once for every corpus test): a known
    authority by its canonical name, and a document about none never given one."""
    _, db, _ = corpus_ingest
    stored = {row["file_name"]: row["organisation"] for row in db["documents"].rows}
    known = {authority.name for authority in authorities()}
    wrong = []
    for name, expected in sorted(_truth("corpus_authorities.json").items()):
        got = stored[name]
        if (got != expected) if expected else (got in known):
            wrong.append(f"{name}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
