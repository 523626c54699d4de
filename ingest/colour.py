"""Colours as readers find them (PDF fill and glyph colours, Word cell shading, HTML
backgrounds), normalised to ``#rrggbb`` so extraction can read a status shown only as colour.

pdfplumber gives colours as tuples in the space they were painted in: one value for grey,
three for RGB, four for CMYK. Word writes shading as ``RRGGBB`` (or "auto"); HTML as a
name, ``#rgb``, ``#rrggbb`` or ``rgb(...)``.
"""

from __future__ import annotations

import colorsys
import re

# HTML's basic colour names that a status cell is painted with (CSS Color Module Level 3).
_NAMED = {
    "red": "#ff0000",
    "darkred": "#8b0000",
    "orange": "#ffa500",
    "gold": "#ffd700",
    "yellow": "#ffff00",
    "amber": "#ffbf00",
    "green": "#008000",
    "lime": "#00ff00",
    "lightgreen": "#90ee90",
    "limegreen": "#32cd32",
    "blue": "#0000ff",
    "lightblue": "#add8e6",
    "skyblue": "#87ceeb",
    "royalblue": "#4169e1",
    "pink": "#ffc0cb",
    "salmon": "#fa8072",
    "white": "#ffffff",
    "black": "#000000",
    "grey": "#808080",
    "gray": "#808080",
    "silver": "#c0c0c0",
}
_HEX = re.compile(r"^#?([0-9a-f]{6}|[0-9a-f]{3})$", re.I)
_RGB = re.compile(r"^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)", re.I)
# Below this saturation a colour is white, grey or black: paper, text, rules, zebra shading.
_MIN_SATURATION = 0.15


def from_pdf(value) -> str | None:
    """``#rrggbb`` of a pdfplumber colour (grey, RGB or CMYK tuple), None for a pattern."""
    if value is None:
        return None
    if isinstance(value, int | float):
        value = (value,)
    if not isinstance(value, tuple | list) or not all(isinstance(v, int | float) for v in value):
        return None
    if len(value) == 1:
        red = green = blue = float(value[0])
    elif len(value) == 3:
        red, green, blue = (float(v) for v in value)
    elif len(value) == 4:
        cyan, magenta, yellow, black = (float(v) for v in value)
        red, green, blue = ((1 - c) * (1 - black) for c in (cyan, magenta, yellow))
    else:
        return None
    return _hex(red, green, blue)


def from_markup(value: str | None) -> str | None:
    """``#rrggbb`` of a colour written in HTML or Word XML, None for "auto" or unknown."""
    if not value:
        return None
    value = value.strip().lower()
    if value in _NAMED:
        return _NAMED[value]
    match = _HEX.match(value)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(2 * digit for digit in digits)
        return f"#{digits}"
    match = _RGB.match(value)
    if match:
        return _hex(*(int(part) / 255 for part in match.groups()))
    return None


def is_coloured(colour: str | None) -> bool:
    """A colour with a hue a reader would name (not white, grey or black)."""
    if not colour:
        return False
    _, saturation, value = hsv(colour)
    return saturation >= _MIN_SATURATION and value >= 0.25


def hsv(colour: str) -> tuple[float, float, float]:
    """Hue in degrees (0-360), saturation and value (0-1) of ``#rrggbb``."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    return hue * 360, saturation, value


def _hex(red: float, green: float, blue: float) -> str:
    channels = (max(0, min(255, round(channel * 255))) for channel in (red, green, blue))
    return "#" + "".join(f"{channel:02x}" for channel in channels)
