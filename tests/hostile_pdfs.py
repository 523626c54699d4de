"""Hand-built PDFs that attack a reader: bombs, cycles, giant pages, many pages, huge tables.

Written byte by byte (objects plus a correct cross-reference table) so that each file is
well-formed except for the one hostile property under test.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def raw_pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object n is ``objects[n - 1]``) with a valid xref;
    *trailer* adds entries to the trailer dictionary."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, compressed: bool = False) -> bytes:
    extra = b" /Filter /FlateDecode" if compressed else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _text_page(pages_ref: int, contents_ref: int, font_ref: int, box: bytes) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_ref, box, contents_ref, font_ref)
    )


def compression_bomb(path: Path, inflated_mb: int = 1500) -> Path:
    """About 1.5 MB on disk; its page's content stream inflates to ``inflated_mb`` MB."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(squeeze.compress(chunk) for _ in range(inflated_mb)) + squeeze.flush()
    path.write_bytes(
        raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _text_page(2, 4, 5, b"[0 0 595 842]"),
            _stream(data, compressed=True),
            _FONT,
        ])
    )  # fmt: skip
    return path


def cyclic_pages(path: Path) -> Path:
    """A page tree whose node lists itself among its kids, and a page that is its own parent."""
    path.write_bytes(
        raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 3 0 R /Kids [3 0 R] /Count 1 >>",
        ])
    )  # fmt: skip
    return path


def deeply_nested(path: Path, depth: int = 100_000) -> Path:
    """A page whose resources hold an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    content = b"BT /F1 12 Tf 72 720 Td (Improvement plan update) Tj ET"
    path.write_bytes(
        raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /Deep " + nested + b" >> >>",
            _stream(content),
            _FONT,
        ])
    )  # fmt: skip
    return path


def giant_page(path: Path) -> Path:
    """One 20,000 x 20,000 pt page (the PDF limit is 14,400) with a line of text on it."""
    content = b"BT /F1 12 Tf 72 19000 Td (Children's Services Improvement Plan) Tj ET"
    path.write_bytes(
        raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _text_page(2, 4, 5, b"[0 0 20000 20000]"),
            _stream(content),
            _FONT,
        ])
    )  # fmt: skip
    return path


def empty_pages(path: Path, count: int = 2000) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(count):
        pdf.showPage()
    pdf.save()
    return path


def huge_table(path: Path, rows: int = 1000, columns: int = 10) -> Path:
    """A ruled table of rows x columns cells on one tall page, every cell holding a figure."""
    width, row_height = 60.0, 12.0
    height = rows * row_height + 144
    pdf = canvas.Canvas(str(path), pagesize=(columns * width + 144, height), invariant=1)
    pdf.setFont("Helvetica", 7)
    top = height - 72
    for row in range(rows + 1):
        pdf.line(72, top - row * row_height, 72 + columns * width, top - row * row_height)
    for column in range(columns + 1):
        pdf.line(72 + column * width, top, 72 + column * width, top - rows * row_height)
    for row in range(rows):
        for column in range(columns):
            pdf.drawString(
                75 + column * width, top - (row + 1) * row_height + 3, f"{row * columns + column}"
            )
    pdf.save()
    return path


def broken_xref(source: Path, path: Path) -> Path:
    """A copy of ``source`` whose cross-reference offsets all point at byte 0."""
    data = bytearray(source.read_bytes())
    start = data.rfind(b"\nxref")
    end = data.find(b"trailer", start)
    section = bytes(data[start:end])
    broken = re.sub(rb"(?m)^\d{10} (\d{5}) n", rb"0000000000 \1 n", section)
    data[start:end] = broken
    path.write_bytes(bytes(data))
    return path


# Damaged in ways pdfplumber cannot read and PDFium can (issue 17): each holds one page of
# text, "What needs to improve?", and one flaw.
DAMAGE_TEXT = b"BT /F1 14 Tf 72 700 Td (What needs to improve?) Tj 0 -20 Td (Plans.) Tj ET"
_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"


def damaged_pdf(flaw: str) -> bytes:
    """A one-page PDF (two pages for ``no_media_box``) with the named flaw."""
    objects = [_CATALOG, _PAGES, _PAGE, _stream(DAMAGE_TEXT), _FONT]
    trailer = b""
    if flaw == "encryption_that_is_not":  # /Encrypt names no object: pdfminer refuses it
        trailer = b"/Encrypt 99 0 R "
    elif flaw == "media_box_short":  # three numbers: pdfplumber cannot place the page
        objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612] >>"
    elif flaw == "media_box_not_numbers":  # pdfplumber's own MalformedPDFException
        objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 (x)] >>"
    elif flaw == "no_media_box":  # a second page with no media box and no contents
        objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
        objects[2] = _PAGE.replace(b">> >> >>", b">> >> /MediaBox [0 0 612 792] >>")
        objects.append(b"<< /Type /Page /Parent 2 0 R >>")
    elif flaw == "stream_length_wrong":  # pdfminer reads no text from the page
        objects[3] = b"<< /Length 9999 >>\nstream\n" + DAMAGE_TEXT + b"\nendstream"
    elif flaw == "page_dictionary_unclosed":  # pdfminer finds no page at all
        objects[2] = _PAGE[:-2]
    elif flaw == "kids_not_an_array":  # neither reader can load the page
        objects[1] = b"<< /Type /Pages /Kids 3 0 R /Count 1 /MediaBox [0 0 612 792] >>"
    else:
        raise ValueError(flaw)
    return raw_pdf(objects, trailer=trailer)
