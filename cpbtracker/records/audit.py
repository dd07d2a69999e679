"""What the records app's audit entries mean, for the trail's readers (registered with the
accounts app in ``RecordsConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import Fact

ACTIONS = {
    "record.created": _("record created"),
    "record.saved": _("record saved"),
    "record.publication_requested": _("record publication requested"),
    "record.published": _("record published"),
    "records.imported": _("records imported"),
}
FACTS = {"summary": Fact(_("Summary"))}
