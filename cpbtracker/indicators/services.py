"""Entering the figures measured outside national reports: manual values (with source, date or
window) and the Compliance Committee's cases (A.4(b)).

Each service checks permission (the Secretariat; ``user=None`` is the trusted command-line
operator), validates the whole record (a bad one raises ValidationError naming the field and
nothing is stored), saves in one transaction and writes an audit row.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model

from cpbtracker.accounts.access import require_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.indicators.models import ComplianceCase, ManualValue
from cpbtracker.indicators.store import forget_cycles
from cpbtracker.lib.actors import person


@transaction.atomic
def save_manual_value(value: ManualValue, *, user: Any) -> ManualValue:
    """Store a figure for a manual indicator (A.3(b)'s value is computed from its counts)."""
    require_secretariat(user)
    value.full_clean()
    if value.pk is None:
        value.entered_by = person(user)
    forget_cycles([value.cycle])
    return _store(value, user, "indicator.figure", value=value.value, source=value.source)


@transaction.atomic
def save_compliance_case(case: ComplianceCase, *, user: Any) -> ComplianceCase:
    """Store a case of the Compliance Committee's list."""
    require_secretariat(user)
    case.full_clean()
    forget_cycles(None)  # a case counts in every cycle whose deadline follows it
    return _store(case, user, "indicator.compliance_case", status=case.status)


def _store(obj: Model, user: Any, action: str, **detail: Any) -> Any:
    created = obj.pk is None
    obj.save()
    record(user, f"{action}_{'entered' if created else 'changed'}", obj, **detail)
    return obj
