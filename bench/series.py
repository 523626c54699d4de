"""Document identity on plan series the recogniser was not tuned on (tests/series): the
accuracy of type, organisation, version date, title and plan grouping per document type,
and recommendations inside plans with the coverage their structure states.

The recogniser was written against seeds 100-105 (the test's draw), 200-219 and 300-329;
the default here starts at seed 600, so what it prints is a held-out measure.

    python bench/series.py                      # 30 series from seed 600
    python bench/series.py --count 10 --first-seed 500 --no-append --keep /tmp/series
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.series

from plandrift.evaluate import evaluate, evaluate_documents, format_documents
from plandrift.store.schema import open_database
from tests.series import write_batch

from report import heading, ingest_with_cli, publish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--first-seed", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the series and database here")
    parser.add_argument("--no-append", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        truth_path = write_batch(args.count, args.first_seed, folder / "series")
        truth_path = truth_path.rename(folder / "truth.json")  # not a document to ingest
        db_path = folder / "series.db"
        ingested = ingest_with_cli(folder / "series", db_path, args.jobs)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        db = open_database(db_path)
        documents = evaluate_documents(db, truth)
        findings = evaluate(db, truth)["recommendations"].total
    files = len(truth["documents"])
    lines = [
        heading(
            "Plan series",
            f"{args.count} series from seed {args.first_seed} ({files} documents), "
            f"ingested in {ingested:.0f} s with --jobs {args.jobs}",
        ),
        *format_documents(documents).splitlines(),
        "",
        f"Recommendations inside plans: precision {findings.precision:.3f}, "
        f"recall {findings.recall:.3f}, F1 {findings.f1:.3f}",
    ]
    publish(lines, append=not args.no_append)


if __name__ == "__main__":
    main()
