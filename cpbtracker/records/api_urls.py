"""The clearing-house records' API routes (under /api/v1/)."""

from __future__ import annotations

from django.urls import path

from cpbtracker.records.api import RecordDetail, RecordList

urlpatterns = [
    path("records/", RecordList.as_view(), name="api-records"),
    path("records/<str:identifier>/", RecordDetail.as_view(), name="api-record"),
]
