"""Read a page that has no text layer (a scan) with Tesseract, as positioned lines.

Many inspection-era plans circulate as scans. PDFium renders the page; Tesseract (Debian's
``tesseract-ocr``, called once per page through pytesseract) returns its words with boxes,
which become lines with words in PDF points, like the PDF reader's, so unruled-table finding
runs on a clean scan too.
Tesseract is asked for whole-width lines (one uniform block), so a table row stays one line.

Before Tesseract (:func:`read_scan`), the page is straightened (:func:`skew_angle`: a scan
turned by 1.2 degrees drifts 11 pt across a table, so its columns no longer line up and no
table is found: action F1 0.0 on such a scan of the ref_owner_rag fixture, 0.94 straightened;
0.97 at -0.8 degrees), its background flattened to white (:func:`flattened`) and its table
rules whitened (:func:`without_rules`). The colour page is kept for :func:`fill_colour`.

Measured (tests/test_scan_preparation.py's scans: colour, sigma-6 noise, JPEG quality 60;
bag-of-words F1 against the born-digital text, 3 fixture pages each), before -> now:

=========================  =============  =============  =============
document                   150 dpi        200 dpi        300 dpi
=========================  =============  =============  =============
ref_owner_rag (RAG table)  0.966 -> 0.991  0.970 -> 0.993  0.986 -> 0.996
focused-visit letter       0.983 -> 0.984  0.988 -> 0.988  0.989 -> 0.990
board report               0.968 -> 0.972  0.984 -> 0.986  0.992 -> 0.991
=========================  =============  =============  =============

The gain is the flattening (text on shaded cells). Tried and left out: rendering a 150- or
200-dpi scan at 400 dpi (-1.5 to +1.5 points, 1.2-2x slower), Otsu binarisation before
Tesseract (which thresholds by itself: -0.5 to -4 points on prose), unsharp masking after
flattening (-0.3 to +0.9 points at 150 dpi, none at 300, -1 to -2.6 points on a deskewed
page). Preparation adds about 0.35 s a page (0.55 s when it is turned) to the 2.2 s
Tesseract takes: skew 0.23 s, rotation 0.19 s, flattening 0.11 s.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
from dataclasses import dataclass, field
from typing import Any

from .model import BBox, Line, Word

DPI = 300
_RULE_GLYPHS = re.compile(r"^[|\[\]{}_—–=~]+$")  # table rules read as characters
_EDGE_GLYPHS = "|[]{}_"
_WORD_LEVEL = 5  # Tesseract's page > block > paragraph > line > word levels
_THICK = 5  # pixels: a dark run with another this far above or below is a fill, not a rule
MAX_SKEW = 3.0  # degrees either way searched for a page's skew
MIN_SKEW = 0.1  # degrees: a page turned by less is read as it is (0.9 pt over 500 pt)
_INK_LEVEL = 160  # grey levels up to this count as ink when finding the skew, at most
_MIN_INK = 200  # dark pixels needed to tell a page's skew
_CLOSING = 7  # pixels at 100 dpi (5 points): wider dark marks are background, not ink
_DARK_BACKGROUND = 96  # grey level under which a background is kept as it is (inverse text)
MIN_CHROMA = 28  # of 255, strongest minus weakest channel: paper, greys and tints are below
_MIN_BRIGHT = 60  # of 255: darker pixels are text whatever their tint
MIN_FILL_SHARE = 0.015  # of a box's pixels that must share one colour for it to count
INSTALL_ADVICE = (
    "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install "
    "tesseract), then ingest the file again with --force"
)


@dataclass
class ScannedPage:
    """What OCR made of one page image.

    ``image`` is the page as read, in colour and straightened (RGB, ``dpi`` pixels to the
    inch, same origin as the PDF page), for sampling what OCR cannot read, such as a cell's
    fill (:func:`fill_colour`); ``skew`` is the angle (degrees, counter-clockwise) the scan
    was turned back by.
    """

    lines: list[Line]
    confidence: float | None
    image: Any  # PIL.Image.Image
    dpi: int
    skew: float = 0.0
    # Horizontal rules: height (points) and the stretch each covers, as the table finder
    # takes them (ingest/tables.py Rule).
    rules: list[tuple[float, tuple[tuple[float, float], ...]]] = field(default_factory=list)


def read_scan(image, dpi: int = DPI) -> ScannedPage:
    """Straighten a page image, flatten its background, whiten its table rules and read it
    with Tesseract; the straightened colour image is kept for sampling."""
    image = image.convert("RGB")
    angle = skew_angle(image.convert("L"), dpi)
    if abs(angle) >= MIN_SKEW:
        image = deskewed(image, angle)
    else:
        angle = 0.0
    grey = image.convert("L")
    lines, confidence = ocr_image(without_rules(flattened(grey, dpi), dpi), dpi)
    return ScannedPage(lines, confidence, image, dpi, round(angle, 2), horizontal_rules(grey, dpi))


def horizontal_rules(grey, dpi: int = DPI) -> list[float]:
    """Heights (PDF points) of the horizontal rules on a straightened page: dark runs at
    least a third of the page wide, a few pixels thick. They part a scanned table's rows as
    drawn rules part a born-digital one's."""
    import numpy

    dark = numpy.asarray(grey) < 160
    width = dark.shape[1]
    found: list[int] = []
    for index, row in enumerate(dark):
        if row.sum() < width // 3:
            continue
        bounds = numpy.concatenate(([0], row.view(numpy.int8), [0]))
        edges = numpy.flatnonzero(numpy.diff(bounds))
        if any(
            end - start >= width // 3 for start, end in zip(edges[::2], edges[1::2], strict=True)
        ):
            found.append(index)
    rules: list[list[int]] = []
    for index in found:  # neighbouring pixel rows are one rule
        if rules and index - rules[-1][-1] <= 2:
            rules[-1].append(index)
        else:
            rules.append([index])
    page_width = width * 72 / dpi
    return [
        (round(sum(rule) / len(rule) * 72 / dpi, 1), ((0.0, page_width),))
        for rule in rules
        if len(rule) <= 6
    ]


