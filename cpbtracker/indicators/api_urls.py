"""The indicator results' API routes (under /api/v1/)."""

from __future__ import annotations

from django.urls import path

from cpbtracker.indicators.api import IndicatorResult, IndicatorResults

urlpatterns = [
    path("indicators/", IndicatorResults.as_view(), name="api-indicators"),
    path("indicators/<str:code>/", IndicatorResult.as_view(), name="api-indicator"),
]
