"""`cpbtracker restore` of a damaged archive: one line saying what is wrong, and the database
as it was (a retry with a sound archive is not blocked)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.parties.models import Party

pytestmark = pytest.mark.django_db


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of the archive with each member changed (None: left out), stored uncompressed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


def corrupt_crc(path: Path) -> Path:
    """Flip a byte inside the parties' data: the archive opens, the member fails its CRC."""
    raw = bytearray(path.read_bytes())
    at = raw.index(b'"iso2"')
    raw[at + 1] = ord("X")
    path.write_bytes(bytes(raw))
    return path


def manifest_rows_list(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    return json.dumps({**json.loads(data), "rows": ["parties.party"]}).encode()


DAMAGES: dict[str, Callable[[Path, Path], Path]] = {
    "a data file missing": lambda a, t: rewrite(
        a, t, lambda n, d: None if n == "data/parties.party.json" else d
    ),
    "a data file that is not JSON": lambda a, t: rewrite(
        a, t, lambda n, d: d[:-20] if n == "data/parties.party.json" else d
    ),
    "a member failing its CRC": lambda a, t: corrupt_crc(rewrite(a, t, lambda n, d: d)),
    "a manifest without its row counts": lambda a, t: rewrite(a, t, manifest_rows_list),
    "fewer rows than the manifest lists": lambda a, t: rewrite(
        a, t, lambda n, d: b"[]" if n == "data/parties.party.json" else d
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_archive_is_refused_in_one_line_before_the_database_is_touched(tmp_path, damage):
    archive = tmp_path / "site.zip"
    call_command("backup", output=archive)
    damaged = DAMAGES[damage](archive, tmp_path / "damaged.zip")
    before = list(Party.objects.values_list("iso2", "name"))
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(damaged))
    assert "is damaged" in str(refused.value) and "\n" not in str(refused.value)
    assert list(Party.objects.values_list("iso2", "name")) == before


def test_rows_the_tables_refuse_leave_a_new_database_new(db, tmp_path, run_cpbtracker):
    archive = tmp_path / "site.zip"
    call_command("backup", output=archive)

    def null_name(name: str, data: bytes) -> bytes:
        if name != "data/parties.party.json":
            return data
        rows = json.loads(data)
        rows[0]["fields"]["name"] = None  # NOT NULL
        return json.dumps(rows).encode()

    damaged = rewrite(archive, tmp_path / "damaged.zip", null_name)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    failed = run_cpbtracker("restore", str(damaged), env=env)
    assert failed.returncode == 1
    assert failed.stderr.strip().startswith("CommandError: ") and "Traceback" not in failed.stderr
    assert "is damaged" in failed.stderr
    retried = run_cpbtracker("restore", str(archive), env=env)
    assert retried.returncode == 0, retried.stderr