def skew_angle(image, dpi: int = DPI) -> float:
    """The angle, in degrees counter-clockwise, by which the lines of a page image are turned
    (0.0 for a page without enough ink to tell).

    The ink of a straight page piles up in a few pixel rows (text lines, rules): over
    candidate angles, the projection of the dark pixels onto the vertical axis, sheared by
    the angle, has the largest sum of squares at the page's skew. Coarse to fine: every
    quarter degree up to MAX_SKEW on a 75-dpi copy, then twentieths around the best at 150
    dpi, then hundredths at full resolution (within 0.01 degree on the plan fixtures'
    scans).
    """
    import numpy

    grey = image.convert("L")
    best = 0.0
    for work_dpi, step, span in ((75, 0.25, MAX_SKEW), (150, 0.05, 0.25), (dpi, 0.01, 0.05)):
        rows, columns = _ink(grey, max(1, round(dpi / work_dpi)))
        if rows.size < _MIN_INK:
            return 0.0
        angles = best + numpy.arange(-span, span + step / 2, step)
        scores = [_profile_energy(rows, columns, angle) for angle in angles]
        best = float(angles[int(numpy.argmax(scores))])
    return round(best, 3)


def deskewed(image, angle: float):
    """The image turned back by ``angle`` degrees about its centre, same size, white where
    the corners come in."""
    from PIL import Image

    white = 255 if image.mode == "L" else (255,) * len(image.getbands())
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=white)


def _ink(grey, factor: int):
    """Row and (centred) column of every dark pixel of the image reduced by ``factor``."""
    import numpy

    small = numpy.asarray(grey.reduce(factor) if factor > 1 else grey)
    threshold = min(otsu_threshold(small), _INK_LEVEL)
    rows, columns = numpy.nonzero(small <= threshold)
    return rows.astype(float), columns - small.shape[1] / 2


