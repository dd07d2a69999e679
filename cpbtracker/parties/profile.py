"""A country profile (/parties/<code>/) shows sections that higher apps add: each registers, in
its ``AppConfig.ready()``, a template and the function giving that template's context. The
Parties app shows them in order without importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from cpbtracker.parties.models import Party


@dataclass(frozen=True)
class ProfileSection:
    template: str
    context: Callable[[Party, HttpRequest], dict[str, Any]]


_SECTIONS: list[ProfileSection] = []


def add_profile_section(section: ProfileSection) -> None:
    """Show ``section`` on every country profile, after those added before it (once)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def profile_sections(party: Party, request: HttpRequest) -> list[SafeString]:
    """Each registered section rendered for this Party and reader."""
    return [
        render_to_string(s.template, s.context(party, request), request=request) for s in _SECTIONS
    ]
