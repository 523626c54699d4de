"""Keep each meeting's papers together: one ``meetings`` row per pack folder, one
``meeting_papers`` row per document presented in it (the same plan can be in several)."""

from __future__ import annotations

import sqlite_utils

from ..extract.packs import MeetingPack
from .documents import utc_now


def record_paper(db: sqlite_utils.Database, document_id: int, pack: MeetingPack) -> None:
    """Record that the document was in ``pack`` (call inside a transaction)."""
    db.execute(
        "INSERT INTO meetings (name, committee, meeting_date, folder, first_seen_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (folder) DO NOTHING",
        [pack.name, pack.committee, pack.meeting_date, pack.folder, utc_now()],
    )
    meeting_id = db.execute("SELECT id FROM meetings WHERE folder = ?", [pack.folder]).fetchone()[0]
    db.execute(
        "INSERT INTO meeting_papers (meeting_id, document_id, role, file_name) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (meeting_id, document_id) DO UPDATE SET role = excluded.role, "
        "file_name = excluded.file_name",
        [meeting_id, document_id, pack.role, pack.file_name],
    )
    if pack.role == "agenda":  # a folder named without a date takes the agenda's
        db.execute(
            "UPDATE meetings SET meeting_date = (SELECT doc_date FROM documents WHERE id = ?) "
            "WHERE id = ? AND meeting_date IS NULL",
            [document_id, meeting_id],
        )
