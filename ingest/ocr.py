"""Read a page that has no text layer (a scan) with Tesseract, as positioned lines.

Many inspection-era plans circulate as scans. PDFium renders the page; Tesseract (Debian's
``tesseract-ocr``, called once per page through pytesseract) returns its words with boxes,
which become lines with words in PDF points, like the PDF reader's, so unruled-table finding
runs on a clean scan too.
Tesseract is asked for whole-width lines (one uniform block), so a table row stays one line.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics

from .model import Line, Word

DPI = 300
_RULE_GLYPHS = re.compile(r"^[|\[\]{}_—–=~]+$")  # table rules read as characters
_EDGE_GLYPHS = "|[]{}_"
_WORD_LEVEL = 5  # Tesseract's page > block > paragraph > line > word levels
_THICK = 5  # pixels: a dark run with another this far above or below is a fill, not a rule
INSTALL_ADVICE = (
    "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install "
    "tesseract), then ingest the file again with --force"
)


def without_rules(image):
    """The page image with table rules whitened: Tesseract reads a ruled grid as "|", "_"
    and "—" glued to the words in the cells. A rule is a dark run far longer than any glyph
    stroke and only a few pixels thick; shaded cells (thick runs) and their text are kept."""
    import numpy
    from PIL import Image

    pixels = numpy.asarray(image.convert("L")).copy()
    dark = pixels < 200  # rules are thin and anti-aliased: grey counts
    for mask, view in ((dark, pixels), (dark.T, pixels.T)):  # rows, then columns
        runs = numpy.zeros_like(mask)
        for index, row in enumerate(mask):
            bounds = numpy.concatenate(([0], row.view(numpy.int8), [0]))
            edges = numpy.flatnonzero(numpy.diff(bounds))
            for start, end in zip(edges[::2], edges[1::2], strict=True):
                if end - start >= DPI // 3:
                    runs[index, start:end] = True
        thick = numpy.zeros_like(runs)
        thick[_THICK:] |= runs[:-_THICK]
        thick[:-_THICK] |= runs[_THICK:]
        view[runs & ~thick] = 255
    return Image.fromarray(pixels)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(image, dpi: int = DPI) -> tuple[list[Line], float | None]:
    """Lines read from a page image (PIL), and Tesseract's mean word confidence (0-100)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page; jobs run in parallel
    try:
        data = pytesseract.image_to_data(
            image, config="--psm 6", output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError):
        return [], None
    points = 72 / dpi
    grouped: dict[tuple[int, int, int], list[tuple[Word, float, float, float]]] = {}
    confidences: list[float] = []
    for index, raw in enumerate(data["text"]):
        text = str(raw).strip().strip(_EDGE_GLYPHS).strip()
        if data["level"][index] != _WORD_LEVEL or not text or _RULE_GLYPHS.match(text):
            continue
        left, top = data["left"][index] * points, data["top"][index] * points
        width, height = data["width"][index] * points, data["height"][index] * points
        word = Word(text, round(left, 2), round(left + width, 2))
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        grouped.setdefault(key, []).append((word, top, top + height, height))
        confidences.append(float(data["conf"][index]))
    lines = [_line(words) for words in grouped.values()]
    lines.sort(key=lambda line: (line.bbox[1], line.bbox[0]))
    mean = round(statistics.mean(confidences), 1) if confidences else None
    return lines, mean


def _line(words: list[tuple[Word, float, float, float]]) -> Line:
    words.sort(key=lambda item: item[0].x0)
    return Line(
        text=" ".join(word.text for word, *_ in words),
        bbox=(
            words[0][0].x0,
            round(min(top for _, top, _, _ in words), 2),
            words[-1][0].x1,
            round(max(bottom for _, _, bottom, _ in words), 2),
        ),
        size=round(statistics.median(height for *_, height in words), 2),
        words=tuple(word for word, *_ in words),
    )
