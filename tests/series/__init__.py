"""Labelled improvement-plan series: one authority's plan in 3-5 dated versions, and sometimes
a board report about it, to test document identity (organisation, version date, plan grouping,
title) and the inspection findings a plan prints.

``draw_series(seed)`` gives a :class:`Series`; ``write_series(series, folder)`` writes its
files and returns their truth entries; ``python -m tests.series --count N --first-seed S
--out DIR`` writes a batch with ``DIR/truth.json``.  See README.md here.
"""

from __future__ import annotations

from .model import Document, Series, draw_series
from .write import batch_seeds, truth, write_batch, write_series

__all__ = [
    "Document",
    "Series",
    "batch_seeds",
    "draw_series",
    "truth",
    "write_batch",
    "write_series",
]
