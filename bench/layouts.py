"""Action extraction across randomised plan layouts (tests/layouts): F1 and field accuracy
by medium and by factor level, so the weakest factor is visible.

Draws layouts from fixed seeds, ingests them with the ``plandrift`` CLI (as a user would),
scores the stored actions against the truth the generator wrote, prints the tables and
appends them to bench/results.md.

    python bench/layouts.py                    # 300 layouts, seeds 0-299
    python bench/layouts.py --count 60 --first-seed 1000 --no-append --keep /tmp/draws
    python bench/layouts.py --figures          # drawn with figures: their scores too

With ``--figures`` the documents state figures and status summaries (tests/layouts/figures.py)
and the recall of each kind, the held-out wordings and each source's precision are printed
after the action tables. Documents are ingested as a user would, in one call: a figure's
period follows the document's date as read, so a misread date costs its figures too.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.layouts

from plandrift.store.schema import open_database
from tests.layouts import write_batch
from tests.layouts.score import (
    format_figure_scores,
    format_scores,
    score_figures,
    score_layouts,
)

from report import heading, ingest_with_cli, publish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the layouts and database here")
    parser.add_argument("--no-append", action="store_true", help="do not append to results.md")
    parser.add_argument("--details", action="store_true", help="print each miss and wrong field")
    parser.add_argument("--figures", action="store_true", help="draw and score figures too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        truth_path = write_batch(
            args.count, args.first_seed, folder / "layouts", figures=args.figures
        )
        truth_path = truth_path.rename(folder / "truth.json")  # not a document to ingest
        drawn = time.perf_counter() - started
        db_path = folder / "layouts.db"
        ingested = ingest_with_cli(folder / "layouts", db_path, args.jobs)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        scores = score_layouts(open_database(db_path), truth)
        figures = score_figures(open_database(db_path), truth) if args.figures else None
    lines = [
        heading(
            "Layouts",
            f"{args.count} draws from seed {args.first_seed}; drawn in {drawn:.0f} s, "
            f"ingested in {ingested:.0f} s with --jobs {args.jobs}",
        ),
        *format_scores(scores),
    ]
    worst = sorted(scores.documents.items(), key=lambda item: item[1].f1)[:8]
    lines += ["", "Weakest documents: " + ", ".join(f"{name} F1 {s.f1:.2f}" for name, s in worst)]
    if figures is not None:
        lines += [
            "",
            "**Figures in the plans** (tests/layouts/figures.py)",
            "",
            *format_figure_scores(figures),
        ]
    publish(lines, append=not args.no_append)
    if args.details:
        for name, score in worst:
            print(name, scores.factors[name])
            for line in score.misses[:5] + score.extras[:5] + score.wrong[:8]:
                print("   ", line)


if __name__ == "__main__":
    main()
