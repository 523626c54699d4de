"""Publish a plandrift database through Datasette with the project's descriptions.

Datasette keys per-database metadata by the file's stem, so the packaged metadata (written
for ``plandrift.db``) is re-keyed for whatever the user called their database.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

METADATA_FILE = Path(__file__).parent / "datasette_metadata.json"
METADATA_DATABASE_KEY = "plandrift"


PASSWORD_HASH_VARIABLE = "PLANDRIFT_PASSWORD_HASH"


def metadata_for(db_path: Path, login: str | None = None) -> dict:
    """The packaged metadata with its database section named after ``db_path``.

    With ``login``, nothing can be seen until that user signs in at ``/-/login`` with the
    password whose hash is in $PLANDRIFT_PASSWORD_HASH (datasette-auth-passwords).
    """
    metadata = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    if login:
        metadata["allow"] = {"id": login}
        metadata.setdefault("plugins", {})["datasette-auth-passwords"] = {
            f"{login}_password_hash": {"$env": PASSWORD_HASH_VARIABLE}
        }
    databases = metadata.get("databases", {})
    if METADATA_DATABASE_KEY in databases:
        databases[db_path.stem] = databases.pop(METADATA_DATABASE_KEY)
    for dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).values():
        for part in (*dashboard.get("charts", {}).values(), *dashboard.get("filters", {}).values()):
            if part.get("db") == METADATA_DATABASE_KEY:
                part["db"] = db_path.stem
    return metadata


def datasette_command(
    db_path: Path,
    metadata_path: Path,
    host: str,
    port: int,
    open_browser: bool,
    inspect_file: Path | None = None,
) -> list[str]:
    """The Datasette command line, with no facet suggestions (they cost a second a page on
    a million rows). A live database is opened normally, since ingest may be writing to it;
    a frozen copy (``inspect_file`` given) is opened immutable with precomputed counts."""
    if inspect_file:
        target = ["-i", str(db_path), "--inspect-file", str(inspect_file)]
    else:
        target = [str(db_path)]
    command = [
        sys.executable, "-m", "datasette", "serve", *target,
        "--metadata", str(metadata_path),
        "--host", host, "--port", str(port),
        "--setting", "suggest_facets", "off",
        "--setting", "sql_time_limit_ms", "3000",
    ]  # fmt: skip
    if open_browser:
        command.append("--open")
    return command


def freeze(db_path: Path, folder: Path) -> tuple[Path, Path]:
    """A consistent copy of the database (even while ingest writes) and its row counts."""
    frozen = folder / db_path.name
    source = sqlite3.connect(db_path)
    with sqlite3.connect(frozen) as copy:
        source.backup(copy)
    source.close()
    counts = folder / "counts.json"
    inspect = [
        sys.executable,
        "-m",
        "datasette",
        "inspect",
        str(frozen),
        "--inspect-file",
        str(counts),
    ]
    subprocess.run(inspect, check=True, capture_output=True)
    return frozen, counts


def serve(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    open_browser: bool = False,
    immutable: bool = False,
    login: str | None = None,
) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit status.

    ``immutable`` serves a frozen copy (a published archive): the served file never changes
    under Datasette, whatever happens to the original. ``login`` requires a password.
    """
    with tempfile.TemporaryDirectory(prefix="plandrift-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(
            json.dumps(metadata_for(db_path, login), indent=2), encoding="utf-8"
        )
        inspect_file = None
        if immutable:
            db_path, inspect_file = freeze(db_path, Path(folder))
        command = datasette_command(db_path, metadata_path, host, port, open_browser, inspect_file)
        return _run_until_stopped(command)


def _run_until_stopped(command: list[str]) -> int:
    """Run Datasette; Ctrl-C or a SIGTERM to plandrift (a service manager stopping it) stops
    Datasette too, instead of leaving it serving on its own."""
    server = subprocess.Popen(command)
    previous = signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        status = server.wait()
        return 0 if status == -signal.SIGTERM else status
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
