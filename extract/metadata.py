"""Recognise what a document is from its own words: type, title, organisation, date, plan.

Committee systems rarely fill in PDF metadata (or fill it with a template's stale title),
so everything here reads the text. The patterns live in ``patterns/document.json``; this
module only scores them. Every guess can be overridden on the command line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..ingest.model import ReadDocument
from .action_columns import is_action_table
from .dates import find_dates
from .doc_dates import recognise_date
from .organisations import only_names_an_authority, resolve_organisation
from .patterns import load_patterns
from .titles import recognise_title

DOC_TYPES = ("improvement_plan", "board_report", "inspection_letter", "performance_report", "other")
_START_PAGES = 2


@dataclass(frozen=True)
class DocumentMetadata:
    doc_type: str
    title: str | None
    organisation: str | None  # the authority's canonical name where it is a known one
    doc_date: str | None
    doc_date_basis: str | None  # which clue gave the date, for people checking it
    plan_key: str | None
    subtype: str | None = None  # the kind of inspection or visit an inspection letter reports
    organisation_as_printed: str | None = None
    organisation_code: str | None = None  # the authority's ONS (GSS) code, when known
    plan_key_basis: str | None = None  # how the plan key was reached


def recognise_metadata(document: ReadDocument) -> DocumentMetadata:
    """Everything :class:`DocumentMetadata` holds, guessed from the document's text."""
    organisation = recognise_organisation(document)
    title = recognise_title(document, names_only_an_organisation)
    doc_type = recognise_doc_type(document, title)
    doc_date, basis = recognise_date(document, title, doc_type)
    is_plan = doc_type == "improvement_plan"
    return DocumentMetadata(
        doc_type=doc_type,
        title=title,
        organisation=organisation.name if organisation else None,
        doc_date=doc_date,
        doc_date_basis=basis,
        plan_key=plan_key_for(organisation.name if organisation else None, title)
        if is_plan
        else None,
        subtype=recognise_subtype(document, title) if doc_type == "inspection_letter" else None,
        organisation_as_printed=organisation.printed if organisation else None,
        organisation_code=organisation.code if organisation else None,
        plan_key_basis="organisation and title" if is_plan else None,
    )


# --- type --------------------------------------------------------------------------------


def recognise_doc_type(document: ReadDocument, title: str | None) -> str:
    """Score each type's patterns against the title, the opening pages and the whole text."""
    texts = {
        "title": title or "",
        "start": "\n".join(page.text for page in document.pages[:_START_PAGES]),
        "any": document.text,
    }
    has_action_table = any(
        is_action_table(table) for page in document.pages for table in page.tables
    ) or any(has_action_table_header(line.text) for page in document.pages for line in page.lines)
    scores: Counter[str] = Counter()
    for doc_type, rules in load_patterns("document")["doc_types"].items():
        for rule in rules:
            if rule["regex"] == "action table header":
                hit = has_action_table
            else:
                hit = re.search(rule["regex"], texts[rule["where"]], re.I | re.M) is not None
            if hit:
                scores[doc_type] += rule["weight"]
    if not scores:
        return "other"
    best, score = max(scores.items(), key=lambda item: (item[1], -DOC_TYPES.index(item[0])))
    return best if score >= load_patterns("document")["min_score"] else "other"


def has_action_table_header(text: str) -> bool:
    """A header row of an action table: an action column plus two other kinds of column."""
    header = load_patterns("document")["action_table_header"]
    if len(text) > 200 or not re.search(header["action"], text, re.I):
        return False
    kinds = sum(1 for regex in header["others"].values() if re.search(regex, text, re.I))
    return kinds >= 2


# --- organisation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    """Who a document is about: a canonical name, the words printed, its ONS code if known."""

    name: str
    printed: str
    code: str | None


def recognise_organisation(document: ReadDocument) -> Organisation | None:
    """The authority the document is about, by its canonical name.

    A body that is not an English children's-services authority (a parish council, a
    fictional county in the demo) is named as its own opening pages name it in full.
    """
    match = resolve_organisation(document)
    if match:
        authority = match.authority
        return Organisation(authority.name, match.printed, authority.code)
    lines = [line.text for page in document.pages[:_START_PAGES] for line in page.lines]
    # A letterhead in capitals ("NORTHDENE COUNTY COUNCIL CHILDREN'S SERVICES") is read in
    # title case, so its council is found and the department after it is not.
    opening = "\n".join(
        [
            document.embedded_title or "",
            *(text.title() if text.isupper() else text for text in lines),
        ]
    )
    named = named_council(opening)
    return Organisation(named, named, None) if named else None


