"""The Secretariat sets targets and milestones; every change is audited."""

from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.audit import record
from cpbtracker.evaluation.models import Snapshot, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "value", "year", "direction", "milestones"]
    list_filter = ["direction"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        record(
            request.user,
            "target.set",
            obj,
            value=obj.value,
            year=obj.year,
            direction=obj.direction,
            milestones=obj.milestones,
        )

    def delete_model(self, request, obj) -> None:
        record(request.user, "target.cleared", obj.indicator.code)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for target in queryset.select_related("indicator"):
            record(request.user, "target.cleared", target.indicator.code)
        super().delete_queryset(request, queryset)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are taken from the command line and never change: read-only here."""

    list_display = ["label", "cycle", "as_of", "created_at", "methods_version", "demo"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
