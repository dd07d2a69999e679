from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.models import Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "party"]
    list_filter = ["kind"]
    autocomplete_fields = ["party"]
    search_fields = ["user__username", "party__iso2"]
