"""`/healthz` tells a load balancer whether this app server can serve."""

from __future__ import annotations

from django.db.migrations.recorder import MigrationRecorder


def test_it_says_ok_when_the_database_answers_and_is_migrated(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}
    assert "no-cache" in response["Cache-Control"]


def test_it_names_a_migration_that_is_not_applied(client, db):
    latest = MigrationRecorder.Migration.objects.filter(app="reporting").order_by("-id").first()
    latest.delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert f"reporting.{latest.name}" in response.json()["pending_migrations"]


def test_it_only_answers_reads(client, db):
    assert client.post("/healthz").status_code == 405
