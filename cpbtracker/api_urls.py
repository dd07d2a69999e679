"""The API, version 1: each app's routes, the OpenAPI schema and its interactive docs.

Mounted at /api/v1/; the unversioned paths of before (/api/...) redirect here (308: the
method, body and query are kept)."""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import include, path, reverse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView

from cpbtracker.parties.api_urls import router as parties_router
from cpbtracker.plan.api_urls import router as plan_router

APPS = ("plan", "parties", "reporting", "indicators", "evaluation", "records")
VERSION_PREFIX = "api/v1/"

urlpatterns = [
    path(
        "",
        APIRootView.as_view(
            api_root_dict={
                prefix: f"{basename}-list"
                for router in (plan_router, parties_router)
                for prefix, _viewset, basename in router.registry
            }
        ),
        name="api-root",
    ),
    *(path("", include(f"cpbtracker.{app}.api_urls")) for app in APPS),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Swagger UI's script is served as a file; only its own <style> block needs inline CSS.
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
]


@csrf_exempt  # it changes nothing: the request is repeated at the new address
def unversioned(request: HttpRequest, rest: str) -> HttpResponsePermanentRedirect:
    """/api/<rest> -> /api/v1/<rest>, with the query, as a 308 (method and body kept)."""
    target = reverse("api-root") + rest
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, preserve_request=True)
