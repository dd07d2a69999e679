from __future__ import annotations

from django.urls import path

from cpbtracker.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.plan_overview, name="overview"),
    path("glossary/", views.glossary, name="glossary"),
    path("<str:code>/", views.goal_detail, name="goal"),
]
