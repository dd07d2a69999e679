"""Changing the Parties registry: loading the packaged data and importing a CSV (atomic)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from django.db import connections, transaction

from cpbtracker.parties.importer import PartyRow, read_parties_csv
from cpbtracker.parties.models import Membership, Party, RegistrySource

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
PACKAGED_CSV = DATA_DIR / "parties.csv"
PACKAGED_SOURCE = DATA_DIR / "source.yaml"


def import_parties(text: str, *, description: str, as_of: str) -> int:
    """Create or update the Parties in a CSV text; all or nothing. Returns the row count.

    Raises PartiesCsvError (every problem with its row and column) before writing anything.
    Governments absent from the file are left as they are.
    """
    rows = read_parties_csv(text)
    with transaction.atomic():
        for row in rows:
            _save_row(row)
        RegistrySource.objects.create(description=description, as_of=as_of)
    return len(rows)


def _save_row(row: PartyRow) -> None:
    party, _ = Party.objects.update_or_create(
        iso2=row.iso2,
        defaults={"iso3": row.iso3, "name": row.name, "region": row.region, "source": row.source},
    )
    for m in row.memberships:
        membership = Membership.objects.filter(party=party, treaty=m.treaty).first() or Membership(
            party=party, treaty=m.treaty
        )
        membership.status = m.status
        membership.deposited_on = m.deposited_on
        membership.since_override = m.since_override
        membership.save()


def load_packaged_parties() -> int:
    source = yaml.safe_load(PACKAGED_SOURCE.read_text(encoding="utf-8"))
    return import_parties(
        PACKAGED_CSV.read_text(encoding="utf-8"),
        description=source["description"],
        as_of=source["as_of"],
    )


def load_parties_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate hook: a new database starts with the packaged Parties (never overwrites)."""
    if Party._meta.db_table not in connections[using].introspection.table_names():
        return
    if not Party.objects.exists():
        logger.info("loaded %d Parties", load_packaged_parties())
