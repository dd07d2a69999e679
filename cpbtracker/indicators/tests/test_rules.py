"""The engine's rules on hand-made rows: plain Python, no database."""

from __future__ import annotations

import datetime as dt

from cpbtracker.indicators.engine.compute import (
    RULES,
    CycleRows,
    Result,
    Submission,
    compute,
    rule_of,
)
from cpbtracker.indicators.engine.methods import REPORT_KINDS, SOURCES, Method, parse_methods
from cpbtracker.indicators.results import evaluate as evaluate_all

DEADLINE = dt.date(2023, 11, 1)


def rows(answers: dict[str, dict[str, object]], *, cp=("BR", "CN", "FR", "KE"), sp=("CN", "KE")):
    return CycleRows(
        cycle=5,
        deadline=DEADLINE,
        cp=frozenset(cp),
        sp=frozenset(sp),
        regions={},
        submissions={p: Submission(DEADLINE, a) for p, a in answers.items()},
    )


def method(**entry) -> Method:
    (parsed,) = parse_methods([{"code": "X.1(a)", "description": {"en": "test"}, **entry}])
    return parsed


def evaluate(methods: list[Method], cycle: CycleRows) -> dict[str, Result]:
    return {r.code: r for r in evaluate_all(methods, cycle)}


def yes(key: str) -> dict[str, object]:
    return {key: {"value": "true"}}


def test_every_source_and_report_kind_has_a_rule():
    assert {*REPORT_KINDS, *(SOURCES - {"report"})} == set(RULES)
    assert rule_of(method(source="report", questions=["Q001"])) == "answers"
    assert rule_of(method(source="membership")) == "membership"


def test_answered_counts_parties_that_answered_any_question_over_the_whole_population():
    answered = method(source="report", kind="answered", population="sp", questions=["Q160"])
    cycle = rows({"KE": yes("Q160"), "CN": {"Q007": {"value": "true"}}, "FR": yes("Q160")})
    r = compute(answered, cycle)
    # FR answered but is no SP Party; CN reported without answering Q160
    assert (r.value, r.numerator, r.denominator, r.population) == (50.0, 1, 2, 2)
    assert r.parties == {"positive": ["KE"], "negative": ["CN"], "not_reported": []}
    assert r.reporting == 2


def test_answered_counts_a_party_that_did_not_report_as_not_positive():
    answered = method(source="report", kind="answered", questions=["Q160"])
    r = compute(answered, rows({"KE": yes("Q160")}))
    assert (r.value, r.numerator, r.denominator) == (25.0, 1, 4)
    assert r.parties["not_reported"] == ["BR", "CN", "FR"]


def test_answered_does_not_count_an_empty_answer():
    answered = method(source="report", kind="answered", questions=["Q160"])
    r = compute(answered, rows({"KE": {"Q160": None}, "CN": {"Q160": {}}}))
    assert r.numerator == 0
    assert r.parties["negative"] == ["CN", "KE"]


def test_derived_is_positive_on_every_required_indicator_and_part():
    first = method(source="report", questions=["Q001"])
    second = {**_entry(first), "code": "X.1(b)", "questions": ["Q002"]}
    derived = {
        "code": "X.2(a)",
        "source": "report",
        "kind": "derived",
        "requires": ["X.1(a)"],
        "parts": [{"key": "q3", "label": {"en": "Q3"}, "questions": ["Q003"]}],
        "description": {"en": "test"},
    }
    methods = parse_methods([_entry(first), second, derived])
    cycle = rows(
        {
            "KE": {**yes("Q001"), **yes("Q003")},  # positive on both
            "CN": yes("Q001"),  # not on the part
            "BR": yes("Q003"),  # not on X.1(a)
        }
    )
    r = evaluate(methods, cycle)["X.2(a)"]
    assert (r.value, r.numerator, r.denominator) == (25.0, 1, 4)
    assert r.parties == {"positive": ["KE"], "negative": ["BR", "CN"], "not_reported": ["FR"]}
    # its component is computed with it and shown as a secondary figure
    assert [(p.key, p.numerator, p.denominator) for p in r.parts] == [("q3", 2, 2)]


def test_derived_shows_another_indicator_as_a_component():
    first = method(source="report", questions=["Q001"])
    derived = {
        "code": "X.2(a)",
        "source": "report",
        "kind": "derived",
        "parts": [{"indicator": "X.1(a)", "label": {"en": "X.1(a)"}}],
        "description": {"en": "test"},
    }
    methods = parse_methods([_entry(first), derived])
    r = evaluate(methods, rows({"KE": yes("Q001"), "CN": {"Q001": {"value": "false"}}}))["X.2(a)"]
    assert r.parties["positive"] == ["KE"]
    assert [(p.key, p.value) for p in r.parts] == [("X.1(a)", 50.0)]


def _entry(m: Method) -> dict[str, object]:
    return {
        "code": m.code,
        "source": m.source,
        "questions": list(m.questions),
        "description": {"en": "x"},
    }
