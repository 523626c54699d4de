"""What every bench script shares: a heading that says when and on what, and publishing."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).parent / "results.md"


def heading(title: str, extra: str = "") -> str:
    """``## Title (date; machine, Python, cores[; extra])``, so noise can be judged later."""
    machine = (
        f"{date.today().isoformat()}; {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores"
    )
    return f"\n## {title} ({machine}{'; ' + extra if extra else ''})\n"


def publish(lines: list[str], *, append: bool = True) -> None:
    """Print the table and (normally) append it to bench/results.md."""
    text = "\n".join(lines) + "\n"
    print(text)
    if append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(text)


def ingest_with_cli(folder: Path, db_path: Path, jobs: int) -> float:
    """Ingest a folder into a fresh database with the ``plandrift`` CLI, as a user would;
    the seconds it took."""
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    plandrift = Path(sys.executable).with_name("plandrift")
    command = [plandrift, "ingest", folder, "--db", db_path, "--jobs", jobs]
    subprocess.run([str(part) for part in command], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started
