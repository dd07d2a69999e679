from __future__ import annotations

from django.urls import path

from cpbtracker.parties import views

app_name = "parties"
urlpatterns = [
    path("", views.party_list, name="list"),
    path("<str:iso2>/", views.party_detail, name="detail"),
]
