"""Time and memory bounds for each hostile-input class, measured through ``plandrift ingest``
with its default limits, each next to one good plan ingested alone (the baseline).

    python bench/reliability.py

Prints a table (time, peak memory of the reading child, outcome) and appends it to
bench/results.md; docs/reliability.md quotes it.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hostile_pdfs import (  # noqa: E402  (test helpers double as generators here)
    broken_xref,
    compression_bomb,
    cyclic_pages,
    deeply_nested,
    empty_pages,
    giant_page,
    huge_table,
)

PLANDRIFT = str(Path(sys.executable).parent / "plandrift")
sys.path.insert(0, str(REPO / "bench"))
from ingest import long_plan  # noqa: E402

from report import heading, publish  # noqa: E402


def measured(path: Path, db: Path) -> tuple[float, int, str]:
    """Wall time, peak RSS (MiB) of the largest process, and the outcome line."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "print((r.stderr.strip().splitlines() or [r.stdout.strip()])[-1])"
    )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [PLANDRIFT, "ingest", str(path), "--db", str(db), "--jobs", "1", "-s"]
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    seconds, peak, outcome = result.stdout.strip().split("\n", 2)
    outcome = outcome.replace(str(path), path.name)
    return float(seconds), int(peak) // 1024, outcome[:110]


def cases(work: Path) -> list[tuple[str, Path]]:
    plan = long_plan(work / "plan-10.pdf", 200)
    truncated = work / "truncated.pdf"
    truncated.write_bytes(plan.read_bytes()[: plan.stat().st_size // 2])
    noise = work / "random.pdf"
    noise.write_bytes(random.Random(7).randbytes(1_000_000))
    html = work / "huge.html"
    paragraph = "<p>The Board noted progress on supervision and caseloads across teams.</p>\n"
    html.write_text(
        "<html><body><main><h1>Improvement update 21 May 2020</h1>"
        + paragraph * (50 * 1024 * 1024 // len(paragraph))
        + "</main></body></html>",
        encoding="utf-8",
    )
    return [
        ("baseline: a 10-page plan", plan),
        ("random bytes named .pdf (1 MB)", noise),
        ("truncated PDF (cut at 50%)", truncated),
        ("broken xref", broken_xref(plan, work / "xref.pdf")),
        ("cyclic page tree", cyclic_pages(work / "cyclic.pdf")),
        ("100,000-deep nested arrays", deeply_nested(work / "nested.pdf")),
        ("20,000 x 20,000 pt page", giant_page(work / "giant.pdf")),
        ("2,000 empty pages", empty_pages(work / "empty.pdf")),
        ("10,000-cell table on one page", huge_table(work / "table.pdf")),
        ("50 MB web page", html),
        ("compression bomb (6 MB inflating to 6 GB)", compression_bomb(work / "bomb.pdf", 6000)),
    ]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="plandrift-reliability-"))
    try:
        rows = [(name, path.stat().st_size, *measured(path, work / "r.db"))
                for name, path in cases(work)]  # fmt: skip
        base_seconds, base_peak = rows[0][2], rows[0][3]
        lines = [
            heading("Hostile input", "default --timeout and --max-memory"),
            "| input | file MB | seconds | peak MiB | vs baseline (time, memory) | outcome |",
            "|---|---|---|---|---|---|",
        ]
        for name, size, seconds, peak, outcome in rows:
            lines.append(
                f"| {name} | {size / 1e6:.1f} | {seconds:.1f} | {peak} | "
                f"{seconds / base_seconds:.1f}x, {peak / base_peak:.1f}x | {outcome} |"
            )
        publish(lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
