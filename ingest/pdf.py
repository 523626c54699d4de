"""Read a PDF into pages of positioned lines.

PDFium reads the pages of prose (pdfium_page.py gives its characters in pdfplumber's
shapes, made into lines by pdfplumber's own code), pdfplumber every other page. A cheap
pre-flight with PDFium first names the failures that pdfplumber either hides (a broken page
index reads as "0 pages" without an error) or reports with a blank message (a password).
Each page is closed as soon as it is read.

PDFium is also the second opinion on a damaged file: when pdfminer cannot parse what PDFium
opened, calls a file password-protected that PDFium opened without one, or finds no text
where PDFium finds some, the file is read again from PDFium's repair of it (a fresh
cross-reference table, no security, a media box on every page). pdfminer's own log lines
are kept out of the terminal and folded into the file's one line where they explain it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from . import colour
from .errors import DamagedPdf, EncryptedPdf, IngestError, NoPages
from .model import Fill, Line, Page, ReadDocument, Table, Word
from .ocr import DPI as OCR_DPI
from .ocr import INSTALL_ADVICE, ScannedPage, fill_colour, read_scan, tesseract_available
from .pdfium_page import read_pdfium_page
from .tables import Columns, aligned_tables, could_hold_ruled_table, row_rules, ruled_tables

_EOF_WINDOW = 4096
_PDFIUM_PASSWORD_ERROR = 4
# Glyphs of one word sit closer than this share of the font size; a space, where a PDF
# leaves the space character out, is about a quarter of an em.
WORD_GAP_EM = 0.2
# Fonts of pictures, not letters: Word's ticks, crosses and RAG dots come out of them as
# whatever letter shares the glyph's code ("ü" is Wingdings' tick, "l" its filled circle).
_SYMBOL_FONTS = ("wingding", "webding", "dingbat")
# Symbol-font codes that are ticks or crosses (Wingdings, Wingdings 2, Zapf Dingbats); any
# other symbol glyph is read as a plain mark "●".
_SYMBOL_GLYPHS = {"ü": "✔", "þ": "✔", "3": "✔", "4": "✔", "P": "✔", "û": "✘", "ý": "✘", "8": "✘"}
_PRIVATE_USE_SYMBOLS = range(0xF020, 0xF100)  # symbol fonts mapped to U+F0xx by Word
_MARKS = "●■◆▲✔✓✘✗"  # marks a status may be shown by, in its colour
_HEADER_REACH = 40.0  # points above a shaded table where its header may stand unshaded
PDF_READERS = ("auto", "pdfplumber")  # see read_pdf


def read_pdf(
    path: Path, *, password: str | None = None, ocr: bool = True, reader: str = "auto"
) -> ReadDocument:
    """Read every page of a PDF; raise an IngestError subclass when it cannot be read.

    With ``ocr``, a page holding an image but no text (a scan) is read by Tesseract. With
    ``reader`` "auto", pages of prose are read by PDFium alone (see _prose_page); with
    "pdfplumber", every page is read by pdfplumber.
    """
    if reader not in PDF_READERS:
        raise ValueError(f"reader must be one of {', '.join(PDF_READERS)}, not {reader!r}")
    prose = reader == "auto"
    expected_pages, embedded_title = preflight_pdf(path, password=password)
    scanner = _Scanner(path, password) if ocr and tesseract_available() else None
    try:
        with _library_log() as log:
            pages, repaired = _read_pages(path, password, expected_pages, scanner, prose)
    except IngestError as error:
        error.problem += _first(log)  # what pdfminer said, on the file's one line
        raise
    finally:
        if scanner:
            scanner.close()
    document = ReadDocument(file_kind="pdf", pages=pages, embedded_title=embedded_title)
    if repaired:
        document.warnings.append(f"read from PDFium's repair of the file: {repaired}{_first(log)}")
    scans = sum(1 for page in pages if page.text_layer == "none" and page.has_images)
    if ocr and scans and not scanner:
        document.warnings.append(
            f"{scans} page(s) are scanned images and Tesseract (the OCR program) is not "
            f"installed, so they were stored without text: {INSTALL_ADVICE}"
        )
    elif not document.has_text and not any(page.has_images for page in pages):
        document.warnings.append(
            "no page has text that can be read and no page holds an image (not a scan): its "
            f"pages are stored without text, so nothing can be extracted from it{_first(log)}"
        )
    elif not document.has_text:
        document.warnings.append(
            "no page has a text layer (a scan or an image-only PDF): its pages are stored "
            "without text, so nothing can be extracted from it"
        )
    return document


@contextmanager
def _library_log() -> Iterator[list[str]]:
    """pdfminer's log lines while a file is read, kept instead of printed (they name no
    file, so a batch's lines could not be told apart)."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    logger = logging.getLogger("pdfminer")
    handler, propagate = Keep(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _first(log: list[str]) -> str:
    """The first library message, to end a warning or error with, if there was one."""
    if not log:
        return ""
    more = f" (and {len(log) - 1} more)" if len(log) > 1 else ""
    return f" (pdfminer: {log[0][:120]}{more})"


class _Scanner:
    """Renders pages with PDFium for Tesseract; the document is opened on first use."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path, self.password, self.pdf = path, password, None

    def read(self, index: int) -> ScannedPage:
        """The page read by OCR (straightened first), with its colour image and dpi."""
        import pypdfium2

        if self.pdf is None:
            self.pdf = pypdfium2.PdfDocument(str(self.path), password=self.password)
        page = self.pdf[index]
        try:
            image = page.render(scale=OCR_DPI / 72).to_pil()
        finally:
            page.close()
        return read_scan(image, OCR_DPI)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def preflight_pdf(path: Path, *, password: str | None = None) -> tuple[int, str | None]:
    """Check the bytes before the expensive parse.

    Returns the page count PDFium sees and the Info dictionary's Title (often stale, so
    only a hint for the title).
    """
    import pypdfium2

    _check_complete(path)
    try:
        pdf = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            if password:
                raise EncryptedPdf(
                    "the PDF is password-protected and the password given is wrong",
                    advice="check the password and ingest it again with the right --password",
                ) from None
            raise EncryptedPdf("the PDF is password-protected") from None
        raise DamagedPdf("the file starts like a PDF but its structure cannot be read") from None
    try:
        page_count = len(pdf)
        embedded_title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        pdf.close()
    if page_count == 0:
        raise NoPages("the PDF has no pages")
    return page_count, embedded_title


def _check_complete(path: Path) -> None:
    """A PDF ends with %%EOF; one that does not was usually cut short while downloading."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - _EOF_WINDOW))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise DamagedPdf(
            "the PDF is incomplete (no end-of-file marker: the download was probably cut short)"
        )


