"""`cpbtracker bch pull` against a fake BCH on 127.0.0.1 (no network): reports and records
imported as from files, with the BCH's own dates; only what changed the second time.

Cycle 5's deadline is 2026-02-28; cycle 4 (closed) is the baseline, measured on what was
published by 2019-10-01.
"""

from __future__ import annotations

import copy
import io
import json
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.bch.client import BchClient
from cpbtracker.bch.models import PullState
from cpbtracker.bch.tests.fakebch import FakeBch
from cpbtracker.records.models import Record, Revision
from cpbtracker.reporting.bch import ENVELOPE, FRONT_MATTER
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportVersion
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db
APPS = Path(__file__).resolve().parents[2]
NR5 = json.loads((APPS / "reporting" / "tests" / "assets" / "nr5-ke.json").read_text())
NR5_BAD = json.loads(
    (APPS / "reporting" / "tests" / "assets" / "nr5-with-problems.json").read_text()
)
RECORDS = APPS / "records" / "tests" / "assets"
NR4_KE = {
    "header": {"identifier": "NR4-KE-000000001", "schema": "cpbNationalReport4"},
    "government": {"identifier": "ke"},
    "Q014": {"value": "implementation.fullInPlace"},
}


def record(schema: str) -> dict:
    return json.loads((RECORDS / f"{schema}.json").read_text())


def nr5(government: str) -> dict:
    """A complete 5th report: the golden file's front matter, the demo generator's answers."""
    doc = {k: copy.deepcopy(v) for k, v in NR5.items() if k in ENVELOPE + FRONT_MATTER}
    doc["header"]["identifier"] = f"NR5-{government.upper()}-000000001"
    doc["government"] = {"identifier": government}
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(5), 0.9)
    return doc | answers


@pytest.fixture(autouse=True)
def quick(settings) -> None:
    """No waiting in tests: no rate limit, no back-off; index pages of 2 documents."""
    settings.BCH_PULL = {
        "requests_per_second": 0,
        "retries": 2,
        "backoff_seconds": 0,
        "timeout_seconds": 5,
        "page_size": 2,
    }


@pytest.fixture
def bch() -> Iterator[FakeBch]:
    """Three 5th reports (Kenya and Brazil on time, China late), Kenya's 4th report, Kenya's
    focal point and authority published before the baseline deadline, a law after it."""
    fake = FakeBch()
    fake.publish(nr5("ke"), updated="2026-02-20T09:00:00.000Z")
    fake.publish(nr5("cn"), updated="2026-03-10T09:00:00Z")
    fake.publish(nr5("br"), updated="2026-02-28T23:00:00.5Z")
    fake.publish(NR4_KE, updated="2019-09-30T10:00:00Z")
    fake.publish(record("focalPoint"), updated="2019-03-01T08:00:00Z")
    fake.publish(record("authority"), updated="2019-05-01T08:00:00Z")
    fake.publish(record("biosafetyLaw"), updated="2021-06-01T08:00:00Z")
    with fake.serving():
        yield fake


def run(bch: FakeBch, *args: str) -> str:
    out = io.StringIO()
    call_command("bch", "pull", "--base-url", bch.url, *args, stdout=out, stderr=out)
    return out.getvalue()


def indicator(code: str, cycle: int = 5) -> dict:
    out = io.StringIO()
    call_command("indicators", "compute", "--cycle", str(cycle), "--format", "json", stdout=out)
    return next(r for r in json.loads(out.getvalue())["indicators"] if r["code"] == code)


