"""A document's own title: a labelled title, the top heading, or the largest type on page 1.

Letterheads ("DEVON COUNTY COUNCIL", "Children's Services"), an office's address, a place
printed large above the real title ("Torbay"), dates and page furniture are set aside
first, and a title wrapped over several lines is read whole, so the title is never a
banner or half a line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

from ..ingest.model import Line, ReadDocument
from .dates import find_dates
from .lists import in_table
from .patterns import load_patterns

_START_PAGES = 2
_MAX_TITLE_LINES = 4
_CANDIDATE_LINES = 40  # a title sits near the top of the first page


def recognise_title(
    document: ReadDocument, names_organisation: Callable[[str], bool]
) -> str | None:
    """The title; ``names_organisation`` tells a line that only names an authority."""
    first_pages = [line for page in document.pages[:_START_PAGES] for line in page.lines]
    if not first_pages:
        return document.embedded_title
    labels = "|".join(re.escape(label) for label in load_patterns("document")["title_labels"])
    for line in first_pages:
        labelled = re.match(rf"^\s*(?:{labels})\s*:\s*(?P<title>\S.{{3,}})$", line.text, re.I)
        if labelled:
            return _clean(labelled.group("title"))

    def set_aside(text: str) -> bool:
        return _set_aside(text, names_organisation)

    page = document.pages[0]  # a title is never a table's cell (a version-history table)
    first_page = [line for line in page.lines[:_CANDIDATE_LINES] if not in_table(line, page.tables)]
    title_lines = _largest_run(first_page, set_aside)
    headings = [line for line in first_pages if line.heading_level and not set_aside(line.text)]
    if headings:
        top = min(line.heading_level for line in headings)
        heading = next(line for line in headings if line.heading_level == top)
        # Type set larger than the top heading is the title (a Word title made of large
        # bold type over "Heading 2" sections).
        if not title_lines or (heading.size or 0) > title_lines[0].size:
            return _clean(heading.text)
    if title_lines:
        return _clean(" ".join(line.text for line in title_lines))
    first_page = [line for line in first_page if not set_aside(line.text)]
    for line in first_page:
        if len(re.findall(r"[A-Za-z]", line.text)) >= 6:
            return _clean(line.text)
    return document.embedded_title


def _set_aside(text: str, names_organisation: Callable[[str], bool]) -> bool:
    """Lines that are never a title: banners, addresses, dates, page furniture. (A running
    header may be the title: inspection reports repeat theirs on every page.)"""
    text = text.strip()
    if len(re.findall(r"[A-Za-z]", text)) < 3:
        return True
    dates = find_dates(text)
    if dates and len(text) - sum(len(found.raw) for found in dates) <= 12:
        return True
    config = load_patterns("document")["not_titles"]
    if any(re.search(regex, text, re.I) for regex in config["regexes"]):
        return True
    return names_organisation(text) or _department(text, config["banner_words"])


def _department(text: str, banner_words: list[str]) -> bool:
    """A short line made only of the words a letterhead uses ("Children's Services")."""
    words = re.findall(r"[A-Za-z’']+", text.lower())
    allowed = set(banner_words)
    return 0 < len(words) <= 6 and all(word in allowed for word in words)


def _largest_run(lines: list[Line], set_aside: Callable[[str], bool]) -> list[Line]:
    """The run of consecutive lines set in the largest type that stands out from the body,
    one type size and weight throughout, close together: a title wrapped over lines.
    A run that is only a banner or a date is passed over as a whole, so that a title's
    second line ("children's services") is never taken for a letterhead."""
    sized = [line for line in lines if line.size]
    if not sized:
        return []
    body = statistics.median(
        line.size for line in sized for _ in range(max(1, len(line.text) // 20))
    )
    runs: list[list[Line]] = []
    for line in sized:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and abs(line.size - previous.size) <= 0.5
            and line.bold == previous.bold
            and not (line.bbox and previous.bbox and line.bbox[1] - previous.bbox[3] > line.size)
            and len(runs[-1]) < _MAX_TITLE_LINES
        ):
            runs[-1].append(line)
        else:
            runs.append([line])
    standing_out = [
        run
        for run in runs
        if (run[0].size >= body * 1.15 or (run[0].bold and run[0].size >= body))
        and not set_aside(" ".join(line.text for line in run))
    ]
    if not standing_out:
        return []
    return max(standing_out, key=lambda run: (run[0].size, run[0].bold, -runs.index(run)))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :-–")[:250]
