"""``python -m tests.series --count 6 --first-seed 0 --out DIR``: write series and truth."""

from __future__ import annotations

import argparse
from pathlib import Path

from .write import write_batch


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.series", description=__doc__)
    parser.add_argument("--count", type=int, default=6, help="how many series")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    target = write_batch(args.count, args.first_seed, args.out)
    print(f"wrote {args.count} series and {target}")


if __name__ == "__main__":
    main()
