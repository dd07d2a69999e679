"""Indicator values from hand-built reports: the pinned methods' numbers, exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from cpbtracker.indicators.engine.methods import MethodError, packaged_methods, parse_methods
from cpbtracker.indicators.models import ManualValue
from cpbtracker.indicators.results import compute_cycle
from cpbtracker.parties.models import Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.mapping import nr5_to_nr4
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db


def result(code, cycle=5, region=""):
    cycle_obj = ReportingCycle.objects.get(number=cycle)
    return next(r for r in compute_cycle(cycle_obj, region=region) if r.code == code)


def v(value):
    return {"value": value}


def test_a1a_counts_measures_fully_or_partially_in_place(submit, cp_count):
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})
    submit("CN", 5, {"Q007": v("implementation.partiallyInPlace")})
    submit("BR", 5, {"Q007": v("implementation.temporaryMeasures")})
    submit("FR", 5, {"Q007": v("implementation.none")})
    submit("MX", 5, {"Q011": v("true")})  # reported, but not on Q7
    r = result("A.1(a)")
    assert (r.value, r.numerator, r.denominator) == (50.0, 2, 4)
    assert r.population == cp_count(5)
    assert r.status == "computed"
    assert r.distribution == {
        "implementation.fullInPlace": 1,
        "implementation.none": 1,
        "implementation.partiallyInPlace": 1,
        "implementation.temporaryMeasures": 1,
    }
    # the drill-down: the Parties behind the number
    assert r.parties["positive"] == ["CN", "KE"]
    assert r.parties["negative"] == ["BR", "FR"]
    assert r.parties["not_answered"] == ["MX"]
    assert "DE" in r.parties["not_reported"]
    # the response rate counts Parties that reported (MX too), not the value's denominator
    assert r.reporting == 5
    assert r.response_rate == round(100 * 5 / cp_count(5), 1)


@pytest.mark.parametrize(
    ("code", "key"),
    [("A.1(c)", "Q011"), ("A.7(a)", "Q079"), ("B.3(g)", "Q133"), ("B.4(d)", "Q009")],
)
def test_yes_no_indicators_count_true_and_true_some(submit, code, key):
    submit("KE", 5, {key: v("true")})
    submit("CN", 5, {key: v("false")})
    if load_questionnaire("cpbNationalReport5").question(key).option("true.some"):
        submit("BR", 5, {key: v("true.some")})
        expected = (66.7, 2, 3)
    else:
        expected = (50.0, 1, 2)
    r = result(code)
    assert (r.value, r.numerator, r.denominator) == expected


def test_not_applicable_takes_a_party_out_of_the_denominator(submit):
    submit("KE", 5, {"Q117": v("true")})
    submit("CN", 5, {"Q117": v("false")})
    submit("BR", 5, {"Q117": v("false.na")})
    r = result("B.2(b)")
    assert (r.value, r.numerator, r.denominator) == (50.0, 1, 2)
    assert r.parties["excluded"] == ["BR"]
    assert r.distribution == {"false": 1, "false.na": 1, "true": 1}


def test_a10a_is_the_share_of_cp_parties_that_are_also_sp_parties():
    deadline = ReportingCycle.objects.get(number=5).deadline
    cp = set(parties_on(Treaty.CP, deadline).values_list("iso2", flat=True))
    sp = set(parties_on(Treaty.SP, deadline).values_list("iso2", flat=True))
    r = result("A.10(a)")
    assert (r.numerator, r.population) == (len(cp & sp), len(cp))
    assert r.value == round(100 * len(cp & sp) / len(cp), 1)
    assert r.status == "computed"


def test_a10b_counts_supplementary_protocol_parties_only(submit):
    deadline = ReportingCycle.objects.get(number=5).deadline
    sp = sorted(parties_on(Treaty.SP, deadline).values_list("iso2", flat=True))
    cp_only = sorted(set(parties_on(Treaty.CP, deadline).values_list("iso2", flat=True)) - set(sp))
    full = {"value": "74B17D51-786F-3D68-3B76-A50121842925"}
    none = {"value": "C9B01C6D-6B40-1A67-B5A0-DDB7FF6B9CE9"}
    submit(sp[0], 5, {"Q160": full})
    submit(sp[1], 5, {"Q160": none})
    submit(cp_only[0], 5, {"Q160": full})  # not an SP Party: not counted
    r = result("A.10(b)")
    assert (r.value, r.numerator, r.denominator, r.population) == (50.0, 1, 2, len(sp))
    assert cp_only[0] not in sum(r.parties.values(), [])


def test_a3a_counts_complete_reports_submitted_by_the_deadline(submit, cp_count):
    deadline = ReportingCycle.objects.get(number=5).deadline
    submit("KE", 5, {}, on=deadline)
    submit("CN", 5, {}, on=deadline + dt.timedelta(days=1))  # late
    submit("BR", 5, {}, on=deadline - dt.timedelta(days=30), complete=False)  # incomplete
    r = result("A.3(a)")
    assert (r.numerator, r.denominator, r.population) == (1, cp_count(5), cp_count(5))
    assert r.parties["positive"] == ["KE"]
    assert r.parties["negative"] == ["BR", "CN"]


def test_the_baseline_comes_from_4th_reports_through_the_mapping(submit):
    assert nr5_to_nr4()["Q007"].nr4 == "Q014"
    submit("KE", 4, {"Q014": v("implementation.fullInPlace")})
    submit("CN", 4, {"Q014": v("implementation.none")})
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})
    submit("CN", 5, {"Q007": v("implementation.partiallyInPlace")})
    r = result("A.1(a)")
    assert r.baseline is not None and r.baseline.cycle == 4
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (50.0, 1, 2)
    assert r.value == 100.0 and r.change == 50.0


def test_the_value_mapping_turns_4th_report_values_into_5th_report_ones(submit):
    # NR5 Q131 <- NR4 Q150, with "0" -> "none" and "na" -> "false.na"
    submit("KE", 4, {"Q150": v("1+")})
    submit("CN", 4, {"Q150": v("0")})
    submit("BR", 4, {"Q150": v("na")})
    r = result("B.3(e)")
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (50.0, 1, 2)
    assert r.baseline.parties["excluded"] == ["BR"]


def test_no_baseline_where_the_question_is_new_in_the_5th_report(submit):
    submit("KE", 4, {"Q014": v("implementation.fullInPlace")})
    submit("KE", 5, {"Q156": v("true")})
    assert result("B.4(b)").baseline is None


def test_a9b_is_computed_among_parties_positive_on_a9a(submit):
    submit("KE", 5, {"Q151": v("true"), "Q150": v("true")})
    submit("CN", 5, {"Q151": v("true.some"), "Q150": v("false")})
    submit("BR", 5, {"Q151": v("false"), "Q150": v("true")})  # not in A.9(b)'s base
    r = result("A.9(b)")
    assert (r.value, r.numerator, r.denominator) == (50.0, 1, 2)
    assert r.parties["outside_base"] == ["BR"]


def test_all_of_several_questions(submit):
    submit("KE", 5, {"Q010": v("true"), "Q010_adq": v("true")})
    submit("CN", 5, {"Q010": v("true"), "Q010_adq": v("false")})
    submit("BR", 5, {"Q010": v("false")})  # Q10_adq hidden by the rules: still negative
    r = result("B.2(a)")
    assert (r.value, r.numerator, r.denominator) == (33.3, 1, 3)


def test_a_region_counts_its_own_parties_only(submit):
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})  # Africa
    submit("CN", 5, {"Q007": v("implementation.none")})  # Asia and the Pacific
    africa = result("A.1(a)", region="AFR")
    assert (africa.value, africa.numerator, africa.denominator) == (100.0, 1, 1)
    deadline = ReportingCycle.objects.get(number=5).deadline
    assert africa.population == parties_on(Treaty.CP, deadline).filter(region="AFR").count()


def test_records_and_manual_indicators_show_no_made_up_number(submit):
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})
    assert (result("A.1(b)").status, result("A.1(b)").value) == ("awaiting-records", None)
    assert (result("A.3(b)").status, result("A.3(b)").value) == ("manual", None)
    ManualValue.objects.create(
        indicator=Indicator.objects.get(code="A.3(b)"),
        cycle=ReportingCycle.objects.get(number=5),
        value=42.5,
        source="GEF project database",
        as_of=dt.date(2026, 3, 1),
    )
    figure = result("A.3(b)")
    assert (figure.status, figure.value) == ("manual", 42.5)
    assert "GEF project database" in figure.note
    assert result("A.3(b)", region="AFR").value is None  # no regional figure was given


def test_every_indicator_has_a_method_and_mapped_baselines_have_nr4_questions():
    methods = packaged_methods()
    assert len(methods) == 48
    questionnaire = load_questionnaire("cpbNationalReport5")
    links = nr5_to_nr4()
    for m in methods:
        assert m.description["en"] and m.description["zh"], m.code
        for key in m.questions:
            assert key in questionnaire, (m.code, key)
        if m.baseline == "mapped" and m.kind == "answers":
            assert all(q in links or q in m.baseline_questions for q in m.questions), m.code


def test_a_bad_method_file_names_the_indicator():
    with pytest.raises(MethodError, match=r"A.1\(a\): source must be one of"):
        parse_methods([{"code": "A.1(a)", "source": "guess", "description": {"en": "x"}}])


def test_the_comparison_can_be_limited_to_parties_that_reported_in_both_cycles(submit):
    submit("KE", 4, {"Q014": v("implementation.none")})
    submit("BR", 4, {"Q014": v("implementation.fullInPlace")})  # not in cycle 5
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})
    submit("CN", 5, {"Q007": v("implementation.none")})  # not in cycle 4
    cycle = ReportingCycle.objects.get(number=5)
    a1a = next(r for r in compute_cycle(cycle, both_cycles=True) if r.code == "A.1(a)")
    assert (a1a.value, a1a.denominator, a1a.population) == (100.0, 1, 1)
    assert (a1a.baseline.value, a1a.baseline.denominator) == (0.0, 1)
    assert a1a.change == 100.0
    everyone = next(r for r in compute_cycle(cycle) if r.code == "A.1(a)")
    assert (everyone.value, everyone.baseline.value) == (50.0, 50.0)
