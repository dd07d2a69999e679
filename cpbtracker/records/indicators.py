"""The indicators measured on clearing-house records: plain functions over plain rows.

Each measure takes the records current on a cycle's deadline (the latest revision of each
record published on or before it), the Parties to the Cartagena Protocol on that deadline and
the deadline, and returns a numerator over a denominator, with the Parties counted when the
denominator is Parties. The indicator engine turns the figures into its usual result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cpbtracker.records.documents import identifiers, is_empty, plain_text

FP_NATIONAL = "CPB-FP1"  # Cartagena Protocol national focal point
FP_EMERGENCY = "CPB-A17-FP"  # emergency measures (Article 17) contact point
DEC_8_1 = "E8C5A15C-A736-4FB7-A1B6-192412BE7E45"  # intentional introduction into the environment
DEC_8_2 = "BE64016A-C3BD-4C61-9620-C3FEF96B2A24"  # direct use as food or feed, or processing
NON_MANDATORY = frozenset({"database", "biosafetyExpert", "countryProfile"})
# the schemas whose documents the measures read (of the others, only the owner counts)
DOCUMENT_SCHEMAS = frozenset({"focalPoint", "biosafetyDecision", "modifiedOrganism"})


@dataclass(frozen=True)
class RecordRow:
    """One record as it stood on a date: who it belongs to and, for the schemas in
    DOCUMENT_SCHEMAS, its document."""

    schema: str
    government: str = ""  # ISO alpha-2 of a national record's Party
    submitted_for: str = ""  # ISO alpha-2 of the Party whose user submitted a reference record
    document: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Measure:
    numerator: int
    denominator: int  # Parties, decisions or LMOs
    positive: frozenset[str] | None = None  # Parties counted, when the denominator is Parties
    negative: frozenset[str] | None = None


def _doc(row: RecordRow) -> Mapping[str, Any]:
    return row.document or {}


def _upper(values: Any) -> set[str]:
    return {str(v).upper() for v in values} if isinstance(values, list) else set()


def _over_parties(positive: set[str], cp: frozenset[str]) -> Measure:
    hits = positive & cp  # records of non-Parties never count
    return Measure(len(hits), len(cp), frozenset(hits), frozenset(cp - hits))


def focal_points_and_authority(
    rows: Iterable[RecordRow], cp: frozenset[str], deadline: dt.date
) -> Measure:
    """A.1(b): Parties with a CPB-FP1 focal point, an authority and a CPB-A17-FP focal point."""
    national, emergency, authority = set(), set(), set()
    for row in rows:
        if row.schema == "authority":
            authority.add(row.government)
        elif row.schema == "focalPoint":
            categories = _upper(_doc(row).get("categories"))
            if FP_NATIONAL in categories:
                national.add(row.government)
            if FP_EMERGENCY in categories:
                emergency.add(row.government)
    return _over_parties(national & emergency & authority, cp)


def beyond_mandatory(rows: Iterable[RecordRow], cp: frozenset[str], deadline: dt.date) -> Measure:
    """A.2(b): Parties with a national database, expert or country-profile record, or a
    reference record submitted by one of their users."""
    positive = {row.government for row in rows if row.schema in NON_MANDATORY and row.government}
    positive |= {row.submitted_for for row in rows if row.submitted_for}
    return _over_parties(positive, cp)


def _decision_date(row: RecordRow) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(_doc(row).get("date"))[:10])
    except ValueError:
        return None


def decisions_with_risk_assessment(
    rows: Iterable[RecordRow], cp: frozenset[str], deadline: dt.date
) -> Measure:
    """A.5(b): decisions on LMOs for release or for food, feed or processing, dated by the
    deadline, that reference at least one risk assessment (a decision of both types once)."""
    decisions = [
        row
        for row in rows
        if row.schema == "biosafetyDecision"
        and {DEC_8_1, DEC_8_2} & set(identifiers(_doc(row).get("decisionTypes")))
        and (day := _decision_date(row)) is not None
        and day <= deadline
    ]
    positive = sum(1 for row in decisions if identifiers(_doc(row).get("riskAssessments")))
    return Measure(positive, len(decisions))


def _has_text(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    return any(plain_text(str(v)) for v in value.values())


def lmos_with_detection_method(
    rows: Iterable[RecordRow], cp: frozenset[str], deadline: dt.date
) -> Measure:
    """A.8(a): LMOs with a detection method (text in any language, or links)."""
    lmos = [row for row in rows if row.schema == "modifiedOrganism"]
    positive = sum(
        1
        for row in lmos
        if _has_text(_doc(row).get("detectionMethod"))
        or not is_empty(_doc(row).get("detectionMethodLinks"))
    )
    return Measure(positive, len(lmos))


RECORD_MEASURES: dict[str, Callable[[Iterable[RecordRow], frozenset[str], dt.date], Measure]] = {
    "A.1(b)": focal_points_and_authority,
    "A.2(b)": beyond_mandatory,
    "A.5(b)": decisions_with_risk_assessment,
    "A.8(a)": lmos_with_detection_method,
}