def _profile_energy(rows, columns, angle: float) -> float:
    """Sum of squares of the ink's row profile with the page sheared by ``angle`` (each pixel
    shared between its two nearest rows, so the score is smooth below a pixel)."""
    import numpy

    position = rows + columns * math.tan(math.radians(angle))
    position -= position.min()
    low = numpy.floor(position)
    upper = position - low
    low = low.astype(int)
    size = int(low.max()) + 2
    profile = numpy.bincount(low, 1 - upper, minlength=size)
    profile += numpy.bincount(low + 1, upper, minlength=size)
    return float(numpy.dot(profile, profile))


def otsu_threshold(pixels) -> int:
    """Otsu's grey level (0-255) splitting ink from paper: the one that maximises the
    variance between the two classes."""
    import numpy

    counts = numpy.bincount(numpy.asarray(pixels, dtype=numpy.uint8).ravel(), minlength=256)
    counts = counts.astype(float)
    total = counts.sum()
    weight = numpy.cumsum(counts)
    mean = numpy.cumsum(counts * numpy.arange(256))
    with numpy.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight / total - mean) ** 2 / (weight * (total - weight))
    between = numpy.nan_to_num(between[:-1])
    return int(numpy.argmax(between))


def fill_colour(image, box: BBox, dpi: int) -> str | None:
    """The dominant saturated colour inside ``box`` (PDF points: x0, top, x1, bottom) of a
    page image at ``dpi``, as "#rrggbb"; None when too little of the box is coloured.

    For status drawn as colour (a RAG cell's fill, a coloured dot): white or tinted paper,
    greys, black text and its anti-aliasing are ignored (less than MIN_CHROMA between the
    strongest and weakest channel, or darker than _MIN_BRIGHT); the coloured pixels are
    grouped by hue, and the most common hue (within 20 degrees) wins if it covers at least
    MIN_FILL_SHARE of the box. Its colour is the per-channel median of those pixels, so a
    red fill with dark text on it still reads as its fill. A light box blur first evens out
    scanner noise and JPEG speckle.
    """
    import numpy
    from PIL import ImageFilter

    scale = dpi / 72
    left, top = max(0, math.floor(box[0] * scale)), max(0, math.floor(box[1] * scale))
    right = min(image.width, math.ceil(box[2] * scale))
    bottom = min(image.height, math.ceil(box[3] * scale))
    if right - left < 3 or bottom - top < 3:
        return None
    crop = image.crop((left, top, right, bottom)).convert("RGB").filter(ImageFilter.BoxBlur(1))
    pixels = numpy.asarray(crop, dtype=numpy.int16).reshape(-1, 3)
    needed = MIN_FILL_SHARE * len(pixels)
    high, low = pixels.max(axis=1), pixels.min(axis=1)
    coloured = pixels[(high - low >= MIN_CHROMA) & (high >= _MIN_BRIGHT)]
    if len(coloured) < needed:
        return None
    hue = _hue(coloured)
    counts = numpy.bincount((hue // 10).astype(int) % 36, minlength=36)
    near = counts + numpy.roll(counts, 1) + numpy.roll(counts, -1)
    centre = (int(numpy.argmax(near)) + 0.5) * 10
    distance = numpy.abs((hue - centre + 180) % 360 - 180)
    members = coloured[distance <= 20]
    if len(members) < needed:
        return None
    red, green, blue = numpy.median(members, axis=0).round().astype(int).tolist()
    return f"#{red:02x}{green:02x}{blue:02x}"


def _hue(pixels):
    """HSV hue in degrees (0-360) of RGB rows that have some chroma."""
    import numpy

    rgb = pixels.astype(float)
    red, green, blue = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    high, low = rgb.max(axis=1), rgb.min(axis=1)
    chroma = high - low
    hue = numpy.where(
        high == red,
        ((green - blue) / chroma) % 6,
        numpy.where(high == green, (blue - red) / chroma + 2, (red - green) / chroma + 4),
    )
    return hue * 60


def flattened(grey, dpi: int = DPI):
    """The greyscale page with its background made white: each pixel divided by the local
    paper (or cell fill) brightness, so text on a shaded or coloured cell reads as black on
    white. Otherwise the rule finder sees a fill's rows as long dark runs and whitens stripes
    through the text on it, and Tesseract reads "Blue" on a blue cell as "Bie".

    The background is a morphological closing of the page (its brightest level around each
    pixel, then the darkest of those): dark marks narrower than _CLOSING (strokes, rules)
    vanish from it, regions wider than that (fills) stay, with sharp edges. It is computed
    on a copy max-pooled to 100 dpi, for speed. Where the background is dark (an inverse
    header, a black box), the page is left as it is.
    """
    import numpy
    from PIL import Image

    pixels = numpy.asarray(grey.convert("L"))
    pool = max(1, round(dpi / 100))
    height, width = (pixels.shape[0] // pool) * pool, (pixels.shape[1] // pool) * pool
    if not height or not width:
        return grey.convert("L")
    pooled = pixels[:height, :width].reshape(height // pool, pool, width // pool, pool)
    background = _closing(pooled.max(axis=(1, 3)), _CLOSING)
    background = background.repeat(pool, axis=0).repeat(pool, axis=1)
    background = numpy.pad(
        background, ((0, pixels.shape[0] - height), (0, pixels.shape[1] - width)), mode="edge"
    )
    ratio = pixels.astype(numpy.float32) * 255 / numpy.maximum(background, 1)
    flat = numpy.where(background >= _DARK_BACKGROUND, numpy.minimum(ratio, 255), pixels)
    return Image.fromarray(flat.astype(numpy.uint8))


def _closing(pixels, size: int):
    """Greyscale closing with a size x size square: running maximum, then running minimum,
    along columns and rows."""
    import numpy

    for op in (numpy.maximum, numpy.minimum):
        pixels = _running(_running(pixels, size, op).T, size, op).T
    return pixels


def _running(pixels, size: int, op):
    """``op`` (numpy.maximum or numpy.minimum) over the ``size`` rows centred on each row
    (the edge rows repeated beyond the image), in log2(size) passes: spans of 1, 2, 4...
    rows are combined by doubling, then two overlapping spans cover the window."""
    import numpy

    before = size // 2
    padded = numpy.concatenate(
        [pixels[:1].repeat(before, axis=0), pixels, pixels[-1:].repeat(size - 1 - before, axis=0)]
    )
    span = 1
    while span * 2 <= size:
        padded = op(padded[:-span], padded[span:])
        span *= 2
    count = pixels.shape[0]
    return op(padded[:count], padded[size - span : size - span + count])


def without_rules(image, dpi: int = DPI):
    """The page image (greyscale) with table rules whitened: Tesseract reads a ruled grid as
    "|", "_" and "—" glued to the words in the cells. A rule is a dark run far longer than any
    glyph stroke (a third of an inch) and only a few pixels thick; shaded cells (thick runs)
    and their text are kept. Runs are counted along pixel rows and columns, so a skewed page
    must be straightened first (:func:`deskewed`): a rule tilted by a degree breaks into
    runs too short to count."""
    import numpy
    from PIL import Image

    pixels = numpy.asarray(image.convert("L")).copy()
    dark = pixels < 200  # rules are thin and anti-aliased: grey counts
    thick_px = max(1, round(_THICK * dpi / DPI))
    for mask, view in ((dark, pixels), (dark.T, pixels.T)):  # rows, then columns
        runs = numpy.zeros_like(mask)
        for index, row in enumerate(mask):
            bounds = numpy.concatenate(([0], row.view(numpy.int8), [0]))
            edges = numpy.flatnonzero(numpy.diff(bounds))
            for start, end in zip(edges[::2], edges[1::2], strict=True):
                if end - start >= dpi // 3:
                    runs[index, start:end] = True
        thick = numpy.zeros_like(runs)
        thick[thick_px:] |= runs[:-thick_px]
        thick[:-thick_px] |= runs[thick_px:]
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
