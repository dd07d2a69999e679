"""`cpbtracker users grant|revoke`: roles from the command line, with clear errors."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cpbtracker.accounts.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def users(*args: str) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_it_grants_a_party_role_and_says_so():
    output = users("grant", "ke-new", "--role", "focal_point", "--party", "ke")
    assert output.startswith("granted: ")
    role = Role.objects.get(user__username="ke-new")
    assert (role.kind, role.party.iso2) == ("focal_point", "KE")


def test_it_sets_the_password_it_is_given():
    users(
        "grant", "ke-new", "--role", "focal_point", "--party", "KE", "--password", "a-long-pass-42"
    )
    assert get_user_model().objects.get(username="ke-new").check_password("a-long-pass-42")


def test_it_refuses_a_weak_password_and_creates_no_user():
    with pytest.raises(CommandError, match="password refused"):
        users("grant", "ke-new", "--role", "focal_point", "--party", "KE", "--password", "123")
    assert not get_user_model().objects.filter(username="ke-new").exists()


def test_it_refuses_an_unknown_party():
    with pytest.raises(CommandError, match="no Party with code XX"):
        users("grant", "ke-new", "--role", "focal_point", "--party", "XX")
    assert not Role.objects.exists()


def test_it_refuses_a_party_for_the_secretariat():
    with pytest.raises(CommandError, match="the Secretariat role takes no Party"):
        users("grant", "sec", "--role", "secretariat", "--party", "KE")
    assert not Role.objects.exists()


def test_it_revokes_a_role_and_says_so():
    users("grant", "ke-new", "--role", "focal_point", "--party", "KE")
    assert users("revoke", "ke-new", "--role", "focal_point", "--party", "KE").startswith(
        "revoked: "
    )
    assert not Role.objects.exists()
    assert AuditEntry.objects.filter(action="role.revoked").count() == 1


def test_revoking_a_role_the_user_lacks_is_an_error():
    with pytest.raises(CommandError, match="ke-new has no focal_point role for KE"):
        users("revoke", "ke-new", "--role", "focal_point", "--party", "KE")
