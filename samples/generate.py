"""Generate the bundled demo documents of the fictional Northdene County Council.

Usage: ``python samples/generate.py [OUTDIR] [--truth-out PATH]``

Every document is rendered from the data in :mod:`samples.northdene`, and the same data can
be written to a truth file (``--truth-out``) so that tests can compare what plandrift extracts
with what was planted; it is kept out of OUTDIR so that ingesting the folder ingests only the
documents. Output is byte-for-byte deterministic: every PDF is built with reportlab's
``invariant=1`` and no clock or randomness is used. Only the standard library and reportlab
are required.

Northdene County Council, its officers, inspectors and every figure in these documents are
invented.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Run as a script, Python sees only samples/: put the repo root first so `samples` imports.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.northdene.truth import generate, write_text


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "outdir",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parent / "documents",
        help="output directory (default: samples/documents next to this script)",
    )
    parser.add_argument(
        "--truth-out",
        type=Path,
        help="also write what was planted (document metadata, actions, changes) as JSON here",
    )
    args = parser.parse_args()
    written, truth = generate(args.outdir)
    for path in written:
        print(f"wrote {path}")
    if args.truth_out is not None:
        write_text(args.truth_out, json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {args.truth_out}")


if __name__ == "__main__":
    main()
