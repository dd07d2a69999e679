"""What the indicators app's audit entries mean, for the trail's readers (registered with the
accounts app in ``IndicatorsConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import field_fact
from cpbtracker.indicators.models import ComplianceCase, ManualValue

ACTIONS = {
    "indicator.figure_entered": _("indicator figure entered"),
    "indicator.figure_changed": _("indicator figure changed"),
    "indicator.compliance_case_entered": _("compliance case entered"),
    "indicator.compliance_case_changed": _("compliance case changed"),
}
FACTS = {
    "value": field_fact(ManualValue, "value"),
    "source": field_fact(ManualValue, "source"),  # a case's source is not recorded
    "status": field_fact(ComplianceCase, "status"),
}
