"""The SDMX open-data routes (under /api/v1/)."""

from __future__ import annotations

from django.urls import path

from cpbtracker.evaluation import api

urlpatterns = [
    path("sdmx/", api.sdmx_index, name="api-sdmx"),
    path("sdmx/structure/", api.sdmx_structure, name="api-sdmx-structure"),
    path("sdmx/data/", api.sdmx_data, name="api-sdmx-data"),
]
