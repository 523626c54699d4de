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
    advice = "the file has no content: download or export it again"


class UnsupportedFile(IngestError):
    advice = (
        "plandrift reads PDF, Word (.docx), HTML and plain-text files: save the document in "
        "one of those"
    )


class DamagedPdf(IngestError):
    advice = (
        "the PDF is damaged or incomplete: download it again, or open it and save/print it "
        "as a new PDF, then ingest that"
    )


class EncryptedPdf(IngestError):
    advice = "ingest it again with --password, or ask the author for an unlocked copy"


class DamagedDocument(IngestError):
    advice = "open it in Word and save it again as .docx (or as PDF), then ingest that"


class NoPages(IngestError):
    advice = (
        "the PDF's page index is broken: open it and save/print it as a new PDF, then ingest that"
    )


class NoText(IngestError):
    advice = "the file holds no readable text: check it is the right file"


class FileVanished(IngestError):
    advice = "the file was moved or deleted while plandrift was reading: check the path"


class FileTooLarge(IngestError):
    advice = "split the file, or raise the limit with --max-file-size if it is genuine"


class TimedOut(IngestError):
    advice = (
        "the file may be damaged or built to hang a reader; if it is a genuine, very long "
        "pack, ingest it on its own with a larger --timeout"
    )


class TooMuchMemory(IngestError):
    advice = (
        "the file may be a compression bomb or hold huge images; if you trust it, ingest it "
        "on its own with a larger --max-memory"
    )


class ReaderCrashed(IngestError):
    advice = "open it and save/print it as a new PDF, then ingest that; please report the file"
