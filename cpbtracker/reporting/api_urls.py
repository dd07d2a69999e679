"""The national reports' API routes (under /api/v1/)."""

from __future__ import annotations

from django.urls import path

from cpbtracker.reporting.api import DraftDetail, PublishedReportDetail, PublishedReportList

urlpatterns = [
    path("reports/", PublishedReportList.as_view(), name="api-reports"),
    path("reports/<str:iso2>/<int:cycle>/", PublishedReportDetail.as_view(), name="api-report"),
    path("drafts/<str:iso2>/<int:cycle>/", DraftDetail.as_view(), name="api-draft"),
]
