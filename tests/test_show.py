"""``plandrift show``: one page drawn with what the extractor found on it, and told in words,
so that a person can see why a row is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from plandrift.show import ACTION_COLOUR, NO_ACTION_TABLE_HINT
from plandrift.store.schema import open_database

from conftest import run_cli
from fixtures.docx_fixtures import render_docx

PLAN = "northdene-improvement-plan-2025-02-26.pdf"
PAGE = 2


@pytest.fixture(scope="module")
def stored_plan(samples, tmp_path_factory) -> tuple[Path, list[dict]]:
    """The sample plan, ingested: the actions the database holds for page PAGE."""
    plan = samples[0] / PLAN
    db_path = tmp_path_factory.mktemp("show") / "show.db"
    result = run_cli("ingest", plan, "--db", db_path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = open_database(db_path).query(
        "select ref, bbox from actions where page = ? order by id", [PAGE]
    )
    return plan, [dict(row, bbox=json.loads(row["bbox"])) for row in rows]


@pytest.fixture(scope="module")
def shown(stored_plan, tmp_path_factory):
    plan, _ = stored_plan
    out = tmp_path_factory.mktemp("drawing") / "page.png"
    result = run_cli("show", plan, "--page", PAGE, "--out", out)
    assert result.exit_code == 0, result.output
    return result, out


def test_the_drawing_has_the_page_shape(stored_plan, shown):
    plan, _ = stored_plan
    _, out = shown
    with pdfplumber.open(plan) as pdf:
        page = pdf.pages[PAGE - 1]
        ratio = float(page.width) / float(page.height)
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.width > 800  # legible, not a thumbnail
        assert image.width / image.height == pytest.approx(ratio, rel=0.01)


def test_every_stored_action_on_the_page_is_boxed_in_the_action_colour(stored_plan, shown):
    plan, actions = stored_plan
    _, out = shown
    assert len(actions) >= 10
    with pdfplumber.open(plan) as pdf:
        width = float(pdf.pages[PAGE - 1].width)
    with Image.open(out) as image:
        image = image.convert("RGB")
        scale = image.width / width
        for action in actions:
            x0, top, x1, bottom = (round(value * scale) for value in action["bbox"])
            inside = image.crop((x0, top, x1 + 1, bottom + 1))
            colours = dict((colour, count) for count, colour in inside.getcolors(1 << 24))
            assert colours.get(ACTION_COLOUR, 0) > (x1 - x0), (
                f"action {action['ref']}: its box is not drawn in the action colour"
            )
        # The colour marks actions only: the page itself does not use it.
        with pdfplumber.open(plan) as pdf:
            plain = pdf.pages[PAGE - 1].to_image(resolution=72).original.convert("RGB")
        assert ACTION_COLOUR not in {colour for _, colour in plain.getcolors(1 << 24)}


def test_the_summary_names_the_column_roles_and_each_action(stored_plan, shown):
    _, actions = stored_plan
    result, out = shown
    output = result.output
    assert "Table 1 of 1: found by its ruling lines" in output
    assert "1 header row" in output
    for role, header in [
        ("ref", "Ref"),
        ("text", "Action"),
        ("lead", "Lead"),
        ("due", "Target date"),
        ("status", "RAG"),
        ("update", "Progress update"),
    ]:
        assert any(
            line.split()[1:2] == [role] and line.rstrip().endswith(header)
            for line in output.splitlines()
        ), f"no column line for {role} ({header})"
    listed = [line.split()[1] for line in output.splitlines() if line.lstrip().startswith("[")]
    assert listed == [action["ref"] for action in actions]
    assert "lead: HoS QA" in output and "section: 3. Children in care" in output
    assert f"Drawing: {out}" in output


def test_default_drawing_is_named_after_the_file_and_page(samples, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("show", samples[0] / PLAN)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "northdene-improvement-plan-2025-02-26-page1.png").is_file()


def test_a_table_that_is_not_an_action_table_says_why(samples, tmp_path):
    report = samples[0] / "northdene-performance-report-2025-01.pdf"
    result = run_cli("show", report, "--page", 1, "--out", tmp_path / "page.png")
    assert result.exit_code == 0, result.output
    assert NO_ACTION_TABLE_HINT in " ".join(result.output.split())
    assert "its first row reads: Area | Indicator" in result.output
    assert "No action was found on this page." in result.output


def test_a_page_out_of_range_is_one_line_saying_what_to_do(samples, tmp_path):
    plan = samples[0] / PLAN
    result = run_cli("show", plan, "--page", 9, "--out", tmp_path / "page.png")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(plan) in lines[0]
    assert "no page 9" in lines[0] and "it has 3 pages" in lines[0]
    assert "--page from 1 to 3" in lines[0]
    assert not (tmp_path / "page.png").exists()


def test_an_unreadable_file_is_one_line_saying_what_to_do(tmp_path):
    fake = tmp_path / "plan.pdf"
    fake.write_text("<html><body>Page not found</body></html>", encoding="utf-8")
    result = run_cli("show", fake, "--out", tmp_path / "page.png")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(fake) in lines[0] and "download the PDF again" in lines[0]


def test_a_web_page_gets_the_summary_and_no_drawing(samples, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = samples[0] / "northdene-improvement-update-2025-02-27.html"
    result = run_cli("show", page)
    assert result.exit_code == 0, result.output
    assert "page 1 of 1 (web page)" in result.output
    assert "Drawing is PDF-only" in result.output
    assert not list(tmp_path.glob("*.png"))
    beyond = run_cli("show", page, "--page", 2)
    assert beyond.exit_code != 0
    assert "read as one page" in beyond.output


def test_a_word_document_gets_the_summary_of_its_action_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = render_docx("ref_owner_rag", tmp_path / "papers")
    result = run_cli("show", document)
    assert result.exit_code == 0, result.output
    output = result.output
    assert "Drawing is PDF-only" in output
    assert "a table in the file's markup" in output
    for role in ("ref", "lead", "due", "status", "update"):
        assert f" {role} " in output
    assert "[1] R1.1  Realign the children's social work service" in output
    assert not list(tmp_path.glob("*.png"))


def test_a_drawing_that_cannot_be_written_is_one_line(samples, tmp_path):
    out = tmp_path / "no-such-folder" / "page.png"
    result = run_cli("show", samples[0] / PLAN, "--out", out)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "--out" in lines[0], result.output
