"""Test-wide setup: every test run gets its own data directory (secret key, SQLite file), a
fast password hasher, and one demo database built once per run (per xdist worker)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("CPBTRACKER_DATA_DIR", tempfile.mkdtemp(prefix="cpbtracker-test-"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """SQLite tests run on a file, as the product does: concurrent connections then see one
    database with its real locking (an in-memory test database shares a cache instead). Each
    xdist worker has its own file, as it has its own PostgreSQL database (test_<name>_gw0)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        name = f"test_{worker}.sqlite3" if worker else "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = os.path.join(
            os.environ["CPBTRACKER_DATA_DIR"], name
        )
        # A throwaway database needs no flush to disk after each commit.
        database["OPTIONS"]["init_command"] += " PRAGMA synchronous=OFF;"


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher() -> Iterator[None]:
    """Passwords hashed with MD5 in tests: the production hasher (PBKDF2) is slow on purpose,
    and the tests sign in, create users and load the demo's users hundreds of times."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English: a page requested in Chinese leaves its language active in
    the thread, and a later test would read its messages in Chinese."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: pages cache what they render under the stamp of
    the data they show, and the shared demo keeps its stamp from one test to the next."""
    from django.core.cache import caches

    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def personas(db):
    """The people of the permission tests: Kenya's focal point and authorized user, another
    Party's (China's) authorized user, the Secretariat, and the public (no user)."""
    from types import SimpleNamespace

    from cpbtracker.accounts.models import Role
    from cpbtracker.accounts.services import grant_role
    from cpbtracker.parties.models import Party

    kenya, china = Party.objects.get(iso2="KE"), Party.objects.get(iso2="CN")
    return SimpleNamespace(
        ke_nfp=grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=kenya).user,
        ke_user=grant_role("ke-user", Role.Kind.AUTHORIZED_USER, party=kenya).user,
        cn_user=grant_role("cn-user", Role.Kind.AUTHORIZED_USER, party=china).user,
        secretariat=grant_role("secretariat", Role.Kind.SECRETARIAT, party=None).user,
        kenya=kenya,
        china=china,
    )


def use_database(name: str) -> str:
    """Point the default connection at the database ``name`` (connections in every thread open
    it from the next query on); returns the name it pointed at before."""
    from django.conf import settings
    from django.db import connection, connections

    connections.close_all()  # SQLite: the last connection closed writes its WAL into the file
    previous = connection.settings_dict["NAME"]
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name
    return previous


@pytest.fixture(scope="session")
def demo_template(
    django_db_setup: None, django_db_blocker: Any, fast_password_hasher: None
) -> Iterator[tuple[str, str]]:
    """The demo database, built once per run (per xdist worker) by the first test that needs it:
    a copy of the fresh test database (`<test database>_demo`) where `demo load` ran. Its name
    and the command's output are the value; it is dropped at the end of the run."""
    from django.core.management import call_command
    from django.db import connection, connections

    output = io.StringIO()
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":  # the copy is of the file: no write left in the WAL
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connections.close_all()  # a copy is taken of a database nobody has open
        connection.creation.clone_test_db(suffix="demo", verbosity=0)
        name = connection.creation.get_test_db_clone_settings("demo")["NAME"]
        test_database = use_database(name)
        try:
            call_command("demo", "load", stdout=output)
        finally:
            use_database(test_database)
    yield name, output.getvalue()
    with django_db_blocker.unblock():
        use_database(test_database)
        connection.creation.destroy_test_db(verbosity=0, suffix="demo")


@pytest.fixture(scope="module")
def demo_database(demo_template: tuple[str, str], django_db_blocker: Any) -> Iterator[str]:
    """The module's tests run on the demo database (`demo load`'s output is the value): each
    test sees the demo through its own transaction, rolled back after it. The demo is loaded
    once per run; the module's other tests run on it too once the first user has started.

    Not for transactional tests (live server): they would empty it; they take `demo_copy`."""
    name, output = demo_template
    with django_db_blocker.unblock():
        test_database = use_database(name)
    yield output
    with django_db_blocker.unblock():
        use_database(test_database)


@pytest.fixture
def demo_copy(
    demo_template: tuple[str, str], django_db_blocker: Any, transactional_db: None
) -> Iterator[str]:
    """For a transactional test (live server, threads): the test runs on a fresh copy of the
    demo database, which it may change and commit to; the copy is dropped after the test.
    The value is `demo load`'s output."""
    from django.db import connection

    name, output = demo_template
    with django_db_blocker.unblock():
        test_database = use_database(name)
        connection.creation.clone_test_db(suffix="copy", verbosity=0)
        use_database(connection.creation.get_test_db_clone_settings("copy")["NAME"])
    yield output
    with django_db_blocker.unblock():
        use_database(name)
        connection.creation.destroy_test_db(verbosity=0, suffix="copy")
        use_database(test_database)


Run = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def run_cpbtracker(tmp_path: Path) -> Run:
    """``run_cpbtracker(*args, env={...})``: the `cpbtracker` command in a fresh process, as
    settings are read from the environment once, at start-up; on SQLite in a new data directory
    unless ``env`` says else."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        environment = {
            k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}
        }
        environment["CPBTRACKER_DATA_DIR"] = str(tmp_path / "data")
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "cpbtracker.cli", *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            umask=0o022,
        )

    return run
