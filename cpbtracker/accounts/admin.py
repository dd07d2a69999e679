from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse

from cpbtracker.accounts.audit import plain, record
from cpbtracker.accounts.models import AuditEntry, Role
from cpbtracker.lib.admin import EmptyToFieldAdmin
from cpbtracker.lib.inputs import validate_no_control_characters

HIDDEN = "(hidden)"


class AuditedModelAdmin(EmptyToFieldAdmin):
    """Every add, change and delete made in the admin leaves an audit row: who, when, which
    object, and each changed field's old and new value (inline rows included). Texts with
    NUL or other control characters are refused, as everywhere else."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField):
            field.validators.append(validate_no_control_characters)
        return field

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        changes = _changes(form, change)
        super().save_model(request, obj, form, change)
        _record_save(request, obj, changes, change)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool
    ) -> None:
        edited = [
            (f, f.instance.pk is not None)
            for f in formset.forms
            if f.has_changed() and f not in formset.deleted_forms
        ]
        changes = [_changes(f, existed) for f, existed in edited]
        for obj in [f.instance for f in formset.deleted_forms if f.instance.pk is not None]:
            record(request.user, "admin.deleted", obj, model=obj._meta.label)
        super().save_formset(request, form, formset, change)
        for (inline_form, existed), changed in zip(edited, changes, strict=True):
            _record_save(request, inline_form.instance, changed, existed)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record(request.user, "admin.deleted", obj, model=obj._meta.label)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            record(request.user, "admin.deleted", obj, model=obj._meta.label)
        super().delete_queryset(request, queryset)


def _changes(form: ModelForm, change: bool) -> dict[str, dict[str, Any]]:
    """The form's changed fields, old (as stored) and new (as entered)."""
    model = type(form.instance)
    stored = model._default_manager.filter(pk=form.instance.pk).first() if change else None
    return {
        name: {
            "old": _stored_value(stored, name) if stored else None,
            "new": plain(form.cleaned_data.get(name)),
        }
        if "password" not in name
        else {"old": HIDDEN, "new": HIDDEN}  # never copy a password or its hash into the trail
        for name in form.changed_data
    }


def _stored_value(stored: Model, name: str) -> Any:
    field = next((f for f in stored._meta.get_fields() if f.name == name), None)
    if field is None:
        return None
    if field.many_to_many:
        return plain(list(getattr(stored, name).all()))
    return plain(getattr(stored, name))


def _record_save(request: HttpRequest, obj: Model, changes: dict, change: bool) -> None:
    action = "admin.changed" if change else "admin.added"
    record(request.user, action, obj, model=obj._meta.label, changes=changes)


@admin.register(Role)
class RoleAdmin(AuditedModelAdmin):
    list_display = ["user", "kind", "party"]
    list_filter = ["kind"]
    autocomplete_fields = ["party"]
    search_fields = ["user__username", "party__iso2"]


admin.site.unregister([get_user_model(), Group])


@admin.register(get_user_model())
class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """The password form saves outside ``save_model``: its success is recorded here."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                if user is not None:
                    record(request.user, "admin.password_changed", user, model=user._meta.label)
        return response


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is read-only, here as everywhere."""

    list_display = ["at", "user", "action", "party", "cycle", "target"]
    list_filter = ["action"]
    search_fields = ["party", "target", "user__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
