from __future__ import annotations

from django.urls import path

from cpbtracker.indicators.views import indicator_page
from cpbtracker.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.plan_overview, name="overview"),
    # an indicator's page shows its values, so the indicators app serves it
    path("indicators/<str:code>/", indicator_page, name="indicator"),
    path("glossary/", views.glossary, name="glossary"),
    path("<str:code>/", views.goal_detail, name="goal"),
]
