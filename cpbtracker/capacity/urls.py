from __future__ import annotations

from django.urls import path

from cpbtracker.capacity import views

app_name = "capacity"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("areas/<str:value>/", views.area_detail, name="area"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    path("initiatives/tag/", views.tag_initiatives_page, name="tag"),
    path("initiatives/new/", views.new_initiative, name="new"),
    path("donors/", views.donor_list, name="donors"),
]
