"""`cpbtracker parties import`: atomic, and every bad cell named by row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.parties.models import Membership, Party, RegistrySource, Treaty

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"


def snapshot() -> list[tuple]:
    return list(
        Membership.objects.order_by("party__iso2", "treaty").values_list(
            "party__iso2", "party__name", "treaty", "status", "deposited_on", "since"
        )
    )


def test_it_rejects_a_bad_csv_with_row_and_column_and_changes_nothing():
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("parties", "import", str(ASSETS / "parties-with-problems.csv"))
    message = str(error.value)
    assert "nothing was imported" in message
    assert "row 3, column un_regional_group: 'Atlantis' is not a UN regional group" in message
    assert "row 3, column cpb_party: 'maybe' is not true, false or empty" in message
    assert "row 3, column iso3" not in message
    assert snapshot() == before  # the valid row 2 (Kenya) was not written either
    assert Party.objects.get(iso2="KE").name["en"] == "Kenya"


def test_it_reports_a_bad_date():
    with pytest.raises(CommandError) as error:
        call_command("parties", "import", str(ASSETS / "parties-with-problems.csv"))
    assert "row 3, column cpb_party_date: '2003-13-01' is not a date (YYYY-MM-DD)" in str(
        error.value
    )


def test_it_updates_a_party_from_a_csv(capsys):
    call_command(
        "parties",
        "import",
        str(ASSETS / "parties-update.csv"),
        "--source",
        "Depositary notification",
        "--as-of",
        "2020-07-01",
    )
    sierra_leone = Party.objects.get(iso2="SL")
    assert sierra_leone.is_party(Treaty.CP, on=dt.date(2020, 9, 13)) is True
    assert sierra_leone.is_party(Treaty.CP, on=dt.date(2020, 9, 12)) is False
    assert RegistrySource.objects.first().as_of == "2020-07-01"
    assert "imported 1 Parties" in capsys.readouterr().out
    assert Party.objects.count() == 198  # others untouched


def test_it_names_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        call_command("parties", "import", "/nonexistent/parties.csv")


def test_a_short_row_is_an_error_not_a_reset():
    before = snapshot()
    region = Party.objects.get(iso2="KE").region
    with pytest.raises(CommandError) as error:
        call_command("parties", "import", str(ASSETS / "parties-short-row.csv"))
    assert "row 2: 3 columns, the header has 13: every row needs every column" in str(error.value)
    assert snapshot() == before
    assert Party.objects.get(iso2="KE").region == region


@pytest.mark.parametrize(
    "encoding, message",
    [
        ("latin-1", "row 2: byte 0xe9 is not UTF-8: save the file as CSV UTF-8"),
        ("utf-16", "the file is UTF-16: save it as CSV UTF-8"),
    ],
)
def test_a_file_in_another_encoding_is_a_clear_error(tmp_path, encoding, message):
    path = tmp_path / "parties.csv"
    text = (ASSETS / "parties-update.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("塞拉利昂", "").replace("Sierra Leone", "Sierra Léone"), encoding)
    with pytest.raises(CommandError, match=message):
        call_command("parties", "import", str(path))
    assert Party.objects.get(iso2="SL").name["en"] == "Sierra Leone"


@pytest.mark.parametrize("size", [600, 200_000])
def test_an_oversized_field_is_a_clear_error(tmp_path, size):
    path = tmp_path / "parties.csv"
    text = (ASSETS / "parties-update.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("test: accession confirmed", "x" * size), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("parties", "import", str(path))
    assert Party.objects.get(iso2="SL").source != "x" * size


def test_a_bad_date_option_is_one_clear_line(capsys):
    call_command("parties", "on", "--treaty", "CP", "--date", "2021-01-01")
    assert "Parties to the CP on 2021-01-01" in capsys.readouterr().err
    with pytest.raises(CommandError, match=r"--date: '2021-02-30' is not a date"):
        call_command("parties", "on", "--treaty", "CP", "--date", "2021-02-30")
