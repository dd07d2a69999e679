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
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, get_args, get_type_hints

from cpbtracker.indicators.engine.methods import Condition, Method
from cpbtracker.indicators.engine.sources import record_source
from cpbtracker.reporting.questionnaire import answer_values

POSITIVE, NEGATIVE, EXCLUDED = "positive", "negative", "excluded"
OUTSIDE_BASE = "outside_base"  # Parties a condition leaves outside the indicator's base
PARTY_GROUPS = (POSITIVE, NEGATIVE, EXCLUDED, "not_answered", OUTSIDE_BASE, "not_reported")
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

    def to_json(self) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ManualFigure:
        dates = {name for name, hint in get_type_hints(cls).items() if dt.date in get_args(hint)}
        values: dict[str, Any] = {
            k: dt.date.fromisoformat(v) if k in dates and v else v for k, v in data.items()
        }
        return cls(**values)


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
    records: tuple[Any, ...] | None = None  # rows as the records app reads them


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
    baseline_reason: str = ""  # why there is no baseline, where the rules refuse one
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

    def to_json(self) -> dict[str, Any]:
        """The figure as JSON, as the indicators' store and the evaluation's snapshots keep it:
        every field but what only computing a region reads. :meth:`from_json` reads it back."""
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name in COMPUTING_ONLY:
                continue
            value = getattr(self, f.name)
            if isinstance(value, Result | ManualFigure):
                value = value.to_json()
            elif f.name == "parts":
                value = [part.to_json() for part in value]
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        """The figure :meth:`to_json` wrote; fields it does not name take their defaults."""
        values = dict(data)
        if values.get("baseline") is not None:
            values["baseline"] = cls.from_json(values["baseline"])
        values["parts"] = [cls.from_json(part) for part in values.get("parts", ())]
        if values.get("figure") is not None:
            values["figure"] = ManualFigure.from_json(values["figure"])
        if "respondent_groups" in values:
            values["respondent_groups"] = tuple(values["respondent_groups"])
        # PostgreSQL's jsonb keeps no key order: the engine gives the distribution by value
        values["distribution"] = dict(sorted(values.get("distribution", {}).items()))
        return cls(**values)

    @property
    def is_computed(self) -> bool:
        return self.status == "computed"

    @property
    def has_no_data(self) -> bool:
        return self.status == "no-data"

    @property
    def is_awaiting_records(self) -> bool:
        return self.status == "awaiting-records"

    @property
    def is_manual(self) -> bool:
        return self.status == "manual"

    @property
    def is_count(self) -> bool:
        return self.unit == "count"

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"

    @property
    def has_counts(self) -> bool:
        """Numerator, denominator and population mean something (computed, or nothing yet)."""
        return self.is_computed or self.has_no_data

    @property
    def reads_records(self) -> bool:
        """A clearing-house figure read from records of the types it counts."""
        return self.source == "records" and not self.is_awaiting_records

    @property
    def measured_from_reports_for_records(self) -> bool:
        """A clearing-house indicator measured from national reports (none of its records yet)."""
        return self.source == "records" and self.measured_from == "report"

    @property
    def response_rate(self) -> float | None:
        """Parties that reported ÷ population (report figures only)."""
        if self.reporting is None or not self.population:
            return None
        return round(100 * self.reporting / self.population, 1)

    @property
    def baseline_value(self) -> float | None:
        return None if self.baseline is None else self.baseline.value

    @property
    def change(self) -> float | None:
        """Change since the baseline, in the indicator's unit (percentage points for percents)."""
        if self.value is None or self.baseline_value is None:
            return None
        return round(self.value - self.baseline_value, 1)


# What only computing a region reads (see :func:`restrict`): stored figures leave it out.
COMPUTING_ONLY = frozenset({"members", "party_values"})


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
    population = population_of(method, rows)
    figures = RULES[rule_of(method)](method, rows, population, result_of)
    parts = figures.parts
    if parts is None:
        parts = [_part(part, rows, result_of) for part in method.parts]
    return Result(
        code=method.code,
        cycle=rows.cycle,
        source=method.source,
        status=figures.status,
        value=figures.value,
        numerator=figures.numerator,
        denominator=figures.denominator,
        population=len(population) if figures.population is None else figures.population,
        reporting=figures.reporting,
        distribution=figures.distribution,
        parties=figures.parties,
        note=figures.note,
        members=frozenset(population),
        respondent_groups=figures.respondent_groups,
        party_values=figures.party_values,
        unit=method.unit,
        measured_from=figures.measured_from or method.source,
        figure=figures.figure,
        parts=parts,
    )


def population_of(method: Method, rows: CycleRows) -> frozenset[str]:
    """The Parties an indicator is about: those of the CP, or of the SP, on the deadline."""
    return rows.sp if method.population == "sp" else rows.cp


def rule_of(method: Method) -> str:
    """The key of the method's rule in :data:`RULES`: a report method's kind, else its source."""
    return method.kind if method.source == "report" else method.source


