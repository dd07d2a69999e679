"""`/healthz`: can this app server answer? For load balancers and process supervisors.

Answered from any host name and over plain HTTP (a probe by IP address is neither in
ALLOWED_HOSTS nor on HTTPS), before any other middleware; what is wrong (the database's
error, which names its host, or the pending migrations) goes to the log, never to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
PATH = "/healthz"


def pending_migrations() -> list[str]:
    """Migrations known to the code but not applied to the database, as ``app.name``."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and every migration is applied, else 503 saying which
    part failed (the particulars are logged)."""
    try:
        connection.ensure_connection()
        pending = pending_migrations()
    except DatabaseError as error:
        logger.error("health check: the database does not answer: %s", error)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if pending:
        logger.error("health check: migrations not applied: %s", ", ".join(pending))
        return JsonResponse(
            {"status": "error", "database": "ok", "migrations": "pending"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})


class HealthCheckMiddleware:
    """``/healthz`` answered first: whatever the Host header or the scheme."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
