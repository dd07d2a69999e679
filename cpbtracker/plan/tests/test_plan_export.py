"""`cpbtracker plan export`: the seed's appendix, whole, in both languages."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from openpyxl import load_workbook

from cpbtracker.plan.tests import PLAN_COUNTS

GOAL_CODES = [f"A.{n}" for n in range(1, 11)] + [f"B.{n}" for n in range(1, 5)]


def export(fmt: str, tmp_path: Path | None = None) -> bytes:
    out = io.StringIO()
    if fmt == "xlsx":
        assert tmp_path is not None, "an xlsx export needs a directory"
        target = tmp_path / "plan.xlsx"
        call_command("plan", "export", "--format", "xlsx", "--output", str(target), stderr=out)
        return target.read_bytes()
    call_command("plan", "export", "--format", fmt, stdout=out)
    return out.getvalue().encode()


def counts(plan: dict) -> dict[str, int]:
    distinct = lambda key: len({i["code"] for g in plan["goals"] for i in g[key]})  # noqa: E731
    return {
        "goals": len(plan["goals"]),
        "objectives": distinct("objectives"),
        "indicators": distinct("indicators"),
        "outcomes": sum(1 for g in plan["goals"] if g["outcome"]["zh"] and g["outcome"]["en"]),
        "capacity_areas": distinct("capacity_areas"),
        "capacity_activities": distinct("capacity_activities"),
    }


def test_it_exports_every_item_of_the_appendix_as_json():
    plan = json.loads(export("json"))
    assert [g["code"] for g in plan["goals"]] == GOAL_CODES
    assert counts(plan) == PLAN_COUNTS
    a1 = plan["goals"][0]
    assert a1["area"] == "A"
    assert a1["title"]["zh"] == "缔约方建立了有效的国家生物安全框架"
    assert [o["code"] for o in a1["objectives"]] == ["A.1.1", "A.1.2", "A.1.3"]
    assert [i["code"] for i in a1["indicators"]] == ["A.1(a)", "A.1(b)", "A.1(c)"]
    assert {g["area"] for g in plan["goals"][10:]} == {"B"}


def test_it_has_english_and_chinese_for_every_item():
    plan = json.loads(export("json"))
    for goal in plan["goals"]:
        texts = [goal["title"], goal["outcome"]]
        for key in ("objectives", "indicators", "capacity_areas", "capacity_activities"):
            texts += [i["text"] for i in goal[key]]
        for text in texts:
            assert text["zh"].strip() and text["en"].strip(), goal["code"]
            assert not any(c in text["en"] for c in "的了在"), text["en"]


def test_it_shows_the_shared_capacity_set_under_a6_a7_a8():
    goals = {g["code"]: g for g in json.loads(export("json"))["goals"]}
    shared = [goals[c]["capacity_areas"] for c in ("A.6", "A.7", "A.8")]
    assert shared[0] == shared[1] == shared[2]
    assert len(shared[0]) == 6
    assert len(goals["A.6"]["capacity_activities"]) == 5
    assert goals["A.7"]["capacity_set"] == "A.6-A.8"


def test_it_joins_texts_split_across_page_breaks_and_fixes_known_faults():
    goals = {g["code"]: g for g in json.loads(export("json"))["goals"]}
    assert goals["A.10"]["title"]["zh"].endswith("履行补充议定书为其规定的义务")
    assert (
        "卡塔赫纳议定书的缔约方成为名古屋-吉隆坡补充议定书的缔约方" in goals["A.10"]["title"]["zh"]
    )
    b1c = next(i for i in goals["B.1"]["indicators"] if i["code"] == "B.1(c)")
    assert "包括使用在线资源" in b1c["text"]["zh"]
    b33 = next(o for o in goals["B.3"]["objectives"] if o["code"] == "B.3.3")
    assert "征询公众意见" in b33["text"]["zh"]
    a8b = next(i for i in goals["A.8"]["indicators"] if i["code"] == "A.8(b)")
    assert "资料和检测方法" in a8b["text"]["zh"]
    assert [a["code"] for a in goals["B.3"]["capacity_activities"]][-3:] == [
        "B.3/(v)",
        "B.3/(vi)",
        "B.3/(vii)",
    ]
    everything = json.dumps(goals, ensure_ascii=False)
    assert "卡特赫纳" not in everything
    assert "程序和息" not in everything


def test_it_exports_one_csv_row_per_item_under_its_goal():
    rows = list(csv.DictReader(io.StringIO(export("csv").decode())))
    assert list(rows[0]) == ["goal", "kind", "code", "zh", "en", "ar", "es", "fr", "ru", "english"]
    kinds = {}
    for row in rows:
        kinds.setdefault(row["kind"], set()).add(row["code"])
    assert len(kinds["indicator"]) == 48
    assert len(kinds["capacity_activity"]) == 42
    # the shared A.6-A.8 areas appear under each of the three goals
    assert sum(1 for r in rows if r["code"] == "A.6-A.8/(1)") == 3


def test_it_exports_xlsx(tmp_path):
    workbook = load_workbook(io.BytesIO(export("xlsx", tmp_path)))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header == ["goal", "kind", "code", "zh", "en", "ar", "es", "fr", "ru", "english"]
    codes = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "B.4(d)" in codes


def test_the_console_script_exports_json_with_no_setup(tmp_path):
    """On a fresh install: no migrate, an empty data directory, the command still works."""
    script = shutil.which("cpbtracker") or str(Path(sys.executable).with_name("cpbtracker"))
    env = {**os.environ, "CPBTRACKER_DATA_DIR": str(tmp_path / "fresh")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [script, "plan", "export", "--format", "json"],
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert counts(json.loads(result.stdout)) == PLAN_COUNTS
