"""Writing audit rows from services."""

from __future__ import annotations

from typing import Any

from cpbtracker.accounts.models import AuditEntry


def record(user: Any, action: str, target: object, **detail: Any) -> AuditEntry:
    """Note that ``user`` (None for the system or the CLI) did ``action`` to ``target``."""
    actor = user if getattr(user, "is_authenticated", False) else None
    return AuditEntry.objects.create(user=actor, action=action, target=str(target), detail=detail)
