"""Read lists written in prose: bulleted or numbered items under a heading that says what they
are ("Next steps", "What needs to improve?", "The Board is asked to:").

Shared by the action and recommendation extractors, which differ only in their headings.
Items wrap over lines (and page breaks); running headers, footers and page numbers in
between are passed over; a list ends at the next heading, at a plain paragraph, or when the
kind of marker changes (bullets, then "7. Recommendations"). A numbered list runs on past
a short sub-heading ("Care leavers") when the numbering does. Lines inside tables are left
to the table readers.

A bullet is whatever symbol the document uses as one, found by where it stands rather than
by a list of characters: PDFs print bullets in Symbol, Wingdings or private fonts, as
private-use code points or as a glyph on a line of its own.
"""

from __future__ import annotations

import re
import statistics
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
    section: str | None = None  # the part of the document it is in, where rules name one


@dataclass(frozen=True)
class Section:
    """A part of a document that lists belong to, begun by a heading: the review of the
    safeguarding board in an inspection report, say. ``name`` None ends a named part."""

    name: str | None
    heading: re.Pattern


@dataclass(frozen=True)
class ListRules:
    headings: re.Pattern
    labelled: re.Pattern | None = None  # its "text" group is the item
    groups: re.Pattern | None = None  # sub-headings that keep the list open
    max_lead_in: int = 2  # paragraphs between a heading and its first item
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class _Listed:
    """A line that starts a list item: its marker's kind, its number, its text."""

    marker: str  # bullet | decimal | number | letter | roman
    ref: str | None
    text: str


@cache
def _item_regex() -> re.Pattern:
    return re.compile(load_patterns("lists")["list_item"])


# The marker the Word and HTML readers put before a list paragraph.
READER_BULLET = "•"
# A lone symbol that may be a list marker: not a letter, digit, quote, bracket, currency or
# sentence punctuation; a glyph with no character behind it prints as "(cid:N)".
_MARK = re.compile(r"^(\(cid:\d+\)|[^\w\s\"'‘’“”()\[\]{}<>£$€%#@&.,;:!?/\\])(?:\s+(?=\S)|$)")
_HANGING_INDENT = (3.0, 40.0)  # points a wrapped line of a bulleted item sits right of it


def list_marks(document: ReadDocument) -> frozenset[str]:
    """The symbols this document uses as bullets: one that starts at least two lines at
    the same indent, or starts a line whose next line hangs indented past it."""
    indents: dict[str, Counter] = {}
    marks = {READER_BULLET}
    for page in document.pages:
        for index, line in enumerate(page.lines):
            match = _MARK.match(line.text.strip())
            if not match:
                continue
            mark = match.group(1)
            x0 = round(line.bbox[0]) if line.bbox else None
            indents.setdefault(mark, Counter())[x0] += 1
            following = page.lines[index + 1] if index + 1 < len(page.lines) else None
            if line.bbox and following and following.bbox:
                indent = following.bbox[0] - line.bbox[0]
                if _HANGING_INDENT[0] < indent < _HANGING_INDENT[1]:
                    marks.add(mark)
    marks |= {mark for mark, counts in indents.items() if max(counts.values()) >= 2}
    return frozenset(marks)


def read_lists(document: ReadDocument, rules: ListRules) -> list[ListItem]:
    """Every item of every list the rules' headings introduce, in reading order."""
    reader = _Reader(rules, running_lines(document), list_marks(document))
    for page in document.pages:
        for line in page.lines:
            if not in_table(line, page.tables) and not in_margin(line, page):
                reader.line(page.number, line)
    reader.close()
    for item in reader.items:
        item.text = " ".join(item.text.split())
    return reader.items