def test_it_imports_every_page_with_the_bchs_own_dates(bch):
    output = run(bch, "--allow-closed-cycle")
    assert "7 document(s) listed; 3 record new, 4 report imported; 0 failed" in output
    # 17 schemas listed (one page each, the 3 5th reports on two pages of 2) + 7 documents
    assert len(bch.paths("/api/v2013/index")) == 18
    assert len(bch.paths("/api/v2013/documents/")) == 7
    submitted = {
        v.report.party.iso2: v.submitted_at.date().isoformat()
        for v in ReportVersion.objects.filter(report__cycle__number=5)
    }
    assert submitted == {"KE": "2026-02-20", "CN": "2026-03-10", "BR": "2026-02-28"}
    published = dict(Revision.objects.values_list("record__schema", "published_on"))
    assert {k: v.isoformat() for k, v in published.items()} == {
        "focalPoint": "2019-03-01",
        "authority": "2019-05-01",
        "biosafetyLaw": "2021-06-01",
    }
    a3a = indicator("A.3(a)")  # timeliness: the BCH's submission day against the deadline
    assert (a3a["numerator"], a3a["reporting"]) == (2, 3)  # BR and KE on time, CN late
    a1b = indicator("A.1(b)")  # Kenya's focal points and authority, published by 2019-10-01
    assert a1b["source"] == "records"
    assert a1b["baseline"]["numerator"] == 1


def test_it_asks_politely_and_names_itself(bch):
    run(bch, "--schema", "authority")
    headers = [r["headers"] for r in bch.requests]
    assert all(h["User-Agent"].startswith("cpbtracker/") for h in headers)
    assert all(h["Realm"] == "BCH" for h in headers)


def test_a_second_pull_fetches_only_what_was_updated_since(bch):
    run(bch, "--allow-closed-cycle")
    bch.requests.clear()
    changed = record("authority") | {"name": {"en": "Renamed authority"}}
    bch.publish(changed, updated="2026-05-01T08:00:00Z")
    output = run(bch, "--allow-closed-cycle")
    assert "1 document(s) listed; 1 record revised; 0 failed" in output
    assert bch.paths("/api/v2013/documents/") == ["/api/v2013/documents/SAMPLE-CNA-0001"]
    revisions = Revision.objects.filter(record__identifier="SAMPLE-CNA-0001")
    assert [(r.number, r.published_on.isoformat()) for r in revisions.order_by("number")] == [
        (1, "2019-05-01"),
        (2, "2026-05-01"),
    ]
    state = PullState.objects.get(schema="authority")
    assert (state.source, state.updated_until) == (bch.url, "2026-05-01T08:00:00Z")


def test_an_identical_document_pulled_again_changes_nothing(bch):
    run(bch, "--schema", "biosafetyLaw")
    output = run(bch, "--schema", "biosafetyLaw", "--since", "2021-06-01")
    assert "1 document(s) listed; 1 record unchanged" in output
    assert Revision.objects.count() == 1


def test_a_503_is_retried(bch):
    bch.failures["/api/v2013/documents/SAMPLE-NFP-0001"] = [503]
    bch.failures["/api/v2013/index"] = [503]
    output = run(bch, "--schema", "focalPoint")
    assert "1 document(s) listed; 1 record new; 0 failed" in output
    assert (
        bch.paths("/api/v2013/")
        == ["/api/v2013/index"] * 2 + ["/api/v2013/documents/SAMPLE-NFP-0001"] * 2
    )
    assert Record.objects.filter(identifier="SAMPLE-NFP-0001").exists()


def test_a_malformed_document_is_reported_and_the_others_import(bch):
    bad = nr5("za") | {"Q007": NR5_BAD[0]["Q007"]}
    bch.publish(bad, updated="2026-02-01T00:00:00Z")
    bch.publish(record("database"), updated="2026-01-01T00:00:00Z")
    bch.documents["SAMPLE-NDB-0001"].body = b"<html>not a document</html>"
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "bch", "pull", "--base-url", bch.url, "--schema", "cpbNationalReport5", "database",
            stdout=out, stderr=out,
        )  # fmt: skip
    assert str(error.value) == "2 problem(s): those documents were not imported"
    lines = out.getvalue().splitlines()
    assert "NR5-ZA-000000001: Q007: 'implementation.maybe' is not an option" in lines[1]
    url = f"{bch.url}/api/v2013/documents/SAMPLE-NDB-0001"
    assert lines[2] == f"SAMPLE-NDB-0001: -: the BCH answered {url} with something that is not JSON"
    assert lines[0].startswith("5 document(s) listed; 3 report imported; 2 failed")
    assert NationalReport.objects.filter(cycle__number=5).count() == 3  # KE, CN, BR
    assert not NationalReport.objects.filter(party__iso2="ZA").exists()
    assert not Record.objects.filter(schema="database").exists()
    # Neither schema is remembered as pulled: the next pull tries them again.
    assert not PullState.objects.filter(schema__in=["cpbNationalReport5", "database"]).exists()


