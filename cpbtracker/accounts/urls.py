from __future__ import annotations

from django.urls import path

from cpbtracker.accounts import views

app_name = "audit"
urlpatterns = [path("", views.audit_trail, name="trail")]
