"""What the Parties app's audit entries mean, for the trail's readers (registered with the
accounts app in ``PartiesConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import Fact, days

ACTIONS = {
    "parties.imported": _("Parties imported"),
    "party.added": _("Party added"),
    "party.changed": _("Party changed"),
}
FACTS = {
    "rows": Fact(_("Parties read")),
    "as_of": Fact(_("as of"), days),
}
