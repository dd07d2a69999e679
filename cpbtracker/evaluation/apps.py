from __future__ import annotations

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "cpbtracker.evaluation"
    verbose_name = "Evaluation"
