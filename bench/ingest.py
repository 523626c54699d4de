"""Ingest speed by reader, cost, parallelism and memory, each as a ratio against a baseline
measured in the same run. Prints tables and appends them to bench/results.md.

0. Readers: pages per second of ``plandrift ingest --jobs 1`` (one core) with the fast
   reader (``--pdf-reader auto``: PDFium reads pages of prose) and with pdfplumber reading
   every page (as before), against a bare pdfplumber ``extract_text`` pass and a bare
   PDFium text pass, for prose (the Ofsted reports), council papers (the rest of the
   corpus) and a long action plan; with the share of pages the fast run sent to
   pdfplumber. Targets: prose at >= 40 pages/s and >= 10x the pdfplumber-only rate; plans
   no slower. (tests/test_fast_reader.py holds the extracted rows to being the same.)
1. Cost: ``plandrift ingest --jobs 1`` end to end against a bare pdfplumber pass
   (``extract_text`` + ``find_tables`` on every page, pages closed) over the same PDFs:
   the corpus in ../shared/corpus and a generated long plan. Target: <= 1.25x.
2. Parallelism: documents per second with ``--jobs 2`` against ``--jobs 1`` on a batch of
   40 distinct documents. Target: >= 1.7x.
3. Memory: peak RSS of ingesting a 50-page plan against a 500-page one. Target: < 1.3x.

    python bench/ingest.py                 # everything (about 20 minutes)
    python bench/ingest.py --readers-only  # the readers table alone
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import heading, publish

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PLANDRIFT_SHARED", REPO.parent / "shared")) / "corpus"
PLANDRIFT = str(Path(sys.executable).parent / "plandrift")
BARE_TEXT = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text(); page.close()
"""
PDFIUM_TEXT = """
import sys, pypdfium2
for path in sys.argv[1:]:
    pdf = pypdfium2.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        text.get_text_range()
        boxes = [text.get_rect(number) for number in range(text.count_rects())]
        text.close(); page.close()
    pdf.close()
"""
BARE = """
import sys, pdfplumber
for path in sys.argv[1:]:
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text(); page.find_tables(); page.close()
    except Exception:
        pass
"""


def long_plan(path: Path, rows: int) -> Path:
    """A plan whose action table runs over many pages (about 20 rows a page)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["BodyText"]
    data = [["Ref", "Action", "Lead", "Target date", "RAG", "Progress update"]]
    for number in range(rows):
        data.append([
            f"{number // 20 + 1}.{number % 20 + 1}",
            Paragraph(f"Review the quality of supervision for team {number} and report to the Board", style),
            "HoS/PSW", "31/03/2025", ["Green", "Amber", "Red", "Blue"][number % 4],
            Paragraph(f"Audit {number} completed; findings shared with managers.", style),
        ])  # fmt: skip
    table = Table(data, repeatRows=1, colWidths=[40, 260, 70, 70, 50, 260])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
    document = SimpleDocTemplate(
        str(path), pagesize=landscape(A4), title="Children's Services Improvement Plan"
    )
    document.build(
        [Paragraph("Children's Services Improvement Plan - update 21/05/2020", style), table]
    )
    return path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start


def peak_rss(command: list[str]) -> int:
    """Peak RSS (KiB) of a command, measured in a fresh interpreter so earlier runs don't count."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip())


def median_time(command: list[str], runs: int, reset=None) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        if reset:
            reset()
        times.append(timed(command))
    return statistics.median(times), min(times), max(times)


