"""The documented production settings pass Django's deployment checks; private files are
created readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path

# The production settings documented in the README's configuration section.
PRODUCTION = {
    "ALLOWED_HOSTS": "cpb.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://cpb.example.org",
    "HTTPS": "1",
    "PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def test_it_passes_the_deploy_checks_with_no_warning_under_the_production_settings(
    run_cpbtracker,
):
    result = run_cpbtracker("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_warns_when_https_is_not_configured(run_cpbtracker):
    settings = {k: v for k, v in PRODUCTION.items() if k != "HTTPS"}
    result = run_cpbtracker("check", "--deploy", "--fail-level", "WARNING", env=settings)
    assert result.returncode == 1
    assert "SESSION_COOKIE_SECURE" in result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_creates_the_secret_key_and_database_readable_by_the_owner_only(
    run_cpbtracker, tmp_path
):
    assert run_cpbtracker("migrate", "-v0").returncode == 0
    data = tmp_path / "data"
    assert _mode(data / "secret_key") == 0o600
    assert _mode(data / "db.sqlite3") == 0o600
    assert (data / "db.sqlite3").stat().st_size > 0


def test_it_creates_a_database_named_by_url_readable_by_the_owner_only(run_cpbtracker, tmp_path):
    database = tmp_path / "elsewhere" / "cpb.sqlite3"
    result = run_cpbtracker("migrate", "-v0", env={"DATABASE_URL": f"sqlite:///{database}"})
    assert result.returncode == 0, result.stderr
    assert _mode(database) == 0o600
