"""The indicators measured on clearing-house records: plain functions over plain rows.

Each measure takes the records current on a cycle's deadline (the latest revision of each
record published on or before it), the Parties to the Cartagena Protocol on that deadline and
the deadline, and returns a numerator over a denominator, with the Parties counted when the
denominator is Parties. The indicator engine turns the figures into its usual result.
"""

from __future__ import annotations

import datetime as dt
import re
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


# A detection-method text that only says there is none (A.8(a) does not count it): the whole
# text is one of NONE_WORDS, or it opens with a negation and is short ("No method.") or says
# "available", "exists"... ("No detection method is available").
NONE_WORDS = frozenset(
    {"no", "none", "n/a", "na", "nil", "unknown", "not available", "not applicable", "-"}
    | {"aucune", "aucun", "néant", "non disponible", "ninguno", "ninguna", "no disponible"}
    | {"нет", "отсутствует", "无", "没有", "暂无", "不适用", "لا يوجد", "غير متوفر"}
)
NEGATION = re.compile(
    r"^(no|none|not|there is no|aucune?|il n'existe|pas de|no hay|no existe|ningún|ninguna"
    r"|нет|отсутству|无|没有|暂无|尚无|لا يوجد|لا توجد)",
    re.IGNORECASE,
)
AVAILABILITY = re.compile(
    r"(available|exists?|known|developed|provided|disponible|existe|connue?|conocido"
    r"|доступ|существует|известен|разработан|可用|可获得|提供|متاح|متوفر)",
    re.IGNORECASE,
)


def describes_a_method(text: str) -> bool:
    """A detection-method text that gives a method, not a statement that none exists."""
    words = " ".join(plain_text(text).lower().strip(" .;:!。").split())
    if not words or words in NONE_WORDS:
        return False
    says_none = NEGATION.match(words) and (len(words.split()) <= 3 or AVAILABILITY.search(words))
    return not says_none


def _gives_a_method(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    return any(describes_a_method(str(v)) for v in value.values())


def lmos_with_detection_method(
    rows: Iterable[RecordRow], cp: frozenset[str], deadline: dt.date
) -> Measure:
    """A.8(a): LMOs with a detection method: links, or a text in any language that describes
    a method (a text only saying that none exists does not count)."""
    lmos = [row for row in rows if row.schema == "modifiedOrganism"]
    positive = sum(
        1
        for row in lmos
        if _gives_a_method(_doc(row).get("detectionMethod"))
        or not is_empty(_doc(row).get("detectionMethodLinks"))
    )
    return Measure(positive, len(lmos))


def _schema_in(*schemas: str) -> Callable[[RecordRow], bool]:
    return lambda row: row.schema in schemas


@dataclass(frozen=True)
class RecordIndicator:
    """An indicator measured on records: its measure, and which records it counts. An
    indicator reads records only when the cycle has some it counts; records of other types
    never switch it from its report fallback."""

    measure: Callable[[Iterable[RecordRow], frozenset[str], dt.date], Measure]
    counts: Callable[[RecordRow], bool]
    kinds: str  # the records it counts, in words (notes and reasons)


RECORD_INDICATORS: dict[str, RecordIndicator] = {
    "A.1(b)": RecordIndicator(
        focal_points_and_authority,
        _schema_in("focalPoint", "authority"),
        "national focal points or competent national authorities",
    ),
    "A.2(b)": RecordIndicator(
        beyond_mandatory,
        lambda row: row.schema in NON_MANDATORY or bool(row.submitted_for),
        "national databases, experts or country profiles, or reference records submitted by "
        "a Party's users",
    ),
    "A.5(b)": RecordIndicator(
        decisions_with_risk_assessment,
        _schema_in("biosafetyDecision"),
        "decisions on LMOs",
    ),
    "A.8(a)": RecordIndicator(lmos_with_detection_method, _schema_in("modifiedOrganism"), "LMOs"),
}
