from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "cpbtracker.records"
    verbose_name = _("Clearing-house records")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the Party's records on its profile.
        from cpbtracker.parties.profile import ProfileSection, add_profile_section
        from cpbtracker.records.profile import profile_context

        add_profile_section(ProfileSection("records/_profile.html", profile_context))
