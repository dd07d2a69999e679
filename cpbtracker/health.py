"""`/healthz`: can this app server answer? For load balancers and process supervisors."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def pending_migrations() -> list[str]:
    """Migrations known to the code but not applied to the database, as ``app.name``."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and every migration is applied, else 503 saying which."""
    try:
        connection.ensure_connection()
        pending = pending_migrations()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "database": "ok", "pending_migrations": pending}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})
