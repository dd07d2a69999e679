"""Every message of the code and templates has a Chinese translation: the catalogues are
refreshed from the sources in a copy of the package, and none may be left empty or fuzzy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
CATALOGUES = ("locale", "records/locale", "capacity/locale")


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


def test_every_message_has_a_chinese_translation(tmp_path):
    copy = tmp_path / "cpbtracker"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    for catalogue in CATALOGUES:
        where = (copy / catalogue).parent
        subprocess.run(
            [sys.executable, "-m", "cpbtracker.cli", "makemessages", "-l", "zh_Hans"],
            cwd=where,
            check=True,
            capture_output=True,
        )
    missing = {
        catalogue: [msgid for msgid, msgstr, fuzzy in entries(po) if fuzzy or not msgstr]
        for catalogue in CATALOGUES
        for po in [copy / catalogue / "zh_Hans" / "LC_MESSAGES" / "django.po"]
    }
    refreshed = sum(
        len(entries(copy / c / "zh_Hans" / "LC_MESSAGES" / "django.po")) for c in CATALOGUES
    )
    assert refreshed > 300  # the copies were refreshed from the sources
    assert {c: m for c, m in missing.items() if m} == {}
