"""Write a layout as one file, and batches of layouts with their truth file."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from .model import Layout, draw, draw_factors, truth


def write_layout(layout: Layout, folder: Path) -> tuple[Path, dict]:
    """Write *layout* into *folder* as one file; return its path and its truth entry."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / layout.file_name
    fmt = layout.format
    if fmt == "pdf":
        from .pdf import render_pdf

        render_pdf(layout, path)
    elif fmt == "scan":
        from .scan import render_scan

        render_scan(layout, path)
    elif fmt == "docx":
        from .docx import render_docx

        render_docx(layout, path)
    elif fmt == "html":
        from .html import render_html

        render_html(layout, path)
    elif fmt == "txt":
        from .txt import render_txt

        render_txt(layout, path)
    else:
        raise ValueError(fmt)
    return path, truth(layout)


def write_batch(
    count: int,
    first_seed: int,
    out: Path,
    *,
    figures: bool = False,
    formats: tuple[str, ...] | None = None,
) -> Path:
    """Write layouts *first_seed* .. *first_seed + count - 1* and ``out/truth.json``; with
    *figures*, drawn with figures (model.draw); with *formats*, the first *count* seeds
    from *first_seed* whose format is one of them."""
    out = Path(out)
    seeds = range(first_seed, first_seed + count)
    if formats is not None:
        seeds = itertools.islice(
            (
                seed
                for seed in itertools.count(first_seed)
                if draw_factors(seed)[0]["format"] in formats
            ),
            count,
        )
    documents = [write_layout(draw(seed, figures=figures), out)[1] for seed in seeds]
    target = out / "truth.json"
    target.write_text(
        json.dumps({"documents": documents}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target
