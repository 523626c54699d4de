"""The layout-randomised plan generator itself (tests/layouts): determinism, reachability of
every factor level, well-formed truth, and every truth text present in the written file.

No plandrift extraction runs here; the bench scores the extractor on these layouts.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from layouts import draw, truth, write_layout
from layouts import model as M
from layouts.__main__ import main as cli_main
from layouts.check import squash, text_of

SEEDS = range(300)
KEYS = {"text", "ref", "parent_ref", "section", "lead", "status", "due_date", "outcome"}
STATUSES = {"complete", "on_track", "at_risk", "off_track", "not_started", "in_progress", None}
LEVELS = {
    "format": [name for name, _ in M.FORMATS],
    "scan_dpi": [*M.SCAN_DPIS, "none"],
    "ruling": M.RULINGS,
    "header": M.HEADERS,
    "column_order": M.COLUMN_ORDERS,
    "status": M.STATUSES,
    "grouping": M.GROUPINGS,
    "rows": M.ROWS,
    "dates": M.DATE_LEVELS,
    "page": M.PAGES,
    "font": M.FONTS,
    "size": M.SIZES,
    "decorations": M.DECORATIONS,
    "substeps": [*M.SUBSTEP_STYLES, "none"],
    "unknown_header": ("yes", "no"),
    **{f"extra_{extra}": ("yes", "no") for extra in M.EXTRAS},
}


@pytest.fixture(scope="module")
def layouts():
    return [draw(seed) for seed in SEEDS]


def _first_of_each(layouts, factor: str) -> list:
    seen = {}
    for layout in layouts:
        seen.setdefault(layout.factors[factor], layout)
    return list(seen.values())


def test_every_factor_level_is_reachable(layouts):
    missing = []
    for factor, levels in LEVELS.items():
        counts = Counter(layout.factors[factor] for layout in layouts)
        print(f"{factor:26} " + "  ".join(f"{level}={counts[level]}" for level in levels))
        missing += [f"{factor}={level}" for level in levels if not counts[level]]
        assert set(counts) <= set(levels), (factor, set(counts) - set(levels))
    assert not missing, missing


def test_draw_is_pure(layouts):
    again = draw(7)
    assert again == layouts[7]
    assert truth(again) == truth(layouts[7])


def test_truth_rows_are_well_formed(layouts):
    for layout in layouts:
        doc = truth(layout)
        assert doc["file"] == layout.file_name
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", doc["doc_date"])
        assert all(isinstance(v, str) for v in doc["factors"].values())
        texts = [" ".join(re.findall(r"[a-z0-9]+", a["text"].lower())) for a in doc["actions"]]
        assert len(texts) == len(set(texts)), layout.seed
        assert 8 <= sum(a["parent_ref"] is None for a in doc["actions"]) <= 30
        for action in doc["actions"]:
            assert set(action) == KEYS, layout.seed
            assert action["status"] in STATUSES
            assert action["due_date"] is None or re.fullmatch(
                r"\d{4}-\d\d-\d\d", action["due_date"]
            )
            assert action["section"]
        if layout.factors["status"] == "none":  # only an update that states it gives one
            assert {a["status"] for a in doc["actions"]} <= {None, "not_started", "complete"}


def test_same_seed_same_bytes(layouts, tmp_path):
    for layout in _first_of_each(layouts, "format"):
        if layout.format == "scan":
            continue  # checked in test_scan_is_image_only (rendering twice is slow)
        one, _ = write_layout(layout, tmp_path / "one")
        two, _ = write_layout(draw(layout.seed), tmp_path / "two")
        assert one.read_bytes() == two.read_bytes(), layout.file_name


def test_every_truth_text_is_in_the_file(layouts, tmp_path):
    chosen = {layout.seed: layout for layout in layouts[:45]}
    for factor in ("grouping", "rows", "status", "format", "header", "ruling"):
        chosen |= {layout.seed: layout for layout in _first_of_each(layouts, factor)}
    for layout in chosen.values():
        if layout.format == "scan":
            continue
        path, doc = write_layout(layout, tmp_path)
        text = text_of(layout, path)
        missing = [a["text"] for a in doc["actions"] if squash(a["text"]) not in text]
        assert not missing, (layout.file_name, layout.factors, missing[:3])


def test_some_rows_split_across_pages(layouts, tmp_path):
    import pdfplumber
    from layouts.check import pdf_text

    split = 0
    for layout in [x for x in layouts if x.format == "pdf" and x.factors["rows"] == "long"][:6]:
        path, doc = write_layout(layout, tmp_path)
        with pdfplumber.open(path) as pdf:
            pages = [squash(page.extract_text() or "") for page in pdf.pages]
        whole = pdf_text(layout, path)
        for action in doc["actions"]:
            text = squash(action["text"])
            if text in whole and not any(text in page for page in pages):
                split += 1
    assert split, "no long row ran over a page break"


def test_scan_is_image_only(layouts, tmp_path):
    import pdfplumber

    layout = next(x for x in layouts if x.format == "scan" and x.factors["page"] == "a4_portrait")
    path, _ = write_layout(layout, tmp_path / "one")
    again, _ = write_layout(draw(layout.seed), tmp_path / "two")
    assert path.read_bytes() == again.read_bytes()
    dpi = int(layout.factors["scan_dpi"])
    with pdfplumber.open(path) as pdf:
        assert pdf.pages
        for page in pdf.pages:
            assert not page.chars
            (image,) = page.images
            assert abs(image["srcsize"][0] / (float(page.width) / 72) - dpi) < 2


def test_cli_writes_files_and_truth(tmp_path):
    cli_main(["--count", "3", "--first-seed", "5", "--out", str(tmp_path)])
    documents = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))["documents"]
    assert [d["file"] for d in documents] == [draw(seed).file_name for seed in (5, 6, 7)]
    assert all((tmp_path / d["file"]).stat().st_size > 0 for d in documents)
