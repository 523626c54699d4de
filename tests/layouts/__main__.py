"""``python -m tests.layouts --count 40 --first-seed 0 --out DIR``: write layouts and truth."""

from __future__ import annotations

import argparse
from pathlib import Path

from .write import write_batch


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.layouts", description=__doc__)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--figures", action="store_true", help="draw figures and summaries too")
    args = parser.parse_args(argv)
    target = write_batch(args.count, args.first_seed, args.out, figures=args.figures)
    print(f"wrote {args.count} layouts and {target}")


if __name__ == "__main__":
    main()
