"""Scans as they come off a real scanner: turned by a degree or so, noisy, JPEG-compressed,
sometimes at 150 or 200 dpi. The page is straightened before Tesseract reads it (so a table
row stays one line), rendered at a resolution that suits its image, and the colour of a cell
can be read from its pixels."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import numpy
import pypdfium2
import pytest
from PIL import Image, ImageDraw

from plandrift.ingest.ocr import fill_colour, flattened, skew_angle, without_rules
from plandrift.ingest.pdf import _Scanner
from samples.drawing.pdf import RAG_FILL

from conftest import run_cli
from fixtures.plan_fixtures import render_fixture, write_truth

needs_tesseract = pytest.mark.skipif(
    not shutil.which("tesseract"),
    reason="Tesseract is not installed (apt-get install tesseract-ocr)",
)

ANGLES = (1.2, -0.8)
# Typical RAG palettes: strong and pastel red, amber, green and blue (Excel and Word shades).
PALETTE = (
    "#FF0000",
    "#F4B6B6",
    "#C00000",
    "#FFC000",
    "#F9D9A8",
    "#00B050",
    "#92D050",
    "#C6EFCE",
    "#0070C0",
    "#9DC3E6",
)


def scanned_copy(pdf_path: Path, out: Path, dpi: int, angle: float, seed: int = 0) -> Path:
    """A colour scan of a printed PDF: each page turned by ``angle`` degrees (counter-
    clockwise), with sensor noise, JPEG-compressed, saved as an image-only PDF."""
    rng = numpy.random.default_rng(seed)
    source = pypdfium2.PdfDocument(str(pdf_path))
    pages = []
    for page in source:
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white")
        pages.append(_jpeg(_noisy(image, rng), quality=60))
    source.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out


def _noisy(image: Image.Image, rng, sigma: float = 6.0) -> Image.Image:
    pixels = numpy.asarray(image, dtype=float) + rng.normal(
        0, sigma, (image.height, image.width, 3)
    )
    return Image.fromarray(numpy.clip(pixels, 0, 255).astype(numpy.uint8))


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _rgb(colour: str) -> numpy.ndarray:
    return numpy.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])


def _nearest(colour: str, palette) -> str:
    return min(palette, key=lambda candidate: numpy.abs(_rgb(candidate) - _rgb(colour)).sum())


@pytest.fixture(scope="module")
def skewed(tmp_path_factory) -> dict[float, Path]:
    folder = tmp_path_factory.mktemp("skewed")
    born_digital = render_fixture("ref_owner_rag", folder / "digital")
    return {
        angle: scanned_copy(born_digital, folder / f"scan{angle:+}.pdf", 200, angle)
        for angle in ANGLES
    }


@pytest.mark.parametrize("angle", ANGLES)
def test_the_skew_of_a_scan_is_found_within_a_seventh_of_a_degree(skewed, angle):
    pdf = pypdfium2.PdfDocument(str(skewed[angle]))
    for page in pdf:
        assert skew_angle(page.render(scale=300 / 72).to_pil(), 300) == pytest.approx(
            angle, abs=0.15
        )
    pdf.close()


@needs_tesseract
def test_the_action_table_of_a_skewed_scan_is_found(skewed, tmp_path):
    """Turned by 1.2 degrees and read as it was, the scan gave no action at all (F1 0.0)."""
    scan = skewed[1.2]
    truth = write_truth(["ref_owner_rag"], {"ref_owner_rag": scan}, tmp_path / "truth.json")
    assert run_cli("ingest", scan, "--db", tmp_path / "skewed.db").exit_code == 0
    result = run_cli("evaluate", truth, "--db", tmp_path / "skewed.db", "--format", "json")
    actions = json.loads(result.stdout)["actions"]
    assert actions["expected"] == 31
    assert actions["f1"] >= 0.9, result.stdout


def test_a_straight_page_is_not_turned():
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for top in range(300, 3200, 60):
        draw.rectangle((200, top, 2280, top + 20), fill=0)
    assert skew_angle(image, 300) == 0.0
    assert skew_angle(Image.new("L", (2480, 3508), 255), 300) == 0.0  # a blank page


@needs_tesseract
@pytest.mark.parametrize("angle", ANGLES)
def test_a_row_of_a_skewed_table_is_read_as_one_line(skewed, angle):
    scanner = _Scanner(skewed[angle], None)
    try:
        scan = scanner.read(0)
    finally:
        scanner.close()
    assert scan.skew == pytest.approx(angle, abs=0.15)
    assert scan.dpi == 300 and scan.image.mode == "RGB"
    assert scan.image.size == pytest.approx((595.3 * 300 / 72, 841.9 * 300 / 72), abs=3)
    # Straightened, the rows of the table are level and their columns line up down the
    # page (turned by 1.2 degrees, a row's words span 16 pt in height and the Ref column
    # drifts by 11 pt from the top of the table to the bottom, which loses the table).
    rows = [line for line in scan.lines if re.fullmatch(r"R\d\.\d", line.words[0].text)]
    assert len(rows) >= 10
    assert max(line.words[0].x0 for line in rows) - min(line.words[0].x0 for line in rows) < 2
    assert all(line.bbox[3] - line.bbox[1] < 11 for line in rows), [line.bbox for line in rows]
    # Rows whose cells all start on the same baseline: each reads as one line.
    for ref, words in {
        "R1.1": {"Realign", "AD", "31/03/2020", "Blue", "Realignment"},
        "R1.4": {"Ensure", "HoS", "Monthly", "Amber", "Statutory"},
        "R1.8": {"Reduce", "HoS", "30/06/2020", "Red", "The"},
    }.items():
        line = next(line for line in scan.lines if line.words and line.words[0].text == ref)
        assert words <= {word.text for word in line.words}, line.text
    # ...and the fill of each RAG cell, sampled around the word printed in it, is its colour.
    rag = {
        word: "#{:02x}{:02x}{:02x}".format(*colour.bitmap_rgb())
        for word, colour in RAG_FILL.items()
    }
    sampled = 0
    for line in scan.lines:
        if not re.fullmatch(r"R[\d.]+", line.words[0].text):
            continue  # not an action row
        for word in line.words:
            if word.text in ("Blue", "Green", "Amber", "Red"):
                box = (word.x0 - 2, line.bbox[1] - 2, word.x1 + 2, line.bbox[1] + 12)
                colour = fill_colour(scan.image, box, scan.dpi)
                assert colour is not None, (word, line.text)
                assert _nearest(colour, rag.values()) == rag[word.text], (word, colour)
                sampled += 1
    assert sampled >= 10


def test_text_on_a_shaded_cell_survives_the_rule_finder():
    """A fill's rows are long dark runs: unflattened, the rule finder whitens stripes through
    the text on it. Flattened, the fill is paper, the text stays black, the rules go."""
    image = Image.new("L", (1200, 400), 250)
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 100, 900, 300), fill=185)  # a RAG cell's fill in grey
    draw.text((320, 180), "Blue Green Amber", fill=20, font_size=42)
    draw.line((0, 99, 1199, 99), fill=40, width=2)  # the table's rules
    draw.line((299, 0, 299, 399), fill=40, width=2)
    noise = numpy.random.default_rng(5).normal(0, 6, (400, 1200))
    image = Image.fromarray(numpy.clip(numpy.asarray(image) + noise, 0, 255).astype(numpy.uint8))
    flat = numpy.asarray(flattened(image, 300))
    assert numpy.percentile(flat[110:170, 320:880], 0.1) >= 200  # paper to the rule finder
    assert flat[numpy.asarray(image) <= 40].max() <= 60  # text and rules stay dark
    clean = numpy.asarray(without_rules(flattened(image, 300), 300))
    cell = numpy.s_[170:240, 320:880]
    glyphs = numpy.asarray(image)[cell] < 60
    assert (clean[cell][glyphs] < 100).all()  # every glyph pixel is still dark
    assert clean[97:102, :280].min() > 200 and clean[:90, 297:302].min() > 200  # rules gone
    assert (numpy.asarray(without_rules(image, 300))[cell][glyphs] == 255).any()


def _palette_sheet(dot_points: float) -> tuple[Image.Image, list[tuple[tuple, str | None]]]:
    """A 300-dpi page of cells (80 x 30 pt): for each colour a filled cell with black text
    on it and a white cell with a filled dot of ``dot_points`` across, then a white and a
    grey cell; on tinted paper, with noise and JPEG compression."""
    scale = 300 / 72
    image = Image.new("RGB", (round(300 * scale), round(40 * (len(PALETTE) + 2) * scale)))
    image.paste((250, 247, 238), (0, 0, *image.size))  # off-white paper
    draw = ImageDraw.Draw(image)
    boxes: list[tuple[tuple, str | None]] = []

    def cell(x: float, y: float, fill: str | None) -> tuple:
        box = (x, y, x + 80, y + 30)
        draw.rectangle([v * scale for v in box], fill=fill, outline="black", width=2)
        return box

    for row, colour in enumerate(PALETTE):
        y = 10 + 40 * row
        box = cell(20, y, colour)
        draw.text((25 * scale, (y + 8) * scale), "On track", fill="black", font_size=36)
        boxes.append((box, colour))
        box = cell(120, y, None)
        radius = dot_points / 2
        dot = (160 - radius, y + 15 - radius, 160 + radius, y + 15 + radius)
        draw.ellipse([v * scale for v in dot], fill=colour)
        boxes.append((box, colour))
    y = 10 + 40 * len(PALETTE)
    boxes.append((cell(20, y, None), None))
    draw.text((25 * scale, (y + 8) * scale), "Not yet due", fill="black", font_size=36)
    boxes.append((cell(120, y, "#D9D9D9"), None))
    draw.text((125 * scale, (y + 8) * scale), "Grey cell", fill="black", font_size=36)
    image = _jpeg(_noisy(image, numpy.random.default_rng(3), sigma=8), quality=50)
    return image, boxes


def test_fill_colour_tells_rag_shades_apart_through_noise_and_jpeg():
    image, boxes = _palette_sheet(dot_points=8)  # a dot covers 2% of its cell
    for box, expected in boxes:
        colour = fill_colour(image, box, 300)
        if expected is None:
            assert colour is None, box
        else:
            assert colour is not None and colour.startswith("#") and len(colour) == 7, box
            assert _nearest(colour, PALETTE) == expected, (box, colour)
            assert numpy.abs(_rgb(colour) - _rgb(expected)).max() <= 24, (colour, expected)


def test_fill_colour_needs_more_than_a_speck():
    image, boxes = _palette_sheet(dot_points=4)  # 0.5% of the cell
    dots = [box for box, _ in boxes[1:-2:2]]
    assert [fill_colour(image, box, 300) for box in dots] == [None] * len(dots)
    assert fill_colour(image, (0, 0, 0.5, 0.5), 300) is None  # under a pixel across
