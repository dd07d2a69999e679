"""Capacity forms: the plan tags (bulk tagging and the entry form) and a new initiative.

Choices come from the plan in the database and the packaged area mapping.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpbtracker.capacity.areas import region_groups, report_areas
from cpbtracker.capacity.models import Audience, Level, ProviderType
from cpbtracker.capacity.services import InitiativeFields, TagChange
from cpbtracker.lib.content import localized
from cpbtracker.plan.models import CapacityActivity, CapacityArea, Goal, Objective


def _coded(model) -> list[tuple[str, str]]:
    return [(o.code, f"{o.code} {localized(_text(o))[:90]}") for o in model.objects.all()]


def _text(item) -> dict[str, str]:
    return getattr(item, "title", None) or item.text


def _codes(text: str) -> list[str]:
    """Identifiers typed one after another (spaces, commas or new lines)."""
    return [c for c in text.replace(",", " ").split() if c]


class PlanTagForm(forms.Form):
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

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, model in (
            ("goals", Goal),
            ("objectives", Objective),
            ("key_areas", CapacityArea),
            ("activities", CapacityActivity),
        ):
            _choice_field(self, name).choices = _coded(model)

    def change(self) -> TagChange:
        data = self.cleaned_data
        lists = {name: list(data[name]) for name in TagChange.__dataclass_fields__}
        return TagChange(**{**lists, "level": data["level"]})


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


class TagForm(PlanTagForm):
    selected = forms.MultipleChoiceField(label=_("Initiatives"), choices=[])

    def __init__(self, *args: Any, initiatives: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "selected").choices = [(i, i) for i in initiatives]


class InitiativeForm(PlanTagForm):
    """A new initiative: the fields people expect, stored as a clearing-house draft."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=500)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=500, required=False)
    description = forms.CharField(label=_("Short description"), widget=forms.Textarea)
    countries = forms.CharField(
        label=_("Countries covered (ISO codes)"), required=False, help_text="KE NG"
    )
    regions = forms.MultipleChoiceField(label=_("Regions covered"), required=False, choices=[])
    areas = forms.MultipleChoiceField(label=_("Capacity-building areas (5th report)"), choices=[])
    start = forms.DateField(label=_("Start date"), required=False)
    end = forms.DateField(label=_("End date"), required=False)
    budget = forms.DecimalField(label=_("Total budget (USD)"), min_value=0, required=False)
    funders = forms.CharField(label=_("Funding sources (organization records)"), required=False)
    co_financing = forms.CharField(label=_("Co-financing (organization records)"), required=False)
    agencies = forms.CharField(
        label=_("Implementing agencies (organization records)"), required=False
    )
    materials = forms.CharField(label=_("Materials produced (resource records)"), required=False)
    results = forms.CharField(label=_("Results"), widget=forms.Textarea, required=False)
    lessons = forms.CharField(label=_("Lessons learned"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "regions").choices = [(k, k) for k in region_groups()]
        _choice_field(self, "areas").choices = [
            (a.value, localized(a.title)) for a in report_areas()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def initiative(self) -> InitiativeFields:
        data = self.cleaned_data
        return InitiativeFields(
            title={k: v for k, v in (("en", data["title_en"]), ("zh", data["title_zh"])) if v},
            description=data["description"],
            countries=[c.upper() for c in _codes(data["countries"])],
            regions=list(data["regions"]),
            areas=list(data["areas"]),
            start=data["start"],
            end=data["end"],
            budget=data["budget"],
            funders=_codes(data["funders"]),
            co_financing=_codes(data["co_financing"]),
            agencies=_codes(data["agencies"]),
            materials=_codes(data["materials"]),
            results=data["results"],
            lessons=data["lessons"],
        )
