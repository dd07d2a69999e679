"""`cpbtracker records import / export / list`: BCH record documents in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.records.models import Record, RecordTerm, Revision
from cpbtracker.records.schemas import SCHEMAS

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"


def golden(schema: str) -> dict:
    return json.loads((ASSETS / f"{schema}.json").read_text())


@pytest.mark.parametrize("schema", SCHEMAS)
def test_it_round_trips_each_schemas_document_with_its_publication_date(schema, tmp_path, capsys):
    call_command(
        "records", "import", str(ASSETS / f"{schema}.json"), "--published-on", "2021-03-01"
    )
    assert "imported 1 new record(s)" in capsys.readouterr().out
    out = tmp_path / "out.json"
    call_command(
        "records", "export", "--schema", schema, "--format", "bch-json", "--output", str(out)
    )
    assert json.loads(out.read_text()) == [golden(schema) | {"submittedOn": "2021-03-01"}]


def test_reference_records_have_no_government_and_national_ones_do():
    call_command(
        "records",
        "import",
        str(ASSETS / "modifiedOrganism.json"),
        str(ASSETS / "database.json"),
        "--published-on",
        "2021-03-01",
    )
    assert Record.objects.get(schema="modifiedOrganism").government is None
    assert Record.objects.get(schema="database").government.iso2 == "KE"


def test_importing_the_same_document_again_changes_nothing(capsys):
    path = str(ASSETS / "biosafetyDecision.json")
    call_command("records", "import", path, "--published-on", "2021-03-01")
    call_command("records", "import", path, "--published-on", "2021-03-01")
    assert "0 new record(s) (none); 0 new revision(s); 1 unchanged" in capsys.readouterr().out
    assert Revision.objects.count() == 1


def test_a_changed_document_becomes_a_new_revision_and_the_latest_is_current(tmp_path):
    call_command(
        "records", "import", str(ASSETS / "biosafetyDecision.json"), "--published-on", "2020-01-01"
    )
    changed = golden("biosafetyDecision") | {"title": {"en": "Revised decision"}}
    path = tmp_path / "changed.json"
    path.write_text(json.dumps([changed]))
    call_command("records", "import", str(path), "--published-on", "2022-06-30")
    record = Record.objects.get(identifier="SAMPLE-DEC-0001")
    assert [(r.number, r.published_on.isoformat()) for r in record.revisions.all()] == [
        (1, "2020-01-01"),
        (2, "2022-06-30"),
    ]
    assert record.current.title == "Revised decision"
    assert record.revisions.get(number=1).document == golden("biosafetyDecision")


def test_it_rejects_bad_documents_with_file_key_and_reason_and_changes_nothing(tmp_path):
    good = ASSETS / "authority.json"
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [
                {
                    "header": {"schema": "biosafetyLaw", "identifier": "L1"},
                    "government": {"identifier": "zz"},
                },
                {"header": {"schema": "focalPoint"}, "government": {"identifier": "ke"}},
                {"header": {"schema": "noSuchSchema", "identifier": "X"}},
                {
                    "header": {"schema": "biosafetyDecision", "identifier": "D1"},
                    "government": {"identifier": "ke"},
                    "title": "not multilingual",
                    "date": "31/12/2020",
                    "decisionTypes": ["E8C5A15C-A736-4FB7-A1B6-192412BE7E45"],
                },
                {
                    "header": {"schema": "modifiedOrganism", "identifier": "M1"},
                    "government": {"identifier": "ke"},
                },
            ]
        )
    )
    with pytest.raises(CommandError) as error:
        call_command("records", "import", str(good), str(bad), "--published-on", "2021-03-01")
    message = str(error.value)
    assert "nothing was imported (7 problem(s))" in message
    assert f"{bad}[0]: government.identifier: 'ZZ' is not a known government" in message
    assert f"{bad}[1]: header.identifier: missing" in message
    assert f"{bad}[2]: header.schema: 'noSuchSchema' is not a supported record schema" in message
    assert f"{bad}[3]: title: must be a text by language" in message
    assert f"{bad}[3]: date: must be a date YYYY-MM-DD" in message
    assert f"{bad}[3]: decisionTypes: must be a list of terms" in message
    assert f"{bad}[4]: government: a modifiedOrganism record is a reference record" in message
    assert not Record.objects.exists()


def test_the_same_identifier_twice_in_one_batch_is_refused(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text(json.dumps([golden("database"), golden("database")]))
    with pytest.raises(CommandError, match=r"\[1\]: header.identifier: given twice"):
        call_command("records", "import", str(path))
    assert not Record.objects.exists()


def test_a_dry_run_checks_and_writes_nothing(capsys):
    call_command(
        "records",
        "import",
        str(ASSETS / "resource.json"),
        "--dry-run",
        "--published-on",
        "2021-03-01",
    )
    assert "dry run, nothing written: would have imported 1 new record(s) (resource: 1)" in (
        capsys.readouterr().out
    )
    assert not Record.objects.exists()


def test_it_indexes_the_terms_for_the_facets_in_upper_case():
    call_command(
        "records", "import", str(ASSETS / "focalPoint.json"), "--published-on", "2021-03-01"
    )
    assert set(
        RecordTerm.objects.filter(field="categories").values_list("identifier", flat=True)
    ) == {
        "CPB-FP1",
        "CPB-A17-FP",
    }


def test_it_lists_records_as_json_and_csv_filtered_by_party(capsys, tmp_path):
    other = golden("database") | {"header": {"identifier": "DB-CN", "schema": "database"}}
    other["government"] = {"identifier": "cn"}
    path = tmp_path / "cn.json"
    path.write_text(json.dumps(other))
    call_command(
        "records",
        "import",
        str(ASSETS / "database.json"),
        str(path),
        "--published-on",
        "2021-03-01",
    )
    capsys.readouterr()
    call_command("records", "list", "--schema", "database", "--party", "ke", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "identifier": "SAMPLE-NDB-0001",
            "schema": "database",
            "government": "KE",
            "title": "Website or database name (sample)",
            "date": None,
            "revision": 1,
            "published_on": "2021-03-01",
        }
    ]
    call_command("records", "list", "--schema", "database", "--format", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "identifier,schema,government,title,date,revision,published_on"
    assert [line.split(",")[0] for line in lines[1:]] == ["DB-CN", "SAMPLE-NDB-0001"]


def test_export_of_one_party_leaves_out_the_others(capsys):
    call_command("records", "import", str(ASSETS / "database.json"), "--published-on", "2021-03-01")
    capsys.readouterr()
    call_command(
        "records", "export", "--schema", "database", "--party", "CN", "--format", "bch-json"
    )
    assert json.loads(capsys.readouterr().out) == []


def test_a_documents_own_date_wins_and_published_on_dates_only_the_others(tmp_path):
    dated = golden("database") | {"submittedOn": "2018-05-02T10:22:33.123Z"}  # BCH metadata
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(dated))
    call_command(
        "records",
        "import",
        str(path),
        str(ASSETS / "authority.json"),
        "--published-on",
        "2021-03-01",
    )
    days = dict(Revision.objects.values_list("record__schema", "published_on"))
    assert {schema: day.isoformat() for schema, day in days.items()} == {
        "database": "2018-05-02",
        "authority": "2021-03-01",
    }
    stored = Revision.objects.get(record__schema="database").document
    assert "submittedOn" not in stored  # a date, kept as the publication date


def test_an_import_that_would_leave_a_record_undated_is_refused_and_changes_nothing(tmp_path):
    dated = golden("database") | {"submittedOn": "2018-05-02"}
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(dated))
    with pytest.raises(CommandError) as error:
        call_command("records", "import", str(path), str(ASSETS / "authority.json"))
    assert str(error.value) == (
        "nothing was imported (1 problem(s)):\n"
        f"{ASSETS / 'authority.json'}: submittedOn: no publication date: the document carries "
        "no submittedOn date and none was given for the import (--published-on)"
    )
    assert not Record.objects.exists()


def test_a_document_whose_own_date_is_no_date_is_refused(tmp_path):
    path = tmp_path / "bad-date.json"
    path.write_text(json.dumps(golden("database") | {"submittedOn": "last spring"}))
    with pytest.raises(CommandError, match="submittedOn: must be a date YYYY-MM-DD"):
        call_command("records", "import", str(path), "--published-on", "2021-03-01")
    assert not Record.objects.exists()


def test_importing_an_export_into_the_same_database_changes_nothing(tmp_path, capsys):
    call_command("records", "import", str(ASSETS / "database.json"), "--published-on", "2021-03-01")
    out = tmp_path / "out.json"
    call_command("records", "export", "--schema", "database", "--output", str(out))
    capsys.readouterr()
    call_command("records", "import", str(out))
    assert "0 new record(s) (none); 0 new revision(s); 1 unchanged" in capsys.readouterr().out
