"""OpenAPI schemas from the typed shapes (TypedDicts) that the CLI and the API share."""

from __future__ import annotations

from typing import Any

from drf_spectacular.plumbing import resolve_type_hint


def typed_schema(shape: Any) -> dict[str, Any]:
    """The OpenAPI schema of a TypedDict, for ``extend_schema(responses=...)``."""
    schema: dict[str, Any] = resolve_type_hint(shape)
    return schema
