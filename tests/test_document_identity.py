"""Which plan, which version, as of when: the clues a document's date, title and plan come
from, on small documents built line by line, and the lookups that let people type part of a
name. The labelled series in tests/series measure the same at scale (test_series.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plandrift.extract.dates import find_dates
from plandrift.extract.doc_dates import recognise_date
from plandrift.extract.metadata import plan_key_for, recognise_metadata
from plandrift.extract.titles import recognise_title
from plandrift.ingest.model import Line, Page, ReadDocument
from plandrift.store.lookup import AmbiguousName, find_organisation, find_plan
from plandrift.store.schema import document_label, list_heading, open_database

from conftest import run_cli


def _document(*pages: list[str | tuple[str, float]], file_kind: str = "pdf") -> ReadDocument:
    """Pages of lines; a (text, size) pair sets the type size (body text is 10pt)."""
    built = []
    for number, lines in enumerate(pages, start=1):
        top, page_lines = 60.0, []
        for line in lines:
            text, size = line if isinstance(line, tuple) else (line, 10.0)
            page_lines.append(Line(text=text, size=size, bbox=(50.0, top, 500.0, top + size)))
            top += size * 1.6
        built.append(Page(number=number, lines=page_lines, width=595.0, height=842.0))
    return ReadDocument(file_kind=file_kind, pages=built)


def _date(document: ReadDocument, doc_type: str = "improvement_plan") -> tuple:
    return recognise_date(document, None, doc_type)


def test_a_plan_is_dated_by_its_position_not_by_the_dates_it_mentions():
    document = _document(
        [
            ("Improvement Plan", 20),
            "The inspection report was published on 3 March 2025.",
            "This update replaces the version presented on 14 May 2025.",
            "The plan was agreed by Cabinet on 2 April 2025.",
            "Progress update: position as at Monday 30 June 2025",
            "Next review: 30 September 2025",
        ]
    )
    assert _date(document) == ("2025-06-30", "as at")


def test_a_cue_at_the_end_of_a_line_takes_the_date_on_the_next():
    document = _document(["Children's Services Improvement Plan", "Position as at:", "31/03/2026"])
    assert _date(document) == ("2026-03-31", "as at")


def test_the_latest_row_of_a_version_table_dates_the_version():
    document = _document(
        [
            ("Improvement Plan", 20),
            "Ofsted inspection 12-23 February 2024",
            "Version Date Author Changes",
            "1.0 12/03/2024 Head of Service First version",
            "1.1 17/06/2024 Head of Service Q1 update",
            "1.2 02/09/2024 Head of Service Q2 update",
            "Ref Action Lead Due date RAG",
            "1.1 Audit supervision Head of Service 31/12/2024 Green",
        ]
    )
    assert _date(document) == ("2024-09-02", "version table")


def test_a_date_in_a_running_footer_dates_the_version_but_a_signing_line_does_not():
    pages = [
        ["Improvement Plan", f"Action {n}", f"Improvement Plan 31 May 2025 - Page {n}"]
        for n in (1, 2, 3)
    ]
    assert _date(_document(*pages)) == ("2025-05-31", "running header")
    signed = [
        ["Minutes", f"Item {n}", "Signed ________ Dated 6th November 2018"] for n in (1, 2, 3)
    ]
    assert _date(_document(*signed), "other") == (None, None)


def test_a_board_paper_is_dated_by_its_meeting_not_the_position_it_reports():
    document = _document(
        [
            ("Update on the Improvement Plan", 18),
            "Date of meeting Monday 12 August 2024",
            "This report updates the Board on progress, with the position as at 3 August 2024.",
        ]
    )
    assert _date(document, "board_report") == ("2024-08-12", "meeting date")


def test_an_inspection_report_is_dated_by_publication_else_the_last_day_of_inspection():
    published = _document(
        [
            "Inspection date: 6 November – 30 November 2017",
            "Report published: 29 January 2018",
        ]
    )
    assert _date(published, "inspection_letter") == ("2018-01-29", "publication date")
    visited = _document(["Inspection dates: 29 October 2018 to 2 November 2018"])
    assert _date(visited, "inspection_letter") == ("2018-11-02", "inspection dates")


def _never_an_organisation(text: str) -> bool:
    return False


def test_the_title_is_read_whole_and_never_a_letterhead_an_address_or_a_date():
    document = _document(
        [
            ("DEVON COUNTY COUNCIL", 24),
            ("Children's Services", 14),
            ("Piccadilly Gate, Store Street, Manchester M1 2WD", 9),
            ("Inspection of Devon local authority", 26),
            ("children's services", 26),
            ("Inspection dates: 13 to 24 May 2024", 12),
        ]
    )

    def names_devon(text: str) -> bool:
        return text.upper() == "DEVON COUNTY COUNCIL"

    assert (
        recognise_title(document, names_devon)
        == "Inspection of Devon local authority children's services"
    )


def test_a_word_title_in_large_type_beats_a_smaller_heading():
    document = _document([("Practice Improvement Plan", 20), "Hackney Council"], file_kind="docx")
    heading = Line(text="R1: Management oversight", size=13.0, heading_level=2)
    document.pages[0].lines.append(heading)
    assert recognise_title(document, _never_an_organisation) == "Practice Improvement Plan"


@pytest.mark.parametrize(
    "title",
    [
        "Children's Services Improvement Plan",
        "CHILDREN'S SERVICES IMPROVEMENT PLAN – PROGRESS UPDATE",
        "Children’s Services Improvement Plan: Action tracker, Quarter 3 update",
        "Children's Services Improvement Plan v2.3 (Draft) – position as at 31 March 2026",
        "Devon County Council Children's Services Improvement Plan - Update to the Improvement "
        "Board, 14 May 2026",
        "Children's Services Improvement Plan – Thursday 4 June 2026",
    ],
)
def test_the_plan_key_keeps_only_the_plans_stable_name(title):
    assert plan_key_for("Devon County Council", title) == (
        "devon--childrens-services-improvement-plan"
    )


def test_a_department_in_capitals_is_never_the_organisation():
    document = _document(
        [
            ("NORTHDENE COUNTY COUNCIL CHILDREN'S SERVICES", 14),
            ("Improvement Plan: Action tracker", 20),
            "Status of actions at 5 May 2026",
            "Ref Action Lead Due date RAG status Progress update",
        ]
    )
    metadata = recognise_metadata(document)
    assert metadata.organisation == "Northdene County Council"
    assert metadata.plan_key == "northdene--improvement-plan"
    assert (metadata.doc_date, metadata.doc_date_basis) == ("2026-05-05", "as at")


@pytest.mark.parametrize(
    "printed, heading",
    [
        ("What needs to improve?", "What needs to improve"),
        ("What needs to improve?1", "What needs to improve"),
        ("WHAT NEEDS TO IMPROVE:", "What needs to improve"),
        ("Recommendation 2", "Recommendation 2"),
    ],
)
def test_list_headings_are_normalised(printed, heading):
    assert list_heading(printed) == heading


def test_a_document_is_labelled_by_its_authority_date_and_kind():
    row = {
        "organisation": "Leeds City Council",
        "doc_date": "2018-12-18",
        "doc_type": "inspection_letter",
        "subtype": "inspection",
    }
    assert document_label(row) == "Leeds City Council · 2018-12-18 · inspection"
    plan = {"organisation": None, "title": "Improvement Plan", "doc_type": "improvement_plan"}
    assert document_label(plan) == "Improvement Plan · plan"


def test_a_plan_is_found_by_any_unique_part_of_its_name():
    db = open_database(":memory:")
    for key, organisation in (
        ("devon--childrens-services-improvement-plan", "Devon County Council"),
        ("devon--send-written-statement-of-action", "Devon County Council"),
        ("leeds--getting-to-good", "Leeds City Council"),
    ):
        db["documents"].insert(
            {
                "sha256": key,
                "path": key,
                "file_kind": "pdf",
                "doc_type": "improvement_plan",
                "plan_key": key,
                "organisation": organisation,
                "title": key.split("--")[1].replace("-", " "),
                "extractor_version": 1,
                "ingested_at": "now",
            }
        )
    assert find_plan(db, "leeds") == "leeds--getting-to-good"
    assert find_plan(db, "written statement") == "devon--send-written-statement-of-action"
    with pytest.raises(AmbiguousName, match="devon--childrens-services-improvement-plan"):
        find_plan(db, "devon")


def test_documents_shows_the_date_clue_and_a_warning_for_two_versions_with_one_date(
    tmp_path, samples
):
    folder, _ = samples
    plans = sorted(folder.glob("northdene-improvement-plan-*.pdf"))[:2]
    db = tmp_path / "plandrift.db"
    first = run_cli("ingest", plans[0], "--db", db)
    assert first.exit_code == 0, first.output
    clash = run_cli("ingest", plans[1], "--db", db, "--date", "2025-01-15")
    assert clash.exit_code == 0, clash.output
    assert "same date (2025-01-15)" in clash.stderr
    listing = run_cli("documents", "--db", db, "--plan", "northdene")
    assert "doc_date_basis" in listing.output and "as at" in listing.output
    assert listing.output.count("warning:") == 2
    rows = json.loads(run_cli("documents", "--db", db, "--format", "json").output)
    assert all(row["date_warning"] for row in rows)
    compared = run_cli("compare", "--db", db, "--plan", "northdene")
    assert compared.exit_code == 0, compared.output
    assert "2025-01-15 -> 2025-01-15" in compared.output


@pytest.mark.shared
def test_every_real_ofsted_report_is_an_inspection_of_its_authority_on_a_date_it_prints(
    ofsted_reports,
):
    """Recognised whole, as ingest recognises them: the authority's canonical name (labels
    written by reading each first page, tests/truth/ofsted_authorities.json), the type, a
    subtype, a title that names the inspection, and a date printed in the report."""
    labels = json.loads(
        (Path(__file__).parent / "truth" / "ofsted_authorities.json").read_text(encoding="utf-8")
    )["reports"]
    wrong = []
    for name, document in ofsted_reports.items():
        metadata = recognise_metadata(document)
        printed = {found.iso for found in find_dates(document.text)}
        problems = [
            f"organisation {metadata.organisation!r}" * (metadata.organisation != labels[name]),
            f"type {metadata.doc_type}" * (metadata.doc_type != "inspection_letter"),
            "no subtype" * (metadata.subtype is None),
            f"title {metadata.title!r}" * ("inspection" not in (metadata.title or "").lower()),
            f"date {metadata.doc_date} not printed" * (metadata.doc_date not in printed),
        ]
        if any(problems):
            wrong.append(f"{name}: {'; '.join(problem for problem in problems if problem)}")
    assert not wrong, "\n".join(wrong)


def test_an_organisation_is_found_by_part_of_any_of_its_names():
    db = open_database(":memory:")
    assert find_organisation(db, "leeds") == "Leeds City Council"
    assert find_organisation(db, "Royal Greenwich") == "Royal Borough of Greenwich"
    assert find_organisation(db, "Northdene County Council") is None  # a new organisation
    db["organisations"].insert({"name": "Northdene County Council"})
    assert find_organisation(db, "northdene") == "Northdene County Council"
    with pytest.raises(AmbiguousName, match="Yorkshire"):
        find_organisation(db, "yorkshire")


def _small_plan(path: Path, as_at: str, findings: list[str] = (), updates: list[str] = ()) -> Path:
    """A short plan: its position date, the inspection findings it restates (if any), and an
    action table whose progress updates are ``updates``."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    rows = [["Ref", "Action", "Lead", "Due date", "RAG", "Progress update"]]
    rows += [
        [f"{n}.1", f"Audit practice in area {n}", "Head of Service", "31/12/2025", "Green",
         Paragraph(update, styles["Normal"])]
        for n, update in enumerate(updates or ["Audit booked."] * len(findings), 1)
    ]  # fmt: skip
    table = Table(rows, colWidths=[30, 180, 90, 70, 50, 300])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [
        Paragraph("Northdene County Council", styles["Normal"]),
        Paragraph("Children's Services Improvement Plan", styles["Title"]),
        Paragraph(f"Progress update: position as at {as_at}", styles["Normal"]),
    ]
    if findings:
        story.append(Paragraph("<b>What Ofsted told us we must improve</b>", styles["Normal"]))
        story += [Paragraph(f"{n}. {text}", styles["Normal"]) for n, text in enumerate(findings, 1)]
    story.append(table)
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)
    return path


