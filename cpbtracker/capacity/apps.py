from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "cpbtracker.capacity"
    verbose_name = _("Capacity-building")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the Party's needs on its profile.
        from cpbtracker.capacity.queries import party_capacity
        from cpbtracker.parties.profile import ProfileSection, add_profile_section

        add_profile_section(ProfileSection("capacity/_party.html", party_capacity))
