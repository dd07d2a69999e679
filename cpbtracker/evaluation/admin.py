"""The Secretariat sets targets and milestones and enters the bodies' contributions; every
change is audited. Snapshots are shown read-only."""

from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.audit import record
from cpbtracker.evaluation.models import Conclusion, Contribution, Snapshot, StoredDocument, Target
from cpbtracker.lib.admin import ReadOnlyAdmin


class AuditedAdmin(admin.ModelAdmin):
    saved_action = ""
    deleted_action = ""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        record(request.user, self.saved_action, obj, fields=sorted(form.changed_data))

    def delete_model(self, request, obj) -> None:
        record(request.user, self.deleted_action, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            record(request.user, self.deleted_action, obj)
        super().delete_queryset(request, queryset)


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["indicator", "value", "year", "direction", "decision", "milestones"]
    list_filter = ["direction"]
    saved_action, deleted_action = "target.set", "target.cleared"


@admin.register(Contribution)
class ContributionAdmin(AuditedAdmin):
    """The Liaison Group's, the Compliance Committee's and the SBI's texts, per goal or overall
    (no goal)."""

    list_display = ["goal", "body", "kind", "updated_at"]
    list_filter = ["kind", "body"]
    saved_action, deleted_action = "contribution.saved", "contribution.deleted"


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    """Snapshots are taken from the command line and never change: read-only here."""

    list_display = ["label", "cycle", "as_of", "created_at", "methods_version", "demo"]


@admin.register(Conclusion)
class ConclusionAdmin(AuditedAdmin):
    """The Secretariat's conclusions, recommendations and elements of a draft recommendation."""

    list_display = ["kind", "part", "updated_at"]
    list_filter = ["kind", "part"]
    saved_action, deleted_action = "conclusion.saved", "conclusion.cleared"


@admin.register(StoredDocument)
class StoredDocumentAdmin(ReadOnlyAdmin):
    """Made and published from the evaluation documents page: read-only here."""

    list_display = ["kind", "cycle", "evidence", "language", "format", "size", "published_at"]
    list_filter = ["kind", "language", "format"]
    exclude = ["content"]
