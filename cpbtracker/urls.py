from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cpbtracker.accounts.language import set_language
from cpbtracker.evaluation import api as sdmx_api
from cpbtracker.health import healthz
from cpbtracker.indicators.api import IndicatorResult, IndicatorResults
from cpbtracker.parties.api import PartyViewSet
from cpbtracker.plan.api import GoalViewSet, IndicatorViewSet, NarrativeViewSet
from cpbtracker.records.api import RecordDetail, RecordList
from cpbtracker.reporting.api import DraftDetail, PublishedReportDetail, PublishedReportList

router = DefaultRouter()
router.register("plan/goals", GoalViewSet, basename="goal")
router.register("plan/indicators", IndicatorViewSet, basename="indicator")
router.register("plan/narrative", NarrativeViewSet, basename="narrative")
router.register("parties", PartyViewSet, basename="party")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plan:overview", permanent=False), name="home"),
    path("plan/", include("cpbtracker.plan.urls")),
    path("parties/", include("cpbtracker.parties.urls")),
    path("reports/", include("cpbtracker.reporting.urls")),
    path("indicators/", include("cpbtracker.indicators.urls")),
    path("evaluation/", include("cpbtracker.evaluation.urls")),
    path("records/", include("cpbtracker.records.urls")),
    path("capacity/", include("cpbtracker.capacity.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("audit/", include("cpbtracker.accounts.urls")),
    path("api/reports/", PublishedReportList.as_view(), name="api-reports"),
    path("api/reports/<str:iso2>/<int:cycle>/", PublishedReportDetail.as_view()),
    path("api/drafts/<str:iso2>/<int:cycle>/", DraftDetail.as_view(), name="api-draft"),
    path("api/indicators/", IndicatorResults.as_view(), name="api-indicators"),
    path("api/indicators/<str:code>/", IndicatorResult.as_view(), name="api-indicator"),
    path("api/sdmx/", sdmx_api.sdmx_index, name="api-sdmx"),
    path("api/sdmx/structure/", sdmx_api.sdmx_structure, name="api-sdmx-structure"),
    path("api/sdmx/data/", sdmx_api.sdmx_data, name="api-sdmx-data"),
    path("api/records/", RecordList.as_view(), name="api-records"),
    path("api/records/<str:identifier>/", RecordDetail.as_view(), name="api-record"),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        # Swagger UI's script is served as a file; only its own <style> block needs inline CSS.
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