def _part(part: Method, rows: CycleRows, result_of: ResultOf) -> Result:
    if part.indicator:
        if result_of is None:
            raise ValueError(f"{part.code} needs the result of {part.indicator}")
        result = result_of(part.indicator)
        proxy = False
    elif part.proxy_for and result_of and result_of(part.proxy_for).status == "computed":
        result = result_of(part.proxy_for)  # the indicator has data: no stand-in needed
        proxy = False
    else:
        result = compute(part, rows, result_of=result_of)
        proxy = bool(part.proxy_for)
    return replace(
        restrict(result, result.members),  # counted as restrict() counts any grouping
        key=part.key,
        label=part.label or {"en": part.indicator or part.key},
        proxy=proxy,
        parts=[],  # a part's own secondary figures are shown on its own page
    )


@dataclass(frozen=True)
class Figures:
    """What a rule measured; :func:`compute` makes the indicator's :class:`Result` of it."""

    status: str = "computed"
    value: float | None = None
    numerator: int = 0
    denominator: int = 0
    population: int | None = None  # None: the method's population
    reporting: int | None = None
    parties: dict[str, list[str]] = field(default_factory=dict)
    respondent_groups: tuple[str, ...] = (POSITIVE, NEGATIVE)
    distribution: dict[str, int] = field(default_factory=dict)
    party_values: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    figure: ManualFigure | None = None
    measured_from: str = ""  # "": the method's source
    parts: list[Result] | None = None  # None: compute() adds the method's parts


def share(numerator: int, denominator: int) -> float | None:
    """100 × numerator ÷ denominator to one decimal; None without a denominator."""
    return round(100 * numerator / denominator, 1) if denominator else None


def _fraction(numerator: int, denominator: int) -> dict[str, Any]:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": share(numerator, denominator),
    }


Rule = Callable[[Method, CycleRows, frozenset[str], ResultOf], Figures]


