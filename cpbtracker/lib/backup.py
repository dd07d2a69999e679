"""A whole-site backup in one zip file, and its restore into a new, empty database.

The archive holds ``manifest.json`` (format, date, applied migrations, rows per table), one
JSON file of rows per model under ``data/``, and the uploaded files under ``media/``. Every
table is read in one transaction, so the snapshot is consistent while the site keeps running
(REPEATABLE READ on PostgreSQL; on SQLite a read transaction sees one state of the file).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.db.models.sql import InsertQuery

FORMAT = "cpbtracker-backup"
BACKUP_PAGES = 256  # SQLite pages copied per step of the online backup (1 MiB of 4 KiB pages)
VERSION = 1


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's own encoder keeps milliseconds only."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, for the operator."""


@dataclass(frozen=True)
class Summary:
    rows: int
    tables: int
    files: int


def backed_up_models() -> list[type[Model]]:
    """Every model with a table of its own, many-to-many tables included (with their ids)."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _columns(model: type[Model]) -> list[str]:
    """The fields stored in the model's own table (many-to-many rows are backed up apart)."""
    return [f.name for f in model._meta.local_concrete_fields if not f.primary_key]


def make_backup(output: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive to ``output`` (created readable by its owner only: it holds password
    hashes). Refuses to overwrite an existing file."""
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise BackupError(f"{output} already exists; give a new file name") from error
    except OSError as error:
        raise BackupError(f"cannot write {output}: {error.strerror}") from error
    try:
        with _online_copy(using) as source:
            return _write_archive(os.fdopen(descriptor, "wb"), connections[source], source)
    except BaseException:
        output.unlink()  # never leave half an archive that looks like a backup
        raise


@contextmanager
def _online_copy(using: str) -> Iterator[str]:
    """The database alias to read the backup from. On SQLite, a copy made with SQLite's online
    backup, a few pages at a time (the site's saves go on between the steps instead of waiting
    for every table to be read); elsewhere (and inside a transaction) the database itself."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield using
        return
    with tempfile.TemporaryDirectory(prefix="cpbtracker-backup-") as folder:
        copy = Path(folder) / "copy.sqlite3"
        source, target = sqlite3.connect(connection.settings_dict["NAME"]), sqlite3.connect(copy)
        try:
            source.backup(target, pages=BACKUP_PAGES, sleep=0.001)
        finally:
            target.close()
            source.close()
        alias = f"{using}-backup-copy"
        connections.databases[alias] = {**connection.settings_dict, "NAME": str(copy)}
        try:
            yield alias
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.databases[alias]


def _write_archive(file: BinaryIO, connection: BaseDatabaseWrapper, using: str) -> Summary:
    counts: dict[str, int] = {}
    with file, zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as zf:
        snapshot_here = not connection.in_atomic_block  # else the caller's transaction is it
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and snapshot_here:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            migrations = sorted(MigrationRecorder(connection).applied_migrations().keys())
            for model in backed_up_models():
                rows = model._base_manager.using(using).order_by("pk")
                label = model._meta.label_lower
                counts[label] = rows.count()
                zf.writestr(
                    f"data/{label}.json",
                    serializers.serialize(
                        "json", rows.iterator(), fields=_columns(model), cls=ExactEncoder
                    ),
                )
        files = _media_files()
        for path in files:
            zf.write(path, f"media/{path.relative_to(_media_root()).as_posix()}")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": [list(m) for m in migrations],
            "rows": counts,
            "files": len(files),
        }
        zf.writestr("manifest.json", json.dumps(manifest, indent=1))
    return Summary(rows=sum(counts.values()), tables=len(counts), files=len(files))


