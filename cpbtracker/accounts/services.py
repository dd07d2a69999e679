"""Creating users and giving them roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import record
from cpbtracker.accounts.models import Role
from cpbtracker.lib.problems import CodedError
from cpbtracker.parties.models import Party


class RoleError(CodedError):
    """A role that cannot be granted or revoked; nothing changed."""

    MESSAGES = {
        "role.unknown": _("unknown role %(kind)r (one of %(kinds)s)"),
        "role.party-mismatch": _("the Secretariat role takes no Party; the other roles need one"),
        "role.not-held": _("%(username)s has no %(kind)s role"),
        "role.not-held-for": _("%(username)s has no %(kind)s role for %(party)s"),
    }


# What the Secretariat manages in the admin screens (app_label, codename).
SECRETARIAT_PERMISSIONS = [
    ("reporting", "view_reportingcycle"),
    ("reporting", "add_reportingcycle"),
    ("reporting", "change_reportingcycle"),
    ("reporting", "view_nationalreport"),
    ("parties", "view_party"),
    ("accounts", "view_role"),
    ("accounts", "view_auditentry"),
    ("indicators", "view_manualvalue"),
    ("indicators", "add_manualvalue"),
    ("indicators", "change_manualvalue"),
    ("evaluation", "view_target"),
    ("evaluation", "add_target"),
    ("evaluation", "change_target"),
    ("evaluation", "delete_target"),
    ("evaluation", "view_snapshot"),
    ("evaluation", "view_contribution"),
    ("evaluation", "add_contribution"),
    ("evaluation", "change_contribution"),
    ("evaluation", "delete_contribution"),
    ("evaluation", "view_conclusion"),
    ("evaluation", "add_conclusion"),
    ("evaluation", "change_conclusion"),
    ("evaluation", "delete_conclusion"),
    ("evaluation", "view_storeddocument"),
    ("records", "view_thesaurusterm"),
    ("records", "add_thesaurusterm"),
    ("records", "change_thesaurusterm"),
]


@transaction.atomic
def grant_role(
    username: str,
    kind: str,
    *,
    party: Party | None,
    password: str | None = None,
    by: Any = None,
) -> Role:
    """Give ``username`` (created if new) a role; for Party roles, ``party`` is required."""
    if kind not in Role.Kind.values:
        raise RoleError("role.unknown", kind=kind, kinds=", ".join(Role.Kind.values))
    if (kind == Role.Kind.SECRETARIAT) != (party is None):
        raise RoleError("role.party-mismatch")
    user, created = get_user_model().objects.get_or_create(username=username)
    if password:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    role, _ = Role.objects.get_or_create(user=user, kind=kind, party=party)
    if kind == Role.Kind.SECRETARIAT:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(secretariat_group())
    record(by, "role.granted", role)
    return role


@transaction.atomic
def revoke_role(username: str, kind: str, *, party: Party | None, by: Any = None) -> Role:
    """Take a role away from ``username``; the last Secretariat role also ends admin access.

    Raises RoleError naming the user and role when there is no such role (nothing changes).
    """
    role = (
        Role.objects.select_related("user", "party")
        .filter(user__username=username, kind=kind, party=party)
        .first()
    )
    if role is None:
        if party is None:
            raise RoleError("role.not-held", username=username, kind=kind)
        raise RoleError("role.not-held-for", username=username, kind=kind, party=party.iso2)
    record(by, "role.revoked", role)
    role.delete()
    user = role.user
    if kind == Role.Kind.SECRETARIAT and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
        user.groups.remove(secretariat_group())
    return role


def secretariat_group() -> Group:
    """The group holding the Secretariat's admin permissions (kept in step with the list)."""
    group, _ = Group.objects.get_or_create(name="Secretariat")
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in SECRETARIAT_PERMISSIONS
    ]
    group.permissions.set(wanted)
    return group
