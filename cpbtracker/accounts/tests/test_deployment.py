"""The documented production settings pass Django's deployment checks; private files are
created readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path

# The production settings documented in docs/operations.md (configuration).
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


HTTPS_PROBE = """
from django.test import Client
plain = Client(HTTP_HOST="cpb.example.org").get("/plan/")
https = Client(HTTP_HOST="cpb.example.org", HTTP_X_FORWARDED_PROTO="https")
page = https.get("/accounts/login/")
token = page.cookies["csrftoken"]
def post_from(origin):
    client = Client(HTTP_HOST="cpb.example.org", HTTP_X_FORWARDED_PROTO="https",
                    enforce_csrf_checks=True)
    client.cookies["csrftoken"] = token.value
    return client.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token.value},
                       HTTP_ORIGIN=origin).status_code
print(plain.status_code, plain["Location"])
print(page["Strict-Transport-Security"])
print(token["secure"], page.cookies["csrftoken"]["samesite"])
print(post_from("https://portal.example.org"), post_from("https://evil.example.net"))
"""


def test_it_serves_https_only_and_trusts_the_configured_origins(run_cpbtracker):
    settings = {**PRODUCTION, "CSRF_TRUSTED_ORIGINS": "https://portal.example.org"}
    result = run_cpbtracker("shell", "-v0", "-c", HTTPS_PROBE, env=settings)
    assert result.returncode == 0, result.stderr
    redirect, hsts, cookie, origins = result.stdout.strip().splitlines()
    assert redirect == "301 https://cpb.example.org/plan/"
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert cookie == "True Lax"
    assert origins == "302 403"  # a listed origin may post; any other is refused
