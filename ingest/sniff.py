"""Tell a file's kind from its first bytes, not its name.

Committee systems save HTML error pages as ``.pdf`` and Word files without extensions, so
the extension is only a tie-breaker. Returns one of ``pdf``, ``html``, ``text`` (a Word
file, a ZIP holding ``word/document.xml``, is recognised by ``read.py``); anything else
raises an :class:`~plandrift.ingest.errors.IngestError` saying what the file looks like.
"""

from __future__ import annotations

import re

from .errors import EmptyFile, UnsupportedFile

SNIFF_BYTES = 8192

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"<(html|body|div|p|h[1-6]|table|article)\b[^>]*>", re.I)

# Signatures of formats people send by mistake, with a name a user recognises.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"PK\x03\x04", "a ZIP archive (an Excel or PowerPoint file, or a zipped folder)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "a Rich Text (RTF) file"),
    (b"\x1f\x8b", "a gzip archive"),
]


def detect_kind(head: bytes) -> str:
    """Classify a file from its first bytes (pass at least the first 8 KiB)."""
    if not head:
        raise EmptyFile("the file is empty (0 bytes)")
    # A PDF header may sit after some junk bytes; PDF readers accept it within 1 KiB.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            raise UnsupportedFile(f"the file is {name}, not a PDF, HTML or text file")
    body = head.removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(body) or len(_HTML_TAG.findall(body)) >= 2:
        return "html"
    if _looks_like_text(body):
        return "text"
    raise UnsupportedFile(
        "the file is binary data of an unknown kind, not a PDF, HTML or text file"
    )


def _looks_like_text(data: bytes) -> bool:
    """Mostly printable characters in a common encoding (a few NUL bytes tolerated)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    sample = data[:SNIFF_BYTES]
    if sample.count(b"\x00") > len(sample) // 10:
        return False
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 0))
    return control <= len(sample) // 20
