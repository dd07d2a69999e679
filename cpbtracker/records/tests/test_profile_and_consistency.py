"""The country profile and the report vs clearing-house consistency check."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion

pytestmark = pytest.mark.django_db
RISK_ASSESSMENT_AREA = "7C980FF4-3C5B-4711-81F9-BA6F28C12598"
DETECTION_AREA = "0FF8F112-C0E9-4A18-83E1-40D4EF61503E"


def publish_report(iso2: str, answers: dict) -> None:
    cycle = ReportingCycle.objects.get(number=5)
    report = NationalReport.objects.create(party=Party.objects.get(iso2=iso2), cycle=cycle)
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        status=ReportVersion.Status.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime(2026, 1, 10, 12)),
        complete=True,
    )
    Answer.objects.bulk_create(Answer(version=version, key=k, value=v) for k, v in answers.items())


@pytest.fixture
def kenya_and_china(tmp_path, personas):
    publish_report(
        "KE",
        {
            "Q007": {"value": "implementation.fullInPlace"},
            "Q102_a": {"value": "true.availableOnBch"},
            "Q102_i": {"value": "true.availableOnBch"},
            "Q102_q": {"value": "false.notAvailable"},
            "Q122": {"value": "true"},
            "Q123": [{"value": RISK_ASSESSMENT_AREA}, {"value": DETECTION_AREA}],
        },
    )
    publish_report("CN", {"Q007": {"value": "implementation.none"}})
    documents = [
        {
            "header": {"identifier": "LAW-KE", "schema": "biosafetyLaw"},
            "government": {"identifier": "ke"},
        },
        {
            "header": {"identifier": "RA-KE", "schema": "nationalRiskAssessment"},
            "government": {"identifier": "ke"},
        },
        {
            "header": {"identifier": "DB-KE", "schema": "database"},
            "government": {"identifier": "ke"},
        },
        {
            "header": {"identifier": "DB-KE2", "schema": "database"},
            "government": {"identifier": "ke"},
        },
    ]
    path = tmp_path / "ke.json"
    path.write_text(json.dumps(documents))
    call_command(
        "records", "import", str(path), "--published-on", "2021-03-01", stdout=io.StringIO()
    )
    return personas


def test_the_country_profile_counts_records_and_shows_capacity_building_needs(
    client, kenya_and_china
):
    page = client.get("/parties/KE/").content.decode()
    assert 'National Biosafety Website or Database</a></td><td class="num">2</td>' in page
    assert 'Biosafety Law, Regulation, Guidelines and Agreements</a></td><td class="num">1' in page
    assert "Risk assessment and other scientific and technical expertise" in page
    assert "Sampling, detection and identification of LMOs" in page
    assert "National report, cycle 5" in page
    assert "/indicators/parties/KE/" in page
    assert "consistency" not in page.lower()  # the public does not see the check


def test_the_partys_users_see_its_consistency_check_and_others_do_not(client, kenya_and_china):
    client.force_login(kenya_and_china.ke_user)
    page = client.get("/parties/KE/").content.decode()
    assert "Report and clearing-house consistency" in page
    checks = page[page.index("Report and clearing-house consistency") :]
    assert checks.count("missing from the clearing-house") == 1  # Q102_i
    assert checks.count(">contradicts<") == 2  # Q102_q, and so the Party overall
    assert "Q102_q" in checks
    assert checks.count("consistent") >= 2  # Q007 and Q102_a
    client.force_login(kenya_and_china.cn_user)
    assert (
        "Report and clearing-house consistency" not in client.get("/parties/KE/").content.decode()
    )


def test_the_consistency_page_summarises_by_region_for_the_secretariat(client, kenya_and_china):
    assert client.get("/records/consistency/").status_code == 302  # sign in first
    client.force_login(kenya_and_china.secretariat)
    page = client.get("/records/consistency/").content.decode()
    africa = page[page.index("Africa") :]
    assert africa.startswith(
        'Africa</td><td class="num">0</td><td class="num">0</td><td class="num">1</td>'
    )
    asia = page[page.index("Asia and the Pacific") :]
    assert asia.startswith('Asia and the Pacific</td><td class="num">1</td>')
    csv = client.get("/records/consistency/", {"format": "csv"}).content.decode().splitlines()
    assert csv[0] == "party,region,cycle,question,answer,schema,records,verdict"
    assert "CN,APAC,5,Q007,implementation.none,biosafetyLaw,0,consistent" in csv
    assert "KE,AFR,5,Q102_i,true.availableOnBch,biosafetyDecision,0,missing" in csv
    assert "KE,AFR,5,Q102_q,false.notAvailable,nationalRiskAssessment,1,contradicts" in csv
    assert "KE,AFR,5,Q007,implementation.fullInPlace,biosafetyLaw,1,consistent" in csv


def test_a_partys_user_sees_only_its_own_parties(client, kenya_and_china):
    client.force_login(kenya_and_china.ke_user)
    csv = client.get("/records/consistency/", {"format": "csv"}).content.decode().splitlines()
    assert {line.split(",")[0] for line in csv[1:]} == {"KE"}
