"""The four record-based indicators, by hand, through `cpbtracker indicators compute`.

Cycle 5's deadline is 2026-02-28; the baseline (cycle 4) is measured on the records published
on or before 2019-10-01. The United States is not a Party to the Cartagena Protocol.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from itertools import count
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401  (reports as a fixture)
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.records.indicators import DEC_8_1, DEC_8_2
from cpbtracker.records.models import Record
from cpbtracker.records.services import create_draft, publish_revision

pytestmark = pytest.mark.django_db
DEC_8_3 = "8979219B-330B-424F-A52C-209D4B4B65C0"
ASSETS = Path(__file__).parent / "assets"
REF = [{"identifier": "RA-0001"}]
_numbers = count(1)


@pytest.fixture
def publish(tmp_path):
    """``publish(schema, gov, on, **fields)``: import one document published on ``on``."""

    def make(schema: str, government: str | None, on: str, identifier: str = "", **fields):
        doc = {"header": {"identifier": identifier or f"R{next(_numbers)}", "schema": schema}}
        if government:
            doc["government"] = {"identifier": government}
        doc.update(fields)
        path = tmp_path / f"{doc['header']['identifier']}-{on}.json"
        path.write_text(json.dumps(doc))
        call_command("records", "import", str(path), "--published-on", on, stdout=io.StringIO())

    return make


def compute(code: str, cycle: int = 5) -> dict:
    out = io.StringIO()
    call_command("indicators", "compute", "--cycle", str(cycle), "--format", "json", stdout=out)
    return next(r for r in json.loads(out.getvalue())["indicators"] if r["code"] == code)


def cp_parties(day: str) -> int:
    return parties_on(Treaty.CP, dt.date.fromisoformat(day)).count()


def test_without_any_record_the_indicators_await_records():
    result = compute("A.1(b)")
    assert (result["status"], result["value"], result["source"]) == (
        "awaiting-records",
        None,
        "records",
    )


def test_a1b_counts_parties_with_both_focal_points_and_an_authority(publish):
    for gov in ("ke", "us"):  # the United States is no Party: its records never count
        publish("focalPoint", gov, "2019-01-01", categories=["CPB-FP1"])
        publish("focalPoint", gov, "2019-01-01", categories=["cpb-a17-fp"])  # any case
        publish("authority", gov, "2019-01-01")
    publish("focalPoint", "cn", "2019-01-01", categories=["CPB-FP1", "CPB-A17-FP"])
    publish("authority", "cn", "2020-06-01")  # after the baseline deadline
    publish("focalPoint", "br", "2019-01-01", categories=["CPB-FP1", "BCH-FP"])  # no Art. 17
    publish("authority", "br", "2019-01-01")
    publish("focalPoint", "za", "2019-01-01", categories=["CPB-A17-FP"])  # no national FP
    publish("authority", "za", "2019-01-01")
    publish("focalPoint", "fr", "2026-03-15", categories=["CPB-FP1", "CPB-A17-FP"])  # too late
    publish("authority", "fr", "2019-01-01")
    result = compute("A.1(b)")
    parties = cp_parties("2026-02-28")
    assert result["numerator"] == 2  # KE, CN
    assert result["respondents"] == result["population"] == parties
    assert result["value"] == round(100 * 2 / parties, 1)
    assert (result["source"], result["status"]) == ("records", "computed")
    base = cp_parties("2019-10-01")
    assert result["baseline"] == {
        "cycle": 4,
        "value": round(100 / base, 1),
        "numerator": 1,  # KE only: China's authority came later
        "respondents": base,
        "denominator": base,
        "figure": None,
    }


def test_a2b_counts_parties_beyond_the_mandatory_records(publish, personas):
    publish("database", "ke", "2019-01-01")
    publish("biosafetyLaw", "br", "2019-01-01")  # mandatory information: does not count
    publish("countryProfile", "us", "2019-01-01")  # no Party
    initiative = json.loads((ASSETS / "capacityBuildingInitiative.json").read_text())
    draft = create_draft(  # a reference record submitted by a Chinese user
        "capacityBuildingInitiative", initiative, user=personas.cn_user, party=personas.china
    )
    publish_revision(draft, user=personas.secretariat, token=draft.token, on=dt.date(2021, 1, 1))
    result = compute("A.2(b)")
    parties = cp_parties("2026-02-28")
    assert (result["numerator"], result["respondents"]) == (2, parties)
    assert result["baseline"]["numerator"] == 1


def test_a5b_counts_release_and_food_decisions_dated_by_the_deadline(publish):
    publish(
        "biosafetyDecision",
        "ke",
        "2019-01-01",
        decisionTypes=[{"identifier": DEC_8_1.lower()}],
        date="2018-05-01",
        riskAssessments=REF,
    )  # positive in both cycles
    publish(
        "biosafetyDecision",
        "cn",
        "2021-04-01",
        decisionTypes=[{"identifier": DEC_8_1}, {"identifier": DEC_8_2}],
        date="2021-03-01",
        riskAssessments=[],
    )  # both types: counted once, negative
    publish(
        "biosafetyDecision",
        "br",
        "2022-02-01",
        decisionTypes=[{"identifier": DEC_8_2}],
        date="2022-01-01",
        riskAssessments=REF,
    )
    publish(
        "biosafetyDecision",
        "ke",
        "2019-01-01",
        decisionTypes=[{"identifier": DEC_8_3}],
        date="2018-01-01",
        riskAssessments=REF,
    )  # simplified procedure: not in the population
    publish(
        "biosafetyDecision",
        "ke",
        "2025-01-01",
        decisionTypes=[{"identifier": DEC_8_1}],
        date="2026-05-01",
        riskAssessments=REF,
    )  # dated after the deadline
    result = compute("A.5(b)")
    assert (result["numerator"], result["respondents"], result["population"]) == (2, 3, 3)
    assert result["value"] == 66.7
    assert result["baseline"] == {
        "cycle": 4,
        "value": 100.0,
        "numerator": 1,
        "respondents": 1,
        "denominator": 1,
        "figure": None,
    }


def test_a8a_counts_lmos_with_a_detection_method(publish):
    publish("modifiedOrganism", None, "2019-01-01", detectionMethod={"en": "Event-specific PCR"})
    publish("modifiedOrganism", None, "2019-01-01", detectionMethod={"fr": "<p> </p>"})
    publish("modifiedOrganism", None, "2020-01-01", detectionMethod={"zh": "实时荧光定量PCR"})
    publish("modifiedOrganism", None, "2020-01-01", detectionMethodLinks=[{"url": "https://x.org"}])
    publish("modifiedOrganism", None, "2019-01-01", identifier="LMO-5", identity={"en": "X"})
    publish(
        "modifiedOrganism",
        None,
        "2021-01-01",
        identifier="LMO-5",
        identity={"en": "X"},
        detectionMethod={"en": "Added later"},
    )  # a new revision: negative at the baseline, positive now
    result = compute("A.8(a)")
    assert (result["numerator"], result["respondents"], result["population"]) == (4, 5, 5)
    assert result["value"] == 80.0
    assert result["baseline"] == {
        "cycle": 4,
        "value": 33.3,
        "numerator": 1,
        "respondents": 3,
        "denominator": 3,
        "figure": None,
    }


def test_a_region_counts_its_own_parties_only(publish):
    publish("database", "ke", "2019-01-01")
    out = io.StringIO()
    call_command(
        "indicators", "compute", "--cycle", "5", "--region", "AFR", "--format", "json", stdout=out
    )
    result = next(r for r in json.loads(out.getvalue())["indicators"] if r["code"] == "A.2(b)")
    africa = parties_on(Treaty.CP, dt.date(2026, 2, 28)).filter(region="AFR").count()
    assert (result["numerator"], result["respondents"]) == (1, africa)
    assert Party.objects.get(iso2="KE").region == "AFR"


def test_the_indicator_page_shows_the_record_based_value_and_says_so(client, publish):
    publish("database", "ke", "2019-01-01")
    page = client.get("/plan/indicators/A.2(b)/", {"cycle": 5}).content.decode()
    assert "Measured on the clearing-house records published on or before" in page
    parties = cp_parties("2026-02-28")
    assert f"{round(100 / parties, 1)}%" in page
    assert f"1 of {parties} in the denominator" in page
    scoreboard = client.get("/indicators/", {"cycle": 5}).content.decode()
    row = scoreboard.split('id="A.2(b)"')[1].split("</tr>")[0]
    assert "awaiting clearing-house records" not in row
    a1b = scoreboard.split('id="A.1(b)"')[1].split("</tr>")[0]
    assert "awaiting clearing-house records" in a1b  # a database record never switches A.1(b)


def test_capacity_building_records_alone_leave_a1b_and_a2b_as_they_were(publish, submit):  # noqa: F811
    submit("KE", 5, {"Q102_e": {"value": "true.availableOnBch"}})
    before = {code: compute(code) for code in ("A.1(b)", "A.2(b)")}
    assert before["A.1(b)"]["status"] == "awaiting-records"
    a2b = before["A.2(b)"]
    assert (a2b["measured_from"], a2b["numerator"], a2b["respondents"], a2b["value"]) == (
        "report",
        1,
        1,
        100.0,
    )
    initiative = json.loads((ASSETS / "capacityBuildingInitiative.json").read_text())
    publish("capacityBuildingInitiative", None, "2025-01-01", **initiative)  # imported: no Party
    assert {code: compute(code) for code in ("A.1(b)", "A.2(b)")} == before
    publish("database", "ke", "2025-01-01")  # a record A.2(b) counts: it reads records now
    assert compute("A.2(b)")["measured_from"] == "records"
    assert compute("A.1(b)")["status"] == "awaiting-records"


def test_a_record_indicator_without_early_records_has_no_baseline_and_says_why(publish, submit):  # noqa: F811
    submit("KE", 4, {"Q112_e": {"value": "true.availableOnBch"}})  # a report baseline exists
    publish("database", "ke", "2021-01-01")  # the first record A.2(b) counts: after 2019-10-01
    publish("modifiedOrganism", None, "2021-01-01", detectionMethod={"en": "Event-specific PCR"})
    a2b, a8a = compute("A.2(b)"), compute("A.8(a)")
    assert (a2b["measured_from"], a2b["numerator"]) == ("records", 1)
    assert a2b["baseline"] is None and a2b["change"] is None  # never the 4th reports' 100 %
    assert a2b["baseline_reason"] == (
        "no baseline: no clearing-house records of national databases, experts or country "
        "profiles, or reference records submitted by a Party's users published on or before "
        "2019-10-01 (the baseline cycle's deadline); report answers are not compared with records"
    )
    assert (a8a["value"], a8a["baseline"]) == (100.0, None)
    assert a8a["baseline_reason"] == (
        "no baseline: no clearing-house records of LMOs published on or before 2019-10-01 "
        "(the baseline cycle's deadline); report answers are not compared with records"
    )
    out = io.StringIO()
    call_command("evaluation", "progress", "--cycle", "5", "--format", "json", stdout=out)
    progress = {i["code"]: i for i in json.loads(out.getvalue())["indicators"]}
    assert (progress["A.8(a)"]["value"], progress["A.8(a)"]["baseline"]) == (100.0, None)
    assert progress["A.8(a)"]["status"] == progress["A.2(b)"]["status"] == "not_available"
    page = Client().get("/plan/indicators/A.8(a)/", {"cycle": 5}).content.decode()
    assert "no clearing-house records of LMOs published on or before 2019-10-01" in page


def test_a_record_published_on_the_deadline_day_counts(publish):
    publish("modifiedOrganism", None, "2019-10-01", detectionMethod={"en": "PCR"})
    publish("modifiedOrganism", None, "2026-02-28", identity={"en": "No method yet"})
    publish("modifiedOrganism", None, "2026-03-01", detectionMethod={"en": "PCR"})  # too late
    result = compute("A.8(a)")
    assert (result["numerator"], result["respondents"]) == (1, 2)
    assert (result["baseline"]["numerator"], result["baseline"]["respondents"]) == (1, 1)


def test_publishing_a_record_through_the_form_drops_the_stored_results(publish, personas):
    publish("modifiedOrganism", None, "2021-01-01", detectionMethod={"en": "PCR"})
    assert compute("A.8(a)")["respondents"] == 1  # computed and stored
    lmo = json.loads((ASSETS / "modifiedOrganism.json").read_text())
    lmo.pop("detectionMethod", None)
    lmo.pop("detectionMethodLinks", None)
    draft = create_draft("modifiedOrganism", lmo, user=personas.secretariat, party=None)
    publish_revision(draft, user=personas.secretariat, token=draft.token, on=dt.date(2025, 1, 1))
    result = compute("A.8(a)")
    assert (result["numerator"], result["respondents"], result["value"]) == (1, 2, 50.0)


def test_a8a_does_not_count_a_statement_that_no_method_exists(publish):
    publish("modifiedOrganism", None, "2021-01-01", detectionMethod={"en": "Event-specific PCR"})
    publish(
        "modifiedOrganism",
        None,
        "2021-01-01",
        detectionMethod={"en": "No detection method is available"},
    )
    publish("modifiedOrganism", None, "2021-01-01", detectionMethod={"fr": "Aucune méthode."})
    publish(
        "modifiedOrganism",
        None,
        "2021-01-01",
        detectionMethod={"en": "No detection method is available"},
        detectionMethodLinks=[{"url": "https://example.org/method.pdf"}],
    )  # a link gives a method
    result = compute("A.8(a)")
    assert (result["numerator"], result["respondents"], result["value"]) == (2, 4, 50.0)


def test_export_then_import_into_an_empty_database_gives_the_same_indicators(
    publish, personas, tmp_path
):
    publish("focalPoint", "ke", "2019-01-01", categories=["CPB-FP1", "CPB-A17-FP"])
    publish("authority", "ke", "2019-01-01")
    publish("focalPoint", "cn", "2021-01-01", categories=["CPB-FP1", "CPB-A17-FP"])
    publish("authority", "cn", "2021-01-01")
    publish("database", "br", "2019-05-01")
    publish("modifiedOrganism", None, "2019-01-01", detectionMethod={"en": "PCR"})
    publish("modifiedOrganism", None, "2023-01-01", identity={"en": "X"})
    publish(
        "biosafetyDecision",
        "ke",
        "2019-01-01",
        decisionTypes=[{"identifier": DEC_8_1}],
        date="2018-05-01",
        riskAssessments=REF,
    )
    lmo = json.loads((ASSETS / "modifiedOrganism.json").read_text())  # published in the form
    draft = create_draft("modifiedOrganism", lmo, user=personas.secretariat, party=None)
    publish_revision(draft, user=personas.secretariat, token=draft.token, on=dt.date(2019, 3, 1))
    codes = ("A.1(b)", "A.2(b)", "A.5(b)", "A.8(a)")
    before = {code: compute(code) for code in codes}
    a1b, a8a = before["A.1(b)"], before["A.8(a)"]
    assert (a1b["numerator"], a1b["baseline"]["numerator"]) == (2, 1)  # KE, CN; KE alone
    assert (a8a["numerator"], a8a["respondents"]) == (2, 3)
    assert (a8a["baseline"]["numerator"], a8a["baseline"]["respondents"]) == (2, 2)
    files = []
    for schema in ("focalPoint", "authority", "database", "modifiedOrganism", "biosafetyDecision"):
        files.append(tmp_path / f"export-{schema}.json")
        call_command(
            "records", "export", "--schema", schema, "--output", str(files[-1]),
            stdout=io.StringIO(),
        )  # fmt: skip
    Record.objects.all().delete()
    call_command("records", "import", *map(str, files), stdout=io.StringIO())  # no date given
    assert {code: compute(code) for code in codes} == before


def test_the_european_union_counts_within_weog_on_request(publish, client):
    publish("database", "eu", "2019-01-01")  # the EU is a Party, with no UN regional group
    weog = parties_on(Treaty.CP, dt.date(2026, 2, 28)).filter(region="WEOG").count()

    def weog_a2b(*flags: str) -> dict:
        out = io.StringIO()
        call_command(
            "indicators", "compute", "--cycle", "5", "--region", "WEOG", *flags, stdout=out
        )
        return next(r for r in json.loads(out.getvalue())["indicators"] if r["code"] == "A.2(b)")

    plain = weog_a2b()
    assert (plain["numerator"], plain["respondents"]) == (0, weog)
    with_eu = weog_a2b("--eu-in-weog")
    assert (with_eu["numerator"], with_eu["respondents"]) == (1, weog + 1)
    assert (with_eu["baseline"]["numerator"], with_eu["baseline"]["respondents"]) == (1, weog + 1)
    served = client.get("/api/v1/indicators/", {"cycle": 5, "region": "WEOG", "eu_in_weog": 1})
    a2b = next(r for r in served.json()["indicators"] if r["code"] == "A.2(b)")
    assert a2b == with_eu
    assert compute("A.2(b)")["numerator"] == 1  # all Parties: unchanged by the option
