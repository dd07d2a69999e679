"""`cpbtracker backup` and `cpbtracker restore`: a restore into an empty database gives back
every table row for row, and the uploaded files; a restore never touches a database in use."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cpbtracker.lib import backup
from cpbtracker.lib.dbcheck import drop, recreate
from cpbtracker.parties.models import Party

# Run in each database's own process: every table, rows sorted, as JSON-able values.
DUMP = """
from cpbtracker.tests.test_backup import table_rows
import json
json.dump(table_rows(), open("{out}", "w"))
"""


def table_rows() -> dict[str, list[list[Any]]]:
    """Every table of the database, each row as a list of values, rows sorted. Of the
    migration history, only which migrations were applied (not when)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            columns = "app, name" if table == "django_migrations" else "*"
            cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)}")
            rows = [[_plain(v) for v in row] for row in cursor.fetchall()]
            tables[table] = sorted(rows, key=json.dumps)
    return tables


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    return str(value)


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A source and a target database, both new, of the kind this test run uses."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
        return
    pair = (f"{url}_backup_source", f"{url}_backup_target")
    for each in pair:
        recreate(each)
    yield pair
    for each in pair:
        drop(each)


def url_of_the_test_database() -> str:
    """The URL of the database the tests' default connection points at now."""
    name = connection.settings_dict["NAME"]
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{name}"
    return f"{url.rsplit('/', 1)[0]}/{name}"


def test_a_backup_restores_into_an_empty_database_row_for_row(
    demo_copy, run_cpbtracker, tmp_path, databases
):
    # the source is a copy of the demo the tests share (migrated, `demo load` run in it)
    _, target_url = databases
    source = {
        "DATABASE_URL": url_of_the_test_database(),
        "CPBTRACKER_DATA_DIR": str(tmp_path / "a"),
    }
    target = {"DATABASE_URL": target_url, "CPBTRACKER_DATA_DIR": str(tmp_path / "b")}
    upload = tmp_path / "a" / "media" / "records" / "kenya-2025.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 national biosafety framework")
    archive = tmp_path / "site.zip"

    made = run_cpbtracker("backup", "--output", str(archive), env=source)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("backed up ") and "and 1 files" in made.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds password hashes
    restored = run_cpbtracker("restore", str(archive), env=target)
    assert restored.returncode == 0, restored.stderr
    assert (
        restored.stdout.replace("restored", "backed up").split(" to ")[0].split(" from ")[0]
        == made.stdout.split(" to ")[0]
    )

    dumps = {}
    for name, env in (("source", source), ("target", target)):
        out = tmp_path / f"{name}.json"
        result = run_cpbtracker("shell", "-v0", "-c", DUMP.format(out=out), env=env)
        assert result.returncode == 0, result.stderr
        dumps[name] = json.loads(out.read_text())
    assert dumps["target"].keys() == dumps["source"].keys()
    for table, rows in dumps["source"].items():
        assert dumps["target"][table] == rows, table
    assert len(dumps["source"]["reporting_answer"]) > 1000  # the demo reports came along
    assert dumps["source"]["auth_user"] and dumps["source"]["accounts_auditentry"]
    copy = tmp_path / "b" / "media" / "records" / "kenya-2025.pdf"
    assert copy.read_bytes() == upload.read_bytes()

    # the restored database takes new rows (its id sequences were moved past the restored ids)
    added = run_cpbtracker(
        "users", "grant", "ke-new", "--role", "authorized_user", "--party", "KE", env=target
    )
    assert added.returncode == 0, added.stderr


def test_it_refuses_to_restore_into_a_database_in_use_and_changes_nothing(db, tmp_path):
    archive = tmp_path / "site.zip"
    call_command("backup", output=archive)
    before = list(Party.objects.values_list("iso2", "name"))
    with pytest.raises(CommandError, match="the database is not empty"):
        call_command("restore", str(archive))
    assert list(Party.objects.values_list("iso2", "name")) == before


