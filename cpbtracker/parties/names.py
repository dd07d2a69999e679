"""Government names in the six UN languages, from the Unicode CLDR through Babel.

A government that CLDR names only as a territory (the State of Palestine, named "Palestinian
Territories") takes its names from ``data/names.yaml``, each with its source; see
``data/README.md`` for where the UN's official short names differ from CLDR's.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import Locale

from cpbtracker.lib.languages import UN_LANGUAGES
from cpbtracker.lib.yamlfile import load_yaml

NAMES_FILE = Path(__file__).parent / "data" / "names.yaml"


@lru_cache(maxsize=1)
def _overrides() -> dict[str, dict[str, str]]:
    data = load_yaml(NAMES_FILE.read_text(encoding="utf-8")) or {}
    return {code: dict(entry["name"]) for code, entry in data.items()}


def government_names(iso2: str, given: dict[str, str] | None = None) -> dict[str, str]:
    """The government's name per content language: ``names.yaml`` first, else CLDR's
    territory name, else the ``given`` name (a CSV's ``name_en``/``name_zh``)."""
    if iso2 in _overrides():
        return dict(_overrides()[iso2])
    names = dict(given or {})
    for language in UN_LANGUAGES:
        name = Locale.parse(language.locale).territories.get(iso2)
        if name:
            names[language.key] = name
    return names
