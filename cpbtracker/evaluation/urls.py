from __future__ import annotations

from django.urls import path

from cpbtracker.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/<str:code>/", views.goal_evidence, name="goal"),
    path("documents/", views.documents, name="documents"),
    path("documents/download/", views.download, name="download"),
]
