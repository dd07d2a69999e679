"""Computing indicators from one cycle's tidy rows: no database, no HTTP.

Default rule for report-based indicators: value = 100 × positive respondents ÷ respondents,
where respondents are the Parties of the population with a submitted report of the cycle
that answered the question(s) with a value that is not excluded. For yes/no questions,
``true`` and ``true.*`` are positive, ``false`` negative, and "not applicable" values
(``false.na``, ``na`` and the like) excluded.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cpbtracker.indicators.engine.methods import Method
from cpbtracker.records.indicators import RECORD_MEASURES, RecordRow
from cpbtracker.reporting.questionnaire import answer_values

POSITIVE, NEGATIVE, EXCLUDED = "positive", "negative", "excluded"
PARTY_GROUPS = (POSITIVE, NEGATIVE, EXCLUDED, "not_answered", "not_applicable", "not_reported")
WHOLE_POPULATION = (POSITIVE, NEGATIVE, "not_reported")  # denominators that count every Party


@dataclass(frozen=True)
class Submission:
    """A Party's submitted report in a cycle (answers under NR5 keys)."""

    submitted_on: dt.date
    answers: Mapping[str, object]
    complete: bool = True  # passed the questionnaire's validation (used by A.3(a))


@dataclass(frozen=True)
class ManualFigure:
    value: float
    source: str
    as_of: dt.date | None = None


@dataclass(frozen=True)
class CycleRows:
    cycle: int
    deadline: dt.date
    cp: frozenset[str]  # Parties to the Cartagena Protocol on the deadline
    sp: frozenset[str]  # Parties to the Supplementary Protocol on the deadline
    regions: Mapping[str, str]
    submissions: Mapping[str, Submission]
    manual: Mapping[str, ManualFigure] = field(default_factory=dict)
    # clearing-house records current on the deadline; None: none published by then
    records: tuple[RecordRow, ...] | None = None


@dataclass
class Result:
    code: str
    cycle: int
    source: str
    status: str  # computed | no-data | awaiting-records | manual
    value: float | None = None
    numerator: int = 0
    respondents: int = 0
    population: int = 0
    distribution: dict[str, int] = field(default_factory=dict)
    parties: dict[str, list[str]] = field(default_factory=dict)  # drill-down, by group
    note: str = ""
    baseline: Result | None = None
    members: frozenset[str] = frozenset()  # the population's Parties
    respondent_groups: tuple[str, ...] = (POSITIVE, NEGATIVE)
    party_values: dict[str, list[str]] = field(default_factory=dict)  # answer values, by Party
    unit: str = "percent"

    @property
    def response_rate(self) -> float | None:
        if not self.population:
            return None
        return round(100 * self.respondents / self.population, 1)

    @property
    def change(self) -> float | None:
        """Change since the baseline, in percentage points."""
        if self.value is None or self.baseline is None or self.baseline.value is None:
            return None
        return round(self.value - self.baseline.value, 1)


def is_not_applicable(value: str) -> bool:
    return value == "na" or value.endswith(".na") or value.endswith(".notApplicable")


def classify(method: Method, values: list[str]) -> str | None:
    """positive / negative / excluded for one question's answer values; None if unanswered."""
    if not values:
        return None
    if any(v in method.excluded or is_not_applicable(v) for v in values):
        return EXCLUDED
    if method.positive:
        hit = any(v in method.positive for v in values)
    else:
        hit = any(v == "true" or v.startswith("true.") for v in values)
    return POSITIVE if hit else NEGATIVE


def classify_party(method: Method, answers: Mapping[str, object]) -> str | None:
    """Combine the Party's answers to the method's questions.

    any: positive when one counted answer is positive. all: negative as soon as one answer is
    negative, positive when every answered question is positive or excluded and none is
    missing. Excluded answers drop out; a Party whose answers are all excluded is excluded.
    """
    classes = [classify(method, answer_values(answers.get(q))) for q in method.questions]
    answered = [c for c in classes if c is not None]
    if not answered:
        return None
    counted = [c for c in answered if c != EXCLUDED]
    if method.combine == "all":
        if NEGATIVE in counted:
            return NEGATIVE
        if len(answered) < len(classes):
            return None
        return POSITIVE if counted else EXCLUDED
    if not counted:
        return EXCLUDED
    return POSITIVE if POSITIVE in counted else NEGATIVE