def restore_backup(archive: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Load ``archive`` into a new database (no tables yet): create the tables, then every row
    and every uploaded file, all or nothing for the rows. Refuses a database that has tables,
    an archive of another version of cpbtracker, and a media directory with files in it."""
    connection = connections[using]
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{archive} is not a cpbtracker backup: {error}") from error
    with zf:
        manifest = _manifest(zf, archive)
        _check_data(zf, manifest, archive)
        media = _media_entries(zf)
        if connection.introspection.table_names():
            raise BackupError(
                "the database is not empty: restore into a new database with no tables"
            )
        if media and _media_files():
            raise BackupError(f"the media directory {_media_root()} already holds files")
        known = sorted(MigrationLoader(connection, ignore_no_migrations=True).graph.nodes)
        if [list(m) for m in known] != manifest["migrations"]:
            raise BackupError(
                "the backup was made by another version of cpbtracker (its migrations differ); "
                "restore it with that version, then upgrade"
            )
        call_command("migrate", database=using, interactive=False, verbosity=0)
        try:
            rows = _load_rows(zf, manifest, using)
        except BackupError:
            _drop_tables(connection)
            raise
        except (DatabaseError, DeserializationError, ValueError, TypeError) as error:
            # rows the tables refuse: the database goes back to having no tables, so that
            # a retry (with a sound archive) is not blocked by "the database is not empty"
            _drop_tables(connection)
            raise BackupError(
                f"{archive} is damaged: its rows cannot be loaded ({error})"
            ) from None
        files = _restore_media(zf, media)
    return Summary(rows=rows, tables=len(manifest["rows"]), files=files)


def _check_data(zf: zipfile.ZipFile, manifest: dict, archive: Path) -> None:
    """Every data file the manifest lists is there, intact (CRC) and a JSON list of rows of
    the count listed: a damaged archive is refused before the database is touched."""
    rows, migrations = manifest.get("rows"), manifest.get("migrations")
    if not isinstance(rows, dict) or not isinstance(migrations, list):
        raise BackupError(f"{archive} is damaged: its manifest lacks rows or migrations")
    for label, count in rows.items():
        name = f"data/{label}.json"
        try:
            data = json.loads(zf.read(name))
        except KeyError:
            raise BackupError(f"{archive} is damaged: {name} is missing") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise BackupError(f"{archive} is damaged: {name} cannot be read ({error})") from None
        if not isinstance(data, list) or len(data) != count:
            raise BackupError(f"{archive} is damaged: {name} does not hold {count} rows")


def _drop_tables(connection: BaseDatabaseWrapper) -> None:
    """Drop every table (those a failed restore created): the database is new again."""
    tables = connection.introspection.table_names()
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    connection.disable_constraint_checking()
    try:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
    finally:
        connection.enable_constraint_checking()


def _manifest(zf: zipfile.ZipFile, archive: Path) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(f"{archive} is not a cpbtracker backup (no manifest)") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{archive} is not a cpbtracker backup of version {VERSION}")
    return manifest


def _load_rows(zf: zipfile.ZipFile, manifest: dict, using: str) -> int:
    connection = connections[using]
    models = backed_up_models()
    unknown = set(manifest["rows"]) - {m._meta.label_lower for m in models}
    if unknown:
        raise BackupError(
            f"the backup holds tables this version lacks: {', '.join(sorted(unknown))}"
        )
    loaded = 0
    with transaction.atomic(using=using):
        # Empty what migrate loaded (plan, Parties, cycles, permissions): the backup's rows,
        # with their own keys, replace it.
        tables = [m._meta.db_table for m in models]
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
        )
        with connection.constraint_checks_disabled():
            for label in manifest["rows"]:
                text = zf.read(f"data/{label}.json")
                rows = [item.object for item in serializers.deserialize("json", text, using=using)]
                _insert_as_stored(rows, using)
                loaded += len(rows)
        connection.check_constraints()
        if loaded != sum(manifest["rows"].values()):
            raise BackupError("the backup is incomplete: fewer rows than its manifest lists")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    ContentType.objects.clear_cache()
    return loaded


def _insert_as_stored(rows: list[Model], using: str) -> None:
    """Insert rows of one model in batches, every value as given: a raw insert, so that
    auto_now fields keep their backed-up times and no signal fires."""
    if not rows:
        return
    model = type(rows[0])
    fields = list(model._meta.local_concrete_fields)
    batch = max(connections[using].ops.bulk_batch_size(fields, rows) or len(rows), 1)
    for start in range(0, len(rows), batch):
        query = InsertQuery(model)
        query.insert_values(fields, rows[start : start + batch], raw=True)
        query.get_compiler(using=using).execute_sql()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    if not str(settings.MEDIA_ROOT) or not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _media_entries(zf: zipfile.ZipFile) -> dict[str, PurePosixPath]:
    """The archive's uploaded files by archive name, each checked to stay inside media/."""
    entries = {}
    for name in zf.namelist():
        if not name.startswith("media/") or name.endswith("/"):
            continue
        relative = PurePosixPath(name).relative_to("media")
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"the backup holds a file outside the media directory: {name}")
        entries[name] = relative
    return entries


def _restore_media(zf: zipfile.ZipFile, entries: dict[str, PurePosixPath]) -> int:
    root = _media_root()
    for name, relative in entries.items():
        target = root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zf.read(name))
    return len(entries)
