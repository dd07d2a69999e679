"""Changing the Parties registry: loading the packaged data and importing a CSV (atomic)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.db import transaction

from cpbtracker.accounts.audit import entry_fields, plain, record
from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib import changes
from cpbtracker.lib.migrating import has_table
from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.parties.importer import PartyRow, read_parties_csv
from cpbtracker.parties.models import Membership, Party, RegistrySource

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
PACKAGED_CSV = DATA_DIR / "parties.csv"
PACKAGED_SOURCE = DATA_DIR / "source.yaml"


def import_parties(text: str, *, description: str, as_of: str, by: Any = None) -> int:
    """Create or update the Parties in a CSV text; all or nothing. Returns the row count.

    Raises PartiesCsvError (every problem with its row and column) before writing anything.
    Governments absent from the file are left as they are. The import is audited, and so is
    each Party it adds or changes (field by field, old and new value).
    """
    rows = read_parties_csv(text)
    with transaction.atomic():
        before = _registry_state()
        _save_rows(rows)
        source = RegistrySource.objects.create(description=description, as_of=as_of)
        _audit_changes(before, _registry_state(), by)
        record(by, "parties.imported", source, rows=len(rows), as_of=as_of)
        changes.parties_changed.send(__name__)
    return len(rows)


def _registry_state() -> dict[str, dict[str, Any]]:
    """Every Party's imported fields, memberships as 'CP.status' etc. (one query each)."""
    state = {
        p["iso2"]: {k: plain(v) for k, v in p.items() if k != "iso2"}
        for p in Party.objects.values("iso2", "iso3", "name", "region", "source")
    }
    for m in Membership.objects.values(
        "party__iso2", "treaty", "status", "deposited_on", "since_override"
    ):
        for field in ("status", "deposited_on", "since_override"):
            state[m["party__iso2"]][f"{m['treaty']}.{field}"] = plain(m[field])
    return state


def _audit_changes(before: dict[str, dict], after: dict[str, dict], by: Any) -> None:
    parties = Party.objects.in_bulk(
        [iso2 for iso2 in after if before.get(iso2) != after[iso2]], field_name="iso2"
    )
    entries = []
    for iso2, party in sorted(parties.items()):
        old, new = before.get(iso2, {}), after[iso2]
        changes = {
            k: {"old": old.get(k), "new": new.get(k)}
            for k in sorted(old.keys() | new.keys())
            if old.get(k) != new.get(k)
        }
        action = "party.changed" if iso2 in before else "party.added"
        entries.append(AuditEntry(**entry_fields(by, action, party, {"changes": changes})))
    AuditEntry.objects.bulk_create(entries)


PARTY_FIELDS = ("iso3", "name", "region", "source")
MEMBERSHIP_FIELDS = ("status", "deposited_on", "since_override", "since")


def _save_rows(rows: list[PartyRow]) -> None:
    """Create or update each row's Party and memberships, in a few queries whatever the count
    (a new database loads all the Parties after each migrate and each test's reset)."""
    stored = Party.objects.in_bulk(field_name="iso2")
    parties = {row.iso2: stored.get(row.iso2) or Party(iso2=row.iso2) for row in rows}
    for row in rows:
        party = parties[row.iso2]
        party.iso3, party.name, party.region, party.source = (
            row.iso3,
            row.name,
            row.region,
            row.source,
        )
    Party.objects.bulk_update([p for p in parties.values() if p.pk], PARTY_FIELDS)
    Party.objects.bulk_create([p for p in parties.values() if not p.pk])  # sets their keys
    existing = {
        (m.party_id, m.treaty): m
        for m in Membership.objects.filter(party__in=list(parties.values()))
    }
    created, updated = [], []
    for row in rows:
        party = parties[row.iso2]
        for m in row.memberships:
            membership = existing.get((party.pk, m.treaty))
            if membership is None:
                membership = Membership(party=party, treaty=m.treaty)
                created.append(membership)
            else:
                updated.append(membership)
            membership.status = m.status
            membership.deposited_on = m.deposited_on
            membership.since_override = m.since_override
            membership.since = membership.compute_since()  # as save() does
    Membership.objects.bulk_update(updated, MEMBERSHIP_FIELDS)
    Membership.objects.bulk_create(created)


def packaged_source() -> dict[str, dict[str, str]]:
    """The packaged data's description and date, each a text per language."""
    return load_yaml(PACKAGED_SOURCE.read_text(encoding="utf-8"))


def load_packaged_parties() -> int:
    source = packaged_source()
    return import_parties(
        PACKAGED_CSV.read_text(encoding="utf-8"),
        description=source["description"]["en"],
        as_of=source["as_of"]["en"],
    )


def load_parties_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate hook: a new database starts with the packaged Parties (never overwrites)."""
    if not has_table(Party, using):
        return
    if not Party.objects.exists():
        logger.info("loaded %d Parties", load_packaged_parties())