def _read_pages(
    path: Path,
    password: str | None,
    expected_pages: int,
    scanner: _Scanner | None,
    prose: bool,
) -> tuple[list[Page], str | None]:
    """The pages as pdfplumber reads them (``prose``: pages of prose as PDFium reads
    them), or as it reads PDFium's repair of the file when it cannot read the file
    itself; and, then, why the repair was needed."""
    try:
        pages = _plumber_pages(path, password, scanner, prose)
    except _Unparsed as error:
        if error.password and password:
            raise EncryptedPdf("the PDF is password-protected") from None
        # PDFium opened it (the pre-flight did), with no password if none was given.
        reason = (
            "pdfplumber took it for password-protected, but it opens without a password"
            if error.password
            else f"pdfplumber could not read it ({error.name})"
        )
        return _repaired_pages(path, password, expected_pages, scanner, prose, error), reason
    if not pages:
        reason = "its page index (cross-reference table) is damaged"
        return _repaired_pages(path, password, expected_pages, scanner, prose), reason
    if not any(page.lines or page.has_images for page in pages) and _pdfium_has_text(
        path, password
    ):
        repaired = _repaired_pages(path, password, expected_pages, scanner, prose)
        if any(page.lines for page in repaired):
            return repaired, "pdfplumber found no text where PDFium finds some"
    return pages, None


class _Unparsed(Exception):
    """pdfplumber (pdfminer) could not read the file."""

    def __init__(self, name: str, password: bool = False):
        super().__init__(name)
        self.name, self.password = name, password


# Errors pdfplumber raises from a damaged page tree instead of a pdfminer error (a page
# without a media box: "'NoneType' object is not iterable").
_PAGE_TREE_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError)


def _plumber_pages(
    source: Path | io.BytesIO, password: str | None, scanner: _Scanner | None, prose: bool
) -> list[Page]:
    """Every page, through pdfplumber's view of the file (its page count, its errors);
    with ``prose``, each page of prose is read by PDFium instead."""
    import pdfplumber
    import pypdfium2
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(source, password=password or "") as pdf:
            fast = None
            if prose:
                data = source.getvalue() if isinstance(source, io.BytesIO) else str(source)
                fast = pypdfium2.PdfDocument(data, password=password)
            try:
                return list(_pages_of(pdf, scanner, fast))
            finally:
                if fast is not None:
                    fast.close()
    except MalformedPDFException as error:
        raise _Unparsed(type(error).__name__) from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, MemoryError):  # reported with the memory limit by the worker
            raise MemoryError from None
        password_error = type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError")
        raise _Unparsed(type(cause).__name__, password=password_error) from None
    except _PAGE_TREE_ERRORS as error:
        raise _Unparsed(type(error).__name__) from None


