"""Readers and metadata recognition, one behaviour at a time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plandrift.extract.dates import find_dates, parse_date
from plandrift.extract.metadata import named_council, plan_key_for, recognise_metadata
from plandrift.ingest.errors import EmptyFile, NoText, UnsupportedFile
from plandrift.ingest.html import read_html
from plandrift.ingest.sniff import detect_kind
from plandrift.ingest.text import decode_text, read_text


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\x00\x00junk before the header %PDF-1.4\n", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html lang=en>", "html"),
        (b"  <!-- saved page -->\n<html><body><p>x</p>", "html"),
        (b"<div><p>Progress</p><p>update</p></div>", "html"),
        (b"1. Introduction\nThe Board is asked to note the report.\n", "text"),
        (b"Caf\xe9 minutes 21/05/2020\n", "text"),
    ],
)
def test_sniff_kind_from_content(head, kind):
    assert detect_kind(head) == kind


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_sniff_refuses_other_formats(head, message):
    with pytest.raises((EmptyFile, UnsupportedFile), match=message):
        detect_kind(head)


PAGE = b"""<!DOCTYPE html><html><head><title>Plan update | Anytown Borough Council</title>
<style>p { color: red }</style><script>alert("no")</script></head>
<body><div id="cookie-notice"><p>We use cookies</p></div>
<header><a href="/">Anytown Borough Council</a></header>
<nav><ul><li>Bins</li><li>Council tax</li></ul></nav>
<main><h1>Improvement plan update</h1><p>The board met on <b>3 March 2025</b>.</p>
<ul><li>Caseloads fell to 18.</li><li>Two posts filled</li></ul>
<table><tr><th>Action</th><th>RAG</th></tr>
<tr><td>Recruit IROs</td><td>Amber</td></tr></table></main>
<footer>Privacy | Accessibility</footer></body></html>"""


def test_html_keeps_content_and_drops_chrome():
    document = read_html(PAGE)
    assert document.embedded_title == "Plan update | Anytown Borough Council"
    assert [line.text for line in document.pages[0].lines] == [
        "Improvement plan update",
        "The board met on 3 March 2025.",
        "• Caseloads fell to 18.",
        "• Two posts filled",
        "Action\tRAG",
        "Recruit IROs\tAmber",
    ]
    assert document.pages[0].lines[0].heading_level == 1


def test_html_without_visible_text_is_refused():
    with pytest.raises(NoText):
        read_html(b"<html><head><title>x</title></head><body><script>var a;</script></body></html>")


def test_text_decoding_survives_bad_bytes():
    assert decode_text(b"Caf\xe9\x00 board\x01") == "Café board"
    assert decode_text("Progress – update".encode("utf-16")) == "Progress – update"
    document = read_text(b"# Minutes\n\nItem 1\fPage two\n")
    assert [page.number for page in document.pages] == [1, 2]
    assert document.pages[0].lines[0].heading_level == 1


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Presented to DCFP Exec on 21/05/2020", "2020-05-21"),
        ("Issued 09/04/20", "2020-04-09"),
        ("IMPROVEMENT BOARD DATE: 23rd April 2020", "2020-04-23"),
        ("Ofsted focused visit. 1-2 May 2019", "2019-05-02"),
        ("Inspection dates: 13 to 24 May 2024", "2024-05-24"),
        ("Performance Report September 2023", "2023-09"),
        ("July 11, 2024", "2024-07-11"),
        ("30 November to 2 December 2023", "2023-12-02"),
        ("Minutes 10.12.24", "2024-12-10"),
    ],
)
def test_dates_as_councils_write_them(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text", ["pdfplumber 0.11.10", "31/02/2020", "section 4.1.2", "00/11/2010", "13/13/2020"]
)
def test_not_dates(text):
    assert find_dates(text) == []


@given(st.text())
def test_find_dates_never_crashes_and_gives_valid_iso(text):
    for date in find_dates(text):
        assert len(date.iso) in (7, 10)
        assert text[date.start : date.end] == date.raw


def test_organisation_prefers_the_subject_over_partners_mentioned():
    text = (
        "Inspection of Northdene local authority children's services. "
        "Leaders from Southfield City Council visited. Northdene has improved. "
        "Northdene County Council agreed the plan."
    )
    assert named_council(text) == "Northdene County Council"


def test_organisation_keeps_two_word_places():
    text = (
        "Inspection of West Wexshire local authority children's services. West Wexshire Council ..."
    )
    assert named_council(text + " Wexshire Police.") == "West Wexshire Council"


def test_plan_key_ignores_dates_and_version_words():
    first = plan_key_for(
        "Northdene County Council", "Children's Services Improvement Plan – update 15/01/2025"
    )
    later = plan_key_for("Northdene", "Children’s Services Improvement Plan v3 (revised)")
    assert first == later == "northdene--childrens-services-improvement-plan"


def test_letterhead_is_not_the_title():
    document = read_text(
        b"NORTHDENE COUNTY COUNCIL\nCorporate Parenting Panel minutes\n24 February 2025\n"
    )
    metadata = recognise_metadata(document)
    assert metadata.title == "Corporate Parenting Panel minutes"
    assert (metadata.doc_date, metadata.doc_date_basis) == ("2025-02-24", "date line")


def test_html_table_cells_spanning_rows_and_columns_keep_later_cells_in_their_columns():
    table = b"""<html><body><table>
    <tr><th>Theme</th><th>Action</th><th>Lead</th><th>RAG</th></tr>
    <tr><td rowspan="2">Workforce</td><td>Recruit IROs</td><td rowspan="2">HoS</td><td>Amber</td></tr>
    <tr><td>Advertise posts</td><td>Green</td></tr>
    <tr><td colspan="4">2. Care leavers</td></tr>
    <tr><td>Care leavers</td><td><p>Review the</p><p>local offer</p></td><td>PA</td><td>Red</td></tr>
    </table></body></html>"""
    page = read_html(table).pages[0]
    rows = [[cell.text if cell else None for cell in row] for row in page.tables[0].rows]
    assert rows == [
        ["Theme", "Action", "Lead", "RAG"],
        ["Workforce", "Recruit IROs", "HoS", "Amber"],
        [None, "Advertise posts", None, "Green"],
        ["2. Care leavers", None, None, None],
        # Paragraphs inside a cell stay apart (steps listed in one cell), on one line per row.
        ["Care leavers", "Review the\nlocal offer", "PA", "Red"],
    ]
    assert [line.text for line in page.lines][2] == "Advertise posts\tGreen"
    assert [line.text for line in page.lines][-1] == "Care leavers\tReview the local offer\tPA\tRed"


def test_html_broken_markup_is_mended_as_a_browser_would():
    page = read_html(b"<p>First <b>bold<p>Second</i> para<li>item").pages[0]
    assert [line.text for line in page.lines] == ["First bold", "Second para", "• item"]
