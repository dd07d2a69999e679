"""The corrected methods, one rule per test, with hand-computed numbers: each test fails when
its rule is broken (timeliness, denominators, "X and Y", fallbacks, proxies, baselines)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from cpbtracker.indicators.engine.methods import (
    METHODS_FILE,
    TRANSLATIONS_DIR,
    MethodError,
    merge_translations,
    packaged_methods,
)
from cpbtracker.indicators.results import compute_cycle
from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.glossary import packaged_glossary, unused_terms
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


def result(code, cycle=5):
    cycle_obj = ReportingCycle.objects.get(number=cycle)
    return next(r for r in compute_cycle(cycle_obj) if r.code == code)


def v(value):
    return {"value": value}


def part(r, key):
    return next(p for p in r.parts if p.key == key)


def test_a3a_reads_timeliness_from_the_earliest_complete_version(submit, cp_count, client):
    deadline = ReportingCycle.objects.get(number=5).deadline
    before, after = deadline - dt.timedelta(days=5), deadline + dt.timedelta(days=20)
    # Kenya: complete on time, reopened, resubmitted after the deadline -> still on time
    submit("KE", 5, {"Q007": v("implementation.none")}, on=before)
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")}, on=after)
    # China: incomplete on time, complete only after the deadline -> late
    submit("CN", 5, {}, on=before, complete=False)
    submit("CN", 5, {"Q007": v("implementation.none")}, on=after)
    r = result("A.3(a)")
    assert (r.numerator, r.denominator) == (1, cp_count(5))
    assert r.parties["positive"] == ["KE"] and r.parties["negative"] == ["CN"]
    # the answers still come from the latest version
    assert result("A.1(a)").parties["positive"] == ["KE"]
    on_time = {
        row["party"]: row["on_time"] for row in client.get("/api/v1/reports/?cycle=5").json()
    }
    assert on_time == {"CN": False, "KE": True}
    assert client.get("/api/v1/reports/KE/5/").json()["on_time"] is True
    rows = client.get("/reports/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    kenya, china = rows[rows.index("/reports/KE/5/") :], rows[rows.index("/reports/CN/5/") :]
    assert "not on time" not in kenya[: kenya.index("</tr>")]
    assert "not on time" in china[: china.index("</tr>")]


def test_b1c_counts_parties_with_needs_and_no_activities_as_negative(submit):
    needs = {"Q122": v("true")}
    for party in ("KE", "CN", "BR"):  # used materials
        submit(party, 5, {**needs, "Q118": v("true"), "Q120": v("true")})
    submit("FR", 5, {**needs, "Q118": v("true.some"), "Q120": v("false")})
    for party in ("MX", "IN"):  # needs, but no activities: Q120 was never asked
        submit(party, 5, {**needs, "Q118": v("false")})
    submit("DE", 5, {"Q122": v("false"), "Q118": v("false")})  # no needs: outside the base
    r = result("B.1(c)")
    assert (r.value, r.numerator, r.denominator) == (50.0, 3, 6)  # not 75.0 (3 of 4)
    assert r.parties["negative"] == ["FR", "IN", "MX"]
    assert r.parties["outside_base"] == ["DE"]


MANDATORY = "abcdghiklopq"
NOT_MANDATORY = "efjmn"


def q102(letters, value, prefix="Q102"):
    return {f"{prefix}_{letter}": v(value) for letter in letters}


def test_a2a_reads_the_mandatory_categories_only_with_a_partial_secondary_figure(submit):
    # Kenya: every mandatory category in the BCH; non-mandatory ones not -> positive
    submit(
        "KE", 5, {**q102(MANDATORY, "true.availableOnBch"), **q102("e", "true.availableNotOnBch")}
    )
    # China: one mandatory category only partially in the BCH -> negative; partial figure yes
    submit(
        "CN",
        5,
        {**q102(MANDATORY[1:], "true.availableOnBch"), "Q102_a": v("true.availablePartialyOnBch")},
    )
    # Brazil: one mandatory category not in the BCH -> negative on both
    submit(
        "BR",
        5,
        {**q102(MANDATORY[1:], "true.availableOnBch"), "Q102_a": v("true.availableNotOnBch")},
    )
    r = result("A.2(a)")
    assert (r.value, r.numerator, r.denominator) == (33.3, 1, 3)
    assert r.parties["positive"] == ["KE"]
    partial = part(r, "at_least_partially")
    assert (partial.value, partial.numerator, partial.denominator) == (66.7, 2, 3)


def test_a2b_is_measured_from_reports_until_records_exist_with_an_nr4_baseline(submit, client):
    submit(
        "KE", 5, {**q102("e", "true.availablePartialyOnBch"), **q102("fj", "false.notAvailable")}
    )
    submit("CN", 5, q102("mn", "true.availableNotOnBch"))
    submit("BR", 5, q102(NOT_MANDATORY, "false.notAvailable"))  # nothing to publish: left out
    submit("FR", 5, q102(MANDATORY, "true.availableOnBch"))  # mandatory only: not answered
    submit("KE", 4, q102("j", "true.availableOnBch", prefix="Q112"))
    submit("CN", 4, q102("e", "true.availableOnBch", prefix="Q112"))
    submit("BR", 4, q102("n", "true.availableNotOnBch", prefix="Q112"))
    r = result("A.2(b)")
    assert (r.status, r.source, r.measured_from) == ("computed", "records", "report")
    assert (r.value, r.numerator, r.denominator) == (50.0, 1, 2)
    assert r.parties["excluded"] == ["BR"]
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (66.7, 2, 3)
    body = client.get("/api/v1/indicators/A.2(b)/?cycle=5").json()
    assert (body["value"], body["measured_from"], body["source"]) == (50.0, "report", "records")
    page = client.get("/plan/indicators/A.2(b)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    assert "Measured from national reports" in page.decode()
    assert "Q102 (e), (f), (j), (m) and (n)" in page.decode()  # the method actually used


@pytest.mark.parametrize(
    ("code", "first", "second", "yes"),
    [
        ("A.5(c)", "Q066_a", "Q066_b", "true"),
        ("A.7(b)", "Q080", "Q081", "true.some"),
    ],
)
def test_x_and_y_indicators_need_every_part_and_show_each(submit, code, first, second, yes):
    submit("KE", 5, {first: v(yes), second: v(yes)})
    submit("CN", 5, {first: v(yes), second: v("false")})
    submit("BR", 5, {first: v("false"), second: v(yes)})
    r = result(code)
    assert (r.value, r.numerator, r.denominator) == (33.3, 1, 3)  # "any" would give 100.0
    assert (part(r, first).value, part(r, first).numerator) == (66.7, 2)
    assert (part(r, second).value, part(r, second).numerator) == (66.7, 2)


def test_a5a_keeps_parties_that_decided_without_risk_assessment_in_its_base(submit):
    submit("KE", 5, {"Q055": v("true"), "Q058": v("true"), "Q054": v("true")})
    # China took decisions on intentional introduction without any risk assessment: negative
    submit("CN", 5, {"Q026": v("true"), "Q055": v("false"), "Q054": v("true")})
    submit("BR", 5, {"Q055": v("true"), "Q058": v("true.some"), "Q054": v("false")})
    submit("MX", 5, {"Q033": v("1+"), "Q055": v("false")})  # domestic-use decisions, no RA
    submit("FR", 5, {"Q055": v("false"), "Q054": v("true")})  # neither: outside the base
    submit("KE", 4, {"Q075": v("true"), "Q078": v("false")})
    submit("CN", 4, {"Q075": v("true"), "Q078": v("true")})
    submit("BR", 4, {"Q075": v("false"), "Q078": v("false")})  # outside the base
    r = result("A.5(a)")
    # "Yes, always" only: KE of KE, CN, BR, MX (leaving CN and MX out gave 1 of 2 = 50 %,
    # and with Kenya alone 100 %)
    assert (r.value, r.numerator, r.denominator) == (25.0, 1, 4)
    assert sorted(r.parties["negative"]) == ["BR", "CN", "MX"]
    assert r.parties["outside_base"] == ["FR"]
    some = part(r, "some_cases")  # "in some cases only", a secondary figure on the same base
    assert (some.value, some.numerator, some.denominator) == (25.0, 1, 4)
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (50.0, 1, 2)
    mechanism = part(r, "Q054")
    assert (mechanism.value, mechanism.numerator, mechanism.denominator) == (75.0, 3, 4)


def test_b1a_leaves_out_parties_with_no_needs_and_takes_its_baseline_from_nr4_q133(submit):
    submit("KE", 5, {"Q122": v("true"), "Q121": v("true")})
    submit("CN", 5, {"Q122": v("true"), "Q121": v("false"), "Q124": v("true")})
    submit("BR", 5, {"Q122": v("true"), "Q121": v("false"), "Q124": v("false")})
    submit("FR", 5, {"Q122": v("false"), "Q121": v("false")})  # no needs left: not negative
    submit("MX", 5, {"Q122": v("false"), "Q121": v("true")})  # assessed, no needs left
    r = result("B.1(a)")
    assert (r.value, r.numerator, r.denominator) == (75.0, 3, 4)
    assert r.parties["outside_base"] == ["FR"]
    # 4th report: Q133 (assessment) only; Q136 (a strategy) does not count
    submit("KE", 4, {"Q134": v("true"), "Q133": v("true")})
    submit("CN", 4, {"Q134": v("true"), "Q133": v("false"), "Q136": v("true")})
    base = result("B.1(a)").baseline
    assert (base.value, base.numerator, base.denominator) == (50.0, 1, 2)


def test_b2c_counts_funding_mobilized_beyond_the_national_budget(submit):
    submit("KE", 5, {"Q113": v("false"), "Q153": v("USD5000-49999")})
    submit("CN", 5, {"Q113": v("false"), "Q153": v("USD0")})
    submit("BR", 5, {"Q113": v("true.some")})
    submit("KE", 4, {"Q125": v("false"), "Q167": v("USD1-4999")})
    submit("CN", 4, {"Q125": v("false"), "Q167": v("USD0")})
    r = result("B.2(c)")
    assert (r.value, r.numerator, r.denominator) == (66.7, 2, 3)
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (50.0, 1, 2)


def test_b3f_leaves_out_parties_that_took_no_decisions(submit):
    submit("KE", 5, {"Q131": v("1+"), "Q132": v("true")})
    submit("CN", 5, {"Q131": v("none"), "Q132": v("false")})
    submit("BR", 5, {"Q131": v("false.na"), "Q132": v("false")})
    r = result("B.3(f)")
    assert (r.value, r.numerator, r.denominator) == (50.0, 1, 2)
    assert r.parties["excluded"] == ["BR"]


def test_a4a_needs_every_component_with_q102d_as_the_a1b_proxy(submit, cp_count, client):
    full = {"Q007": v("implementation.fullInPlace"), **q102(MANDATORY, "true.availableOnBch")}
    submit("KE", 5, full)
    # China: A.1(a) and A.2(a) positive, but contact details not in the BCH
    submit("CN", 5, {**full, "Q102_d": v("false.notAvailable")})
    submit("BR", 5, {**full, "Q007": v("implementation.none")})
    r = result("A.4(a)")
    assert (r.numerator, r.denominator, r.population) == (1, cp_count(5), cp_count(5))
    assert r.parties["positive"] == ["KE"]
    proxy = part(r, "A.1(b)")
    assert proxy.proxy and (proxy.numerator, proxy.denominator) == (2, 3)
    # A.2(a) leaves China's category (d) out (no information): positive there
    assert (part(r, "A.1(a)").numerator, part(r, "A.2(a)").numerator) == (2, 3)
    html = client.get("/plan/indicators/A.4(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    row = html.decode().split('id="part-A.1(b)"')[1].split("</tr>")[0]
    assert "proxy" in row and "66.7%" in row


def test_baselines_found_for_a8d_detection_and_b4d(submit):
    submit("KE", 5, {"Q094_a": v("true"), "Q094_b": v("true"), "Q009": v("true.some")})
    submit("KE", 4, {"Q104": v("true"), "Q016": v("false")})
    submit("CN", 4, {"Q104": v("false"), "Q016": v("true")})
    submit("BR", 4, {"Q104": v("false"), "Q016": v("true")})
    a8d = result("A.8(d)")
    assert a8d.baseline is None  # identification has no 4th-report counterpart
    detection = part(a8d, "Q094_a").baseline
    assert (detection.value, detection.numerator, detection.denominator) == (33.3, 1, 3)
    assert part(a8d, "Q094_b").baseline is None
    b4d = result("B.4(d)").baseline
    assert (b4d.value, b4d.numerator, b4d.denominator) == (66.7, 2, 3)


def _translated_pairs(language: str) -> list[tuple[str, str]]:
    """(English, ``language``) of every method text: descriptions, fallbacks, labels, notes."""
    texts = []
    for m in packaged_methods():
        texts += [m.description, *([m.fallback.description] if m.fallback else [])]
        texts += [p.label for p in m.parts if p.label]
        texts += [m.baseline_note] if m.baseline_note else []
    return [(t["en"], t[language]) for t in texts]


@pytest.mark.parametrize("language", ["ar", "es", "fr", "ru"])
def test_every_method_text_is_translated_in_the_glossarys_terms(language):
    pairs = _translated_pairs(language)
    # descriptions, A.2(b)'s fallback, part labels (A.5(a)'s "in some cases only" among them), notes
    assert len(pairs) == 48 + 1 + 22 + 15
    assert all(translated.strip() for _english, translated in pairs)
    assert unused_terms(pairs, language, packaged_glossary()) == []


def test_a_translation_file_missing_a_text_is_refused_naming_file_and_code(tmp_path):
    raw = load_yaml(METHODS_FILE.read_text(encoding="utf-8"))
    texts = load_yaml((TRANSLATIONS_DIR / "fr.yaml").read_text(encoding="utf-8"))
    del texts["texts"]["B.4(d)"]
    (tmp_path / "fr.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")
    with pytest.raises(MethodError, match=r"^fr.yaml: B.4\(d\): no description$"):
        merge_translations(raw, tmp_path)
    texts["texts"]["B.4(d)"] = {"description": "x", "parts": {"Q999": "y"}}
    (tmp_path / "fr.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")
    with pytest.raises(MethodError, match=r"B.4\(d\): parts must be exactly \[\]"):
        merge_translations(raw, tmp_path)