def names_only_an_organisation(text: str) -> bool:
    """A banner line that only names the council (with letterhead words around it, such as
    "City Council BRIGHTON & HOVE" or "LEEDS CITY COUNCIL Children's Services"): a
    letterhead, not a title."""
    text = text.strip()
    banner_words = frozenset(load_patterns("document")["not_titles"]["banner_words"])
    if only_names_an_authority(text, banner_words):
        return True
    return any(
        re.fullmatch(regex, text.title() if text.isupper() else text)
        for regex in load_patterns("document")["organisation"]["full_forms"]
    )


def named_council(text: str) -> str | None:
    """The body named most often in council-like forms ("Devon County Council"), or the
    place alone when the text never names the council in full ("Devon")."""
    config = load_patterns("document")["organisation"]
    not_places = set(config["not_places"])
    full_forms: dict[str, Counter[str]] = {}
    places: set[str] = set()
    for regex in config["full_forms"] + config["place_forms"]:
        for match in re.finditer(regex, text):
            place = _trim_place(match.group("place"), not_places)
            if not place:
                continue
            places.add(place)
            if "kind" in match.groupdict():
                full = re.sub(r"\s+", " ", match.group(0))
                if not match.group("kind").endswith(" of"):
                    full = full[full.index(place) :]
                full_forms.setdefault(place, Counter())[full] += 1
    if not places:
        return None
    counts = {place: len(re.findall(rf"\b{re.escape(place)}\b", text)) for place in places}
    # "North Northamptonshire" is one place, not a mention of "Northamptonshire".
    for place in places:
        for longer in places:
            if (
                longer != place
                and longer.endswith(" " + place)
                and counts[longer] * 2 >= counts[place]
            ):
                counts[place] = 0
    best = max(sorted(places), key=lambda place: (counts[place], len(place)))
    if best in full_forms:
        return full_forms[best].most_common(1)[0][0]
    return best


def _trim_place(place: str, not_places: set[str]) -> str:
    words = place.split()
    while words and words[0] in not_places:
        words.pop(0)
    while words and words[-1] in not_places:
        words.pop()
    return " ".join(words)


# --- inspection subtype ------------------------------------------------------------------


def recognise_subtype(document: ReadDocument, title: str | None) -> str | None:
    """What kind of inspection or visit a report is ("re-inspection", "focused visit"),
    from its title first, else its opening page."""
    opening = document.pages[0].text if document.pages else ""
    for text in (title or "", opening):
        for rule in load_patterns("document")["inspection_subtypes"]:
            if re.search(rule["regex"], text, re.I):
                return rule["subtype"]
    return None


# --- plan identity -----------------------------------------------------------------------


def plan_key_for(organisation: str | None, title: str | None) -> str:
    """One key for every dated version of a plan: the organisation's place and the plan's
    stable name, whatever the version's wording ("Progress update", "Action tracker",
    "Quarter 3 update"), capitals, dates, or the council's name in the title."""
    return f"{place_key(organisation)}--{plan_name(title, organisation)}"


def plan_name(title: str | None, organisation: str | None = None) -> str:
    """The words of a plan's title that stay the same from version to version, as a slug."""
    name = (title or "").lower()
    for date in reversed(find_dates(name)):
        name = name[: date.start] + name[date.end :]
    config = load_patterns("document")["plan_name"]
    for regex in config["version_wording"]:
        name = re.sub(regex, " ", name, flags=re.I)
    if organisation:
        place = place_key(organisation).replace("-", " ")
        name = re.sub(rf"\b{re.escape(place)}\b", " ", slugify(name).replace("-", " "))
    generic = set(config["generic_words"])
    words = [
        word
        for word in re.findall(r"[a-z]+", name.replace("’", "").replace("'", ""))
        if len(word) > 1 and word not in generic
    ]
    return "-".join(words) or "plan"


def place_key(organisation: str | None) -> str:
    """The place an organisation is named after, as a slug: "Devon County Council" and
    "Devon" are both "devon", so documents about one authority can be found together."""
    place = organisation or "unknown"
    place = re.sub(
        r"\b(?:(?:county|city|borough|metropolitan borough|metropolitan district|district|"
        r"parish|town) )?council\b",
        "",
        place,
        flags=re.I,
    )
    place = re.sub(
        r"\b(?:london|royal|metropolitan) borough of\b|\bcity of\b|\bborough of\b|"
        r"\bcounty of\b",
        "",
        place,
        flags=re.I,
    )
    return slugify(place) or "unknown"


def slugify(text: str) -> str:
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