def _repaired_pages(
    path: Path,
    password: str | None,
    expected_pages: int,
    scanner: _Scanner | None,
    prose: bool,
    failure: _Unparsed | None = None,
) -> list[Page]:
    try:
        pages = _plumber_pages(_rewritten(path, password), None, scanner, prose)
    except _Unparsed as error:
        if (failure or error).password:
            raise EncryptedPdf("the PDF is password-protected") from None
        raise DamagedPdf(f"the PDF could not be parsed ({(failure or error).name})") from None
    if not pages:
        raise NoPages(
            f"none of the {expected_pages} pages in the file can be found from its page "
            "index (the cross-reference table is damaged)"
        )
    return pages


def _pdfium_has_text(path: Path, password: str | None) -> bool:
    """Whether PDFium reads any character on any page (a quick check, no layout)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path), password=password)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                text_page = page.get_textpage()
                found = text_page.get_text_range().strip()
                text_page.close()
            finally:
                page.close()
            if found:
                return True
        return False
    finally:
        pdf.close()


def _pages_of(pdf, scanner: _Scanner | None, fast) -> Iterator[Page]:
    """The pages in order, each read by PDFium (``fast``, an open PdfDocument) when it is a
    page of prose, by pdfplumber otherwise; an unruled table open at the foot of one page
    is carried to the next."""
    carry: Columns | None = None
    for page in pdf.pages:
        try:
            read = _prose_page(fast, page.page_number, carry) if fast is not None else None
            if read is None:
                read, carry = _read_page(page, carry, scanner)
            else:
                carry = None
            yield read
        finally:
            page.close()


def _prose_page(pdf, number: int, carry: Columns | None) -> Page | None:
    """Page ``number`` as PDFium reads it, when it is a page of prose; None when pdfplumber
    must read it: it has no text (a scan?), PDFium's characters may not be pdfminer's
    (rotated text, an offset media box, overprinted glyphs), or a table could be on it
    (drawn edges that pdfplumber could make a grid of, or columns of aligned text).

    The lines are built from the characters by pdfplumber's own code, so a page read
    either way gives the same lines (tests/test_fast_reader.py holds the corpus to it)."""
    try:
        read = read_pdfium_page(pdf, number - 1, could_hold_ruled_table)
    except Exception:  # whatever PDFium trips on, pdfplumber reads the page
        return None
    if read.unsure or not read.chars:
        return None
    _name_symbol_glyphs(read.chars)
    bbox = (0.0, 0.0, read.width, read.height)
    if _has_overprinted_chars(read.chars):
        return None
    lines = [line for raw in _text_lines(read.chars, bbox) if (line := _line(raw))]
    tables, _ = aligned_tables(lines, number, carry, [], row_rules(read.edges, read.width))
    if tables:
        return None
    return Page(
        number=number,
        lines=[replace(line, words=()) for line in lines],
        width=read.width,
        height=read.height,
        has_images=read.has_images,
        reader="pdfium",
    )


def _text_lines(chars: list[dict], bbox: tuple[float, float, float, float]) -> list[dict]:
    """pdfplumber's lines of text (``Page.extract_text_lines``) from characters of either
    reader."""
    from pdfplumber.utils.text import chars_to_textmap

    width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
    textmap = chars_to_textmap(chars, layout_bbox=bbox, layout_width=width, layout_height=height)
    return textmap.extract_text_lines(strip=True, return_chars=True)


def _rewritten(path: Path, password: str | None) -> io.BytesIO:
    """The PDF as PDFium repairs and saves it: unencrypted, with a new cross-reference
    table, and a media box on every page (pdfplumber cannot place a page without one)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    pdf = pypdfium2.PdfDocument(str(path), password=password)
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pypdfium2.PdfiumError:
                raise NoPages(
                    f"page {index + 1} cannot be read by pdfplumber or by PDFium "
                    "(the page tree is damaged)"
                ) from None
            box = [ctypes.c_float() for _ in range(4)]
            if not pdfium.FPDFPage_GetMediaBox(page.raw, *map(ctypes.byref, box)):
                width, height = page.get_size()
                pdfium.FPDFPage_SetMediaBox(page.raw, 0, 0, width, height)
            page.close()
        buffer = io.BytesIO()
        pdf.save(buffer, flags=pdfium.FPDF_REMOVE_SECURITY)
    finally:
        pdf.close()
    buffer.seek(0)
    return buffer


