"""The Secretariat's bulk tagging form: choices come from the plan in the database."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cpbtracker.capacity.models import Audience, Level, ProviderType
from cpbtracker.capacity.services import TagChange
from cpbtracker.lib.content import localized
from cpbtracker.plan.models import CapacityActivity, CapacityArea, Goal, Objective


def _coded(model) -> list[tuple[str, str]]:
    return [(o.code, f"{o.code} {localized(_text(o))[:90]}") for o in model.objects.all()]


def _text(item) -> dict[str, str]:
    return getattr(item, "title", None) or item.text


class TagForm(forms.Form):
    selected = forms.MultipleChoiceField(label=_("Initiatives"), choices=[])
    goals = forms.MultipleChoiceField(label=_("Goals"), required=False, choices=[])
    objectives = forms.MultipleChoiceField(label=_("Objectives"), required=False, choices=[])
    key_areas = forms.MultipleChoiceField(
        label=_("Key capacity-building areas"), required=False, choices=[]
    )
    activities = forms.MultipleChoiceField(label=_("Activities"), required=False, choices=[])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", "—"), *Level.choices])
    provider_types = forms.MultipleChoiceField(
        label=_("Provider types"), required=False, choices=ProviderType.choices
    )
    audiences = forms.MultipleChoiceField(
        label=_("Target audiences"), required=False, choices=Audience.choices
    )

    def __init__(self, *args, initiatives: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(i, i) for i in initiatives]
        for name, model in (
            ("goals", Goal),
            ("objectives", Objective),
            ("key_areas", CapacityArea),
            ("activities", CapacityActivity),
        ):
            self.fields[name].choices = _coded(model)

    def change(self) -> TagChange:
        data = self.cleaned_data
        return TagChange(
            **{
                name: list(data[name]) for name in TagChange.__dataclass_fields__ if name != "level"
            },
            level=data["level"],
        )
