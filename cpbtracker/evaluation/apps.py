from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "cpbtracker.evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        # Imported here, once the models are loaded: this app's actions in words on the trail.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.evaluation.audit import ACTIONS, FACTS

        register_actions(ACTIONS, FACTS)