def reader_speeds(work: Path) -> list[str]:
    """Pages per second by reader, for prose, council papers and a long plan."""
    import sqlite3

    ofsted = sorted([*CORPUS.glob("ofsted-*.pdf"), *CORPUS.glob("ofsted-series/*.pdf")])
    papers = sorted(  # the encrypted one is left out: it fails before any reader runs
        path
        for path in CORPUS.glob("*.pdf")
        if not path.name.startswith("ofsted") and _page_count(str(path))
    )
    sets = {
        f"prose: {len(ofsted)} Ofsted reports": ([str(path) for path in ofsted], True),
        f"council papers: the other {len(papers)} corpus PDFs": ([str(p) for p in papers], None),
        "plan: a 300-page action plan (ruled tables)": (
            [str(long_plan(work / "plan-300-readers.pdf", 300 * 20))],
            False,
        ),
    }
    tiny = work / "start-up.txt"
    tiny.write_text("Start-up\n", encoding="utf-8")
    db = work / "readers.db"

    def ingest(files: list[str], reader: str) -> float:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        command = [PLANDRIFT, "ingest", *files, "--db", str(db), "--jobs", "1", "-s"]
        return timed([*command, "--pdf-reader", reader])

    start_up = ingest([str(tiny)], "auto")
    lines = [
        heading("Ingest by reader"),
        f"One core (--jobs 1); plandrift figures include its start-up of {start_up:.1f} s "
        "per run, and in brackets exclude it.",
        "",
        "| documents | pages | PDFium text | bare pdfplumber text | plandrift, pdfplumber "
        "only (before) | plandrift, PDFium for prose | fast vs before | pages sent to "
        "pdfplumber | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (files, prose) in sets.items():
        pages = sum(_page_count(path) for path in files)
        pdfium = pages / timed([sys.executable, "-c", PDFIUM_TEXT, *files])
        bare = pages / timed([sys.executable, "-c", BARE_TEXT, *files])
        before = ingest(files, "pdfplumber")
        fast = ingest(files, "auto")
        with sqlite3.connect(db) as connection:
            slow_pages = connection.execute(
                "SELECT count(*) FROM pages WHERE reader = 'pdfplumber'"
            ).fetchone()[0]
        target = {True: ">= 40 pages/s, >= 10x", False: ">= 1.0x (no slower)", None: ""}[prose]
        lines.append(
            f"| {name} | {pages} | {pdfium:.0f} | {bare:.1f} | {pages / before:.1f} "
            f"({pages / (before - start_up):.1f}) | {pages / fast:.1f} "
            f"({pages / (fast - start_up):.1f}) | {before / fast:.2f}x "
            f"({(before - start_up) / (fast - start_up):.2f}x) | {slow_pages / pages:.0%} | "
            f"{target} |"
        )
    return lines


def _page_count(path: str) -> int:
    """Pages in the PDF; 0 when it cannot be opened without a password."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="plandrift-bench-"))
    try:
        publish(reader_speeds(work))
        if "--readers-only" in sys.argv:
            return
        corpus = sorted(str(path) for path in CORPUS.glob("*.pdf"))
        pdfs = [*corpus, str(long_plan(work / "plan-300.pdf", 300 * 20))]
        db = work / "bench.db"

        def fresh() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        bare = median_time([sys.executable, "-c", BARE, *pdfs], runs=3)
        ours = median_time(
            [PLANDRIFT, "ingest", *pdfs, "--db", str(db), "--jobs", "1", "-s"], runs=3, reset=fresh
        )
        lines = [
            heading("Ingest"),
            "| measure | baseline | plandrift | ratio | target |",
            "|---|---|---|---|---|",
            f"| cost: {len(pdfs)} PDFs (corpus + 300-page plan), median of 3 s (min-max) | "
            f"{bare[0]:.1f} ({bare[1]:.1f}-{bare[2]:.1f}) | {ours[0]:.1f} ({ours[1]:.1f}-{ours[2]:.1f}) | "
            f"{ours[0] / bare[0]:.2f}x | <= 1.25x |",
        ]
        batch = work / "batch"
        batch.mkdir()
        seeds = sorted(CORPUS.glob("*.pdf"))
        for number in range(40):  # distinct bytes: a comment after the end-of-file marker
            source = seeds[number % len(seeds)]
            (batch / f"{number:02d}-{source.name}").write_bytes(
                source.read_bytes() + f"\n% copy {number}\n".encode()
            )
        one = median_time(
            [PLANDRIFT, "ingest", str(batch), "--db", str(db), "--jobs", "1", "-s"],
            runs=1,
            reset=fresh,
        )
        two = median_time(
            [PLANDRIFT, "ingest", str(batch), "--db", str(db), "--jobs", "2", "-s"],
            runs=1,
            reset=fresh,
        )
        lines.append(
            f"| parallel: 40 documents, s (jobs 1 vs jobs 2) | {one[0]:.1f} | {two[0]:.1f} | {one[0] / two[0]:.2f}x | >= 1.7x |"
        )
        small = long_plan(work / "plan-50.pdf", 50 * 20)
        large = long_plan(work / "plan-500.pdf", 500 * 20)
        memory = []
        for plan in (small, large):
            fresh()
            memory.append(
                peak_rss([PLANDRIFT, "ingest", str(plan), "--db", str(db), "--jobs", "1", "-s"])
            )
        lines.append(
            f"| memory: peak RSS MiB, 50-page vs 500-page plan | {memory[0] / 1024:.0f} | {memory[1] / 1024:.0f} "
            f"| {memory[1] / memory[0]:.2f}x | < 1.3x |"
        )
        publish(lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
