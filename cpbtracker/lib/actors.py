"""Who acts: services take the signed-in user, or None for the command line and the system."""

from __future__ import annotations

from typing import Any


def person(user: Any) -> Any:
    """The signed-in user who acts; None for the command line, the system or the public."""
    return user if getattr(user, "is_authenticated", False) else None
