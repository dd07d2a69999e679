"""Help for post_migrate hooks that fill a fresh database with packaged data."""

from __future__ import annotations

from django.db import connections, models


def has_table(model: type[models.Model], using: str = "default") -> bool:
    """The model's table exists: a partial migrate may stop before an app's tables, and a
    post_migrate hook then has nothing to fill."""
    return model._meta.db_table in connections[using].introspection.table_names()
