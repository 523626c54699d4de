"""One entry point for reading any supported file: sniff the bytes, pick the reader."""

from __future__ import annotations

from pathlib import Path

from .docx import is_docx, read_docx
from .errors import FileTooLarge, FileVanished, UnsupportedFile
from .html import read_html
from .model import ReadDocument
from .pdf import read_pdf
from .sniff import SNIFF_BYTES, detect_kind
from .text import read_text

DEFAULT_MAX_FILE_SIZE = 500_000_000  # bytes; --max-file-size takes megabytes
_KIND_NAMES = {"html": "a web page", "text": "plain text"}
_ZIP = b"PK\x03\x04"


def read_document(
    path: Path,
    *,
    password: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ocr: bool = True,
    pdf_reader: str = "auto",
) -> ReadDocument:
    """Read ``path`` into pages, choosing the reader from the file's content (``ocr``: read
    scanned PDF pages with Tesseract when it is installed; ``pdf_reader``: see read_pdf)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise FileVanished("the file no longer exists") from None
    if size > max_file_size:
        raise FileTooLarge(
            f"the file is {size / 1e6:.0f} MB, over the {max_file_size / 1e6:.0f} MB limit"
        )
    kind = "docx" if head.startswith(_ZIP) and is_docx(path) else detect_kind(head)
    if path.suffix.lower() == ".pdf" and kind in ("html", "text"):
        raise UnsupportedFile(
            f"the file is named .pdf but holds {_KIND_NAMES[kind]}, not a PDF",
            advice="this is often an error page saved by a failed download: download the PDF again",
        )
    if kind == "pdf":
        return read_pdf(path, password=password, ocr=ocr, reader=pdf_reader)
    if kind == "docx":
        return read_docx(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileVanished("the file no longer exists") from None
    return read_html(data) if kind == "html" else read_text(data)