def test_a_plans_restated_findings_are_linked_to_the_inspections_own(tmp_path, samples):
    folder, _ = samples
    db_path = tmp_path / "plandrift.db"
    letter = next(folder.glob("*focused-visit-letter*.pdf"))
    assert run_cli("ingest", letter, "--db", db_path).exit_code == 0
    db = open_database(db_path)
    originals = [row["text"] for row in db.query("SELECT text FROM recommendations")][:3]
    assert len(originals) == 3
    plan = _small_plan(tmp_path / "plan.pdf", "31 March 2025", findings=originals)
    assert run_cli("ingest", plan, "--db", db_path).exit_code == 0
    links = list(
        db.query(
            "SELECT f.text AS original, t.text AS restated, l.method FROM recommendation_links l "
            "JOIN recommendations f ON f.id = l.from_recommendation_id "
            "JOIN recommendations t ON t.id = l.to_recommendation_id"
        )
    )
    assert sorted(link["original"] for link in links) == sorted(originals)
    assert all(link["original"] == link["restated"] for link in links)
    assert all(link["method"].startswith("restated in plan") for link in links)
    restated = list(
        db.query(
            "SELECT ref, kind FROM recommendations r JOIN documents d "
            "ON d.id = r.document_id WHERE d.doc_type = 'improvement_plan'"
        )
    )
    assert restated == [{"ref": str(n), "kind": "finding"} for n in (1, 2, 3)]


def test_a_figure_in_a_progress_update_is_followed_from_version_to_version(tmp_path):
    db_path = tmp_path / "plandrift.db"
    for name, as_at, caseload in (("v1", "31 May 2025", 24), ("v2", "31 July 2025", 19)):
        update = f"Recruitment continues. Average caseload in the assessment teams was {caseload}."
        plan = _small_plan(tmp_path / f"{name}.pdf", as_at, updates=[update, "Audit booked."])
        assert run_cli("ingest", plan, "--db", db_path).exit_code == 0
    rows = list(
        open_database(db_path).query(
            "SELECT period, actual, report_date FROM indicator_series "
            "WHERE indicator_key LIKE '%caseload%' ORDER BY report_date"
        )
    )
    assert rows == [
        {"period": "2025-05", "actual": 24.0, "report_date": "2025-05-31"},
        {"period": "2025-07", "actual": 19.0, "report_date": "2025-07-31"},
    ]
