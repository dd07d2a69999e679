"""Secretariat screens: reporting cycles are edited here; reports are read-only."""

from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.admin import AuditedModelAdmin
from cpbtracker.lib import changes
from cpbtracker.lib.admin import ReadOnlyAdmin
from cpbtracker.reporting.models import NationalReport, ReportingCycle


@admin.register(ReportingCycle)
class ReportingCycleAdmin(AuditedModelAdmin):
    list_display = ["number", "schema", "period_start", "period_end", "deadline", "is_open"]
    list_editable = ["deadline", "is_open"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:  # the deadline decides membership and timeliness: the cycle's results
            changes.cycles_changed.send(__name__, cycles=[obj])


@admin.register(NationalReport)
class NationalReportAdmin(ReadOnlyAdmin):
    list_display = ["party", "cycle", "is_demo", "bch_identifier"]
    list_filter = ["cycle", "is_demo", "party__region"]
    search_fields = ["party__iso2", "party__name"]
