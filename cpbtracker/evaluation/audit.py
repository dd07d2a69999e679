"""What the evaluation app's audit entries mean, for the trail's readers (registered with the
accounts app in ``EvaluationConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import Fact, days, field_fact, fields_of
from cpbtracker.evaluation.models import Conclusion, Contribution, Snapshot, StoredDocument, Target

ACTIONS = {
    "target.set": _("target set"),
    "target.cleared": _("target cleared"),
    "snapshot.taken": _("evidence snapshot taken"),
    "document.generated": _("evaluation document made"),
    "document.published": _("evaluation document published"),
    "conclusion.saved": _("evaluation conclusions saved"),
    "conclusion.cleared": _("evaluation conclusions cleared"),
    "contribution.saved": _("contribution saved"),
    "contribution.deleted": _("contribution deleted"),
}
FACTS = {
    **{name: field_fact(Target, name) for name in ("value", "year", "direction", "decision")},
    "cycle": field_fact(Snapshot, "cycle"),
    "as_of": Fact(Snapshot._meta.get_field("as_of").verbose_name, days),
    "size": field_fact(StoredDocument, "size"),
    # what an edit in the admin changed
    "fields": Fact(_("fields changed"), fields_of(Target, Conclusion, Contribution)),
}
