"""Computing indicators from one cycle's tidy rows: no database, no HTTP.

Default rule for report-based indicators: value = 100 × positive Parties ÷ denominator,
where the denominator counts the Parties of the population with a submitted report of the
cycle that answered the question(s) with a value that is not excluded. For yes/no questions,
``true`` and ``true.*`` are positive, ``false`` negative, and "not applicable" values
(``false.na``, ``na`` and the like) excluded. The response rate is another figure: Parties
of the population that reported ÷ population.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cpbtracker.indicators.engine.methods import Condition, Method
from cpbtracker.records.indicators import RECORD_MEASURES, RecordRow
from cpbtracker.reporting.questionnaire import answer_values

POSITIVE, NEGATIVE, EXCLUDED = "positive", "negative", "excluded"
PARTY_GROUPS = (POSITIVE, NEGATIVE, EXCLUDED, "not_answered", "not_applicable", "not_reported")
WHOLE_POPULATION = (POSITIVE, NEGATIVE, "not_reported")  # denominators that count every Party


@dataclass(frozen=True)
class Submission:
    """A Party's submitted report in a cycle: answers (NR5 keys) from its latest version."""

    submitted_on: dt.date
    answers: Mapping[str, object]
    # the date of its earliest submitted version that passed the questionnaire's validation
    # (A.3(a)): reopening and resubmitting later does not make an on-time report late
    first_complete_on: dt.date | None = None
    nr4: Mapping[str, object] | None = None  # the 4th report's own answers (baseline cycle)


@dataclass(frozen=True)
class ManualFigure:
    value: float | None
    source: str
    as_of: dt.date | None = None
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class Case:
    """A non-compliance issue the Compliance Committee identified for a Party (A.4(b))."""

    party: str
    identified_on: dt.date
    addressed_on: dt.date | None = None


@dataclass(frozen=True)
class CycleRows:
    cycle: int
    deadline: dt.date
    cp: frozenset[str]  # Parties to the Cartagena Protocol on the deadline
    sp: frozenset[str]  # Parties to the Supplementary Protocol on the deadline
    regions: Mapping[str, str]
    submissions: Mapping[str, Submission]
    manual: Mapping[tuple[str, str], ManualFigure] = field(default_factory=dict)  # (code, part)
    cases: tuple[Case, ...] = ()
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
    denominator: int = 0  # the value's denominator ("respondents" in the JSON contract)
    population: int = 0
    reporting: int | None = None  # Parties of the population that reported (report figures)
    distribution: dict[str, int] = field(default_factory=dict)
    parties: dict[str, list[str]] = field(default_factory=dict)  # drill-down, by group
    note: str = ""
    baseline: Result | None = None
    members: frozenset[str] = frozenset()  # the population's Parties
    respondent_groups: tuple[str, ...] = (POSITIVE, NEGATIVE)
    party_values: dict[str, list[str]] = field(default_factory=dict)  # answer values, by Party
    unit: str = "percent"
    measured_from: str = ""  # the source the value was measured from (see `fallback`)
    figure: ManualFigure | None = None  # a manual figure, with its source and date or window
    parts: list[Result] = field(default_factory=list)  # secondary figures
    key: str = ""  # a part's key
    label: dict[str, str] = field(default_factory=dict)  # a part's name
    proxy: bool = False  # a part measured by a stand-in for an indicator without data

    @property
    def response_rate(self) -> float | None:
        """Parties that reported ÷ population (report figures only)."""
        if self.reporting is None or not self.population:
            return None
        return round(100 * self.reporting / self.population, 1)

    @property
    def change(self) -> float | None:
        """Change since the baseline, in percentage points."""
        if self.value is None or self.baseline is None or self.baseline.value is None:
            return None
        return round(self.value - self.baseline.value, 1)


ResultOf = Callable[[str], Result] | None  # another indicator's result, by code


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


