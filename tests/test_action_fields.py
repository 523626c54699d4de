"""The text-level rules behind action fields: due dates, statuses, leads, lists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plandrift.extract.action_record import _status
from plandrift.extract.actions import extract_actions
from plandrift.extract.due_dates import resolve_due
from plandrift.extract.nlp import split_leads
from plandrift.ingest.html import read_html
from plandrift.ingest.text import read_text


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("31/03/2020", "2020-03-31"),
        ("March 2020", "2020-03-31"),
        ("End of May 2020", "2020-05-31"),
        ("w/b 18/05/20", "2020-05-18"),
        ("w/b 20/05/20", "2020-05-18"),  # a Wednesday: the week began on the Monday
        ("April '20", "2020-04-30"),
        ("Apr-21", "2021-04-30"),
        ("Q1 2020/21", "2020-06-30"),
        ("Q4 2020/21", "2021-03-31"),
        ("by 29th May", "2020-05-29"),
        ("by the end of the month", "2020-04-30"),
        ("Mar\n2026", "2026-03-31"),
        ("end of June", "2020-06-30"),
        ("February", "2020-02-29"),  # two months overdue, not next year's
        ("Sept 2020 - Dec 2020", "2020-12-31"),
    ],
)
def test_due_dates_resolved_against_document_date(written, iso):
    assert resolve_due(written, "2020-04-23") == iso


def test_month_long_past_in_the_document_year_means_next_year():
    assert resolve_due("February", "2020-10-23") == "2021-02-28"


@pytest.mark.parametrize(
    "written", ["Ongoing", "Monthly", "TBC", "n/a", "As required", "", None, "Quarterly"]
)
def test_timescales_without_a_date(written):
    assert resolve_due(written, "2020-04-23") is None


@given(st.text(max_size=60), st.dates().map(lambda day: day.isoformat()))
def test_resolve_due_never_crashes(text, doc_date):
    result = resolve_due(text, doc_date)
    assert result is None or len(result) == 10


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("SW/PA/ FPs/ TMs", ["SW", "PA", "FPs", "TMs"]),
        ("SWs/PA TMs", ["SWs", "PA TMs"]),
        ("AD CSC & HoS QA", ["AD CSC", "HoS QA"]),
        ("Head of Service and PSW", ["Head of Service", "PSW"]),
        ("Lead for Family\nHubs/Finance", ["Lead for Family Hubs", "Finance"]),
        ("DPH, CPH and PH Specialists", ["DPH", "CPH", "PH Specialists"]),
    ],
)
def test_leads_split_into_people_and_roles(lead, names):
    assert split_leads(lead) == names


@given(st.text(max_size=80))
def test_split_leads_never_crashes_and_keeps_words(lead):
    for name in split_leads(lead):
        assert name and name == name.strip()


def _status_of(raw=None, update=None, source="table"):
    from plandrift.extract.actions import ExtractedAction

    return _status(
        ExtractedAction(page=1, text="x", status_raw=raw, update_text=update, source=source)
    )


@pytest.mark.parametrize(
    ("raw", "update", "status"),
    [
        ("Blue", None, "complete"),
        ("C", None, "complete"),
        ("Complete", None, "complete"),
        ("Green", "On plan", "on_track"),
        ("Amber", None, "at_risk"),
        ("Red", None, "off_track"),
        ("Not yet due to start", None, "not_started"),
        (None, "Complete - Issued 09/04/20", "complete"),
        (None, "Not yet due to start.", "not_started"),
        # An update that narrates progress without a status word states no status.
        (None, "Reviews of risk assessments have started.", None),
        (None, None, None),
    ],
)
def test_status_words(raw, update, status):
    assert _status_of(raw, update)[0] == status


def test_imperative_complete_is_not_a_status():
    assert (
        _status_of(update="Complete the audit of section 47 enquiries by June", source="list")[0]
        is None
    )


def test_actions_from_a_web_page_table_and_list():
    page = b"""<html><body><main><h1>Improvement plan update</h1>
    <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Target date</th><th>RAG</th></tr>
    <tr><td colspan="5">Recommendation 1: Supervision</td></tr>
    <tr><td>R1.1</td><td>Launch the supervision policy</td><td>PSW</td><td>March 2025</td><td>Amber</td></tr>
    <tr><td>R1.2</td><td>Audit supervision quality</td><td>HoS QA/PSW</td><td>Ongoing</td><td>Green</td></tr>
    </table>
    <h2>Next steps</h2><ul><li>AD CSC to circulate the revised plan by 7 March 2025.</li></ul>
    </main></body></html>"""
    actions = extract_actions(read_html(page), "2025-02-24")
    assert [(a.ref, a.text, a.lead, a.status, a.due_date, a.section) for a in actions] == [
        (
            "R1.1",
            "Launch the supervision policy",
            "PSW",
            "at_risk",
            "2025-03-31",
            "Recommendation 1: Supervision",
        ),
        (
            "R1.2",
            "Audit supervision quality",
            "HoS QA/PSW",
            "on_track",
            None,
            "Recommendation 1: Supervision",
        ),
        (
            None,
            "AD CSC to circulate the revised plan by 7 March 2025.",
            "AD CSC",
            None,
            "2025-03-07",
            "Next steps",
        ),
    ]
    assert actions[1].leads == ["HoS QA", "PSW"]


def test_list_items_need_an_action_heading():
    text = b"""2.2 Inspectors also found that:
- assessments were of a variable quality
- some children are left at risk
Next steps
- Refresh the quality assurance framework by end of June 2020.
- HoS to report audit findings to the Board
7. Recommendations
The Board is asked to:
1) note the progress made
"""
    actions = extract_actions(read_text(text), "2020-05-21")
    assert [(a.text, a.lead, a.due_date) for a in actions] == [
        ("Refresh the quality assurance framework by end of June 2020.", None, "2020-06-30"),
        ("HoS to report audit findings to the Board", "HoS", None),
    ]
