from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from cpbtracker.accounts.language import set_language
from cpbtracker.api_urls import VERSION_PREFIX, unversioned
from cpbtracker.health import healthz
from cpbtracker.home import home

urlpatterns = [
    path("", home, name="home"),
    # before plan/: the indicators app serves /plan/indicators/<code>/ as well as /indicators/
    path("", include("cpbtracker.indicators.urls")),
    path("plan/", include("cpbtracker.plan.urls")),
    path("parties/", include("cpbtracker.parties.urls")),
    path("reports/", include("cpbtracker.reporting.urls")),
    path("evaluation/", include("cpbtracker.evaluation.urls")),
    path("records/", include("cpbtracker.records.urls")),
    path("capacity/", include("cpbtracker.capacity.urls")),
    # before Django's own: sign-in with the reset link, reset pages only where e-mail works
    path("accounts/", include("cpbtracker.accounts.passwords")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("audit/", include("cpbtracker.accounts.urls")),
    path(VERSION_PREFIX, include("cpbtracker.api_urls")),
    re_path(r"^api/(?!v1/)(?P<rest>.*)$", unversioned, name="api-unversioned"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
