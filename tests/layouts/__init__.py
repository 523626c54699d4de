"""Layout-randomised action-plan generator: truth by construction, fixed seeds.

``draw(seed)`` gives a :class:`Layout` (its ``factors`` record every level drawn) and
``write_layout(layout, folder)`` writes one file (.pdf/.docx/.html/.txt) and returns its path
and its truth entry in evaluate.py's format.  ``python -m tests.layouts --count 40
--first-seed 0 --out DIR`` writes a batch with ``DIR/truth.json``.  See README.md here.
"""

from __future__ import annotations

from .model import Layout, draw, truth
from .write import write_batch, write_layout

__all__ = ["Layout", "draw", "truth", "write_batch", "write_layout"]
