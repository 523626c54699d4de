"""Recognise what a document is from its own words: type, title, organisation, date, plan.

Committee systems rarely fill in PDF metadata (or fill it with a template's stale title),
so everything here reads the text. The patterns live in ``patterns/document.json``; this
module only scores them. Every guess can be overridden on the command line.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..ingest.model import Line, ReadDocument
from .dates import find_dates
from .patterns import load_patterns

DOC_TYPES = ("improvement_plan", "board_report", "inspection_letter", "performance_report", "other")
_DATE_PLACEHOLDER = r"(?P<date>[^\n]{0,40}?\d[^\n]{0,30})"
_START_PAGES = 2


@dataclass(frozen=True)
class DocumentMetadata:
    doc_type: str
    title: str | None
    organisation: str | None
    doc_date: str | None
    doc_date_basis: str | None  # which clue gave the date, for people checking it
    plan_key: str | None


def recognise_metadata(document: ReadDocument) -> DocumentMetadata:
    """Everything :class:`DocumentMetadata` holds, guessed from the document's text."""
    title = recognise_title(document)
    doc_type = recognise_doc_type(document, title)
    organisation = recognise_organisation(f"{document.embedded_title or ''}\n{document.text}")
    doc_date, basis = recognise_date(document, title)
    plan_key = plan_key_for(organisation, title) if doc_type == "improvement_plan" else None
    return DocumentMetadata(doc_type, title, organisation, doc_date, basis, plan_key)


# --- title -------------------------------------------------------------------------------


def recognise_title(document: ReadDocument) -> str | None:
    """A labelled title ("Report title: ..."), else the top heading, else the largest text."""
    first_pages = [line for page in document.pages[:_START_PAGES] for line in page.lines]
    if not first_pages:
        return document.embedded_title
    labels = "|".join(re.escape(label) for label in load_patterns("document")["title_labels"])
    for line in first_pages:
        labelled = re.match(rf"^\s*(?:{labels})\s*:\s*(?P<title>\S.{{3,}})$", line.text, re.I)
        if labelled:
            return _clean_title(labelled.group("title"))
    headings = [line for line in first_pages if line.heading_level]
    if headings:
        top = min(line.heading_level for line in headings)
        return _clean_title(next(line.text for line in headings if line.heading_level == top))
    first_page = [line for line in document.pages[0].lines if not _names_an_organisation(line.text)]
    title_lines = _largest_text_run(first_page)
    if title_lines:
        return _clean_title(" ".join(line.text for line in title_lines))
    for line in first_page:
        if len(re.findall(r"[A-Za-z]", line.text)) >= 6:
            return _clean_title(line.text)
    return document.embedded_title


def _names_an_organisation(text: str) -> bool:
    """A banner line that only names the council: a letterhead, not a title."""
    text = text.strip()
    return any(
        re.fullmatch(regex, text, re.I)
        for regex in load_patterns("document")["organisation"]["full_forms"]
    )


def _largest_text_run(lines: list[Line]) -> list[Line]:
    """The first run of consecutive lines set in the page's largest type, if it stands out."""
    sized = [line for line in lines if line.size and re.search(r"[A-Za-z]{3}", line.text)]
    if not sized:
        return []
    body = statistics.median(
        line.size for line in sized for _ in range(max(1, len(line.text) // 20))
    )
    largest = max(line.size for line in sized)
    if largest < body * 1.15:
        return []
    run: list[Line] = []
    for line in sized:
        if abs(line.size - largest) <= 0.5:
            if (
                run
                and line.bbox
                and run[-1].bbox
                and line.bbox[1] - run[-1].bbox[3] > largest * 1.5
            ):
                break
            run.append(line)
        elif run:
            break
    return run[:4]


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :-–")[:250]


# --- type --------------------------------------------------------------------------------


def recognise_doc_type(document: ReadDocument, title: str | None) -> str:
    """Score each type's patterns against the title, the opening pages and the whole text."""
    texts = {
        "title": title or "",
        "start": "\n".join(page.text for page in document.pages[:_START_PAGES]),
        "any": document.text,
    }
    has_action_table = any(
        has_action_table_header(line.text) for page in document.pages for line in page.lines
    )
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


def recognise_organisation(text: str) -> str | None:
    """The authority the document is about: the place named most often in council-like forms.

    Returns the fullest form the document uses ("Devon County Council"), or the place
    alone when it never names the council in full ("Devon").
    """
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


# --- date --------------------------------------------------------------------------------


def recognise_date(document: ReadDocument, title: str | None) -> tuple[str | None, str | None]:
    """The document's own date and the clue it came from (labelled date, title, first date)."""
    start = "\n".join(page.text for page in document.pages[:_START_PAGES])
    for rule in load_patterns("document")["date_labels"]:
        regex = rule["regex"].replace("{DATE}", _DATE_PLACEHOLDER)
        for match in re.finditer(regex, start, re.I | re.M):
            dates = find_dates(match.group("date"))
            if dates and dates[0].start <= 2:
                return dates[0].iso, rule["basis"]
    if title:
        dates = find_dates(title)
        if dates:
            return dates[-1].iso, "title"
    first_page = document.pages[0].lines if document.pages else []
    for line in first_page[:15]:
        dates = find_dates(line.text)
        if dates and len(line.text) - len(dates[0].raw) <= 3:
            return dates[0].iso, "date line"
    for line in first_page:
        dates = find_dates(line.text)
        if dates:
            return dates[0].iso, "first date on page 1"
    return None, None


# --- plan identity -----------------------------------------------------------------------

_VERSION_WORDS = re.compile(
    r"\b(?:(?:progress\s+)?updated?\b.*$|as\s+(?:at|of)\b.*$|presented\b.*$|"
    r"v(?:ersion)?\s*\d+(?:\.\d+)*|draft|final|revised|refreshed)",
    re.I,
)


def plan_key_for(organisation: str | None, title: str | None) -> str:
    """One key for every dated version of a plan: the place's slug plus the undated title."""
    name = title or "plan"
    for date in reversed(find_dates(name)):
        name = name[: date.start] + name[date.end :]
    name = _VERSION_WORDS.sub("", name)
    return f"{place_key(organisation)}--{slugify(name) or 'plan'}"


def place_key(organisation: str | None) -> str:
    """The place an organisation is named after, as a slug: "Devon County Council" and
    "Devon" are both "devon", so documents about one authority can be found together."""
    place = organisation or "unknown"
    place = re.sub(
        r"\b(?:(?:county|city|borough|metropolitan borough|district|parish|town) )?council\b",
        "",
        place,
        flags=re.I,
    )
    place = re.sub(
        r"\b(?:london|royal) borough of\b|\bcity of\b|\bborough of\b", "", place, flags=re.I
    )
    return slugify(place) or "unknown"


def slugify(text: str) -> str:
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
