from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "cpbtracker.records"
    verbose_name = _("Clearing-house records")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the indicator engine reads the records,
        # a country profile shows them and the audit trail names their actions, through what
        # this app registers.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.indicators.engine.sources import RecordSource, register_records
        from cpbtracker.parties.profile import ProfileSection, add_profile_section
        from cpbtracker.records.audit import ACTIONS, FACTS
        from cpbtracker.records.indicators import RECORD_INDICATORS
        from cpbtracker.records.profile import profile_context
        from cpbtracker.records.queries import records_on

        register_records(RecordSource(RECORD_INDICATORS, records_on))
        add_profile_section(ProfileSection("records/_profile.html", profile_context))
        register_actions(ACTIONS, FACTS)
