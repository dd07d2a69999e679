"""The Secretariat enters figures for manual indicators (with source, date and author)."""

from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.admin import AuditedModelAdmin
from cpbtracker.indicators.models import ManualValue


@admin.register(ManualValue)
class ManualValueAdmin(AuditedModelAdmin):
    list_display = ["indicator", "cycle", "value", "source", "as_of", "entered_by", "entered_at"]
    list_filter = ["cycle", "indicator"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)
