"""Questions about what a user may do, asked by views, the API and services alike."""

from __future__ import annotations

from typing import TypeGuard

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cpbtracker.accounts.models import Role
from cpbtracker.lib.actors import require_allowed
from cpbtracker.parties.models import Party

User = AbstractBaseUser | AnonymousUser | None  # None: no signed-in person


def _signed_in(user: User) -> TypeGuard[AbstractBaseUser]:
    return user is not None and user.is_authenticated


def is_secretariat(user: User) -> bool:
    if not _signed_in(user):
        return False
    return getattr(user, "is_superuser", False) or Role.Kind.SECRETARIAT in _kinds(user, party=None)


def require_secretariat(user: User) -> None:
    """Only the Secretariat, or the command line (None), may go on."""
    require_allowed(is_secretariat(user), user)


def can_edit_for(user: User, party: Party) -> bool:
    """Authorized users and the focal point of the Party edit its drafts (and the Secretariat)."""
    if not _signed_in(user):
        return False
    if is_secretariat(user):
        return True
    return bool(_kinds(user, party=party) & {Role.Kind.AUTHORIZED_USER, Role.Kind.FOCAL_POINT})


def can_submit_for(user: User, party: Party) -> bool:
    """Only the national focal point submits (publishes) its Party's report."""
    if not _signed_in(user):
        return False
    return Role.Kind.FOCAL_POINT in _kinds(user, party=party)


def parties_of(user: User) -> list[Party]:
    """The Parties a user acts for (empty for the public)."""
    if not _signed_in(user):
        return []
    return list(Party.objects.filter(roles__user__pk=user.pk).distinct().order_by("iso2"))


def _kinds(user: AbstractBaseUser, *, party: Party | None) -> set[str]:
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        cache = list(Role.objects.filter(user__pk=user.pk).values_list("kind", "party_id"))
        setattr(user, "_role_cache", cache)  # noqa: B010 - a per-request cache on the user
    party_id = party.pk if party else None
    return {kind for kind, pid in cache if pid == party_id}
