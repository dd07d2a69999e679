from __future__ import annotations

from django.urls import path

from cpbtracker.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("tracker/", views.report_tracker, name="tracker"),
    path("<str:iso2>/<int:cycle>/", views.report_detail, name="detail"),
    path("<str:iso2>/<int:cycle>/print/", views.report_print, name="print"),
    path("<str:iso2>/<int:cycle>/download/<str:fmt>/", views.report_download, name="download"),
    path("<str:iso2>/<int:cycle>/edit/", views.report_edit, name="edit"),
    path("<str:iso2>/<int:cycle>/edit/<str:section>/", views.report_section, name="section"),
    path("<str:iso2>/<int:cycle>/languages/", views.report_languages_choice, name="languages"),
    path("<str:iso2>/<int:cycle>/submit/", views.report_submit, name="submit"),
    path("<str:iso2>/<int:cycle>/reopen/", views.report_reopen, name="reopen"),
    path(
        "<str:iso2>/<int:cycle>/request-publication/",
        views.report_request_publication,
        name="request_publication",
    ),
    path(
        "<str:iso2>/<int:cycle>/requests/<int:pk>/",
        views.report_decide_publication,
        name="decide_publication",
    ),
    path("<str:iso2>/<int:cycle>/offline/", views.report_offline, name="offline"),
]
