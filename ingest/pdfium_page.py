"""What PDFium reports of one page, in pdfplumber's shapes: characters and edges.

pdfminer's parse of a page is most of ingest time; PDFium reads the same page about fifty
times faster. A page of prose needs only its characters (to build lines exactly as
pdfplumber builds them) and its ruling lines (to tell whether pdfplumber could find a table
there), so this module gives both, as dictionaries with pdfplumber's keys and coordinates
(points from the top-left corner of the media box), and says when the page is one it
cannot vouch for.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

from .model import BBox

# PDFium's codes for a hyphen it found ending a line (one per character, the other in text).
_HYPHENS_AT_LINE_END = frozenset((0x02, 0xFFFE))
# A gap at least this share of a space's width was a printed space (see _printed_space).
_PRINTED_SPACE_SHARE = 0.9
_MOVE_TO = 3  # PDFium's path segment that starts a subpath (fpdf_edit.h)


@dataclass
class PdfiumPage:
    """One page as PDFium reads it: pdfplumber-shaped characters and edges, and, when the
    page is not one whose characters are sure to match pdfminer's, why not."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    has_images: bool = False
    unsure: str | None = None  # why the page should be read by pdfplumber instead


def read_pdfium_page(
    pdf, index: int, table_could_be_drawn: Callable[[list[dict], BBox], bool] | None = None
) -> PdfiumPage:
    """Characters, ruling edges and images of page ``index`` of an open PdfDocument.

    ``table_could_be_drawn(edges, bbox)``, when given, is asked before the characters are
    read (most of the time a page takes): a page it says yes to is returned unsure, with
    no characters."""
    import pypdfium2.raw as pdfium

    page = pdf[index]
    try:
        # A box the page inherits from its page tree is not in its own dictionary, which is
        # all FPDFPage_GetMediaBox reads: PDFium's page box (crop within media) stands in.
        media = _box(pdfium.FPDFPage_GetMediaBox, page.raw) or _page_box(page.raw)
        crop = _box(pdfium.FPDFPage_GetCropBox, page.raw) or media
        width, height = page.get_size()
        read = PdfiumPage(width=round(width, 2), height=round(height, 2))
        if page.get_rotation():
            read.unsure = "the page is rotated"
        elif media[:2] != (0.0, 0.0) or crop != media:
            read.unsure = "its media box is missing, offset or cropped"
        if read.unsure:
            return read
        text_objects = _read_objects(page.raw, height, read)
        box = (0.0, 0.0, read.width, read.height)
        if table_could_be_drawn and not read.unsure and table_could_be_drawn(read.edges, box):
            read.unsure = "a table could be drawn from its edges"
        if not read.unsure:
            read.chars, read.unsure = _chars(page, height, text_objects)
        return read
    finally:
        page.close()


def _box(getter, raw_page) -> tuple[float, float, float, float] | None:
    corners = [ctypes.c_float() for _ in range(4)]
    if not getter(raw_page, *map(ctypes.byref, corners)):
        return None
    left, bottom, right, top = (round(corner.value, 2) for corner in corners)
    return (left, bottom, right, top)


def _page_box(raw_page) -> tuple[float, float, float, float]:
    import pypdfium2.raw as pdfium

    box = pdfium.FS_RECTF()
    pdfium.FPDF_GetPageBoundingBox(raw_page, ctypes.byref(box))
    return (round(box.left, 2), round(box.bottom, 2), round(box.right, 2), round(box.top, 2))


