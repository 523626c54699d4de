"""Property tests for the small parsers every extractor leans on: dates, statuses and figures.

Whatever text a council's export throws at them, they never crash; where a value can be
written out and read back, it comes back unchanged.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from plandrift.extract.action_record import ExtractedAction, _status
from plandrift.extract.dates import find_dates, parse_date
from plandrift.extract.indicators import _cell_values

STATUSES = {"complete", "on_track", "in_progress", "at_risk", "off_track", "not_started"}
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))
WRITTEN_DATES = [
    lambda day: day.strftime("%d/%m/%Y"),
    lambda day: f"{day.day} {day.strftime('%B %Y')}",
    lambda day: f"{day.day} {day.strftime('%b %Y')}",
    lambda day: day.isoformat(),
]


@given(st.text(max_size=120))
def test_find_dates_never_crashes_and_spans_point_into_the_text(text):
    previous_end = 0
    for found in find_dates(text):
        assert text[found.start : found.end] == found.raw
        assert found.start >= previous_end  # left to right, no overlaps
        previous_end = found.end
        assert date.fromisoformat(found.iso if found.precision == "day" else found.iso + "-01")


@given(DAYS, st.sampled_from(WRITTEN_DATES), st.text(alphabet="abc ,.;", max_size=20))
def test_a_written_date_reads_back_as_itself(day, write, around):
    assert parse_date(f"{around} {write(day)} {around}") == day.isoformat()


@settings(deadline=None)  # the first call builds the spaCy pipeline
@given(st.text(max_size=60), st.text(max_size=80), st.sampled_from(["table", "list"]))
def test_status_never_crashes_and_is_a_known_status(raw, update, source):
    action = ExtractedAction(page=1, text=update or "x", status_raw=raw, update_text=update,
                             source=source)  # fmt: skip
    status, as_written = _status(action)
    assert status is None or status in STATUSES
    assert as_written is None or isinstance(as_written, str)


@given(st.text(max_size=40))
def test_cell_values_never_crash(text):
    for value, unit, _ in _cell_values(text):
        assert isinstance(value, int | float) and unit in (None, "%")


@given(
    st.decimals(min_value=-99999, max_value=99999, places=2, allow_nan=False),
    st.booleans(),
    st.booleans(),
)
def test_a_printed_figure_reads_back_as_itself(number, percent, thousands):
    printed = f"{number:,}" if thousands else f"{number}"
    values = _cell_values(printed + ("%" if percent else ""))
    assert [(value, unit) for value, unit, _ in values] == [
        (float(number), "%" if percent else None)
    ]
