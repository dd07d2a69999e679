from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.admin import AuditedModelAdmin
from cpbtracker.plan import models


class ReadOnlyItemsInline(admin.TabularInline):
    extra = 0
    fields = ["code", "text", "statuses"]


class ObjectiveInline(ReadOnlyItemsInline):
    model = models.Objective


class IndicatorInline(ReadOnlyItemsInline):
    model = models.Indicator


@admin.register(models.Goal)
class GoalAdmin(AuditedModelAdmin):
    list_display = ["code", "__str__", "area", "capacity_set"]
    inlines = [ObjectiveInline, IndicatorInline]


admin.site.register([models.Area, models.CapacitySet, models.NarrativeSection], AuditedModelAdmin)
