from __future__ import annotations

from django.urls import path

from cpbtracker.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/<str:code>/", views.goal_evidence, name="goal"),
    path("documents/", views.documents, name="documents"),
    path("documents/download/", views.download, name="download"),
    path("documents/generate/", views.generate, name="generate"),
    path("documents/<int:pk>/", views.stored_download, name="stored"),
    path("documents/<int:pk>/publish/", views.publish, name="publish"),
]
