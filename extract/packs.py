"""Recognise a meeting's pack from how committee systems publish it: one folder per meeting.

A folder is a meeting pack when its name carries a date ("Improvement Board 21 May 2020",
"2020-05-21") or it holds an agenda. Each file in it gets a role from its name (agenda,
minutes, appendix, else report), so the papers presented together stay together. Pure: the
caller lists the folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dates import find_dates

_ROLES = (
    ("agenda", re.compile(r"agenda", re.I)),
    ("minutes", re.compile(r"minutes", re.I)),
    ("appendix", re.compile(r"append|annex|enclosure|\bapp\b", re.I)),
)


@dataclass(frozen=True)
class MeetingPack:
    folder: str  # absolute path of the folder
    name: str  # the folder's name, as published
    committee: str | None  # the name without its date: "Improvement Board"
    meeting_date: str | None  # ISO, from the folder name
    file_name: str  # the file in question
    role: str  # its part in the pack: agenda | minutes | appendix | report


def meeting_pack(path: Path, file_names: list[str]) -> MeetingPack | None:
    """The pack the file at ``path`` belongs to, or None when its folder is not one.

    ``file_names`` are the names of the files in the same folder.
    """
    folder = path.absolute().parent
    dates = [found for found in find_dates(folder.name) if found.precision == "day"]
    if not dates and not any(role_of(name) == "agenda" for name in file_names):
        return None
    committee = folder.name
    if dates:
        committee = committee[: dates[0].start] + committee[dates[0].end :]
    committee = re.sub(r"[\s_\-–,]+", " ", committee).strip() or None
    return MeetingPack(
        folder=str(folder),
        name=folder.name,
        committee=committee,
        meeting_date=dates[0].iso if dates else None,
        file_name=path.name,
        role=role_of(path.name),
    )


def role_of(file_name: str) -> str:
    stem = Path(file_name).stem.replace("_", " ")
    return next((role for role, pattern in _ROLES if pattern.search(stem)), "report")
