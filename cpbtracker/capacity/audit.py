"""What the capacity-building app's audit entries mean, for the trail's readers (registered
with the accounts app in ``CapacityConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import Fact, choices_of, words_of
from cpbtracker.capacity.forms import PlanTagForm
from cpbtracker.templatetags.formats import colon

ACTIONS = {
    "capacity.initiative_created": _("capacity-building initiative created"),
    "capacity.tagged": _("initiatives tagged"),
}


def tags_in_words(tags: object) -> str:
    """Recorded tags, each named as the tagging form names it, a choice by its label."""
    if not isinstance(tags, dict):
        return words_of(tags)
    shown = []
    for name, value in tags.items():
        if value in ("", [], None):
            continue
        field = PlanTagForm.base_fields.get(name)
        if field is None:
            shown.append(f"{name}: {words_of(value)}")
        else:
            in_words = choices_of(getattr(field, "choices", []))
            shown.append(f"{colon(str(field.label))} {in_words(value)}")
    return "; ".join(shown) or "—"


FACTS = {
    "tags": Fact(_("tags"), tags_in_words),
    "identifiers": Fact(_("Initiatives")),
}
