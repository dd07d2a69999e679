"""Admin screens shared by the apps."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


class EmptyToFieldAdmin(admin.ModelAdmin):
    """``?_to_field=`` (empty) means no field: Django's delete and history pages would look
    the object up by a field named "" and fail with a server error."""

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: Any = None
    ) -> Model | None:
        return super().get_object(request, object_id, from_field or None)


class ReadOnlyAdmin(EmptyToFieldAdmin):
    """Records shown to the Secretariat but changed only through services (or never)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
