"""Every message of the code and templates is translated into each of the five languages
besides English: the catalogues are refreshed from the sources in a copy of the package, and
none may be left empty or fuzzy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cpbtracker.lib.languages import translated_catalogues

PACKAGE = Path(__file__).resolve().parents[1]
CATALOGUES = ("locale", "records/locale", "capacity/locale")
LANGUAGES = translated_catalogues()


def entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each message; plural forms joined."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid: list[str] = []
        msgstr: list[str] = []
        current = None
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ")):
                current = msgid
            elif line.startswith("msgstr"):
                current = msgstr
            elif not line.startswith('"'):
                current = None
                continue
            if current is not None:
                current.append(re.sub(r'^[^"]*"|"$', "", line))
        if "".join(msgid):  # the header has an empty msgid
            found.append(("".join(msgid), "".join(msgstr), fuzzy))
    return found


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """A copy of the package whose catalogues makemessages refreshed from the sources."""
    copy = tmp_path_factory.mktemp("messages") / "cpbtracker"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    languages = [argument for language in LANGUAGES for argument in ("-l", language)]
    for catalogue in CATALOGUES:
        subprocess.run(
            [sys.executable, "-m", "cpbtracker.cli", "makemessages", *languages],
            cwd=(copy / catalogue).parent,
            check=True,
            capture_output=True,
        )
    return copy


def test_the_catalogues_were_refreshed_from_the_sources(refreshed):
    total = sum(
        len(entries(refreshed / c / "zh_Hans" / "LC_MESSAGES" / "django.po")) for c in CATALOGUES
    )
    assert total > 300


@pytest.mark.parametrize("catalogue", CATALOGUES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(refreshed, language, catalogue):
    po = refreshed / catalogue / language / "LC_MESSAGES" / "django.po"
    untranslated = [msgid for msgid, msgstr, fuzzy in entries(po) if fuzzy or not msgstr]
    assert untranslated == [], f"{language} in {catalogue}: {len(untranslated)} untranslated"
