from __future__ import annotations

from django.urls import path

from cpbtracker.records import views

app_name = "records"
urlpatterns = [
    path("", views.record_search, name="search"),
    path("consistency/", views.consistency_page, name="consistency"),
    path("new/<str:schema>/", views.record_new, name="new"),
    path("<str:identifier>/", views.record_detail, name="detail"),
    path("<str:identifier>/edit/", views.record_edit, name="edit"),
    path("<str:identifier>/request/", views.record_request, name="request"),
    path("<str:identifier>/publish/", views.record_publish, name="publish"),
]