class _Reader:
    def __init__(self, rules: ListRules, running: set[str], marks: frozenset[str]):
        self.rules = rules
        self.running = running
        self.marks = marks
        self.section: str | None = None
        self.lone_mark: Line | None = None  # a bullet printed on a line of its own
        self.sub_heading: str | None = None  # a short line inside a numbered list
        self.lead_in_open = False  # the lead-in's sentence runs on to the next line
        self.items: list[ListItem] = []
        self.heading: str | None = None
        self.group: str | None = None
        self.item: ListItem | None = None
        self.item_x: float | None = None
        self.heading_start = 0  # index in items of the current heading's first item
        self.lead_in = 0
        self.marker: str | None = None  # the kind of marker this list's items use
        self.last_heading: str | None = None

    def listed(self, text: str) -> _Listed | None:
        """The item a line starts: after a bullet this document uses as one (or any lone
        symbol, while a list heading waits for its first item or bullets), or a number."""
        match = _MARK.match(text)
        bulleted = self.heading is not None and self.marker in (None, "bullet")
        if match and match.end() < len(text) and (match.group(1) in self.marks or bulleted):
            return _Listed("bullet", None, text[match.end() :])
        match = _item_regex().match(text)
        if match:
            ref = match.group("ref")
            return _Listed(_marker(ref), clean_ref(ref), match.group("text"))
        return None

    def line(self, page: int, line: Line) -> None:
        text = line.text.strip()
        if shape(text) in self.running or PAGE_NUMBER.match(text):
            return
        if "\t" in text:  # a table row of a web page or Word file (cells joined by tabs)
            self.close()
            return
        if text in self.marks:  # the bullet of the next line, printed apart (larger)
            self.lone_mark = line
            return
        if self.lone_mark is not None and _beside(self.lone_mark, line):
            text = f"{READER_BULLET} {text}"
        self.lone_mark = None
        if page > 1 and is_heading(line) and not re.search(r"\d$", text):
            for section in self.rules.sections:
                if section.heading.search(text):
                    self.section = section.name
                    break
        listed = self.listed(text)
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
        if self.sub_heading is not None:
            if not (listed and self._numbering_continues(listed)):
                self.close()
                self.heading = None
            self.sub_heading = None
        if labelled:
            self._start(page, line, labelled.group("text"), None, self.heading or self.last_heading)
            self.item.labelled = True
        elif self.rules.headings.search(text):
            self.close()
            self.heading = self.last_heading = text.rstrip(";:.").strip()
            self.group, self.lead_in, self.marker = None, 0, None
            self.lead_in_open = False
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
        elif listed and self.marker in (None, listed.marker):
            self._start(page, line, listed.text, listed.ref, self.heading)
            self.lead_in, self.marker = self.rules.max_lead_in, listed.marker
            self.lead_in_open = False
        elif self.marker == "number" and _SUB_HEADING.match(text):
            self.close()  # kept open only if the next line goes on with the numbering
            self.sub_heading = text
        elif self.lead_in < self.rules.max_lead_in or self.lead_in_open:
            if not self.lead_in_open:
                self.lead_in += 1
            self.lead_in_open = not text.endswith(SENTENCE_END)
        else:
            self.close()
            self.heading = None

    def _numbering_continues(self, listed: _Listed) -> bool:
        """The item after a sub-heading carries on the list's numbers (16, "Care
        leavers", 17)."""
        last = next((item.ref for item in reversed(self.items) if item.ref), None)
        return bool(
            listed.marker == "number"
            and last
            and last.isdigit()
            and listed.ref
            and listed.ref.isdigit()
            and int(listed.ref) == int(last) + 1
        )

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
            page=page,
            text=text,
            bbox=line.bbox,
            ref=ref,
            heading=heading,
            group=self.group,
            section=self.section,
        )
        self.item_x = line.bbox[0] if line.bbox else None

    def close(self) -> None:
        if self.item is not None:
            self.items.append(self.item)
        self.item = None


# A short title inside a numbered list ("Care leavers", "Leadership, management and
# governance"): a few words, capitalised, no sentence end.
_SUB_HEADING = re.compile(r"^[A-Z][\w'’,\- ]{2,70}$")


def _beside(mark: Line, line: Line) -> bool:
    """The text a bullet printed on its own line belongs to: to its right, level with it."""
    if not (mark.bbox and line.bbox):
        return False
    height = max(line.bbox[3] - line.bbox[1], 1.0)
    return line.bbox[0] > mark.bbox[0] and abs(line.bbox[1] - mark.bbox[1]) < 1.5 * height


def _marker(ref: str | None) -> str:
    """The kind of list marker: a bullet, "6.1", "1.", "a)" or "(iv)"."""
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
    """Running headers and footers: short lines repeated (numbers aside) on most pages, at
    one height on the page where lines have positions (a wrapped item's last word that
    happens to recur is not a footer)."""
    if len(document.pages) < 2:
        return set()
    tops: dict[str, dict[int, float | None]] = {}
    for page in document.pages:
        for line in page.lines:
            if len(line.text) < 120:
                top = line.bbox[1] if line.bbox else None
                tops.setdefault(shape(line.text), {}).setdefault(page.number, top)
    needed = max(2, len(document.pages) // 2)
    running = set()
    for text, by_page in tops.items():
        placed = [top for top in by_page.values() if top is not None]
        middle = statistics.median(placed) if placed else None
        pages = sum(top is None or abs(top - middle) <= _SAME_HEIGHT for top in by_page.values())
        if pages >= needed:
            running.add(text)
    return running


_SAME_HEIGHT = 4.0  # points a running head may move from page to page


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
