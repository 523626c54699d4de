"""Why a file could not be ingested, said so that a non-programmer knows what to do next.

Each class names a kind of failure (stored in ``ingest_errors.error_class``) and carries
the advice shown after the message. Readers raise these; the pipeline reports them as one
line per file and goes on with the batch.
"""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be ingested. ``str(error)`` is the one-line message."""

    advice = "check the file opens in a PDF viewer or browser, then ingest it again"

    def __init__(self, problem: str, advice: str | None = None):
        super().__init__(problem)
        self.problem = problem
        if advice is not None:
            self.advice = advice

    @property
    def error_class(self) -> str:
        return type(self).__name__

    def __str__(self) -> str:
        return f"{self.problem}; {self.advice}"


class EmptyFile(IngestError):
    """The file has no bytes at all (an interrupted download or export)."""

    advice = "the file has no content: download or export it again"


class UnsupportedFile(IngestError):
    """Bytes in none of the formats plandrift reads (a ZIP, an image, a web page named .pdf)."""

    advice = (
        "plandrift reads PDF, Word (.docx), HTML and plain-text files: save the document in "
        "one of those"
    )


class DamagedPdf(IngestError):
    """A PDF that neither pdfplumber nor PDFium's repair can open: truncated or corrupted."""

    advice = (
        "the PDF is damaged or incomplete: download it again, or open it and save/print it "
        "as a new PDF, then ingest that"
    )


class EncryptedPdf(IngestError):
    """A PDF that needs a password plandrift was not given, or was given a wrong one."""

    advice = "ingest it again with --password, or ask the author for an unlocked copy"


class DamagedDocument(IngestError):
    """A Word file whose package (a ZIP of XML parts) is broken."""

    advice = "open it in Word and save it again as .docx (or as PDF), then ingest that"


class NoPages(IngestError):
    """A PDF that opens but whose page tree leads to no page at all."""

    advice = (
        "the PDF's page index is broken: open it and save/print it as a new PDF, then ingest that"
    )


class NoText(IngestError):
    """A web page or text file with nothing visible to read in it."""

    advice = "the file holds no readable text: check it is the right file"


class FileVanished(IngestError):
    """A file found when the batch started and gone by the time it was read."""

    advice = "the file was moved or deleted while plandrift was reading: check the path"


class FileTooLarge(IngestError):
    """A file over --max-file-size, skipped before any of it is read."""

    advice = "split the file, or raise the limit with --max-file-size if it is genuine"


class TimedOut(IngestError):
    """The reading child ran past --timeout and was stopped."""

    advice = (
        "the file may be damaged or built to hang a reader; if it is a genuine, very long "
        "pack, ingest it on its own with a larger --timeout"
    )


class TooMuchMemory(IngestError):
    """The reading child needed more than --max-memory and was stopped."""

    advice = (
        "the file may be a compression bomb or hold huge images; if you trust it, ingest it "
        "on its own with a larger --max-memory"
    )


class ReaderCrashed(IngestError):
    """The reading child died (a crash in a native library), not plandrift's own error."""

    advice = "open it and save/print it as a new PDF, then ingest that; please report the file"
