"""Who was a Party on a date: the rule (deposit + 90 days, not before entry into force),
checked against the packaged data and against hand-picked dated cases."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from cpbtracker.parties.models import Membership, Party, Treaty, party_since
from cpbtracker.parties.queries import membership_on, parties_on
from cpbtracker.parties.services import PACKAGED_CSV

pytestmark = pytest.mark.django_db


def expected_cp_parties(on: dt.date) -> set[str]:
    """Count from the packaged CSV by the rule, independently of the database."""
    result = set()
    with PACKAGED_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cpb_party"] != "true":
                continue
            if row["cpb_party_since"]:
                since = dt.date.fromisoformat(row["cpb_party_since"])
            elif row["cpb_party_date"]:
                deposit = dt.date.fromisoformat(row["cpb_party_date"])
                since = max(deposit + dt.timedelta(days=90), dt.date(2003, 9, 11))
            else:
                continue
            if since <= on:
                result.add(row["iso2"])
    return result


def test_it_computes_the_date_a_deposit_makes_a_party():
    assert party_since(Treaty.CP, dt.date(2017, 6, 1)) == dt.date(2017, 8, 30)
    assert party_since(Treaty.CP, dt.date(2000, 5, 1)) == dt.date(2003, 9, 11)
    assert party_since(Treaty.SP, dt.date(2013, 3, 21)) == dt.date(2018, 3, 5)
    assert party_since(Treaty.SP, None) is None


@pytest.mark.parametrize(
    "on", ["2003-09-10", "2003-09-11", "2010-01-01", "2020-01-23", "2024-06-30"]
)
def test_it_counts_cp_parties_on_a_date_as_the_data_says(on):
    day = dt.date.fromisoformat(on)
    assert {p.iso2 for p in parties_on(Treaty.CP, day)} == expected_cp_parties(day)


def test_it_knows_no_cp_party_before_the_protocol_entered_into_force():
    assert parties_on(Treaty.CP, dt.date(2003, 9, 10)).count() == 0
    assert parties_on(Treaty.CP, dt.date(2003, 9, 11)).count() > 40


def test_it_counts_the_packaged_totals():
    today = dt.date(2025, 1, 1)
    # 172 CP Parties in the data, all dated (Uzbekistan by its explicit date); Sierra Leone unknown
    assert membership_on(Treaty.CP, today).count == 172
    assert [p.iso2 for p in membership_on(Treaty.CP, today).undetermined] == ["SL"]
    sp = membership_on(Treaty.SP, today)
    assert sp.count == 43  # 44 Parties, France's date unknown
    assert "FR" in {p.iso2 for p in sp.undetermined}


def test_it_makes_a_state_a_party_on_the_90th_day_after_deposit():
    kuwait = Party.objects.get(iso2="KW")
    assert kuwait.is_party(Treaty.CP, on=dt.date(2017, 8, 29)) is False
    assert kuwait.is_party(Treaty.CP, on=dt.date(2017, 8, 30)) is True


def test_it_prefers_an_explicit_date_over_the_computed_one():
    uzbekistan = Party.objects.get(iso2="UZ")
    assert uzbekistan.is_party(Treaty.CP, on=dt.date(2020, 1, 22)) is False
    assert uzbekistan.is_party(Treaty.CP, on=dt.date(2020, 1, 23)) is True


def test_it_counts_the_eu_as_a_party_to_all_three_treaties():
    eu = Party.objects.get(iso2="EU")
    assert eu.is_party(Treaty.CP, on=dt.date(2004, 1, 1)) is True
    assert eu.is_party(Treaty.SP, on=dt.date(2018, 3, 4)) is False
    assert eu.is_party(Treaty.SP, on=dt.date(2018, 3, 5)) is True


def test_it_keeps_unknown_membership_unknown():
    sierra_leone = Party.objects.get(iso2="SL")
    assert sierra_leone.membership(Treaty.CP).status == Membership.Status.UNKNOWN
    assert sierra_leone.is_party(Treaty.CP, on=dt.date(2025, 1, 1)) is None
    assert Party.objects.get(iso2="US").is_party(Treaty.CBD, on=dt.date(2025, 1, 1)) is False


def test_the_packaged_data_gives_the_secretariats_own_party_counts():
    """The BCH report analyzer (scbd/absch.cbd.int, app/app-data/report-analyzer-mapping.js)
    gives 121 Parties at the interim report deadline and 141 at the first report deadline;
    like the Secretariat, these counts include the European Union."""
    assert parties_on(Treaty.CP, dt.date(2005, 9, 11)).count() == 121
    assert parties_on(Treaty.CP, dt.date(2007, 9, 11)).count() == 141


def test_the_protocol_entered_into_force_on_the_fiftieth_instrument_of_a_state():
    """Art. 37: in force on 11 September 2003, the 90th day after the 50th instrument (Palau,
    13 June 2003); the European Community's instrument (27 August 2002) is not counted as
    additional to its member States' (Art. 37(3)), yet the Community was a Party that day."""
    on = dt.date(2003, 9, 11)
    parties = set(parties_on(Treaty.CP, on).values_list("iso2", flat=True))
    assert len(parties - {"EU"}) == 50
    assert "EU" in parties and "PW" in parties
    assert not parties_on(Treaty.CP, on - dt.timedelta(days=1)).exists()
