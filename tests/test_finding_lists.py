"""Findings lists as inspection reports print them, drawn at random: any symbol as the
bullet (private-use glyphs of Symbol and Wingdings fonts, dingbats, arrows, "(cid:N)"), at
any indent, sometimes on a line of its own; numbered lists that run on across sub-headings;
the safeguarding board's own recommendations; findings set out as a table. The extractor
must find every item, with its number and source, and nothing from the prose around it."""

from __future__ import annotations

import random

import pytest

from plandrift.extract.recommendations import extract_recommendations
from plandrift.ingest.model import Cell, Line, Page, ReadDocument, Table

WORDS = [
    "assessments",
    "plans",
    "supervision",
    "oversight",
    "placements",
    "leavers",
    "caseloads",
    "audits",
    "referrals",
    "thresholds",
    "partners",
    "visits",
    "reviews",
    "permanence",
    "education",
    "health",
    "advocacy",
    "records",
]
# Where bullet glyphs come from in real PDFs: Symbol and Wingdings glyphs mapped to the
# private-use area, dingbats, geometric shapes, arrows, and glyphs with no character.
GLYPH_RANGES = ((0xF020, 0xF0FF), (0x2700, 0x27BF), (0x25A0, 0x25FF), (0x2190, 0x21FF))
LINE = 14.5
PAGE_HEIGHT = 842.0


def _glyph(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"(cid:{rng.randint(1, 200)})"
    while True:  # not a circled digit or letter: those number a list
        low, high = rng.choice(GLYPH_RANGES)
        glyph = chr(rng.randint(low, high))
        if not glyph.isalnum():
            return glyph


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"{rng.choice(['Improve', 'Ensure', 'Strengthen', 'The quality of'])} {text}."


class _Writer:
    """Lines placed down pages, as a PDF reader gives them."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page(number=1, height=PAGE_HEIGHT, width=595)]
        self.top = 80.0

    def line(self, text: str, x0: float, *, size: float = 12, bold: bool = False) -> Line:
        if self.top > PAGE_HEIGHT - 100:
            self.pages.append(Page(number=len(self.pages) + 1, height=PAGE_HEIGHT, width=595))
            self.top = 80.0
        line = Line(text, (x0, self.top, x0 + 6 * len(text), self.top + size), size, bold)
        self.pages[-1].lines.append(line)
        self.top += LINE
        return line

    def gap(self) -> None:
        self.top += LINE

    def item(self, marker: str, text: str, x0: float, hang: float, rng: random.Random) -> None:
        """An item wrapped at about eight words a line, its wrapped lines hanging."""
        words = text.split()
        first, rest = " ".join(words[:8]), words[8:]
        if marker and not marker[0].isdigit() and rng.random() < 0.2:  # a glyph drawn apart
            self.pages[-1].lines.append(
                Line(marker, (x0, self.top - 3, x0 + 8, self.top + 15), 18, False)
            )
            self.line(first, x0 + hang)
        else:
            self.line(f"{marker} {first}" if marker else first, x0)
        while rest:
            self.line(" ".join(rest[:8]), x0 + hang)
            rest = rest[8:]
        self.gap()


def _numbered(page: _Writer, rng: random.Random, number: int, source: str, truth: list) -> int:
    """One to three numbered findings from *number* on; the number after them."""
    for _ in range(rng.randint(1, 3)):
        text = _sentence(rng, rng.randint(4, 24))
        page.item(f"{number}.", text, 70, 28, rng)
        truth.append((text, str(number), source))
        number += 1
    return number


def draw_report(seed: int) -> tuple[ReadDocument, list[tuple[str, str | None, str]]]:
    """A report and its findings: (text, ref, source)."""
    rng = random.Random(seed)
    page = _Writer()
    truth: list[tuple[str, str | None, str]] = []
    page.line("Inspection of a local authority's children's services", 70, size=20, bold=True)
    page.gap()
    page.line("Inspectors found that leaders have improved the service since the last", 70)
    page.line("inspection, although progress has been uneven.", 70)
    page.gap()
    # A bulleted list of one to six findings, each glyph drawn afresh.
    glyph, x0, hang = _glyph(rng), rng.uniform(50, 90), rng.uniform(12, 30)
    heading = rng.choice(
        ["What needs to improve?", "What needs to improve", "Areas for improvement"]
    )
    page.line(heading, 70, size=14, bold=True)
    for _ in range(rng.randint(1, 6)):
        text = _sentence(rng, rng.randint(4, 20))
        page.item(glyph, text, x0, hang, rng)
        truth.append((text, None, heading.rstrip("?")))
    page.line("Main findings", 70, size=14, bold=True)
    page.line("Most children are seen regularly and their plans are reviewed on time.", 70)
    page.gap()
    # A numbered list running on across sub-headings, then numbered paragraphs of prose.
    number = rng.randint(1, 30)
    page.line("Areas for improvement", 70, size=12, bold=True)
    for _ in range(rng.randint(1, 4)):
        page.line(
            rng.choice(
                ["Care leavers", "Help and protection", "Leadership, management and governance"]
            ),
            70,
        )
        number = _numbered(page, rng, number, "Areas for improvement", truth)
    page.line("Summary for children and young people", 70, size=14, bold=True)
    page.item("", "Children told inspectors that their social workers listen to them.", 70, 0, rng)
    page.line("Inspection findings", 70, size=12, bold=True)
    for _ in range(3):
        page.item(f"{number}.", _sentence(rng, 30), 70, 28, rng)
        number += 1
    # The review of the safeguarding board, with its own recommendations.
    page.top = PAGE_HEIGHT  # on a new page
    page.line("The Local Safeguarding Children Board (LSCB)", 70, size=16, bold=True)
    page.line("Recommendations", 70, size=14, bold=True)
    number = _numbered(page, rng, number, "LSCB", truth)
    page.line("Information about this inspection", 70, size=16, bold=True)
    page.line("The inspection was carried out under section 136 of the Act.", 70)
    # An area SEND report's table: one finding a row, beside the body responsible.
    rows = [
        [
            Cell("Responsible body", (60, 100, 210, 115)),
            Cell("Areas for priority action", (215, 100, 530, 115)),
        ]
    ]
    for row in range(rng.randint(1, 4)):
        text = _sentence(rng, rng.randint(6, 20))
        top = 120 + row * 60
        rows.append(
            [
                Cell("The council and the ICB", (60, top, 210, top + 55)),
                Cell(text, (215, top, 530, top + 55)),
            ]
        )
        truth.append((text, None, "Areas for priority action"))
    table_page = Page(number=len(page.pages) + 1, height=PAGE_HEIGHT, width=595)
    table_page.tables.append(Table(table_page.number, rows, (60, 100, 530, 120 + 60 * len(rows))))
    return ReadDocument("pdf", [*page.pages, table_page]), truth


@pytest.mark.parametrize("seed", range(40))
def test_every_finding_of_a_drawn_report(seed):
    document, truth = draw_report(seed)
    found = extract_recommendations(document, "inspection_letter", [])
    got = [(item.text, item.ref, item.section or item.source.rstrip("?")) for item in found]
    assert got == truth
    assert {item.kind for item in found} == {"finding"}


def test_a_lone_symbol_in_prose_is_not_a_bullet():
    """A symbol that starts one line of prose, with no list heading before it and no
    hanging line after it, is text."""
    page = _Writer()
    page.line("Overview", 70, size=14, bold=True)
    page.line("→ Referrals rose in the year, as the table shows.", 70)
    page.line("Contacts rose too.", 70)
    document = ReadDocument("pdf", page.pages)
    assert extract_recommendations(document, "inspection_letter", []) == []
