"""The Content Security Policy allows styles and scripts from the site's own files only, so no
template may carry an inline style attribute, a style element or an inline script: the browser
would drop it (as it dropped the heat-map legend's colours)."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# A downloaded document carries its own style sheet so that it reads the same offline.
STANDALONE = {"evaluation/templates/evaluation/document.html"}
INLINE = re.compile(r"\sstyle\s*=|<style\b|<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def test_no_template_has_an_inline_style_or_script():
    templates = sorted(PACKAGE.glob("**/templates/**/*.html"))
    assert len(templates) > 50
    found = {
        str(path.relative_to(PACKAGE)): INLINE.findall(path.read_text(encoding="utf-8"))
        for path in templates
        if str(path.relative_to(PACKAGE)) not in STANDALONE
    }
    assert {path: hits for path, hits in found.items() if hits} == {}
