"""The accounts services: granting and revoking roles, each with its audit row."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cpbtracker.accounts.models import AuditEntry, Role
from cpbtracker.accounts.services import RoleError, grant_role, revoke_role
from cpbtracker.parties.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya():
    return Party.objects.get(iso2="KE")


def test_granting_a_role_creates_the_user_and_writes_an_audit_row(kenya):
    role = grant_role("ke-new", Role.Kind.FOCAL_POINT, party=kenya)
    assert role.user.username == "ke-new" and not role.user.has_usable_password()
    (row,) = AuditEntry.objects.filter(action="role.granted")
    assert (row.party, row.target) == ("KE", str(role))


def test_the_audit_row_names_who_granted_the_role(kenya):
    boss = grant_role("boss", Role.Kind.SECRETARIAT, party=None).user
    grant_role("ke-new", Role.Kind.AUTHORIZED_USER, party=kenya, by=boss)
    assert AuditEntry.objects.filter(action="role.granted", user=boss).count() == 1


def test_a_party_role_without_a_party_is_refused_and_creates_no_user():
    with pytest.raises(RoleError, match="the other roles need one"):
        grant_role("nobody", Role.Kind.FOCAL_POINT, party=None)
    assert not get_user_model().objects.filter(username="nobody").exists()
    assert not AuditEntry.objects.filter(action__startswith="role.").exists()


def test_revoking_a_role_deletes_it_and_writes_an_audit_row(kenya):
    grant_role("ke-new", Role.Kind.FOCAL_POINT, party=kenya)
    revoke_role("ke-new", Role.Kind.FOCAL_POINT, party=kenya)
    assert not Role.objects.filter(user__username="ke-new").exists()
    (row,) = AuditEntry.objects.filter(action="role.revoked")
    assert row.party == "KE"


def test_revoking_a_role_the_user_lacks_is_refused_and_writes_nothing(kenya):
    with pytest.raises(RoleError, match="ke-new has no focal_point role for KE"):
        revoke_role("ke-new", Role.Kind.FOCAL_POINT, party=kenya)
    assert not AuditEntry.objects.filter(action__startswith="role.").exists()
