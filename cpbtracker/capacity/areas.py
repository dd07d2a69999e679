"""The 5th report's capacity-building areas and where they sit in the plan (packaged data).

The areas are the options of Q123 (the same identifiers as Q119 and as the ``cpbThematicAreas``
of initiative records); ``data/areas.yaml`` maps each to goals and key capacity-building areas
and lists the English titles each identifier was reviewed under: a report format that gives
an identifier another meaning is refused rather than counted as the same area.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.reporting.models import Schema
from cpbtracker.reporting.questionnaire import load_questionnaire

DATA = Path(__file__).parent / "data"
NEEDS_QUESTION = "Q123"  # areas that still need capacity-building (options shared with Q119)
AREA_QUESTIONS = ("Q119", NEEDS_QUESTION)
_NOT_WORD = re.compile(r"<[^>]+>|[^\w\s]")


@dataclass(frozen=True)
class ReportArea:
    """One capacity-building area of the 5th report, mapped onto the plan."""

    value: str  # the option value, upper case
    title: Mapping[str, str]
    goals: tuple[str, ...]
    key_areas: tuple[str, ...]
    titles: tuple[str, ...]  # the English titles reviewed as this meaning


class AreaDataError(ValueError):
    """The packaged area mapping disagrees with the report format."""


@lru_cache(maxsize=1)
def report_areas() -> tuple[ReportArea, ...]:
    """The 17 areas in the report's order; raises AreaDataError if the data file is wrong."""
    mapping = {
        str(row["area"]).upper(): row
        for row in load_yaml((DATA / "areas.yaml").read_text(encoding="utf-8"))
    }
    questionnaire = load_questionnaire(Schema.NR5)
    options = questionnaire.question(NEEDS_QUESTION).options
    values = [o.value.upper() for o in options]
    missing, extra = set(values) - set(mapping), set(mapping) - set(values)
    if missing or extra:
        raise AreaDataError(
            f"areas.yaml must list every option of {NEEDS_QUESTION} once: "
            f"missing {sorted(missing)}, unknown {sorted(extra)}"
        )
    areas = tuple(
        ReportArea(
            value=o.value.upper(),
            title=dict(o.title),
            goals=tuple(mapping[o.value.upper()]["goals"]),
            key_areas=tuple(mapping[o.value.upper()]["key_areas"]),
            titles=tuple(mapping[o.value.upper()]["titles"]),
        )
        for o in options
    )
    differing = meaning_differs(
        areas,
        (
            (f"{key} {o.value}", o.value, o.title.get("en", ""))
            for key in AREA_QUESTIONS
            for o in questionnaire.question(key).options
        ),
    )
    if differing:
        raise AreaDataError(f"area identifiers with another meaning: {differing}")
    return areas


def _words(title: str) -> str:
    """A title compared by its words: tags, punctuation, hyphens and case ignored."""
    return " ".join(_NOT_WORD.sub("", title).casefold().split())


def meaning_differs(
    areas: Iterable[ReportArea], options: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """Of (where, identifier, English title) triples, those naming an area's identifier under
    a title not reviewed as that area's meaning (identifiers compared case-insensitively)."""
    reviewed = {a.value: {_words(t) for t in a.titles} for a in areas}
    return [
        (where, value, title)
        for where, value, title in options
        if value.upper() in reviewed and _words(title) not in reviewed[value.upper()]
    ]


def area_by_value(value: str) -> ReportArea | None:
    return next((a for a in report_areas() if a.value == value.upper()), None)


@lru_cache(maxsize=1)
def region_groups() -> dict[str, frozenset[str] | None]:
    """countryRegions identifiers naming groups of Parties -> UN regional group codes
    (None: every Party)."""
    raw = load_yaml((DATA / "regions.yaml").read_text(encoding="utf-8"))
    return {
        str(key).upper(): None if value == "all" else frozenset(str(v) for v in value)
        for key, value in raw.items()
    }


@dataclass(frozen=True)
class InitiativeTerms:
    """Thesaurus terms of initiative records that the gap rule reads (upper case)."""

    national_scopes: frozenset[str]
    cancelled_statuses: frozenset[str]
    thematic_areas: Mapping[str, tuple[str, ...]]  # cpbThematicAreas term -> Q123 areas


@lru_cache(maxsize=1)
def initiative_terms() -> InitiativeTerms:
    raw = load_yaml((DATA / "initiative-terms.yaml").read_text(encoding="utf-8"))
    return InitiativeTerms(
        national_scopes=frozenset(str(v).upper() for v in raw["national_scopes"]),
        cancelled_statuses=frozenset(str(v).upper() for v in raw["cancelled_statuses"]),
        thematic_areas={
            str(term).upper(): tuple(str(a).upper() for a in row["reads_as"])
            for term, row in raw["thematic_areas"].items()
        },
    )
