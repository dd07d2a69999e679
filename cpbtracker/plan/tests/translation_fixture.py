"""Translation files for tests: every text of the packaged plan, marked with its language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.content import PLAN_FILE, translatable


def translation(language: str, *, status: str = "translation") -> dict[str, Any]:
    """A complete translation file's content: each text is ``[fr] <English text>``."""
    raw = load_yaml(PLAN_FILE.read_text(encoding="utf-8"))
    texts = {
        code: {name: f"[{language}] {content['en']}" for name, content in target.texts.items()}
        for code, target in translatable(raw).items()
    }
    return {"language": language, "status": status, "texts": texts}


def write_translation(directory: Path, content: dict[str, Any], name: str | None = None) -> Path:
    path = directory / f"{name or content['language']}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path