def _read_page(
    page, carry: Columns | None, scanner: _Scanner | None
) -> tuple[Page, Columns | None]:
    """Lines with their words, boxes and font sizes, and the tables on the page.

    Text and tables come from one parse of the page (pdfplumber caches its objects). A page
    with an image and no text is read by OCR when a scanner is given. Returns the columns of
    an unruled table still open at the bottom of the page.
    """
    _name_symbol_glyphs(page.chars)
    clean = _deduped(page) if _has_overprinted_chars(page.chars) else page
    lines = [line for raw in _text_lines(clean.chars, clean.bbox) if (line := _line(raw))]
    has_images = bool(page.images)
    text_layer, confidence = ("native" if lines else "none"), None
    if not lines and has_images and scanner:
        scan = scanner.read(page.page_number - 1)
        lines, confidence = scan.lines, scan.confidence
        text_layer = "ocr" if lines else "none"
    fills = _fills(clean) if text_layer == "native" else []
    ruled = ruled_tables(clean, page.page_number, fills) if text_layer == "native" else []
    tables, boxed = _drawn_grids(ruled, lines, page.page_number, fills)
    outside = [
        line
        for line in lines
        if not any(_inside(line.bbox, table.bbox) for table in tables + boxed)
    ]
    rules = (
        row_rules(clean.edges, float(page.width))
        if text_layer == "native"
        else (scan.rules if text_layer == "ocr" else [])
    )
    aligned, carry = aligned_tables(
        outside, page.page_number, None if tables else carry, fills, rules
    )
    aligned += boxed
    if text_layer == "ocr":
        aligned = [_coloured_from_pixels(table, scan) for table in aligned]
    read = Page(
        number=page.page_number,
        # Words are only needed to find the page's tables: a long pack would hold them all.
        lines=[replace(line, words=()) for line in lines],
        text_layer=text_layer,
        width=round(float(page.width), 2),
        height=round(float(page.height), 2),
        tables=tables + aligned,
        ocr_confidence=confidence,
        has_images=has_images,
        reader="pdfplumber",
    )
    return read, carry


def _coloured_from_pixels(table: Table, scan: ScannedPage) -> Table:
    """A scanned table's cells with the colour their pixels show (a RAG fill or dot)."""
    rows = [
        [
            replace(cell, colour=fill_colour(scan.image, cell.bbox, scan.dpi))
            if cell is not None and cell.bbox
            else cell
            for cell in row
        ]
        for row in table.rows
    ]
    return replace(table, rows=rows)


def _drawn_grids(
    ruled: list[Table], lines: list[Line], page_number: int, fills
) -> tuple[list[Table], list[Table]]:
    """The ruled tables whose rules draw their columns, and the tables read instead from the
    alignment of the text inside the others: rules that only box a table, or the edges of
    shaded rows and merged cells, give pdfplumber a grid of fewer columns than the text has.
    (The box still says where that table starts and ends.)"""
    kept, boxed = [], []
    for table in ruled:
        others = [other.bbox for other in ruled if other is not table]
        free = [line for line in lines if not any(_inside(line.bbox, box) for box in others)]
        page_wide = aligned_tables(free, page_number, None, fills)[0]
        top = table.bbox[1]
        # The header may sit just above the shading that pdfplumber took for a grid.
        inside = [
            line
            for line in lines
            if _inside(line.bbox, table.bbox)
            or (
                line.bbox
                and top - _HEADER_REACH <= line.bbox[1] < top
                and not any(_inside(line.bbox, box) for box in others)
            )
        ]
        aligned, _ = aligned_tables(inside, page_number, None, fills)
        columns = max(len(row) for row in table.rows)
        wider = max((len(row) for found in aligned for row in found.rows), default=0)
        if wider >= 3 and wider > columns:
            boxed += aligned
        elif not any(  # the text's columns run on past the rules (a header boxed alone)
            _overlaps(found.bbox, table.bbox) and len(found.rows[-1]) > columns
            for found in page_wide
        ):
            kept.append(table)
    return kept, boxed


def _overlaps(box, other) -> bool:
    return bool(box and other) and box[1] < other[3] and other[1] < box[3]


