"""Read lists written in prose: bulleted or numbered items under a heading that says what they
are ("Next steps", "What needs to improve?", "The Board is asked to:").

Shared by the action and recommendation extractors, which differ only in their headings.
Items wrap over lines (and page breaks); running headers, footers and page numbers in
between are passed over; a list ends at the next heading, at a plain paragraph, or when the
kind of marker changes (bullets, then "7. Recommendations"). Lines inside tables are left
to the table readers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..ingest.model import BBox, Line, Page, ReadDocument, Table
from .patterns import load_patterns

PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+[A-Z][^.]{0,60}$")  # "5. Workforce" in plain text
SENTENCE_END = (".", ";", ":", "!", "?")
MARGIN = 0.06  # the share of a page's height at its top and bottom kept for heads and feet


@dataclass
class ListItem:
    page: int
    text: str
    bbox: BBox | None
    ref: str | None  # the item's number as printed, without punctuation
    heading: str | None  # the list heading (for a labelled line: the last heading seen)
    group: str | None = None  # a sub-heading inside the list, such as "Within three months"
    labelled: bool = False  # a line that is an item wherever it stands ("Action: ...")


@dataclass(frozen=True)
class ListRules:
    headings: re.Pattern
    labelled: re.Pattern | None = None  # its "text" group is the item
    groups: re.Pattern | None = None  # sub-headings that keep the list open
    max_lead_in: int = 2  # lines between a heading and its first item ("The service will:")


@cache
def _item_regex() -> re.Pattern:
    return re.compile(load_patterns("lists")["list_item"])


def read_lists(document: ReadDocument, rules: ListRules) -> list[ListItem]:
    """Every item of every list the rules' headings introduce, in reading order."""
    reader = _Reader(rules, running_lines(document))
    for page in document.pages:
        for line in page.lines:
            if not in_table(line, page.tables) and not in_margin(line, page):
                reader.line(page.number, line)
    reader.close()
    for item in reader.items:
        item.text = " ".join(item.text.split())
    return reader.items


class _Reader:
    def __init__(self, rules: ListRules, running: set[str]):
        self.rules = rules
        self.running = running
        self.items: list[ListItem] = []
        self.heading: str | None = None
        self.group: str | None = None
        self.item: ListItem | None = None
        self.item_x: float | None = None
        self.heading_start = 0  # index in items of the current heading's first item
        self.lead_in = 0
        self.marker: str | None = None  # the kind of marker this list's items use
        self.last_heading: str | None = None

    def line(self, page: int, line: Line) -> None:
        text = line.text.strip()
        if shape(text) in self.running or PAGE_NUMBER.match(text):
            return
        if "\t" in text:  # a table row of a web page or Word file (cells joined by tabs)
            self.close()
            return
        listed = _item_regex().match(text)
        labelled = self.rules.labelled.match(text) if self.rules.labelled else None
        starts_something = listed or labelled or self.rules.headings.search(text)
        if self.item is not None and not starts_something and self._continues(line):
            self.item.text = f"{self.item.text} {text}"
            if line.bbox and self.item.bbox:
                x0, top, x1, _ = self.item.bbox
                self.item.bbox = (x0, top, max(x1, line.bbox[2]), line.bbox[3])
            return
        if is_heading(line) or (line.bbox is None and _NUMBERED_HEADING.match(text)):
            self.last_heading = text.rstrip(";:.").strip()
        group = self.rules.groups.match(text) if self.rules.groups and self.heading else None
        if labelled:
            self._start(page, line, labelled.group("text"), None, self.heading or self.last_heading)
            self.item.labelled = True
        elif self.rules.headings.search(text):
            self.close()
            self.heading = self.last_heading = text.rstrip(";:.").strip()
            self.group, self.lead_in, self.marker = None, 0, None
            self.heading_start = len(self.items)
        elif group:
            if self.group is None:  # what came before the first sub-heading was a lead-in
                self.item = None
                del self.items[self.heading_start :]
            self.close()
            self.group, self.marker = text.rstrip(":").strip(), None
        elif self.heading is None or is_heading(line):
            self.close()
            self.heading = None
        elif listed and self.marker in (None, _marker(listed)):
            self._start(
                page, line, listed.group("text"), clean_ref(listed.group("ref")), self.heading
            )
            self.lead_in, self.marker = self.rules.max_lead_in, _marker(listed)
        elif self.lead_in < self.rules.max_lead_in:
            self.lead_in += 1
        else:
            self.close()
            self.heading = None

    def _continues(self, line: Line) -> bool:
        """A wrapped line of the open item: indented past the item's marker, or flush with it
        while the item's sentence goes on in lower case (or, for a labelled line or plain text
        without positions, while the item's sentence is unfinished)."""
        if is_heading(line):
            return False
        unfinished = not self.item.text.rstrip().endswith(SENTENCE_END)
        if line.bbox is None or self.item_x is None or self.item.labelled:
            return unfinished
        # Wrapped flush with the marker: only a sentence that goes on in lower case.
        flush = unfinished and line.text.lstrip()[:1].islower()
        return line.bbox[0] > self.item_x + 1 or flush

    def _start(
        self, page: int, line: Line, text: str, ref: str | None, heading: str | None
    ) -> None:
        self.close()
        self.item = ListItem(
            page=page, text=text, bbox=line.bbox, ref=ref, heading=heading, group=self.group
        )
        self.item_x = line.bbox[0] if line.bbox else None

    def close(self) -> None:
        if self.item is not None:
            self.items.append(self.item)
        self.item = None


def _marker(item: re.Match) -> str:
    """The kind of list marker: a bullet, "6.1", "1.", "a)" or "(iv)"."""
    ref = item.group("ref")
    if not ref:
        return "bullet"
    if re.search(r"\d\.\d", ref):
        return "decimal"
    if re.search(r"\d", ref):
        return "number"
    return "roman" if re.fullmatch(r"\(?[ivx]+[.)]", ref) else "letter"


def is_heading(line: Line) -> bool:
    """Set apart by markup or type (a numbered line may as well be a list item)."""
    return bool(line.heading_level) or line.bold


def running_lines(document: ReadDocument) -> set[str]:
    """Running headers and footers: short lines repeated (numbers aside) on most pages."""
    if len(document.pages) < 2:
        return set()
    counts = Counter(
        blanked
        for page in document.pages
        for blanked in {shape(line.text) for line in page.lines if len(line.text) < 120}
    )
    return {text for text, count in counts.items() if count >= max(2, len(document.pages) // 2)}


def shape(text: str) -> str:
    """A line with its numbers blanked, so "Page 2 of 3" and "Page 3 of 3" are one footer."""
    return re.sub(r"\d+", "#", text.strip())


def in_margin(line: Line, page: Page) -> bool:
    """In the strip at the very top or bottom of a PDF page, where running heads and feet sit."""
    if not line.bbox or not page.height:
        return False
    return line.bbox[1] > page.height * (1 - MARGIN) or line.bbox[3] < page.height * MARGIN


def in_table(line: Line, tables: list[Table]) -> bool:
    if not line.bbox:
        return False
    middle_x, middle_y = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
    return any(
        table.bbox
        and table.bbox[0] <= middle_x <= table.bbox[2]
        and table.bbox[1] <= middle_y <= table.bbox[3]
        for table in tables
    )


def clean_ref(ref: str | None) -> str | None:
    if not ref:
        return None
    ref = ref.strip().strip("()").rstrip(".):-– ").strip()
    return ref or None
