"""Indicator methods as data (``data/methods.yaml``), read and checked before any computing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.content import packaged_plan

METHODS_FILE = Path(__file__).resolve().parent.parent / "data" / "methods.yaml"
# ar/es/fr/ru: our translations of the English method texts, one file per language
TRANSLATIONS_DIR = METHODS_FILE.parent / "translations"
TRANSLATED_FIELDS = {"description", "fallback", "parts", "baseline_note"}
TEXT_STATUSES = {"translation", "official"}
SOURCES = {"report", "membership", "records", "manual", "cases"}
# answers: the default rule on the method's questions; timely_complete: submitted by the
# deadline and valid; derived: positive on every indicator in `requires`; answered: answered
# at least one of the questions (denominator: the whole population).
REPORT_KINDS = {"answers", "timely_complete", "derived", "answered"}
POPULATIONS = {"cp", "sp", "own"}
# manual figures: value (+ as-of date), fraction (numerator and denominator, value computed),
# window (a count measured over a start and end date)
FIGURES = {"value", "fraction", "window"}


class MethodError(ValueError):
    """The method file is wrong; the message names the indicator and the field."""


@dataclass(frozen=True)
class Condition:
    question: str | None = None
    values: tuple[str, ...] = ()
    indicator: str | None = None
    any_of: tuple[Condition, ...] = ()  # met when one of these is met

    def questions(self) -> set[str]:
        return ({self.question} if self.question else set()).union(
            *(c.questions() for c in self.any_of)
        )


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
    baseline: str = (
        "none"  # mapped (NR4 through the mapping) | membership | records | figure | cases | none
    )
    baseline_note: dict[str, str] = field(default_factory=dict)  # why there is none, per language
    description: dict[str, str] = field(default_factory=dict)  # the method in words
    unit: str = "percent"  # or "count" (A.2(c))
    negative_if: Condition | None = None  # a Party meeting it is negative (B.1(c): Q118 No)
    excluded_if: Condition | None = None  # a Party meeting it is left out (B.3(f): Q131 n/a)
    # 5th-report key -> 4th-report key (None: no counterpart) for this method's baseline,
    # where the BCH question mapping does not fit the indicator
    baseline_questions: dict[str, str | None] = field(default_factory=dict)
    figure: str = "value"  # manual figures: see FIGURES
    # secondary figures: each part of an "X and Y" indicator, or a derived one's components
    parts: tuple[Method, ...] = ()
    key: str = ""  # a part's key
    label: dict[str, str] = field(default_factory=dict)  # a part's name
    indicator: str | None = None  # a part that is another indicator's result
    proxy_for: str | None = None  # a part standing in for an indicator until it is computed
    # what the headline measures when it stands in for the indicator (A.4(a): compliance),
    # shown wherever its number is
    proxy_label: dict[str, str] = field(default_factory=dict)
    # assessed from its parts, each its own series and status (A.2(c): users and visits)
    assessed_from_parts: bool = False
    # a records indicator measured from national reports until records exist for the cycle
    fallback: Method | None = None

    @property
    def is_derived(self) -> bool:
        return self.kind == "derived"

    @property
    def counts_supplementary_parties(self) -> bool:
        return self.population == "sp"

    @property
    def counts_protocol_parties(self) -> bool:
        return self.population == "cp"


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
        referred = [r for p in m.parts for r in (p.indicator, p.proxy_for) if r]
        unknown = [r for r in (*m.requires, *referred) if r not in known]
        if unknown:
            raise MethodError(f"{m.code}: requires unknown indicator(s) {', '.join(unknown)}")
    return methods


def _condition(raw: Any, fail: Callable[[str], MethodError]) -> Condition | None:
    if not raw:
        return None
    if not isinstance(raw, dict):
        raise fail("a condition is a mapping")
    condition = Condition(
        question=raw.get("question"),
        values=tuple(str(v) for v in raw.get("values") or ()),
        indicator=raw.get("indicator"),
        any_of=tuple(c for c in (_condition(r, fail) for r in raw.get("any") or ()) if c),
    )
    if [bool(condition.question), bool(condition.indicator), bool(condition.any_of)].count(
        True
    ) != 1:
        raise fail("a condition names a question (with values), an indicator, or `any` of them")
    return condition


def _part(entry: Any, parent: dict[str, Any], n: int) -> Method:
    """A secondary figure: its own questions and rule, the parent's code, source and population."""
    if not isinstance(entry, dict):
        raise MethodError(f"{parent['code']}: part {n} must be a mapping")
    key = str(entry.get("key") or entry.get("indicator") or "")
    label = entry.get("label") or {}
    if not key or not (label.get("en") or entry.get("indicator")):
        raise MethodError(f"{parent['code']}: part {n} needs a key and an English label")
    if entry.get("indicator"):  # another indicator's result, computed on its own
        return Method(
            code=parent["code"],
            source=parent.get("source", ""),
            kind="indicator",
            baseline=str(parent.get("baseline", "none")),
            key=key,
            indicator=str(entry["indicator"]),
            label=dict(label),
        )
    inherited: dict[str, Any] = {
        k: parent[k] for k in ("source", "population", "unit", "figure", "baseline") if k in parent
    }
    if parent.get("kind") == "derived":
        inherited["kind"] = "answers"
    raw = {**inherited, "description": dict(label), **entry, "code": parent["code"]}
    return _method(raw, part=True)


