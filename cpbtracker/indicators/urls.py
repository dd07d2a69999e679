from __future__ import annotations

from django.urls import path

from cpbtracker.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.scoreboard, name="scoreboard"),
    path("indicators/analyzer/", views.analyzer_page, name="analyzer"),
    path("indicators/analyzer/texts/<str:key>/", views.analyzer_texts, name="analyzer-texts"),
    path("indicators/parties/<str:iso2>/", views.party_position, name="party"),
    # an indicator's page sits in the plan's tree, beside its goal
    path("plan/indicators/<str:code>/", views.indicator_page, name="indicator"),
]
