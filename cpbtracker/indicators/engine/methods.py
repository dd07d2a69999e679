"""Indicator methods as data (``data/methods.yaml``), read and checked before any computing."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

METHODS_FILE = Path(__file__).resolve().parent.parent / "data" / "methods.yaml"
SOURCES = {"report", "registry", "records", "manual"}
# answers: the default rule on the method's questions; timely_complete: submitted by the
# deadline and valid; derived: positive on every indicator in `requires`; answered: answered
# at least one of the questions (denominator: the whole population).
REPORT_KINDS = {"answers", "timely_complete", "derived", "answered"}
POPULATIONS = {"cp", "sp", "own"}


class MethodError(ValueError):
    """The method file is wrong; the message names the indicator and the field."""


@dataclass(frozen=True)
class Condition:
    question: str | None = None
    values: tuple[str, ...] = ()
    indicator: str | None = None


@dataclass(frozen=True)
class Method:
    code: str
    source: str
    kind: str = ""
    population: str = "cp"
    questions: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    combine: str = "any"
    positive: tuple[str, ...] = ()  # empty: the yes/no default (true, true.*)
    excluded: tuple[str, ...] = ()
    condition: Condition | None = None
    baseline: str = "none"  # mapped (NR4 through the mapping) | registry | none
    baseline_note: str = ""
    method: dict[str, str] = field(default_factory=dict)
    unit: str = "percent"  # or "count" (A.2(c))


def parse_methods(raw: Any, *, indicator_codes: list[str] | None = None) -> list[Method]:
    """Build and check the methods; every problem raises MethodError naming the indicator."""
    if not isinstance(raw, list):
        raise MethodError("the method file must be a list of indicators")
    methods = [_method(entry) for entry in raw]
    codes = [m.code for m in methods]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise MethodError(f"indicators given twice: {', '.join(sorted(duplicates))}")
    if indicator_codes is not None and sorted(codes) != sorted(indicator_codes):
        missing = sorted(set(indicator_codes) - set(codes))
        extra = sorted(set(codes) - set(indicator_codes))
        raise MethodError(f"methods do not match the plan: missing {missing}, unknown {extra}")
    known = set(codes)
    for m in methods:
        if m.condition and m.condition.indicator and m.condition.indicator not in known:
            raise MethodError(f"{m.code}: condition on unknown indicator {m.condition.indicator}")
        unknown = [r for r in m.requires if r not in known]
        if unknown:
            raise MethodError(f"{m.code}: requires unknown indicator(s) {', '.join(unknown)}")
    return methods


def _method(entry: Any) -> Method:
    if not isinstance(entry, dict) or not entry.get("code"):
        raise MethodError(f"an entry without a code: {entry!r}")
    code = entry["code"]

    def fail(reason: str) -> MethodError:
        return MethodError(f"{code}: {reason}")

    source = entry.get("source")
    if source not in SOURCES:
        raise fail(f"source must be one of {sorted(SOURCES)}")
    kind = entry.get("kind", "answers" if source == "report" else "")
    if source == "report" and kind not in REPORT_KINDS:
        raise fail(f"kind must be one of {sorted(REPORT_KINDS)}")
    population = entry.get("population", "cp")
    if population not in POPULATIONS:
        raise fail(f"population must be one of {sorted(POPULATIONS)}")
    questions = tuple(str(q) for q in entry.get("questions") or ())
    if kind in ("answers", "answered") and not questions:
        raise fail(f"a {kind!r} indicator needs questions")
    requires = tuple(str(r) for r in entry.get("requires") or ())
    if kind == "derived" and not requires:
        raise fail("a derived indicator names the indicators it requires")
    combine = entry.get("combine", "any")
    if combine not in ("any", "all"):
        raise fail("combine must be any or all")
    raw_condition = entry.get("condition")
    condition = None
    if raw_condition:
        condition = Condition(
            question=raw_condition.get("question"),
            values=tuple(str(v) for v in raw_condition.get("values") or ()),
            indicator=raw_condition.get("indicator"),
        )
        if bool(condition.question) == bool(condition.indicator):
            raise fail("a condition names either a question (with values) or an indicator")
    unit = entry.get("unit", "percent")
    if unit not in ("percent", "count"):
        raise fail("unit must be percent or count")
    method = entry.get("method") or {}
    if not method.get("en"):
        raise fail("the method needs an English description")
    return Method(
        code=code,
        source=source,
        kind=kind,
        population=population,
        questions=questions,
        requires=requires,
        combine=combine,
        positive=tuple(str(v) for v in entry.get("positive") or ()),
        excluded=tuple(str(v) for v in entry.get("excluded") or ()),
        condition=condition,
        baseline=str(entry.get("baseline", "none")),
        baseline_note=str(entry.get("baseline_note", "")),
        method=dict(method),
        unit=unit,
    )


def questions_read(methods: tuple[Method, ...]) -> frozenset[str]:
    """Every 5th-report question the methods look at (answers and conditions)."""
    keys = {q for m in methods for q in m.questions}
    keys |= {m.condition.question for m in methods if m.condition and m.condition.question}
    return frozenset(keys)


@lru_cache(maxsize=1)
def packaged_methods() -> tuple[Method, ...]:
    """The shipped methods, checked against the plan's indicator codes."""
    from cpbtracker.plan.content import packaged_plan

    codes = [i.code for g in packaged_plan().goals for i in g.indicators]
    raw = yaml.safe_load(METHODS_FILE.read_text(encoding="utf-8"))
    return tuple(parse_methods(raw, indicator_codes=codes))