def _chars(page, height: float, text_objects: dict[int, tuple]) -> tuple[list[dict], str | None]:
    """The page's characters as pdfminer gives them to pdfplumber: from the origin one
    advance width (the font's /Widths) across, from the font's descent below the baseline
    up one font size; the font's base name; the fill colour (for coloured status marks).

    PDFium's text differs from pdfminer's in its spaces, which only part words: it leaves
    out text objects that hold nothing but a space (given back here as a space), and puts
    spaces of its own where it sees a gap (kept where the gap is as wide as a space).
    A page has thousands of characters, so the loop makes two calls into PDFium for each
    and one for each text object."""
    import pypdfium2.raw as pdfium

    text_page = page.get_textpage()
    raw = text_page.raw
    try:
        count = pdfium.FPDFText_CountChars(raw)
        codes = _codes(raw, count)
        text_page_address = ctypes.cast(raw, ctypes.c_void_p).value
        object_of, origin_of = _fast_calls()
        x, y = ctypes.c_double(), ctypes.c_double()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        chars: list[dict] = []
        styles: dict[int, _Style] = {}
        fonts: dict[int, _Font] = {}
        # pdfplumber orders a line's characters by x0 alone, so characters starting at one
        # spot keep the order of the content stream: the order of their text objects.
        drawn = {key: order for order, key in enumerate(text_objects)}
        gap_at = None  # where PDFium generated a space since the last real character
        for index, code in enumerate(codes):
            if code in _MAYBE_GENERATED and pdfium.FPDFText_IsGenerated(raw, index):
                if code == 0x20 and gap_at is None:
                    gap_at = len(chars)
                continue
            key = object_of(text_page_address, index) or 0
            style = styles.get(key)
            if style is None:
                if pdfium.FPDFText_HasUnicodeMapError(raw, index):
                    return [], "a character has no Unicode mapping"
                text_object = pdfium.FPDFText_GetTextObject(raw, index)
                style = styles[key] = _style(raw, index, text_object, fonts)
                if style is None:
                    return [], "some text is rotated or skewed"
                style.drawn = drawn.get(key, -1)
            origin_of(text_page_address, index, x_ref, y_ref)
            text = "-" if code in _HYPHENS_AT_LINE_END else chr(code)
            char = style.char(text, x.value, height - y.value, index)
            if gap_at == len(chars) and chars and _printed_space(chars[-1], char):
                chars.append(_space_between(chars[-1], char))
            gap_at = None
            chars.append(char)
        for key, (obj, matrix) in text_objects.items():
            if key not in styles and (style := _object_style(obj, matrix, fonts)) is not None:
                style.drawn = drawn[key]
                chars.append(style.char(" ", matrix[4], height - matrix[5], -1))
        chars.sort(key=itemgetter("drawn"))
        for char in chars:
            del char["style"], char["drawn"]
        return chars, None
    finally:
        text_page.close()


_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A))


def _codes(raw_text_page, count: int) -> list[int]:
    """Each character's Unicode code point, in one call for the page (PDFium gives UTF-16:
    a page with characters beyond it is read one character at a time)."""
    import pypdfium2.raw as pdfium

    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium.FPDFText_GetText(raw_text_page, 0, count, buffer)
    codes = list(buffer[:count])
    if any(0xD800 <= code <= 0xDFFF for code in codes):
        return [pdfium.FPDFText_GetUnicode(raw_text_page, index) for index in range(count)]
    return codes


@cache
def _fast_calls():
    """FPDFText_GetTextObject and FPDFText_GetCharOrigin taking and giving plain addresses:
    pypdfium2's typed bindings spend longer converting pointers than PDFium spends
    answering, and these two are called for every character."""
    import pypdfium2.raw as pdfium

    def rebound(function, restype, *argtypes):
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    pointer = ctypes.c_void_p
    double = ctypes.POINTER(ctypes.c_double)
    return (
        rebound(pdfium.FPDFText_GetTextObject, pointer, pointer, ctypes.c_int),
        rebound(pdfium.FPDFText_GetCharOrigin, ctypes.c_int, pointer, ctypes.c_int, double, double),
    )


def _printed_space(before: dict, after: dict) -> bool:
    """Whether a space PDFium generated between two characters of one line stands for a
    space the document printed. PDFium cannot say (it marks some printed spaces as its
    own), but a printed space moves the next character on by at least its own width,
    while a gap PDFium fills by guesswork is usually narrower than a space: the gap is
    measured against the width of a space in the font before it."""
    style = before["style"]
    if abs(before["top"] - after["top"]) >= style.size / 2:
        return False
    space = style.advance(ord(" ")) or style.size / 4
    return after["x0"] - before["x1"] >= _PRINTED_SPACE_SHARE * space


def _space_between(before: dict, after: dict) -> dict:
    drawn = (after["drawn"][0], after["drawn"][1] - 0.5)
    x1 = max(before["x1"], after["x0"])
    return {**before, "text": " ", "x0": before["x1"], "x1": x1, "drawn": drawn}