def _records(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """Records decide once the cycle has records of the types the indicator counts: a
    numerator over Parties, decisions or LMOs. Until then, the method's report-based
    fallback, or nothing; records of other types never switch it."""
    indicator = record_source().indicators[method.code]
    counted_records = tuple(r for r in rows.records or () if indicator.counts(r))
    if not counted_records:
        missing = records_missing(method.code, rows.deadline)
        if method.fallback is None:
            return Figures(status="awaiting-records", note=missing)
        fallback = method.fallback
        counted = population_of(fallback, rows)
        measured = RULES[rule_of(fallback)](fallback, rows, counted, result_of)
        return replace(
            measured,
            population=len(counted),
            measured_from="report",
            note=f"measured from national reports: {missing}",
        )
    measure = indicator.measure(counted_records, rows.cp, rows.deadline)
    parties = {}
    if measure.positive is not None:
        parties = {POSITIVE: sorted(measure.positive), NEGATIVE: sorted(measure.negative or ())}
    return Figures(
        status="computed" if measure.denominator else "no-data",
        **_fraction(measure.numerator, measure.denominator),
        population=measure.denominator,
        parties=parties,
        note=f"clearing-house records published on or before {rows.deadline}",
    )


def records_missing(code: str, deadline: dt.date) -> str:
    """Why a records indicator has no records to read on a deadline (notes and reasons)."""
    kinds = record_source().indicators[code].kinds
    return f"no clearing-house records of {kinds} published on or before {deadline}"


def _manual(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """A figure the Secretariat entered, with its source and date or window."""
    figure = rows.manual.get((method.code, method.key))
    if figure is None:
        return Figures(status="manual", respondent_groups=(), note="no figure entered")
    when = figure.as_of or (
        f"{figure.window_start} - {figure.window_end}" if figure.window_start else ""
    )
    fraction: dict[str, Any] = {"value": figure.value}
    if figure.numerator is not None and figure.denominator:
        fraction = _fraction(figure.numerator, figure.denominator)
    return Figures(
        status="manual",
        respondent_groups=(),
        figure=figure,
        note=figure.source + (f", {when}" if when else ""),
        **fraction,
    )


def _cases(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """A.4(b): Parties whose every case identified by the deadline was addressed by then,
    over Parties with a case identified by the deadline."""
    known = [c for c in rows.cases if c.party in population and c.identified_on <= rows.deadline]
    with_cases = {c.party for c in known}
    open_ = {c.party for c in known if not c.addressed_on or c.addressed_on > rows.deadline}
    return Figures(
        status="computed" if with_cases else "no-data",
        **_fraction(len(with_cases - open_), len(with_cases)),
        parties={
            POSITIVE: sorted(with_cases - open_),
            NEGATIVE: sorted(open_),
            OUTSIDE_BASE: sorted(population - with_cases),
        },
    )


def _membership(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """A.10(a): the population's Parties that are also Parties to the Supplementary Protocol."""
    members = population & rows.sp
    return Figures(
        **_fraction(len(members), len(population)),
        parties={POSITIVE: sorted(members), NEGATIVE: sorted(population - rows.sp)},
        respondent_groups=WHOLE_POPULATION,
    )


def _reported(rows: CycleRows, population: frozenset[str]) -> frozenset[str]:
    return population & rows.submissions.keys()


def _over_population(
    population: frozenset[str], reported: frozenset[str], positive: set[str] | frozenset[str]
) -> Figures:
    """Positive Parties over every Party of the population; non-reporters count as not positive."""
    return Figures(
        **_fraction(len(positive), len(population)),
        reporting=len(reported),
        parties={
            POSITIVE: sorted(positive),
            NEGATIVE: sorted(reported - positive),
            "not_reported": sorted(population - reported),
        },
        respondent_groups=WHOLE_POPULATION,
    )


def _derived(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """Positive on every indicator in ``requires`` and every part, among Parties that reported;
    the parts (the components) are computed with it."""
    if result_of is None:
        raise ValueError(f"{method.code} needs the results of other indicators")
    reported = _reported(rows, population)
    parts = [_part(part, rows, result_of) for part in method.parts]
    positive = set(reported)
    for positives in [result_of(code).parties for code in method.requires] + [
        p.parties for p in parts
    ]:
        positive &= set(positives.get(POSITIVE, ()))
    return replace(_over_population(population, reported, positive), parts=parts)


def _answered(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """Parties whose report answers at least one of the questions, over the population."""
    reported = _reported(rows, population)
    answered = {
        p for p in reported if any(rows.submissions[p].answers.get(q) for q in method.questions)
    }
    return _over_population(population, reported, answered)


def _timely_complete(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """A.3(a): Parties whose earliest complete submitted version is dated by the deadline."""
    reported = _reported(rows, population)
    on_time = {
        p
        for p in reported
        if (first := rows.submissions[p].first_complete_on) and first <= rows.deadline
    }
    return _over_population(population, reported, on_time)


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


def _answers(
    method: Method, rows: CycleRows, population: frozenset[str], result_of: ResultOf
) -> Figures:
    """The default rule: positive Parties over those whose answer counts (module docstring)."""
    groups: dict[str, list[str]] = {name: [] for name in PARTY_GROUPS}
    distribution: Counter[str] = Counter()
    party_values: dict[str, list[str]] = {}
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
            groups[OUTSIDE_BASE].append(party)
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
        party_values[party] = values
        distribution.update(values)
    denominator = len(groups[POSITIVE]) + len(groups[NEGATIVE])
    return Figures(
        status="computed" if denominator else "no-data",
        **_fraction(len(groups[POSITIVE]), denominator),
        reporting=len(_reported(rows, population)),
        distribution=dict(sorted(distribution.items())),
        parties=groups,
        party_values=party_values,
    )


# How each kind of method is measured: a report method's kind, or a method's source. A new
# source (clearing-house records, capacity-building, evaluation) is a new row.
RULES: dict[str, Rule] = {
    "answers": _answers,
    "answered": _answered,
    "derived": _derived,
    "timely_complete": _timely_complete,
    "membership": _membership,
    "records": _records,
    "manual": _manual,
    "cases": _cases,
}


def _meets(
    condition: Condition, answers: Mapping[str, object], party: str, eligible: set[str] | None
) -> bool:
    if condition.any_of:
        return any(_meets(c, answers, party, eligible) for c in condition.any_of)
    if condition.indicator:
        return eligible is not None and party in eligible
    values = answer_values(answers.get(condition.question or ""))
    return any(v in condition.values for v in values)


def restrict(result: Result, keep: set[str] | frozenset[str]) -> Result:
    """The same result over the Parties in ``keep`` only (a region), from the drill-down: what
    a region changes is recomputed, the rest is the result's own. The region's baseline is
    its own too, attached afterwards (``with_baseline``)."""
    members = result.members & keep
    parties = {group: [p for p in names if p in keep] for group, names in result.parties.items()}
    regional = replace(
        result,
        members=members,
        parties=parties,
        party_values={p: v for p, v in result.party_values.items() if p in keep},
        parts=[restrict(p, keep) for p in result.parts],
        baseline=None,
        baseline_reason="",
    )
    # Figures with no Parties behind them (manual figures; records counting decisions or
    # LMOs) stand for the whole population only: a region gets no figure of its own.
    if result.status in ("awaiting-records", "manual") or not result.parties:
        if members == result.members:  # the whole population: the figure stands
            return regional
        return replace(
            regional,
            value=None,
            figure=None,
            numerator=0,
            denominator=0,
            population=len(members),
            reporting=None,
            distribution={},
            note="no regional figure" if result.value is not None else result.note,
        )
    numerator = len(parties.get(POSITIVE, ()))
    denominator = sum(len(parties.get(group, ())) for group in result.respondent_groups)
    no_data = result.respondent_groups == (POSITIVE, NEGATIVE) and not denominator
    return replace(
        regional,
        status="no-data" if no_data else result.status,
        value=share(numerator, denominator),
        numerator=numerator,
        denominator=denominator,
        population=len(members),
        reporting=None
        if result.reporting is None
        else sum(len(v) for k, v in parties.items() if k != "not_reported"),
        distribution=dict(
            sorted(Counter(v for vs in regional.party_values.values() for v in vs).items())
        ),
    )
