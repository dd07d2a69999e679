"""What the reporting app's audit entries mean, for the trail's readers (registered with the
accounts app in ``ReportingConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import Fact, coded
from cpbtracker.lib.content import language_name

ACTIONS = {
    "report.draft_opened": _("draft report started"),
    "report.saved": _("answers saved"),
    "report.languages_chosen": _("report languages chosen"),
    "report.imported": _("report imported"),
    "reports.imported": _("reports imported"),
    "report.publication_requested": _("publication requested"),
    "report.publication_approved": _("publication approved"),
    "report.publication_rejected": _("publication rejected"),
    "report.submitted": _("report submitted"),
    "report.reopened": _("report reopened"),
}
languages = coded(language_name)
FACTS = {
    "revision": Fact(_("draft revision")),
    "dropped": Fact(_("answers dropped by the form's rules"), names=True),
    "request": Fact(_("publication request")),
    "reason": Fact(_("Reason for rejecting")),
    "previous": Fact(_("previous version")),
    "before": Fact(_("languages before"), languages),
    "after": Fact(_("languages after"), languages),
    "source": Fact(_("source")),
    "published": Fact(_("published")),
    "publish": Fact(_("published")),
    "unchanged": Fact(_("documents unchanged")),
    "files": Fact(_("files")),
}