@dataclass
class _Font:
    """What a font gives every text object drawn in it, read from PDFium once a page."""

    handle: object
    name: str
    descent: float  # below the baseline at a size of one point (negative)
    widths: dict[int, float] = field(default_factory=dict)  # at a size of one point
    # pdfminer's own metrics of a standard font (Helvetica, Times...), which it uses
    # instead of the file's: widths by character, per 1,000 units of size.
    standard_widths: dict[str, float] | None = None

    def width(self, code: int) -> float:
        """The advance width of character ``code`` from the font's /Widths, as pdfminer
        sizes its box (PDFium's own boxes use the glyph's advance, which can differ)."""
        width = self.widths.get(code)
        if width is None:
            import pypdfium2.raw as pdfium

            standard = (self.standard_widths or {}).get(chr(code))
            found = ctypes.c_float()
            if standard is not None:
                width = standard / 1000
            elif pdfium.FPDFFont_GetGlyphWidth(self.handle, code, 1.0, ctypes.byref(found)):
                width = found.value
            else:
                width = 0.0
            self.widths[code] = width
        return width


@dataclass
class _Style:
    """What a text object's characters share."""

    font: _Font
    size: float  # the font size times the text's vertical scale: pdfminer's char size
    descent: float  # how far the font reaches below the baseline, in points (negative)
    advance_scale: float  # font size (Tf) times the text's horizontal scale
    colour: tuple[float, float, float] | None
    drawn: int = -1  # where the text object comes among the page's objects

    def char(self, text: str, x: float, baseline: float, index: int) -> dict:
        """One of its characters in pdfplumber's shape (``baseline`` from the top of the
        page; ``index``, its place in the object)."""
        bottom = baseline - self.descent
        top = bottom - self.size
        code = ord(text[0])
        width = self.font.widths.get(code)
        if width is None:
            width = self.font.width(code)
        return {
            "text": text,
            "x0": x,
            "x1": x + width * self.advance_scale,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "upright": True,
            "size": self.size,
            "fontname": self.font.name,
            "non_stroking_color": self.colour,
            "style": self,
            "drawn": (self.drawn, index),
        }

    def advance(self, code: int) -> float:
        return self.font.width(code) * self.advance_scale


def _style(raw_text_page, index: int, text_object, fonts: dict) -> _Style | None:
    """The style of the text object character ``index`` belongs to; None for text that is
    not upright (pdfplumber groups it apart)."""
    import pypdfium2.raw as pdfium

    matrix = pdfium.FS_MATRIX()
    if not pdfium.FPDFText_GetMatrix(raw_text_page, index, ctypes.byref(matrix)):
        return None
    style = _object_style(text_object, (matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), fonts)
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if style and pdfium.FPDFText_GetFillColor(
        raw_text_page, index, *map(ctypes.byref, (red, green, blue, alpha))
    ):
        style.colour = (red.value / 255, green.value / 255, blue.value / 255)
    return style


def _object_style(text_object, matrix: Matrix, fonts: dict) -> _Style | None:
    """Font, sizes and scale of a text object drawn with ``matrix``; None when the text
    is not upright. ``fonts`` keeps each font read once."""
    import pypdfium2.raw as pdfium

    a, b, c, d = matrix[:4]
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None
    handle = pdfium.FPDFTextObj_GetFont(text_object)
    size = ctypes.c_float()
    if not handle or not pdfium.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size)):
        return None
    key = ctypes.cast(handle, ctypes.c_void_p).value
    font = fonts.get(key)
    if font is None:
        length = pdfium.FPDFFont_GetBaseFontName(handle, None, 0)
        name = ctypes.create_string_buffer(max(length, 1))
        pdfium.FPDFFont_GetBaseFontName(handle, name, length)
        font = fonts[key] = _font(handle, name.value.decode("utf-8", "replace"))
    return _Style(
        font=font,
        size=size.value * d,
        descent=font.descent * size.value * d,
        advance_scale=size.value * a,
        colour=None,
    )


