from __future__ import annotations

from django.contrib import admin

from cpbtracker.records.models import ThesaurusTerm


@admin.register(ThesaurusTerm)
class ThesaurusTermAdmin(admin.ModelAdmin):
    """The Secretariat enters the labels of thesaurus terms, in the six UN languages."""

    list_display = ("identifier", "label")
    search_fields = ("identifier",)