def compute(
    method: Method,
    rows: CycleRows,
    *,
    positives_of: Callable[[str], set[str]] | None = None,
) -> Result:
    """The indicator's result for the cycle, over all Parties of its population.

    ``positives_of(code)`` gives the Parties positive on another indicator, for conditions
    like A.9(b) "among Parties that take socio-economic considerations into account".
    A region's figures come from :func:`restrict`, with no second pass over the answers.
    """
    result = Result(
        code=method.code,
        cycle=rows.cycle,
        source=method.source,
        status="computed",
        unit=method.unit,
    )
    population = set(rows.sp if method.population == "sp" else rows.cp)
    result.members = frozenset(population)
    result.population = len(population)
    if method.source == "records" and rows.records is not None:
        return _from_records(method, rows, result)
    if method.source == "records":
        result.status = "awaiting-records"
        result.note = "awaiting clearing-house records"
        return result
    if method.source == "manual":
        figure = rows.manual.get(method.code)
        result.status = "manual"
        if figure:
            result.value = figure.value
            result.note = f"{figure.source}" + (f", {figure.as_of}" if figure.as_of else "")
        else:
            result.note = "no figure entered"
        return result
    if method.source == "registry":
        members = population & rows.sp
        _fraction(result, len(members), len(population))
        result.parties = {POSITIVE: sorted(members), NEGATIVE: sorted(population - rows.sp)}
        result.respondent_groups = WHOLE_POPULATION
        return result
    reported = population & rows.submissions.keys()
    if method.kind == "derived":
        if positives_of is None:
            raise ValueError(f"{method.code} needs the results of {', '.join(method.requires)}")
        positive = set(reported)
        for code in method.requires:
            positive &= positives_of(code)
        return _over_population(result, population, reported, positive)
    if method.kind == "answered":
        answered = {
            p for p in reported if any(rows.submissions[p].answers.get(q) for q in method.questions)
        }
        return _over_population(result, population, reported, answered)
    if method.kind == "timely_complete":
        on_time = {
            p
            for p in reported
            if rows.submissions[p].submitted_on <= rows.deadline and rows.submissions[p].complete
        }
        return _over_population(result, population, reported, on_time)
    return _from_answers(method, rows, population, result, positives_of)


def _from_records(method: Method, rows: CycleRows, result: Result) -> Result:
    """Records decide once any exist for the cycle: a numerator over Parties, decisions or LMOs."""
    measure = RECORD_MEASURES[method.code](rows.records or (), rows.cp, rows.deadline)
    _fraction(result, measure.numerator, measure.denominator)
    result.population = measure.denominator
    result.note = f"clearing-house records published on or before {rows.deadline}"
    if measure.positive is not None:
        result.parties = {POSITIVE: sorted(measure.positive), NEGATIVE: sorted(measure.negative)}
    if not measure.denominator:
        result.status = "no-data"
    return result


def _over_population(result: Result, population: set[str], reported: set[str], positive: set[str]):
    """Positive Parties over every Party of the population; non-reporters count as not positive."""
    _fraction(result, len(positive), len(population))
    result.parties = {
        POSITIVE: sorted(positive),
        NEGATIVE: sorted(reported - positive),
        "not_reported": sorted(population - reported),
    }
    result.respondent_groups = WHOLE_POPULATION
    return result


def _from_answers(method, rows, population, result, positives_of) -> Result:
    groups: dict[str, list[str]] = {name: [] for name in PARTY_GROUPS}
    distribution: Counter[str] = Counter()
    eligible = None
    if method.condition and method.condition.indicator and positives_of:
        eligible = positives_of(method.condition.indicator)
    for party in sorted(population):
        submission = rows.submissions.get(party)
        if submission is None:
            groups["not_reported"].append(party)
            continue
        if not _meets_condition(method, submission.answers, party, eligible):
            groups["not_applicable"].append(party)
            continue
        verdict = classify_party(method, submission.answers)
        if verdict is None:
            groups["not_answered"].append(party)
            continue
        groups[verdict].append(party)
        values = [v for q in method.questions for v in answer_values(submission.answers.get(q))]
        result.party_values[party] = values
        distribution.update(values)
    respondents = len(groups[POSITIVE]) + len(groups[NEGATIVE])
    _fraction(result, len(groups[POSITIVE]), respondents)
    result.distribution = dict(sorted(distribution.items()))
    result.parties = groups
    if not respondents:
        result.status = "no-data"
    return result


def _meets_condition(method: Method, answers, party: str, eligible: set[str] | None) -> bool:
    condition = method.condition
    if condition is None:
        return True
    if condition.indicator:
        return eligible is not None and party in eligible
    values = answer_values(answers.get(condition.question))
    return any(v in condition.values for v in values)


def _fraction(result: Result, numerator: int, respondents: int) -> None:
    result.numerator = numerator
    result.respondents = respondents
    result.value = round(100 * numerator / respondents, 1) if respondents else None


def restrict(result: Result, keep: set[str] | frozenset[str]) -> Result:
    """The same result over the Parties in ``keep`` only (a region), from the drill-down."""
    members = result.members & keep
    parties = {group: [p for p in names if p in keep] for group, names in result.parties.items()}
    part = Result(
        code=result.code,
        cycle=result.cycle,
        source=result.source,
        status=result.status,
        population=len(members),
        parties=parties,
        note=result.note,
        members=members,
        respondent_groups=result.respondent_groups,
        unit=result.unit,
        party_values={p: v for p, v in result.party_values.items() if p in keep},
    )
    if result.source == "manual" or not result.parties:
        if result.source == "manual" and result.value is not None:
            part.note = "no regional figure"
        return part
    respondents = sum(len(parties.get(group, ())) for group in result.respondent_groups)
    _fraction(part, len(parties.get(POSITIVE, ())), respondents)
    part.distribution = dict(
        sorted(Counter(v for vs in part.party_values.values() for v in vs).items())
    )
    if result.respondent_groups == (POSITIVE, NEGATIVE) and not respondents:
        part.status = "no-data"
    return part