def test_a_closed_cycle_needs_the_secretariats_choice(bch):
    with pytest.raises(CommandError):
        run(bch, "--schema", "cpbNationalReport4")
    assert not NationalReport.objects.exists()
    run(bch, "--schema", "cpbNationalReport4", "--allow-closed-cycle")
    assert NationalReport.objects.get().cycle.number == 4


def test_a_dry_run_lists_what_would_change_and_writes_nothing(bch):
    output = run(bch, "--dry-run", "--schema", "focalPoint", "biosafetyLaw")
    assert "would import focalPoint SAMPLE-NFP-0001: record new" in output
    assert "would import biosafetyLaw SAMPLE-LAW-0001: record new" in output
    assert "dry run, nothing written" in output
    assert not Record.objects.exists()
    assert not PullState.objects.exists()


def test_one_government_only(bch):
    output = run(bch, "--schema", "cpbNationalReport5", "--government", "CN")
    assert "1 document(s) listed; 1 report imported" in output
    assert list(NationalReport.objects.values_list("party__iso2", flat=True)) == ["CN"]
    assert PullState.objects.get().government == "cn"


def test_a_refused_connection_is_one_line_and_imports_nothing():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(CommandError) as error:
        call_command("bch", "pull", "--base-url", f"http://127.0.0.1:{port}")
    message = str(error.value)
    assert message.startswith(f"bch pull stopped: cannot reach the BCH at http://127.0.0.1:{port}")
    assert "\n" not in message and "Traceback" not in message
    assert not Record.objects.exists() and not NationalReport.objects.exists()


def test_an_outage_mid_pull_stops_in_one_line_and_leaves_whole_documents(bch):
    bch.failures["/api/v2013/documents/NR5-BR-000000001"] = [503, 503, 503]  # past the retries
    with pytest.raises(CommandError) as error:
        run(bch, "--schema", "cpbNationalReport5")
    url = f"{bch.url}/api/v2013/documents/NR5-BR-000000001"
    assert str(error.value) == f"bch pull stopped: the BCH answered 503 to {url}"
    kenya = NationalReport.objects.get()  # listed first (oldest update), imported whole
    assert kenya.party.iso2 == "KE"
    answers = {k: v for k, v in nr5("ke").items() if k not in ENVELOPE + FRONT_MATTER}
    assert kenya.published_version().answers_dict() == answers
    assert not PullState.objects.exists()  # the next pull reads the schema again


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--since", "2026-13-01"], "--since: '2026-13-01' is not a date (YYYY-MM-DD)"),
        (["--government", "zz"], "--government: no Party with code 'zz'"),
        (["--base-url", "ftp://example.org"], "--base-url: 'ftp://example.org' is not an http"),
    ],
)
def test_bad_options_are_one_line(args, error):
    with pytest.raises(CommandError, match=error.replace("(", r"\(").replace(")", r"\)")):
        call_command("bch", "pull", *args)


def test_the_client_keeps_to_its_rate(bch):
    with BchClient(bch.url, requests_per_second=50) as client:
        started = time.monotonic()
        for _ in range(6):
            client.get_json("/api/v2013/index", {"q": "realm_ss:bch", "fl": "identifier_s",
                                                 "sort": "updatedDate_dt asc", "start": 0,
                                                 "rows": 1})  # fmt: skip
        assert time.monotonic() - started >= 5 / 50
    assert client.requests == 6
