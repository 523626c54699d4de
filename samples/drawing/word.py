"""Word documents that build to the same bytes every time (python-docx stamps the clock into
the core properties and every zip entry), for generators and fixtures alike."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document as DocxDocument

STAMP = datetime(2020, 1, 1, tzinfo=UTC)


def save_reproducibly(doc: DocxDocument, path: Path) -> Path:
    """Save with the core properties' dates and every zip entry stamped ``STAMP``."""
    doc.core_properties.created = doc.core_properties.modified = STAMP
    buffer = io.BytesIO()
    doc.save(buffer)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, STAMP.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(entry))
    return path


def page_field(paragraph, code: str) -> None:
    """A Word field ("PAGE", "NUMPAGES") Word fills in when it lays the document out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
