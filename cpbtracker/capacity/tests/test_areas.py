"""The packaged area mapping: the 17 options of Q119/Q123, each placed on the plan."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpbtracker.capacity.areas import (
    area_by_value,
    initiative_terms,
    meaning_differs,
    report_areas,
)
from cpbtracker.capacity.initiatives import initiative_row
from cpbtracker.plan.models import CapacityArea, Goal
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db


def test_it_maps_the_17_options_shared_by_q119_and_q123():
    nr5 = load_questionnaire("cpbNationalReport5")
    values = [o.value for o in nr5.question("Q123").options]
    assert [o.value for o in nr5.question("Q119").options] == values
    assert [a.value for a in report_areas()] == values
    assert len(values) == 17


def test_every_mapped_code_is_a_goal_or_key_area_of_the_plan_serving_those_goals():
    goals = set(Goal.objects.values_list("code", flat=True))
    key_areas = {a.code: a for a in CapacityArea.objects.select_related("capacity_set")}
    for area in report_areas():
        assert set(area.goals) <= goals, area.value
        for code in area.key_areas:
            served = {g.code for g in key_areas[code].capacity_set.goals.all()}
            assert served & set(area.goals), (area.value, code)
    assert sum(1 for a in report_areas() if not a.goals) == 1  # only "Other"


ROOT = Path(__file__).resolve().parents[3]
# the reference data beside the repository (its README names the sources); the product's
# packaged copies of the report formats are checked too, so the check runs without it
REFERENCE = next(
    (p / "shared" / "reference" for p in ROOT.parents if (p / "shared" / "reference").is_dir()),
    None,
)
FORMATS = [
    ROOT / "cpbtracker" / "reporting" / "data" / f"bch-{n}-format.json" for n in ("nr5", "nr4")
]
if REFERENCE is not None:
    FORMATS += [REFERENCE / f"bch-{n}-format.json" for n in ("nr5", "nr4")]


def _questions(entries: list[dict]) -> Iterator[dict]:
    for entry in entries:
        yield entry
        yield from _questions(entry.get("questions") or [])


def options_of(path: Path) -> list[tuple[str, str, str]]:
    """(where, identifier, English title) of every option of every question of a format."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (f"{path.name} {question['key']}", option["value"], option["title"].get("en", ""))
        for section in data["sections"]
        for question in _questions(section.get("questions", []))
        for option in question.get("options") or []
    ]


def test_every_area_identifier_keeps_its_meaning_in_the_5th_and_4th_report_formats():
    carried = 0
    for path in FORMATS:
        options = options_of(path)
        assert meaning_differs(report_areas(), options) == [], path
        carried += sum(1 for _w, value, _t in options if area_by_value(value))
    # Q119 and Q123 (NR5), Q132 and Q135 (NR4): 17 each; "Other" is shared by more questions
    assert carried >= 4 * 17 * (len(FORMATS) // 2)


def test_an_identifier_given_another_meaning_is_caught():
    mainstreaming = "68250AA6-75F1-470D-A8E7-85ECDF703D00"
    options = [
        ("NR3 Q1", mainstreaming.lower(), "Human resources"),
        (
            "NR4 Q132",
            "AF59E45F-3AC2-4F71-889C-B42E83F75A8A",
            "Information exchange and data "
            "management including participation in the <i>Biosafety Clearing-House</i>",
        ),
        ("NR4 Q132", "76DB23A3-F880-4AC8-8602-DF9DC45EECAF", "Socio-economic considerations"),
    ]
    # a title reworded (punctuation, tags, hyphens) keeps its meaning; another meaning does not
    assert meaning_differs(report_areas(), options) == [
        ("NR3 Q1", mainstreaming.lower(), "Human resources")
    ]


def test_the_known_thematic_area_terms_are_read_as_the_area_they_mean():
    """cpbThematicAreas, the initiatives' thesaurus: its one term the BCH source names (risk
    assessment) is not a Q123 identifier, so it is read through the packaged table."""
    terms = initiative_terms().thematic_areas
    values = {a.value for a in report_areas()}
    assert not set(terms) & values  # no thematic term reuses a Q123 identifier
    assert all(set(reads_as) <= values for reads_as in terms.values())
    if REFERENCE is not None:
        fields = json.loads((REFERENCE / "bch-record-fields.json").read_text(encoding="utf-8"))
        note = fields["termLists"]["capacityBuildingInitiative"]["cpbThematicAreas"]["note"]
        named = {
            m.upper() for m in re.findall(r"[0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{12}", note)
        }
        assert named <= set(terms)
    risk = "FBAF958B-14BF-45DD-BC6D-D34A9953BCEF"
    row = initiative_row("I", {"cpbThematicAreas": [{"identifier": risk.lower()}]})
    assert row.areas == {"7C980FF4-3C5B-4711-81F9-BA6F28C12598"}
