"""The stylesheet's chart colours stand out from the page (WCAG 1.4.11: 3:1 for graphics)."""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "static" / "cpbtracker" / "site.css"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_cycle_colour_of_the_charts_has_3_to_1_contrast_on_white():
    colours = dict(re.findall(r"\.(cycle-[a-z]) \{ fill: (#[0-9a-f]{6})", CSS.read_text()))
    assert set(colours) == {"cycle-a", "cycle-b", "cycle-c", "cycle-d"}
    contrast = {name: 1.05 / (luminance(c) + 0.05) for name, c in colours.items()}
    assert {name: round(ratio, 2) for name, ratio in contrast.items() if ratio < 3} == {}