def compute(method: Method, rows: CycleRows, *, result_of: ResultOf = None) -> Result:
    """The indicator's result for the cycle, over all Parties of its population, with its
    secondary figures (``parts``).

    ``result_of(code)`` gives another indicator's result, for conditions like A.9(b) "among
    Parties that take socio-economic considerations into account" and for derived indicators.
    A region's figures come from :func:`restrict`, with no second pass over the answers.
    """
    result = _compute(method, rows, result_of)
    if method.kind != "derived":  # a derived indicator's parts are computed with it
        result.parts = [_part(part, rows, result_of) for part in method.parts]
    return result


def _part(part: Method, rows: CycleRows, result_of: ResultOf) -> Result:
    if part.indicator:
        if result_of is None:
            raise ValueError(f"{part.code} needs the result of {part.indicator}")
        result = result_of(part.indicator)
    elif part.proxy_for and result_of and result_of(part.proxy_for).status == "computed":
        result = result_of(part.proxy_for)  # the indicator has data: no stand-in needed
    else:
        result = compute(part, rows, result_of=result_of)
        result.proxy = bool(part.proxy_for)
    shown = restrict(result, result.members)  # a copy, so that the part's key is its own
    shown.key = part.key
    shown.label = part.label or {"en": part.indicator or part.key}
    shown.proxy = result.proxy
    shown.parts = []  # a part's own secondary figures are shown on its own page
    return shown


def _compute(method: Method, rows: CycleRows, result_of: ResultOf) -> Result:
    result = Result(
        code=method.code,
        cycle=rows.cycle,
        source=method.source,
        status="computed",
        unit=method.unit,
        measured_from=method.source,
    )
    population = set(rows.sp if method.population == "sp" else rows.cp)
    result.members = frozenset(population)
    result.population = len(population)
    if method.source == "records" and rows.records is not None:
        return _from_records(method, rows, result)
    if method.source == "records":
        if method.fallback:
            return _measured_from_reports(method.fallback, rows, result_of, result)
        result.status = "awaiting-records"
        result.note = "awaiting clearing-house records"
        return result
    if method.source == "manual":
        return _manual(method, rows, result)
    if method.source == "cases":
        return _cases(rows, population, result)
    if method.source == "registry":
        members = population & rows.sp
        _fraction(result, len(members), len(population))
        result.parties = {POSITIVE: sorted(members), NEGATIVE: sorted(population - rows.sp)}
        result.respondent_groups = WHOLE_POPULATION
        return result
    reported = population & rows.submissions.keys()
    result.reporting = len(reported)
    if method.kind == "derived":
        if result_of is None:
            raise ValueError(f"{method.code} needs the results of other indicators")
        positive = set(reported)
        for code in method.requires:
            positive &= set(result_of(code).parties.get(POSITIVE, ()))
        result.parts = [_part(part, rows, result_of) for part in method.parts]
        for part in result.parts:
            positive &= set(part.parties.get(POSITIVE, ()))
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
            if (first := rows.submissions[p].first_complete_on) and first <= rows.deadline
        }
        return _over_population(result, population, reported, on_time)
    return _from_answers(method, rows, population, result, result_of)


def _measured_from_reports(
    fallback: Method, rows: CycleRows, result_of: ResultOf, result: Result
) -> Result:
    """A records indicator measured from national reports while the cycle has no records."""
    measured = _compute(fallback, rows, result_of)
    measured.source = result.source
    measured.measured_from = "report"
    measured.note = "measured from national reports until clearing-house records exist"
    return measured


def _manual(method: Method, rows: CycleRows, result: Result) -> Result:
    figure = rows.manual.get((method.code, method.key))
    result.status = "manual"
    result.respondent_groups = ()
    if figure is None:
        result.note = "no figure entered"
        return result
    result.figure = figure
    result.value = figure.value
    if figure.numerator is not None and figure.denominator:
        _fraction(result, figure.numerator, figure.denominator)
    when = figure.as_of or (
        f"{figure.window_start} - {figure.window_end}" if figure.window_start else ""
    )
    result.note = figure.source + (f", {when}" if when else "")
    return result


