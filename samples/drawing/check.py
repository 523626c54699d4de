"""Read a drawn PDF back with pdfplumber, so a generator's self-check can find what it printed.

Texts are compared "squashed" (all whitespace removed): line wrapping, cell padding and the
spaces pdfplumber guesses between words then do not matter.
"""

from __future__ import annotations

import math

from pdfplumber.pdf import PDF


def squash(text: str) -> str:
    """*text* without any whitespace."""
    return "".join(text.split())


def column_texts(
    pdf: PDF,
    x0: float = 0.0,
    x1: float = math.inf,
    *,
    footer: float,
    below: str | None = None,
    font: str | None = None,
) -> list[str]:
    """Squashed text of each page between *x0* and *x1* (by character midpoint).

    Characters within *footer* points of the page bottom are left out, and so are those above
    the first occurrence of *below* on the page (a repeated table header) and, with *font*,
    those in any other font (e.g. bold section rows).
    """
    out = []
    for page in pdf.pages:
        top = page.search(below)[0]["bottom"] if below else -math.inf
        bottom = float(page.height) - footer

        def inside(obj: dict, top: float = top, bottom: float = bottom) -> bool:
            if obj["object_type"] != "char":
                return True
            mid = (obj["x0"] + obj["x1"]) / 2
            return (
                x0 <= mid <= x1
                and top < obj["top"] < bottom
                and (font is None or obj["fontname"] == font)
            )

        out.append(squash(page.filter(inside).extract_text()))
    return out


def page_at(texts: list[str], index: int) -> int:
    """1-based page holding character *index* of ``"".join(texts)``; 0 past the end."""
    end = 0
    for number, text in enumerate(texts, start=1):
        end += len(text)
        if index < end:
            return number
    return 0
