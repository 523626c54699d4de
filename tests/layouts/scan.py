"""A scan of a layout's PDF: each page rendered at the layout's dpi with pypdfium2, turned by
a small angle (white fill), given gaussian noise and JPEG-compressed, then saved as an
image-only PDF with PIL.  Deterministic: the noise and the angle come from the seed, and PIL
writes no dates into the PDF."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import numpy as np
from PIL import Image

from .model import Layout
from .pdf import render_pdf

_STAMP = time.strptime("2020-01-01", "%Y-%m-%d")  # PIL would stamp the current time


def render_scan(layout: Layout, path: Path) -> Path:
    import pypdfium2 as pdfium

    dpi = int(layout.factors["scan_dpi"])
    rng = random.Random(f"plandrift-scan-{layout.seed}")
    noise = np.random.default_rng(layout.seed)
    source = io.BytesIO()
    render_pdf(layout, source)
    pdf = pdfium.PdfDocument(source.getvalue())
    pages = []
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=dpi / 72).to_pil().convert("RGB")
            image = image.rotate(
                rng.uniform(-1.5, 1.5),
                resample=Image.BICUBIC,
                expand=False,
                fillcolor=(255, 255, 255),
            )
            pixels = np.asarray(image, dtype=np.float32)
            pixels += noise.normal(0.0, rng.uniform(4.0, 12.0), pixels.shape)
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=rng.randint(40, 85))
            pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    finally:
        pdf.close()
    first, *rest = pages
    first.save(
        path, "PDF", resolution=float(dpi), save_all=True, append_images=rest,
        title=path.stem, creationDate=_STAMP, modDate=_STAMP,
    )  # fmt: skip
    return path
