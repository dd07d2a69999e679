"""`cpbtracker capacity gaps`: the gap rule on hand-computed cases, in JSON, CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cpbtracker.capacity.tests.conftest import DET, PA, RA

pytestmark = pytest.mark.django_db


def gaps(*args: str) -> str:
    out = io.StringIO()
    call_command("capacity", "gaps", "--cycle", "5", *args, stdout=out)
    return out.getvalue()


def by_area(data: dict) -> dict[str, dict]:
    return {entry["area"]: entry for entry in data["areas"]}


def test_it_lists_every_area_with_the_contract_keys(db):
    data = json.loads(gaps("--format", "json"))
    assert data["cycle"] == 5
    assert len(data["areas"]) == 17
    assert set(data["areas"][0]) == {
        "area",
        "title",
        "parties_with_need",
        "parties_covered",
        "parties_uncovered",
        "initiatives",
        "parties_covered_nationally",
        "parties_covered_regionally_only",
    }
    assert data["areas"][0]["title"] == {
        "en": "Institutional capacity and human resources",
        "zh": "机构能力和人力资源",
    }


def test_it_applies_the_gap_rule_to_the_hand_computed_case(scenario):
    areas = by_area(json.loads(gaps("--format", "json")))
    # risk assessment: KE, NG and CN need it (BR said it has no needs). The Kenyan national
    # initiative covers KE; the African one ended on 2025-06-30: still running the day NG
    # reported (regional coverage), over when KE reported in 2026. The old Kenyan one ended
    # in 2019, the Chinese one is cancelled, the Brazilian one covers no Party with the need.
    assert areas[RA]["parties_with_need"] == ["CN", "KE", "NG"]
    assert areas[RA]["parties_covered"] == ["KE", "NG"]
    assert areas[RA]["parties_covered_nationally"] == ["KE"]
    assert areas[RA]["parties_covered_regionally_only"] == ["NG"]
    assert areas[RA]["parties_uncovered"] == ["CN"]
    assert areas[RA]["initiatives"] == ["I-AFR", "I-KE"]
    # public awareness: India's latest report no longer asks for it; KE is covered nationally
    # (so not "regionally only", though the global initiative covers it too)
    assert areas[PA]["parties_with_need"] == ["KE"]
    assert areas[PA]["parties_covered"] == ["KE"]
    assert areas[PA]["parties_covered_nationally"] == ["KE"]
    assert areas[PA]["parties_covered_regionally_only"] == []
    assert areas[PA]["initiatives"] == ["I-GLOBAL", "I-KE"]
    # detection: the Indian initiative has no end date and counts; the Chinese ones start
    # after the deadline or were published after it
    assert areas[DET]["parties_with_need"] == ["CN", "IN"]
    assert areas[DET]["parties_covered"] == ["IN"]
    assert areas[DET]["parties_uncovered"] == ["CN"]
    assert areas[DET]["initiatives"] == ["I-DET-IN"]
    others = [a for code, a in areas.items() if code not in (RA, PA, DET)]
    assert all(not a["parties_with_need"] and not a["initiatives"] for a in others)


def test_the_csv_and_the_workbook_carry_the_same_numbers(scenario, tmp_path):
    rows = {r["area"]: r for r in csv.DictReader(io.StringIO(gaps("--format", "csv")))}
    assert len(rows) == 17
    assert (rows[RA]["with_need"], rows[RA]["covered"], rows[RA]["uncovered"]) == ("3", "2", "1")
    assert (rows[RA]["covered_nationally"], rows[RA]["covered_regionally_only"]) == ("1", "1")
    assert rows[RA]["parties_covered_regionally_only"] == "NG"
    assert rows[RA]["parties_uncovered"] == "CN"
    path = tmp_path / "gaps.xlsx"
    gaps("--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    cells = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    assert (cells[DET]["with_need"], cells[DET]["covered"], cells[DET]["initiatives"]) == (
        2,
        1,
        "I-DET-IN",
    )


def test_it_refuses_a_cycle_without_the_questions(db):
    with pytest.raises(CommandError, match="Q122 and Q123"):
        call_command("capacity", "gaps", "--cycle", "4")
    with pytest.raises(CommandError, match="no reporting cycle 9"):
        call_command("capacity", "gaps", "--cycle", "9")
