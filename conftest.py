"""Test-wide setup: every test run gets its own data directory (secret key, SQLite file)."""

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
    database with its real locking (an in-memory test database shares a cache instead)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        data_dir = os.environ["CPBTRACKER_DATA_DIR"]
        database.setdefault("TEST", {})["NAME"] = os.path.join(data_dir, "test.sqlite3")
        # A throwaway database needs no flush to disk after each commit.
        database["OPTIONS"]["init_command"] += " PRAGMA synchronous=OFF;"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English: a page requested in Chinese leaves its language active in
    the thread, and a later test would read its messages in Chinese."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


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


@pytest.fixture(scope="module")
def demo_database(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """`demo load` run once for the whole module (its output is the value): each test sees the
    demo through its own transaction, rolled back after it. After the module the database is
    emptied and refilled with the packaged data (post_migrate), as a fresh test database is.

    Not for modules with transactional tests (live server): those empty the database."""
    from django.core.management import call_command

    output = io.StringIO()
    with django_db_blocker.unblock():
        call_command("demo", "load", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


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