def _name_symbol_glyphs(chars: list[dict]) -> None:
    """Give ticks, crosses and dots drawn in a symbol font the character they show, in place
    (pdfplumber hands the same character objects to every later step of the page). A
    symbol font's space is still a space, not a mark."""
    symbol_font: dict[str, bool] = {}
    for char in chars:
        text = char["text"]
        code = ord(text) if len(text) == 1 else 0
        if text.startswith("(cid:"):  # a glyph with no character behind it: a mark
            char["text"] = "●"
            continue
        if code in _PRIVATE_USE_SYMBOLS:
            text = chr(code - 0xF000)
        else:
            fontname = char.get("fontname") or ""
            if fontname not in symbol_font:
                symbol_font[fontname] = any(font in fontname.lower() for font in _SYMBOL_FONTS)
            if not symbol_font[fontname]:
                continue
        char["text"] = " " if text.isspace() else _SYMBOL_GLYPHS.get(text, "●")


def _fills(page) -> list[Fill]:
    """Coloured areas of the page: filled rectangles, and glyphs printed in colour (a RAG
    dot, a status word in red)."""
    fills = []
    for rect in page.rects:
        shade = colour.from_pdf(rect.get("non_stroking_color")) if rect.get("fill") else None
        if colour.is_coloured(shade):
            fills.append(Fill(_box(rect), shade))
    for char in page.chars:
        shade = colour.from_pdf(char.get("non_stroking_color"))
        if char["text"].strip() and colour.is_coloured(shade):
            fills.append(Fill(_box(char), shade))
    return fills


def _box(obj: dict) -> tuple[float, float, float, float]:
    return (
        round(obj["x0"], 2),
        round(obj["top"], 2),
        round(obj["x1"], 2),
        round(obj["bottom"], 2),
    )


def _line(raw: dict) -> Line | None:
    text = raw["text"]
    chars = raw["chars"]
    if not text or not chars:
        return None
    size = max((char.get("size") or 0.0) for char in chars)
    bold_chars = sum(1 for char in chars if "bold" in (char.get("fontname") or "").lower())
    marks = [
        shade
        for char in chars
        if char["text"] in _MARKS
        and colour.is_coloured(shade := colour.from_pdf(char.get("non_stroking_color")))
    ]
    return Line(
        mark_colour=marks[0] if marks else None,
        text=text,
        bbox=(
            round(raw["x0"], 2),
            round(raw["top"], 2),
            round(raw["x1"], 2),
            round(raw["bottom"], 2),
        ),
        size=round(size, 2) if size else None,
        bold=bold_chars * 2 > len(chars),
        words=_words(chars),
    )


def _words(chars: list[dict]) -> tuple[Word, ...]:
    """A line's characters as words, split by pdfplumber's own word extractor: at spaces,
    and at gaps wider than WORD_GAP_EM of the font size."""
    splitter = _word_splitter()
    groups = splitter.iter_chars_to_words(chars, splitter.get_char_dir(chars[0]["upright"]))
    return tuple(
        Word("".join(c["text"] for c in group), round(group[0]["x0"], 2), round(group[-1]["x1"], 2))
        for group in groups
    )


@cache
def _word_splitter():
    from pdfplumber.utils.text import WordExtractor

    # The line is already one line: the vertical tolerance only has to let a superscript in.
    return WordExtractor(x_tolerance_ratio=WORD_GAP_EM, y_tolerance_ratio=1.0)


def _inside(box, outer) -> bool:
    if not box or not outer:
        return False
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= middle_x <= outer[2] and outer[1] <= middle_y <= outer[3]


def _deduped(page):
    """The page without its overprinted duplicate characters.

    Keeps the same characters as pdfplumber's ``dedupe_chars`` (same text, font and size
    within a point of each other), without its final re-sort by ``list.index``, which is
    quadratic in the characters on the page.
    """
    from pdfplumber.utils import cluster_objects

    same_glyph = itemgetter("upright", "text", "fontname", "size")
    kept: set[int] = set()
    for _, group in groupby(sorted(page.chars, key=same_glyph), key=same_glyph):
        for row in cluster_objects(list(group), itemgetter("doctop"), 1):
            for spot in cluster_objects(row, itemgetter("x0"), 1):
                kept.add(id(min(spot, key=itemgetter("doctop", "x0"))))
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def _has_overprinted_chars(chars: list[dict]) -> bool:
    """Fake bold prints each glyph twice at (almost) the same spot ("DDaattaa").

    ``dedupe_chars`` fixes that but costs several times a page's whole parse, so it is
    only run when a cheap count finds such pairs.
    """
    spots = {(char["text"], round(char["x0"]), round(char["top"])) for char in chars}
    return len(chars) - len(spots) > max(3, len(chars) // 20)
