"""Meeting packs: a folder per meeting (agenda plus reports) ingested as one meeting, queryable."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from plandrift.extract.packs import meeting_pack, role_of
from plandrift.serve import metadata_for

from conftest import run_cli
from fixtures.plan_fixtures import render_fixture


def _agenda(path: Path, meeting: str, when: str, items: list[str]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, meeting)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 745, "Agenda")
    pdf.drawString(72, 728, f"{when}, 2.00pm, Council Chamber")
    for number, item in enumerate(items, start=1):
        pdf.drawString(72, 700 - 18 * number, f"{number}. {item}")
    pdf.save()
    return path


@pytest.fixture(scope="module")
def packs(tmp_path_factory, samples) -> Path:
    """Two meetings' folders and a loose paper; the 21 May plan is presented at both."""
    root = tmp_path_factory.mktemp("committee-system") / "board-papers"
    may = root / "Improvement Board 21 May 2020"
    may.mkdir(parents=True)
    _agenda(may / "00 Agenda.pdf", "Improvement Board", "Thursday 21 May 2020",
            ["Apologies", "Improvement plan update", "Board report", "Performance report"])  # fmt: skip
    plan = render_fixture("ref_owner_rag", may)
    plan.rename(may / "01 Improvement plan update.pdf")
    documents = samples[0]
    shutil.copy(documents / "northdene-improvement-board-report-2025-02-24.pdf",
                may / "02 Board report.pdf")  # fmt: skip
    shutil.copy(documents / "northdene-performance-report-2025-01.pdf",
                may / "03 Performance report.pdf")  # fmt: skip
    panel = root / "Corporate Parenting Panel"
    panel.mkdir()
    _agenda(panel / "Agenda.pdf", "Corporate Parenting Panel", "Thursday 9 July 2020",
            ["Improvement plan: care leavers"])  # fmt: skip
    shutil.copy(may / "01 Improvement plan update.pdf", panel / "Item 1 Improvement plan.pdf")
    shutil.copy(
        documents / "northdene-focused-visit-letter-2024-11-12.pdf",
        root / "focused-visit-letter.pdf",
    )  # not in a pack; fmt: skip
    return root


@pytest.fixture(scope="module")
def packs_db(packs, tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("meetings") / "plandrift.db"
    result = run_cli("ingest", packs, "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path


def test_each_pack_folder_is_one_meeting(packs_db):
    connection = sqlite3.connect(packs_db)
    meetings = connection.execute(
        "SELECT name, committee, meeting_date FROM meetings ORDER BY meeting_date"
    ).fetchall()
    assert meetings == [
        ("Improvement Board 21 May 2020", "Improvement Board", "2020-05-21"),
        ("Corporate Parenting Panel", "Corporate Parenting Panel", "2020-07-09"),  # the agenda's
    ]
    papers = connection.execute(
        "SELECT p.role, p.file_name FROM meeting_papers p JOIN meetings m ON m.id = p.meeting_id "
        "WHERE m.meeting_date = '2020-05-21' ORDER BY p.file_name"
    ).fetchall()
    assert papers == [
        ("agenda", "00 Agenda.pdf"),
        ("report", "01 Improvement plan update.pdf"),
        ("report", "02 Board report.pdf"),
        ("report", "03 Performance report.pdf"),
    ]
    loose = connection.execute(
        "SELECT count(*) FROM meeting_papers p JOIN documents d ON d.id = p.document_id "
        "WHERE d.file_name = 'focused-visit-letter.pdf'"
    ).fetchone()[0]
    assert loose == 0


def test_the_plan_as_presented_to_a_board_is_a_query(packs_db):
    connection = sqlite3.connect(packs_db)
    presented = """
        SELECT count(*) FROM actions a
        JOIN documents d ON d.id = a.document_id
        JOIN meeting_papers p ON p.document_id = d.id
        JOIN meetings m ON m.id = p.meeting_id
        WHERE m.meeting_date = ? AND d.doc_type = 'improvement_plan'
    """
    may = connection.execute(presented, ["2020-05-21"]).fetchone()[0]
    july = connection.execute(presented, ["2020-07-09"]).fetchone()[0]
    assert may == july == 31  # one document (same bytes), presented at both meetings
    documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert documents == 6


async def test_papers_at_a_meeting_canned_query(packs_db):
    datasette = Datasette([str(packs_db)], metadata=metadata_for(packs_db))
    response = await datasette.client.get(
        "/plandrift/papers_at_a_meeting.json?_shape=array&meeting=2020-05-21"
    )
    assert response.status_code == 200, response.text
    rows = response.json()
    assert [row["role"] for row in rows] == ["agenda", "report", "report", "report"]
    assert next(row for row in rows if row["doc_type"] == "improvement_plan")["actions"] == 31


def test_rerun_keeps_meetings_without_duplicates(packs, packs_db):
    before = sqlite3.connect(packs_db).execute("SELECT * FROM meeting_papers").fetchall()
    assert run_cli("ingest", packs, "--db", packs_db).exit_code == 0
    after = sqlite3.connect(packs_db).execute("SELECT * FROM meeting_papers").fetchall()
    assert after == before


@pytest.mark.parametrize(
    ("folder", "names", "expected"),
    [
        ("Cabinet 2020-05-21", [], ("Cabinet", "2020-05-21")),
        ("21.05.2020 Improvement Board", [], ("Improvement Board", "2020-05-21")),
        ("Scrutiny", ["Agenda frontsheet.pdf"], ("Scrutiny", None)),
        ("downloads", ["plan.pdf"], None),
        ("May 2020", [], None),  # a month is not a meeting
    ],
)
def test_what_counts_as_a_pack_folder(folder, names, expected, tmp_path):
    pack = meeting_pack(tmp_path / folder / "paper.pdf", names)
    assert (None if pack is None else (pack.committee, pack.meeting_date)) == expected


@pytest.mark.parametrize(
    ("name", "role"),
    [("Agenda frontsheet.pdf", "agenda"), ("Printed minutes 30th-Jan-2025.pdf", "minutes"),
     ("Appendix B - KCC priorities.pdf", "appendix"), ("Item 5 Improvement plan.pdf", "report")],
)  # fmt: skip
def test_roles_from_file_names(name, role):
    assert role_of(name) == role
