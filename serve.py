"""Publish a plandrift database through Datasette with the project's descriptions.

Datasette keys per-database metadata by the file's stem, so the packaged metadata (written
for ``plandrift.db``) is re-keyed for whatever the user called their database.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

METADATA_FILE = Path(__file__).parent / "datasette_metadata.json"
METADATA_DATABASE_KEY = "plandrift"


def metadata_for(db_path: Path) -> dict:
    """The packaged metadata with its database section named after ``db_path``."""
    metadata = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if METADATA_DATABASE_KEY in databases:
        databases[db_path.stem] = databases.pop(METADATA_DATABASE_KEY)
    return metadata


def datasette_command(
    db_path: Path, metadata_path: Path, host: str, port: int, open_browser: bool
) -> list[str]:
    """The Datasette command line: never immutable (ingest may be writing), no facet suggestions."""
    command = [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--metadata", str(metadata_path),
        "--host", host, "--port", str(port),
        "--setting", "suggest_facets", "off",
        "--setting", "sql_time_limit_ms", "3000",
    ]  # fmt: skip
    if open_browser:
        command.append("--open")
    return command


def serve(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False
) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit status."""
    with tempfile.TemporaryDirectory(prefix="plandrift-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(metadata_for(db_path), indent=2), encoding="utf-8")
        try:
            return subprocess.call(
                datasette_command(db_path, metadata_path, host, port, open_browser)
            )
        except KeyboardInterrupt:
            return 0
