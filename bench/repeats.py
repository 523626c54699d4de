"""Repeat findings: how well plandrift links a finding to the same finding made again by a
later inspection of the same authority, against the labelled pairs in
tests/truth/ofsted_findings (Luton and Torbay held out of tuning).

Ingests the Ofsted reports of ../shared/corpus (or reads --db), then scores every pair of
each authority's inspections with the matcher, and prints precision and recall at each
cutoff for the tuning and held-out authorities, for the weights in use and a small grid
of others. The weights and cutoff in compare/finding_matching.py were chosen from this
table, on the tuning authorities only.

    python bench/repeats.py                       # ingest, sweep, append to results.md
    python bench/repeats.py --db /tmp/ofsted.db --no-append
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import sqlite_utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plandrift.compare.finding_matching import (
    REPEAT_CUTOFF,
    REPEAT_WEIGHTS,
    RepeatWeights,
    assign_one_to_one,
    repeat_candidates,
)
from plandrift.evaluate import load_truth, stored_truth_findings
from plandrift.extract.metadata import place_key
from plandrift.store.schema import open_database

from report import heading, publish

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "tests" / "truth" / "ofsted_findings"
CUTOFFS = range(20, 61, 2)


def ofsted_reports(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    return sorted((corpus / "ofsted-series").glob("*.pdf")) + sorted(corpus.glob("ofsted-*.pdf"))


def ingest(files: list[Path], db_path: Path) -> None:
    import subprocess

    plandrift = Path(sys.executable).with_name("plandrift")
    command = [str(plandrift), "ingest", "--db", str(db_path), *map(str, files)]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)


def candidates(db: sqlite_utils.Database, weights: RepeatWeights) -> list[tuple[int, int, float]]:
    """(earlier id, later id, score) for every candidate pair of every authority."""
    inspections: dict[object, list[dict]] = {}
    for row in db.query(
        "SELECT id, organisation, organisation_id FROM documents "
        "WHERE doc_type = 'inspection_letter' ORDER BY doc_date, id"
    ):
        inspections.setdefault(row["organisation_id"] or row["organisation"], []).append(row)
    scored = []
    for documents in inspections.values():
        ignore = frozenset(place_key(documents[0]["organisation"]).split("-"))
        findings = {
            row["id"]: list(
                db.query(
                    "SELECT id, text FROM recommendations WHERE kind = 'finding' "
                    "AND document_id = ? ORDER BY position",
                    [row["id"]],
                )
            )
            for row in documents
        }
        for earlier, later in combinations(documents, 2):
            before, after = findings[earlier["id"]], findings[later["id"]]
            pairs = repeat_candidates(
                [f["text"] for f in before], [f["text"] for f in after], ignore, weights
            )
            scored.append((before, after, pairs))
    return scored


def sweep(db, truth, weights: RepeatWeights) -> dict[int, dict[str, tuple[float, float]]]:
    """Precision and recall per cutoff, for tuning and held-out pairs."""
    found_as = stored_truth_findings(db, truth)
    held_out_files = {entry["file"] for entry in truth["documents"] if entry.get("held_out")}
    held_out_ids = {i for (file, _), i in found_as.items() if file in held_out_files}
    wanted = {"tuning": set(), "held out": set()}
    expected = {"tuning": 0, "held out": 0}
    for pair in truth["repeats"]:
        group = "held out" if pair["held_out"] else "tuning"
        expected[group] += 1
        ids = (found_as.get(tuple(pair["earlier"])), found_as.get(tuple(pair["later"])))
        if None not in ids:
            wanted[group].add(ids)
    scored = candidates(db, weights)
    table = {}
    for cutoff in CUTOFFS:
        chosen = {"tuning": set(), "held out": set()}
        for before, after, pairs in scored:
            for pair in assign_one_to_one(pairs, cutoff):
                ids = (before[pair.left]["id"], after[pair.right]["id"])
                chosen["held out" if ids[1] in held_out_ids else "tuning"].add(ids)
        table[cutoff] = {
            group: (
                len(chosen[group] & wanted[group]) / len(chosen[group]) if chosen[group] else 1.0,
                len(chosen[group] & wanted[group]) / expected[group] if expected[group] else 1.0,
            )
            for group in chosen
        }
    return table


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a database holding the Ofsted reports")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-append", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    truth = load_truth(TRUTH)
    with tempfile.TemporaryDirectory() as temporary:
        db_path = args.db
        if db_path is None:
            db_path = Path(temporary) / "ofsted.db"
            ingest(ofsted_reports(args.shared), db_path)
        db = open_database(db_path)
        lines = [
            heading("Repeat findings (bench/repeats.py)", f"{len(truth['repeats'])} labelled"),
            f"Weights in use: {REPEAT_WEIGHTS}, cutoff {REPEAT_CUTOFF:.0f}.",
            "",
            "| cutoff | tuning P | tuning R | tuning F1 | held-out P | held-out R |",
            "|---|---|---|---|---|---|",
        ]
        for cutoff, groups in sweep(db, truth, REPEAT_WEIGHTS).items():
            (tp, tr), (hp, hr) = groups["tuning"], groups["held out"]
            mark = " **(in use)**" if cutoff == REPEAT_CUTOFF else ""
            lines.append(
                f"| {cutoff}{mark} | {tp:.3f} | {tr:.3f} | {f1(tp, tr):.3f} | {hp:.3f} | {hr:.3f} |"
            )
        lines += ["", "Other weights, best cutoff on the tuning pairs:", ""]
        lines += ["| wording | theme | cutoff | tuning P | tuning R | tuning F1 |"]
        lines += ["|---|---|---|---|---|---|"]
        for wording in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
            weights = RepeatWeights(wording=wording, theme=round(1 - wording, 2))
            table = sweep(db, truth, weights)
            cutoff = max(table, key=lambda c: f1(*table[c]["tuning"]))
            precision, recall = table[cutoff]["tuning"]
            lines.append(
                f"| {weights.wording} | {weights.theme} | {cutoff} | {precision:.3f} "
                f"| {recall:.3f} | {f1(precision, recall):.3f} |"
            )
        db.close()
    publish(lines, append=not args.no_append and os.environ.get("CI") is None)


if __name__ == "__main__":
    main()