def test_it_refuses_to_overwrite_a_file(db, tmp_path):
    existing = tmp_path / "site.zip"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=existing)
    assert existing.read_text() == "keep me"


def test_it_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(CommandError, match="is not a cpbtracker backup"):
        call_command("restore", str(other))
    (tmp_path / "text.zip").write_text("not a zip")
    with pytest.raises(CommandError, match="is not a cpbtracker backup"):
        call_command("restore", str(tmp_path / "text.zip"))


# While the backup reads its first table, another connection writes a row (as the site would):
# the row is in the database afterwards, and not in the backup, whose tables are all one state.
CONCURRENT_WRITE = """
import json, threading, zipfile
from pathlib import Path
from django.core import serializers
from django.db import connections
from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib import backup

serialize = serializers.serialize
writers = []

def write_elsewhere():
    AuditEntry.objects.create(action="written.during.backup", target="KE")
    connections.close_all()

def serialize_while_the_site_writes(*args, **kwargs):
    if not writers:
        writers.append(threading.Thread(target=write_elsewhere))
        writers[0].start()
        writers[0].join(timeout=1)  # PostgreSQL, SQLite in WAL mode: committed by now
    return serialize(*args, **kwargs)

serializers.serialize = serialize_while_the_site_writes
backup.make_backup(Path("{archive}"))
writers[0].join()
archive = zipfile.ZipFile("{archive}")
saved = json.loads(archive.read("data/accounts.auditentry.json"))
print(AuditEntry.objects.filter(action="written.during.backup").count(),
      sum(row["fields"]["action"] == "written.during.backup" for row in saved),
      json.loads(archive.read("manifest.json"))["rows"]["accounts.auditentry"] == len(saved))
"""


def test_it_takes_one_snapshot_while_the_site_keeps_writing(run_cpbtracker, tmp_path, databases):
    source_url, _ = databases
    env = {"DATABASE_URL": source_url, "CPBTRACKER_DATA_DIR": str(tmp_path / "a")}
    assert run_cpbtracker("migrate", "-v0", env=env).returncode == 0
    probe = CONCURRENT_WRITE.replace("{archive}", str(tmp_path / "during.zip"))
    result = run_cpbtracker("shell", "-v0", "-c", probe, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "0", "True"]


def test_the_online_copy_lets_another_connection_write_and_holds_a_consistent_database(
    tmp_path,
):
    source = tmp_path / "site.sqlite3"
    with closing(sqlite3.connect(source)) as site, site:
        site.execute("PRAGMA journal_mode=WAL")  # as the site's settings open it
        site.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, value BLOB)")
        site.executemany("INSERT INTO answer (value) VALUES (?)", [(b"x" * 1000,)] * 3000)
    written_during_the_copy = []

    def write_between_steps(status: int, remaining: int, total: int) -> None:
        if not written_during_the_copy:
            # timeout 0: the write fails at once if the copy holds the database
            with closing(sqlite3.connect(source, timeout=0)) as writer, writer:
                writer.execute("INSERT INTO answer (value) VALUES ('during the copy')")
            written_during_the_copy.append(remaining)

    copy = tmp_path / "copy.sqlite3"
    reader, target = sqlite3.connect(source), sqlite3.connect(copy)
    # the call of backup._online_copy, watched between its steps
    reader.backup(target, pages=backup.BACKUP_PAGES, sleep=0.001, progress=write_between_steps)
    reader.close()
    target.close()

    assert written_during_the_copy and written_during_the_copy[0] > 0  # before it was done
    with closing(sqlite3.connect(copy)) as copied:
        assert copied.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copied.execute("SELECT count(*) FROM answer").fetchone() == (3001,)
        last = copied.execute("SELECT value FROM answer ORDER BY id DESC LIMIT 1").fetchone()
        assert last == ("during the copy",)
