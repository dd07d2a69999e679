"""The 5th report's capacity-building areas and where they sit in the plan (packaged data).

The areas are the options of Q123 (the same identifiers as Q119 and as the ``cpbThematicAreas``
of initiative records); ``data/areas.yaml`` maps each to goals and key capacity-building areas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cpbtracker.reporting.models import Schema
from cpbtracker.reporting.questionnaire import load_questionnaire

DATA = Path(__file__).parent / "data"
NEEDS_QUESTION = "Q123"  # areas that still need capacity-building (options shared with Q119)


@dataclass(frozen=True)
class ReportArea:
    """One capacity-building area of the 5th report, mapped onto the plan."""

    value: str  # the option value, upper case
    title: Mapping[str, str]
    goals: tuple[str, ...]
    key_areas: tuple[str, ...]


class AreaDataError(ValueError):
    """The packaged area mapping disagrees with the report format."""


@lru_cache(maxsize=1)
def report_areas() -> tuple[ReportArea, ...]:
    """The 17 areas in the report's order; raises AreaDataError if the data file is wrong."""
    mapping = {
        str(row["area"]).upper(): row
        for row in yaml.safe_load((DATA / "areas.yaml").read_text(encoding="utf-8"))
    }
    options = load_questionnaire(Schema.NR5).question(NEEDS_QUESTION).options
    values = [o.value.upper() for o in options]
    missing, extra = set(values) - set(mapping), set(mapping) - set(values)
    if missing or extra:
        raise AreaDataError(
            f"areas.yaml must list every option of {NEEDS_QUESTION} once: "
            f"missing {sorted(missing)}, unknown {sorted(extra)}"
        )
    return tuple(
        ReportArea(
            value=o.value.upper(),
            title=dict(o.title),
            goals=tuple(mapping[o.value.upper()]["goals"]),
            key_areas=tuple(mapping[o.value.upper()]["key_areas"]),
        )
        for o in options
    )


def area_by_value(value: str) -> ReportArea | None:
    return next((a for a in report_areas() if a.value == value.upper()), None)


@lru_cache(maxsize=1)
def region_groups() -> dict[str, frozenset[str] | None]:
    """countryRegions identifiers naming groups of Parties -> UN regional group codes
    (None: every Party)."""
    raw = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    return {
        str(key).upper(): None if value == "all" else frozenset(str(v) for v in value)
        for key, value in raw.items()
    }


@dataclass(frozen=True)
class InitiativeTerms:
    """Thesaurus terms of initiative records that the gap rule reads (upper case)."""

    national_scopes: frozenset[str]
    cancelled_statuses: frozenset[str]


@lru_cache(maxsize=1)
def initiative_terms() -> InitiativeTerms:
    raw = yaml.safe_load((DATA / "initiative-terms.yaml").read_text(encoding="utf-8"))
    return InitiativeTerms(
        national_scopes=frozenset(str(v).upper() for v in raw["national_scopes"]),
        cancelled_statuses=frozenset(str(v).upper() for v in raw["cancelled_statuses"]),
    )
