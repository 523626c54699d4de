"""The extractors' vocabulary and rules, kept as data: one JSON file per extractor, and
``phrases.jsonl`` for the spaCy span ruler. Each file is read once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).parent


@cache
def load_patterns(name: str) -> dict:
    """The rules in ``<name>.json`` (for example ``load_patterns("actions")``)."""
    return json.loads((_FOLDER / f"{name}.json").read_text(encoding="utf-8"))


@cache
def load_phrases() -> tuple[dict, ...]:
    """The span ruler's patterns, one JSON object a line in ``phrases.jsonl``."""
    lines = (_FOLDER / "phrases.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())
