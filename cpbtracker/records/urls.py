from __future__ import annotations

from django.urls import path

from cpbtracker.records import views

app_name = "records"
urlpatterns = [
    path("", views.record_search, name="search"),
    path("consistency/", views.consistency_page, name="consistency"),
    path("<str:identifier>/", views.record_detail, name="detail"),
]