def _method(entry: Any, *, part: bool = False) -> Method:
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
    parts = tuple(_part(p, entry, n) for n, p in enumerate(entry.get("parts") or (), start=1))
    if kind == "derived" and not (requires or parts):
        raise fail("a derived indicator names the indicators (or parts) it requires")
    combine = entry.get("combine", "any")
    if combine not in ("any", "all"):
        raise fail("combine must be any or all")
    condition = _condition(entry.get("condition"), fail)
    unit = entry.get("unit", "percent")
    if unit not in ("percent", "count"):
        raise fail("unit must be percent or count")
    figure = entry.get("figure", "value")
    if figure not in FIGURES:
        raise fail(f"figure must be one of {sorted(FIGURES)}")
    description = entry.get("description") or {}
    if not description.get("en"):
        raise fail("the method needs an English description")
    fallback = None
    if entry.get("fallback"):
        if source != "records":
            raise fail("only a records indicator has a report-based fallback")
        fallback = _method(
            {
                **entry["fallback"],
                "code": code,
                "source": "report",
                "description": entry["fallback"].get("description") or description,
            }
        )
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
        baseline_note=_texts(entry.get("baseline_note")),
        description=dict(description),
        unit=unit,
        negative_if=_condition(entry.get("negative_if"), fail),
        excluded_if=_condition(entry.get("excluded_if"), fail),
        baseline_questions={
            str(k): (str(v) if v else None)
            for k, v in (entry.get("baseline_questions") or {}).items()
        },
        figure=figure,
        parts=parts,
        key=str(entry.get("key", "")) if part else "",
        label=dict(entry.get("label") or {}),
        proxy_for=entry.get("proxy_for"),
        proxy_label=dict(entry.get("proxy_label") or {}),
        assessed_from_parts=bool(entry.get("assessed_from_parts")),
        fallback=fallback,
    )


def _texts(value: Any) -> dict[str, str]:
    """A text per language; a bare string is English."""
    if not value:
        return {}
    return (
        {str(k): str(v) for k, v in value.items()}
        if isinstance(value, dict)
        else {"en": str(value)}
    )


