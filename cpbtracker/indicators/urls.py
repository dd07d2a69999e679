from __future__ import annotations

from django.urls import path

from cpbtracker.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.scoreboard, name="scoreboard"),
    path("analyzer/", views.analyzer_page, name="analyzer"),
    path("parties/<str:iso2>/", views.party_position, name="party"),
]
