"""The plan as packaged data: read and check ``data/plan.yaml`` without touching the database.

The file is the source of truth for the adopted plan text; the database mirrors it (see
``services.load_plan``) so that later data (indicator values, activities) can refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PLAN_FILE = Path(__file__).parent / "data" / "plan.yaml"
ENGLISH_STATUSES = {"official", "translation"}


class PlanDataError(ValueError):
    """The plan data file is malformed; the message names the item and the field."""


@dataclass(frozen=True)
class Item:
    code: str
    text: dict[str, str]
    english: str


@dataclass(frozen=True)
class CapacitySet:
    code: str
    goals: tuple[str, ...]
    areas: tuple[Item, ...]
    activities: tuple[Item, ...]


@dataclass(frozen=True)
class Goal:
    code: str
    area: str
    title: Item
    capacity_set: CapacitySet
    objectives: tuple[Item, ...]
    indicators: tuple[Item, ...]
    outcome: Item


@dataclass(frozen=True)
class Narrative:
    code: str
    title: dict[str, str]
    text: dict[str, str]
    paragraphs: str


@dataclass(frozen=True)
class PlanDocument:
    document: dict[str, Any]
    areas: tuple[Item, ...]
    capacity_sets: tuple[CapacitySet, ...]
    goals: tuple[Goal, ...]
    narrative: tuple[Narrative, ...] = field(default=())

    def goal(self, code: str) -> Goal:
        return next(g for g in self.goals if g.code == code)

    def as_dict(self) -> dict[str, Any]:
        """The export shape: ``{"goals": [{code, area, title, objectives, indicators, ...}]}``."""

        def items(seq: tuple[Item, ...]) -> list[dict[str, Any]]:
            return [{"code": i.code, "text": dict(i.text)} for i in seq]

        return {
            "goals": [
                {
                    "code": g.code,
                    "area": g.area,
                    "title": dict(g.title.text),
                    "objectives": items(g.objectives),
                    "indicators": items(g.indicators),
                    "outcome": dict(g.outcome.text),
                    "capacity_set": g.capacity_set.code,
                    "capacity_areas": items(g.capacity_set.areas),
                    "capacity_activities": items(g.capacity_set.activities),
                }
                for g in self.goals
            ],
            "areas": [{"code": a.code, "title": dict(a.text)} for a in self.areas],
            "document": self.document,
        }

    def rows(self) -> list[dict[str, str]]:
        """One row per item under its goal (shared capacity items repeat under each goal)."""
        rows: list[dict[str, str]] = []
        for g in self.goals:
            parts = [
                ("goal", [g.title]),
                ("objective", g.objectives),
                ("indicator", g.indicators),
                ("outcome", [g.outcome]),
                ("capacity_area", g.capacity_set.areas),
                ("capacity_activity", g.capacity_set.activities),
            ]
            for kind, seq in parts:
                for item in seq:
                    rows.append(
                        {
                            "goal": g.code,
                            "kind": kind,
                            "code": item.code,
                            "zh": item.text.get("zh", ""),
                            "en": item.text.get("en", ""),
                            "english": item.english,
                        }
                    )
        return rows


def _text(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw.get("zh") or not raw.get("en"):
        raise PlanDataError(f"{where}: text needs non-empty 'zh' and 'en'")
    return {str(k): str(v).strip() for k, v in raw.items()}


def _item(raw: Any, where: str, *, text_key: str = "text") -> Item:
    if not isinstance(raw, dict):
        raise PlanDataError(f"{where}: expected a mapping")
    code = str(raw.get("code", "")).strip()
    english = raw.get("english", "translation")
    if english not in ENGLISH_STATUSES:
        raise PlanDataError(f"{where}: 'english' must be one of {sorted(ENGLISH_STATUSES)}")
    return Item(
        code=code, text=_text(raw.get(text_key), f"{where} {code}".strip()), english=english
    )


def _items(raw: Any, where: str) -> tuple[Item, ...]:
    if not isinstance(raw, list):
        raise PlanDataError(f"{where}: expected a list")
    items = tuple(_item(r, f"{where}[{n}]") for n, r in enumerate(raw, start=1))
    for item in items:
        if not item.code:
            raise PlanDataError(f"{where}: an item has no code")
    return items


def parse_plan(raw: dict[str, Any]) -> PlanDocument:
    """Build a :class:`PlanDocument` from the YAML structure, checking references and codes."""
    areas = tuple(
        Item(
            code=a["code"], text=_text(a.get("title"), f"area {a.get('code')}"), english="official"
        )
        for a in raw.get("areas", [])
    )
    area_codes = {a.code for a in areas}
    sets: dict[str, CapacitySet] = {}
    for s in raw.get("capacity_sets", []):
        code = s.get("code", "")
        sets[code] = CapacitySet(
            code=code,
            goals=tuple(s.get("goals", [])),
            areas=_items(s.get("areas"), f"capacity set {code} areas"),
            activities=_items(s.get("activities"), f"capacity set {code} activities"),
        )
    goals = []
    for g in raw.get("goals", []):
        code = g.get("code", "")
        if g.get("area") not in area_codes:
            raise PlanDataError(f"goal {code}: unknown area {g.get('area')!r}")
        if g.get("capacity_set") not in sets:
            raise PlanDataError(f"goal {code}: unknown capacity_set {g.get('capacity_set')!r}")
        goals.append(
            Goal(
                code=code,
                area=g["area"],
                title=Item(
                    code=code,
                    text=_text(g.get("title"), f"goal {code} title"),
                    english=g.get("english", "translation"),
                ),
                capacity_set=sets[g["capacity_set"]],
                objectives=_items(g.get("objectives"), f"goal {code} objectives"),
                indicators=_items(g.get("indicators"), f"goal {code} indicators"),
                outcome=_item(
                    {"code": f"{code} outcome", **(g.get("outcome") or {})}, f"goal {code} outcome"
                ),
            )
        )
    for s in sets.values():
        for goal_code in s.goals:
            if not any(g.code == goal_code and g.capacity_set is s for g in goals):
                raise PlanDataError(f"capacity set {s.code}: goal {goal_code} does not use it")
    narrative = tuple(
        Narrative(
            code=n["code"],
            title=_text(n.get("title"), f"narrative {n.get('code')} title"),
            text=_text(n.get("text"), f"narrative {n.get('code')} text"),
            paragraphs=str(n.get("paragraphs", "")),
        )
        for n in raw.get("narrative", [])
    )
    _check_unique_codes(goals, sets.values())
    return PlanDocument(
        document=dict(raw.get("document", {})),
        areas=areas,
        capacity_sets=tuple(sets.values()),
        goals=tuple(goals),
        narrative=narrative,
    )


def _check_unique_codes(goals: list[Goal], sets: Any) -> None:
    seen: set[str] = set()
    codes = [g.code for g in goals]
    for g in goals:
        codes += [i.code for i in g.objectives + g.indicators]
    for s in sets:
        codes += [i.code for i in s.areas + s.activities]
    for code in codes:
        if code in seen:
            raise PlanDataError(f"code {code} appears twice")
        seen.add(code)


@lru_cache(maxsize=1)
def packaged_plan() -> PlanDocument:
    """The plan shipped with the package (parsed once per process)."""
    with PLAN_FILE.open(encoding="utf-8") as fh:
        return parse_plan(yaml.safe_load(fh))