def _font(handle, name: str) -> _Font:
    """A font's name, descent and widths as pdfminer sees them: for the standard fonts it
    knows by name ("Helvetica-Bold", "Arial,Bold"), when not embedded, the metrics pdfminer
    carries (Adobe's AFM files) rather than what the file or PDFium's stand-in font says."""
    import pypdfium2.raw as pdfium
    from pdfminer.fontmetrics import FONT_METRICS

    # pdfminer keys on the BaseFont as written, and a subset's name carries a tag
    # ("ABCDEF+Arial,Bold") that PDFium leaves out: an embedded font is taken as a subset.
    if name in FONT_METRICS and not pdfium.FPDFFont_GetIsEmbedded(handle):
        descriptor, widths = FONT_METRICS[name]
        descent = descriptor.get("Descent", 0) / 1000  # none for Symbol and ZapfDingbats
        return _Font(handle, name, descent, standard_widths=widths)
    descent = ctypes.c_float()
    pdfium.FPDFFont_GetDescent(handle, 1.0, ctypes.byref(descent))
    return _Font(handle, name, descent.value)


def _read_objects(raw_page, height: float, read: PdfiumPage) -> dict[int, tuple]:
    """Images and the edges of drawn paths, inside form XObjects too (pdfminer flattens
    those); returns the text objects, each with its matrix on the page."""
    import pypdfium2.raw as pdfium

    text_objects: dict[int, tuple] = {}

    def visit(count: int, get, outer: tuple | None) -> None:
        for index in range(count):
            obj = get(index)
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == pdfium.FPDF_PAGEOBJ_TEXT:
                key = ctypes.cast(obj, ctypes.c_void_p).value or 0
                text_objects[key] = (obj, _matrix(obj, outer))
            elif kind == pdfium.FPDF_PAGEOBJ_IMAGE:
                read.has_images = True
            elif kind == pdfium.FPDF_PAGEOBJ_PATH:
                read.edges.extend(_path_edges(obj, _matrix(obj, outer), height))
            elif kind == pdfium.FPDF_PAGEOBJ_FORM:
                inner = _matrix(obj, outer)
                visit(
                    pdfium.FPDFFormObj_CountObjects(obj),
                    lambda i, form=obj: pdfium.FPDFFormObj_GetObject(form, i),
                    inner,
                )
            elif kind == pdfium.FPDF_PAGEOBJ_SHADING:
                read.unsure = "it has a shading (a gradient fill)"

    visit(
        pdfium.FPDFPage_CountObjects(raw_page),
        lambda i: pdfium.FPDFPage_GetObject(raw_page, i),
        None,
    )
    return text_objects


Matrix = tuple[float, float, float, float, float, float]


def _matrix(obj, outer: Matrix | None) -> Matrix:
    """The object's matrix, followed by the matrices of the forms it sits in."""
    import pypdfium2.raw as pdfium
    from pdfminer.utils import mult_matrix

    found = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(found))
    own = (found.a, found.b, found.c, found.d, found.e, found.f)
    return own if outer is None else mult_matrix(own, outer)


def _path_edges(path, matrix: Matrix, height: float) -> list[dict]:
    """Every straight stretch between successive points of the path (and the stretch that
    closes a subpath), as pdfplumber's edge dictionaries. pdfplumber's table finder keeps
    the horizontal and vertical ones; a superset of what pdfminer draws is harmless here,
    as an extra edge can only send a page to pdfplumber."""
    import pypdfium2.raw as pdfium

    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[dict] = []
    start = previous = None
    for index in range(pdfium.FPDFPath_CountSegments(path)):
        segment = pdfium.FPDFPath_GetPathSegment(path, index)
        pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        kind = pdfium.FPDFPathSegment_GetType(segment)
        if kind == _MOVE_TO:
            start = point
        elif previous is not None:
            edges.append(_edge(previous, point))
        if pdfium.FPDFPathSegment_GetClose(segment) and start is not None:
            edges.append(_edge(point, start))
        previous = point
    return [edge for edge in edges if edge["orientation"]]


def _edge(one: tuple[float, float], other: tuple[float, float]) -> dict:
    x0, x1 = sorted((one[0], other[0]))
    top, bottom = sorted((one[1], other[1]))
    orientation = "h" if abs(top - bottom) < 0.01 else "v" if abs(x0 - x1) < 0.01 else None
    return {
        "object_type": "curve",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }
