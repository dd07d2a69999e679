"""`cpbtracker reports import` / `export`: BCH documents in and out, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.reporting.models import Answer, NationalReport

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"
GOLDEN = ASSETS / "nr5-ke.json"


def golden_answers() -> dict:
    doc = json.loads(GOLDEN.read_text())
    return {k: v for k, v in doc.items() if k.startswith("Q")}


def test_it_imports_answers_of_every_type_exactly(capsys):
    call_command("reports", "import", str(GOLDEN), "--publish")
    assert "imported 1 report(s) (cycle 5: 1); 1 published" in capsys.readouterr().out
    report = NationalReport.objects.get(party__iso2="KE", cycle__number=5)
    version = report.published_version()
    assert version.answers_dict() == golden_answers()
    assert version.submitted_at.date().isoformat() == "2026-01-15"
    assert version.front_matter["stakeholders"]["en"].startswith("Ministry of Environment")
    assert report.bch_identifier == "6C1D2E3F-0000-4000-8000-00000000KE05"


def test_it_rejects_an_invalid_document_with_file_key_and_reason_and_changes_nothing():
    before = Answer.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("reports", "import", str(GOLDEN), str(ASSETS / "nr5-with-problems.json"))
    message = str(error.value)
    assert "nothing was imported" in message
    bad = f"{ASSETS / 'nr5-with-problems.json'}"
    assert f"{bad}[0]: Q007: 'implementation.maybe' is not an option" in message
    assert f"{bad}[0]: Q026_adq:" in message
    assert f"{bad}[0]: Q999: not a question of cpbNationalReport5" in message
    assert f"{bad}[1]: government.identifier: 'ZZ' is not a known government" in message
    assert Answer.objects.count() == before
    assert not NationalReport.objects.filter(party__iso2="KE").exists()


def test_a_dry_run_writes_nothing(capsys):
    call_command("reports", "import", str(GOLDEN), "--dry-run")
    assert "dry run, nothing written" in capsys.readouterr().out
    assert not NationalReport.objects.exists()


def test_it_accepts_the_tolerant_forms_of_the_bch_analyzer(tmp_path):
    doc = {
        "header": {"schema": "cpbNationalReport5"},
        "government": {"identifier": "KE"},
        "Q007": "implementation.none",  # bare value
        "Q011": True,  # boolean of older cycles
        "Q008": {"options": [{"identifier": "instrument.none"}]},  # {options: [...]}, identifier
    }
    path = tmp_path / "tolerant.json"
    path.write_text(json.dumps([doc]))
    call_command("reports", "import", str(path), "--publish", "--submitted-on", "2026-02-01")
    answers = NationalReport.objects.get(party__iso2="KE").published_version().answers_dict()
    assert answers["Q007"] == {"value": "implementation.none"}
    assert answers["Q011"] == {"value": "true"}
    assert answers["Q008"] == [{"value": "instrument.none"}]


def test_publishing_needs_a_date(tmp_path):
    path = tmp_path / "undated.json"
    path.write_text(
        json.dumps({"header": {"schema": "cpbNationalReport5"}, "government": {"identifier": "KE"}})
    )
    with pytest.raises(CommandError, match="no submission date"):
        call_command("reports", "import", str(path), "--publish")


def test_import_then_export_round_trips(tmp_path, capsys):
    call_command("reports", "import", str(GOLDEN), "--publish")
    out = tmp_path / "export.json"
    call_command(
        "reports",
        "export",
        "--cycle",
        "5",
        "--party",
        "ke",
        "--format",
        "bch-json",
        "--output",
        str(out),
    )
    exported = json.loads(out.read_text())
    assert len(exported) == 1
    original = json.loads(GOLDEN.read_text())
    for key in ("header", "government"):
        original.pop(key)
        exported[0].pop(key)
    assert exported[0] == original
    # and the exported file imports again to the same answers
    NationalReport.objects.all().delete()
    call_command("reports", "import", str(out), "--publish")
    answers = NationalReport.objects.get(party__iso2="KE").published_version().answers_dict()
    assert answers == golden_answers()


def test_a_bad_date_fails_the_dry_run_as_it_fails_the_real_run(tmp_path):
    doc = json.loads(GOLDEN.read_text())
    doc["date"] = "2026-13-45"
    path = tmp_path / "bad-date.json"
    path.write_text(json.dumps(doc))
    for extra in (["--dry-run"], []):
        with pytest.raises(CommandError) as error:
            call_command("reports", "import", str(path), "--publish", *extra)
        assert f"{path}: date: '2026-13-45' is not a date (YYYY-MM-DD)" in str(error.value)
    assert not NationalReport.objects.exists()


def test_re_importing_an_identical_document_changes_nothing_and_says_so(capsys):
    call_command("reports", "import", str(GOLDEN), "--publish")
    capsys.readouterr()
    call_command("reports", "import", str(GOLDEN), "--publish")
    out = capsys.readouterr().out
    assert "imported 0 report(s)" in out
    assert "1 document(s) identical to the stored version: nothing changed for them" in out
    assert NationalReport.objects.get().versions.count() == 1


def test_re_importing_a_changed_document_adds_a_version_and_audits_the_change(tmp_path):
    from cpbtracker.accounts.models import AuditEntry

    call_command("reports", "import", str(GOLDEN), "--publish")
    doc = json.loads(GOLDEN.read_text())
    doc["Q026_adq"] = {"value": 4}
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(doc))
    call_command("reports", "import", str(path), "--publish")
    report = NationalReport.objects.get()
    assert report.versions.count() == 2
    assert report.published_version().answers_dict()["Q026_adq"] == {"value": 4}
    entry = AuditEntry.objects.filter(action="report.imported").first()
    assert entry.detail["changes"] == {"Q026_adq": {"old": {"value": 3}, "new": {"value": 4}}}


def test_the_cli_fails_with_one_line_per_problem_and_exit_status_1(tmp_path):
    import os
    import subprocess
    import sys

    doc = json.loads(GOLDEN.read_text())
    doc["date"] = "2026-13-45"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([doc, {**doc, "Q007": {"value": "implementation.maybe"}}]))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CPBTRACKER_DATA_DIR"] = str(tmp_path)
    cli = [sys.executable, "-m", "cpbtracker.cli"]
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True)
    run = subprocess.run(
        [*cli, "reports", "import", str(path), "--publish"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [
        "CommandError: nothing was imported (2 problem(s)):",
        f"{path}[0]: date: '2026-13-45' is not a date (YYYY-MM-DD)",
        f"{path}[1]: Q007: 'implementation.maybe' is not an option of question 7",
    ]


def test_a_bad_submission_date_option_is_one_clear_line():
    with pytest.raises(CommandError, match=r"--submitted-on: '2026-02-30' is not a date"):
        call_command("reports", "import", str(GOLDEN), "--publish", "--submitted-on", "2026-02-30")
    assert not NationalReport.objects.exists()


def test_a_file_nested_too_deeply_is_a_clear_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match=f"{path}: -: cannot read JSON"):
        call_command("reports", "import", str(path))