def merge_translations(raw: list[Any], directory: Path = TRANSLATIONS_DIR) -> dict[str, str]:
    """Add each translation file's texts to the raw methods (in place): ``description``,
    ``fallback`` (the fallback's description), ``parts`` (key -> label) and ``baseline_note``
    of each code, in the file's ``language``. Returns language -> status (``translation`` or
    ``official``). An unknown code, field or part, or a text missing, stops with a message."""
    statuses = {}
    by_code = {e["code"]: e for e in raw if isinstance(e, dict) and e.get("code")}
    for path in sorted(directory.glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        language = data.get("language")

        def fail(reason: str, path: Path = path) -> MethodError:
            return MethodError(f"{path.name}: {reason}")

        if language != path.stem:
            raise fail(f"language must be {path.stem!r}")
        if data.get("status") not in TEXT_STATUSES:
            raise fail(f"status must be one of {sorted(TEXT_STATUSES)}")
        statuses[language] = data["status"]
        texts = data.get("texts") or {}
        for code, entry in by_code.items():
            fields = texts.get(code)
            if not isinstance(fields, dict) or not str(fields.get("description", "")).strip():
                raise fail(f"{code}: no description")
            unknown = set(fields) - TRANSLATED_FIELDS
            if unknown:
                raise fail(f"{code}: unknown field(s) {sorted(unknown)}")
            _add(entry, "description", language, fields["description"])
            for name in ("fallback", "baseline_note"):
                source = entry.get(name)
                english = (source or {}).get("description") if name == "fallback" else source
                if bool(english) != bool(fields.get(name)):
                    raise fail(f"{code}: {name} must be translated exactly when it exists")
                if name == "fallback" and source:
                    _add(source, "description", language, fields[name])
                elif source:
                    entry[name] = {**_texts(source), language: str(fields[name])}
            labelled = {
                str(p.get("key") or p.get("indicator")): p
                for p in entry.get("parts") or ()
                if p.get("label")
            }
            given = fields.get("parts") or {}
            if set(given) != set(labelled):
                raise fail(f"{code}: parts must be exactly {sorted(labelled)}")
            for key, label in given.items():
                _add(labelled[key], "label", language, label)
        extra = set(texts) - set(by_code)
        if extra:
            raise fail(f"unknown code(s) {sorted(extra)}")
    return statuses


def _add(entry: dict[str, Any], name: str, language: str, text: Any) -> None:
    entry[name] = {**(entry.get(name) or {}), language: str(text).strip()}


def _with_parts(methods: tuple[Method, ...]) -> list[Method]:
    every = []
    for m in methods:
        every += [m, *_with_parts(m.parts)]
        if m.fallback:
            every.append(m.fallback)
    return every


def questions_read(methods: tuple[Method, ...]) -> frozenset[str]:
    """Every 5th-report question the methods look at (answers and conditions)."""
    keys: set[str] = set()
    for m in _with_parts(methods):
        keys.update(m.questions)
        for condition in (m.condition, m.negative_if, m.excluded_if):
            if condition:
                keys |= condition.questions()
    return frozenset(keys)


def baseline_questions_read(methods: tuple[Method, ...]) -> frozenset[str]:
    """The 4th-report questions that methods read in place of the BCH mapping's choice."""
    return frozenset(v for m in _with_parts(methods) for v in m.baseline_questions.values() if v)


@lru_cache(maxsize=1)
def packaged_methods() -> tuple[Method, ...]:
    """The shipped methods, checked against the plan's indicator codes."""
    codes = [i.code for g in packaged_plan().goals for i in g.indicators]
    raw = load_yaml(METHODS_FILE.read_text(encoding="utf-8"))
    merge_translations(raw)
    return tuple(parse_methods(raw, indicator_codes=codes))


@lru_cache(maxsize=1)
def method_text_statuses() -> dict[str, str]:
    """Language -> status of the method texts: English is the original; zh and the files'
    languages are ``translation`` (ours) unless a file says ``official``."""
    raw = load_yaml(METHODS_FILE.read_text(encoding="utf-8"))
    return {"en": "original", "zh": "translation", **merge_translations(raw)}
