"""The Secretariat enters figures for manual indicators (with source, date or window and
author) and the Compliance Committee's cases (A.4(b))."""

from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.admin import AuditedModelAdmin
from cpbtracker.indicators.models import ComplianceCase, ManualValue
from cpbtracker.indicators.services import save_compliance_case, save_manual_value
from cpbtracker.indicators.store import forget_cycles


@admin.register(ManualValue)
class ManualValueAdmin(AuditedModelAdmin):
    list_display = [
        "indicator",
        "cycle",
        "measure",
        "value",
        "numerator",
        "denominator",
        "source",
        "as_of",
        "window_start",
        "window_end",
        "entered_by",
        "entered_at",
    ]
    list_filter = ["cycle", "indicator"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change) -> None:
        save_manual_value(obj, user=request.user)

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        forget_cycles([obj.cycle])

    def delete_queryset(self, request, queryset) -> None:
        cycles = {value.cycle for value in queryset.select_related("cycle")}
        super().delete_queryset(request, queryset)
        forget_cycles(cycles)


@admin.register(ComplianceCase)
class ComplianceCaseAdmin(AuditedModelAdmin):
    list_display = ["party", "identified_on", "committee_decision", "status", "addressed_on"]
    list_filter = ["status"]
    search_fields = ["party__iso2", "issue", "committee_decision"]

    def save_model(self, request, obj, form, change) -> None:
        save_compliance_case(obj, user=request.user)

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        forget_cycles(None)

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        forget_cycles(None)
