from __future__ import annotations

from django.contrib import admin

from cpbtracker.accounts.admin import AuditedModelAdmin
from cpbtracker.parties import models


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    readonly_fields = ["since"]


@admin.register(models.Party)
class PartyAdmin(AuditedModelAdmin):
    list_display = ["iso2", "__str__", "region"]
    list_filter = ["region", "memberships__treaty", "memberships__status"]
    search_fields = ["iso2", "iso3", "name"]
    inlines = [MembershipInline]


admin.site.register(models.RegistrySource, AuditedModelAdmin)
