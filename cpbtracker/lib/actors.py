"""Who acts: services take the signed-in user, or None for the command line and the system."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def person(user: Any) -> Any:
    """The signed-in user who acts; None for the command line, the system or the public."""
    return user if getattr(user, "is_authenticated", False) else None


def require_allowed(allowed: bool, user: Any) -> None:
    """Refuse ``user`` (PermissionDenied) unless ``allowed``; None, the command line's trusted
    operator, may do anything."""
    if user is not None and not allowed:
        raise PermissionDenied
