"""Snapshots taken before the engine's renames read with the new names after `migrate`."""

from __future__ import annotations

import datetime as dt


def test_it_renames_the_stored_registry_source_and_not_applicable_group(migrate):
    old = migrate("0003_contribution")
    snapshot = old.get_model("evaluation", "Snapshot").objects.create(
        label="before",
        cycle=5,
        as_of=dt.date(2024, 1, 1),
        methods_version="x",
        years={},
        versions={},
        targets={},
        progress={},
    )
    stored = old.get_model("evaluation", "StoredResult").objects
    common = {"snapshot": snapshot, "cycle": 5, "region": "", "status": "computed", "unit": "%"}
    figures = {"numerator": 1, "denominator": 2, "population": 3}
    stored.create(
        code="A.10(a)", source="registry", parties={"positive": ["KE"]}, **common, **figures
    )
    stored.create(
        code="A.9(b)", source="report", parties={"not_applicable": ["BR"]}, **common, **figures
    )

    new = migrate("0004_membership_and_outside_base").get_model("evaluation", "StoredResult")
    assert new.objects.get(code="A.10(a)").source == "membership"
    assert new.objects.get(code="A.9(b)").parties == {"outside_base": ["BR"]}
