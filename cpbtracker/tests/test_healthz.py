"""`/healthz` tells a load balancer whether this app server can serve."""

from __future__ import annotations

from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings


def test_it_says_ok_when_the_database_answers_and_is_migrated(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}
    assert "no-cache" in response["Cache-Control"]


def test_it_logs_a_migration_that_is_not_applied_and_tells_the_caller_only_that(client, db, caplog):
    latest = MigrationRecorder.Migration.objects.filter(app="reporting").order_by("-id").first()
    latest.delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "migrations": "pending"}
    assert f"reporting.{latest.name}" in caplog.text


@override_settings(ALLOWED_HOSTS=["cpb.example.org"], SECURE_SSL_REDIRECT=True)
def test_it_answers_a_probe_by_address_over_plain_http(client, db):
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert client.get("/plan/", HTTP_HOST="10.0.0.5:8000").status_code == 400  # others not


def test_it_only_answers_reads(client, db):
    assert client.post("/healthz").status_code == 405
