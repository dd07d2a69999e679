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


PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:"
    r"|text-align:\s*(?:left|right)|float:\s*(?:left|right)"
    r"|(?:margin|padding):\s*[^;:}\s]+(?:\s+[^;:}\s]+){3}\s*[;}]"  # 4 values: the 4th is the left
)


def test_every_stylesheet_is_written_with_logical_properties_for_right_to_left_pages():
    stylesheets = sorted(CSS.parents[2].glob("**/static/**/*.css"))
    assert len(stylesheets) >= 4
    physical = {
        str(path.relative_to(CSS.parents[2])): PHYSICAL.findall(path.read_text())
        for path in stylesheets
    }
    assert {path: found for path, found in physical.items() if found} == {}
