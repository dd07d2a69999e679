from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "cpbtracker.capacity"
    verbose_name = _("Capacity-building")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the Party's needs on its profile, and
        # this app's actions in words on the audit trail.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.capacity.audit import ACTIONS, FACTS
        from cpbtracker.capacity.queries import party_capacity
        from cpbtracker.parties.profile import ProfileSection, add_profile_section

        add_profile_section(ProfileSection("capacity/_party.html", party_capacity))
        register_actions(ACTIONS, FACTS)