def _cases(rows: CycleRows, population: set[str], result: Result) -> Result:
    """A.4(b): Parties whose every case identified by the deadline was addressed by then,
    over Parties with a case identified by the deadline."""
    known = [c for c in rows.cases if c.party in population and c.identified_on <= rows.deadline]
    with_cases = {c.party for c in known}
    open_ = {c.party for c in known if not c.addressed_on or c.addressed_on > rows.deadline}
    result.parties = {
        POSITIVE: sorted(with_cases - open_),
        NEGATIVE: sorted(open_),
        "not_applicable": sorted(population - with_cases),
    }
    _fraction(result, len(with_cases - open_), len(with_cases))
    if not with_cases:
        result.status = "no-data"
    return result


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


def answers_of(method: Method, submission: Submission) -> Mapping[str, object]:
    """The Party's answers as the method reads them: in a 4th report, the method's own
    ``baseline_questions`` replace the BCH mapping's choice."""
    if submission.nr4 is None or not method.baseline_questions:
        return submission.answers
    answers = dict(submission.answers)
    for nr5, nr4 in method.baseline_questions.items():
        answers.pop(nr5, None)
        if nr4 and nr4 in submission.nr4:
            answers[nr5] = submission.nr4[nr4]
    return answers


def _from_answers(
    method: Method, rows: CycleRows, population: set[str], result: Result, result_of: ResultOf
) -> Result:
    groups: dict[str, list[str]] = {name: [] for name in PARTY_GROUPS}
    distribution: Counter[str] = Counter()
    eligible = None
    if method.condition and method.condition.indicator and result_of:
        eligible = set(result_of(method.condition.indicator).parties.get(POSITIVE, ()))
    for party in sorted(population):
        submission = rows.submissions.get(party)
        if submission is None:
            groups["not_reported"].append(party)
            continue
        answers = answers_of(method, submission)
        if method.condition and not _meets(method.condition, answers, party, eligible):
            groups["not_applicable"].append(party)
            continue
        if method.excluded_if and _meets(method.excluded_if, answers, party, None):
            verdict: str | None = EXCLUDED
        elif method.negative_if and _meets(method.negative_if, answers, party, None):
            verdict = NEGATIVE
        else:
            verdict = classify_party(method, answers)
        if verdict is None:
            groups["not_answered"].append(party)
            continue
        groups[verdict].append(party)
        values = [v for q in method.questions for v in answer_values(answers.get(q))]
        result.party_values[party] = values
        distribution.update(values)
    denominator = len(groups[POSITIVE]) + len(groups[NEGATIVE])
    _fraction(result, len(groups[POSITIVE]), denominator)
    result.distribution = dict(sorted(distribution.items()))
    result.parties = groups
    if not denominator:
        result.status = "no-data"
    return result


def _meets(
    condition: Condition, answers: Mapping[str, object], party: str, eligible: set[str] | None
) -> bool:
    if condition.any_of:
        return any(_meets(c, answers, party, eligible) for c in condition.any_of)
    if condition.indicator:
        return eligible is not None and party in eligible
    values = answer_values(answers.get(condition.question))
    return any(v in condition.values for v in values)


def _fraction(result: Result, numerator: int, denominator: int) -> None:
    result.numerator = numerator
    result.denominator = denominator
    result.value = round(100 * numerator / denominator, 1) if denominator else None


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
        measured_from=result.measured_from,
        parts=[restrict(p, keep) for p in result.parts],
        key=result.key,
        label=result.label,
        proxy=result.proxy,
    )
    # Figures with no Parties behind them (manual figures; records counting decisions or
    # LMOs) stand for the whole population only: a region gets no figure of its own.
    if result.status in ("awaiting-records", "manual") or not result.parties:
        if members == result.members:  # the whole population: the figure stands
            part.value, part.figure = result.value, result.figure
            part.numerator, part.denominator = result.numerator, result.denominator
            part.population = result.population
        elif result.value is not None:
            part.note = "no regional figure"
        return part
    if result.reporting is not None:
        part.reporting = sum(len(v) for k, v in parties.items() if k != "not_reported")
    denominator = sum(len(parties.get(group, ())) for group in result.respondent_groups)
    _fraction(part, len(parties.get(POSITIVE, ())), denominator)
    part.distribution = dict(
        sorted(Counter(v for vs in part.party_values.values() for v in vs).items())
    )
    if result.respondent_groups == (POSITIVE, NEGATIVE) and not denominator:
        part.status = "no-data"
    return part
