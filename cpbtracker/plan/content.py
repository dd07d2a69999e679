"""The plan as packaged data: read and check ``data/plan.yaml`` and the translations in
``data/translations/<lang>.yaml`` without touching the database.

The files are the source of truth for the plan text; the database mirrors them (see
``services.load_plan``) so that later data (indicator values, activities) can refer to it.
Each text carries a status per language: Chinese is the source text (``source``), English and
the other languages are ``translation`` until checked against the adopted plan (``official``).
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.languages import content_keys
from cpbtracker.lib.problems import CodedError
from cpbtracker.lib.yamlfile import load_yaml

PLAN_FILE = Path(__file__).parent / "data" / "plan.yaml"
TRANSLATIONS_DIR = Path(__file__).parent / "data" / "translations"
# The plan's languages, its seed (the Chinese source text) first, then the site's order.
SEED_LANGUAGE = "zh"
PLAN_LANGUAGES = (SEED_LANGUAGE, *(key for key in content_keys() if key != SEED_LANGUAGE))
# Languages of the translation files; the seed and English live in plan.yaml itself.
TRANSLATED_LANGUAGES = tuple(key for key in PLAN_LANGUAGES if key not in (SEED_LANGUAGE, "en"))
SOURCE = "source"  # the Chinese text of the plan document, which the other languages translate
TRANSLATION_STATUSES = ("official", "translation")
ENGLISH_STATUSES = set(TRANSLATION_STATUSES)


class PlanDataError(CodedError, ValueError):
    """The plan data file is malformed: a coded problem whose message names the file or item
    (``where``, as the data spells it) and the field, in the reader's language."""

    MESSAGES = {
        "plan.text-incomplete": _("%(where)s: text needs non-empty 'zh' and 'en'"),
        "plan.english-status": _("%(where)s: 'english' must be one of %(statuses)s"),
        "plan.not-a-mapping": _("%(where)s: expected a mapping"),
        "plan.not-a-list": _("%(where)s: expected a list"),
        "plan.item-without-code": _("%(where)s: an item has no code"),
        "plan.unknown-area": _("goal %(goal)s: unknown area %(area)s"),
        "plan.unknown-capacity-set": _("goal %(goal)s: unknown capacity_set %(capacity_set)s"),
        "plan.capacity-set-unused": _(
            "capacity set %(capacity_set)s: goal %(goal)s does not use it"
        ),
        "plan.duplicate-code": _("code %(item)s appears twice"),
        "plan.unknown-objective": _(
            "indicator %(indicator)s: %(objective)s is not an objective of goal %(goal)s"
        ),
        "plan.unlinked-indicator": _(
            "indicator %(indicator)s: linked to no objective of goal %(goal)s"
        ),
        "plan.translation-language": _("%(where)s: not one of the languages %(languages)s"),
        "plan.translation-keys": _(
            "%(where)s: expected exactly the keys language, status and texts"
        ),
        "plan.translation-language-mismatch": _(
            "%(where)s: language is %(found)s, not %(expected)s"
        ),
        "plan.translation-texts": _("%(where)s: texts: expected a mapping of codes"),
        "plan.translation-unknown-code": _("%(where)s: %(item)s: unknown code"),
        "plan.translation-fields": _("%(where)s: %(item)s: expected a mapping of fields"),
        "plan.translation-unknown-field": _("%(where)s: %(item)s: %(field)s: unknown field"),
        "plan.translation-missing-text": _("%(where)s: %(item)s: %(field)s: missing text"),
        "plan.translation-empty-text": _("%(where)s: %(item)s: %(field)s: empty text"),
        "plan.status": _("%(where)s: %(value)s is not one of %(statuses)s"),
        "plan.unreadable-yaml": _("%(where)s: not readable as YAML: %(error)s"),
        "glossary.not-a-list": _("%(where)s: expected a list of terms"),
        "glossary.term-without-key": _("%(where)s: term %(number)s: no key"),
        "glossary.no-term": _("%(where)s: %(key)s: %(language)s: no term"),
        "glossary.source": _(
            "%(where)s: %(key)s: %(language)s: source must start with one of %(kinds)s"
        ),
    }


@dataclass(frozen=True)
class Item:
    code: str
    text: dict[str, str]
    statuses: dict[str, str]  # language -> source | official | translation

    @property
    def english(self) -> str:
        return self.statuses["en"]


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
    # indicator code -> the objectives of this goal it measures (``objectives:`` in the data)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def indicators_of(self, objective: str) -> list[str]:
        """The codes of the indicators linked to ``objective``, in the plan's order."""
        return [i.code for i in self.indicators if objective in self.links.get(i.code, ())]


@dataclass(frozen=True)
class Narrative:
    code: str
    title: dict[str, str]
    text: dict[str, str]
    paragraphs: str
    statuses: dict[str, str] = field(default_factory=dict)


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
            return [
                {"code": i.code, "text": dict(i.text), "statuses": dict(i.statuses)} for i in seq
            ]

        return {
            "goals": [
                {
                    "code": g.code,
                    "area": g.area,
                    "title": dict(g.title.text),
                    "statuses": dict(g.title.statuses),
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
                            **{lang: item.text.get(lang, "") for lang in PLAN_LANGUAGES},
                            "english": item.english,
                        }
                    )
        return rows


def _text(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw.get("zh") or not raw.get("en"):
        raise PlanDataError("plan.text-incomplete", where=where)
    return {str(k): str(v).strip() for k, v in raw.items()}


def _statuses(raw: dict[str, Any], where: str, *, english: str = "translation") -> dict[str, str]:
    """Chinese is the source; English as the item says; the rest as merged from translations."""
    english = raw.get("english", english)
    if english not in ENGLISH_STATUSES:
        raise PlanDataError(
            "plan.english-status", where=where, statuses=str(sorted(ENGLISH_STATUSES))
        )
    return {"zh": SOURCE, "en": english, **raw.get(_MERGED_STATUSES, {})}


def _item(raw: Any, where: str, *, text_key: str = "text") -> Item:
    if not isinstance(raw, dict):
        raise PlanDataError("plan.not-a-mapping", where=where)
    code = str(raw.get("code", "")).strip()
    return Item(
        code=code,
        text=_text(raw.get(text_key), f"{where} {code}".strip()),
        statuses=_statuses(raw, where),
    )


def _items(raw: Any, where: str) -> tuple[Item, ...]:
    if not isinstance(raw, list):
        raise PlanDataError("plan.not-a-list", where=where)
    items = tuple(_item(r, f"{where}[{n}]") for n, r in enumerate(raw, start=1))
    for item in items:
        if not item.code:
            raise PlanDataError("plan.item-without-code", where=where)
    return items


def parse_plan(raw: dict[str, Any], translations: dict[str, Any] | None = None) -> PlanDocument:
    """Build a :class:`PlanDocument` from the YAML structure, checking references and codes.

    ``translations`` maps a language (ar, es, fr, ru) to the content of its translation file;
    their texts and statuses are merged into the items (see :func:`merge_translation`).
    """
    raw = copy.deepcopy(raw)
    for language, translation in (translations or {}).items():
        merge_translation(raw, language, translation)
    areas = tuple(
        Item(
            code=a["code"],
            text=_text(a.get("title"), f"area {a.get('code')}"),
            statuses=_statuses(a, f"area {a.get('code')}", english="official"),
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
            raise PlanDataError("plan.unknown-area", goal=code, area=repr(g.get("area")))
        if g.get("capacity_set") not in sets:
            raise PlanDataError(
                "plan.unknown-capacity-set", goal=code, capacity_set=repr(g.get("capacity_set"))
            )
        goals.append(
            Goal(
                code=code,
                area=g["area"],
                title=Item(
                    code=code,
                    text=_text(g.get("title"), f"goal {code} title"),
                    statuses=_statuses(g, f"goal {code}"),
                ),
                capacity_set=sets[g["capacity_set"]],
                objectives=_items(g.get("objectives"), f"goal {code} objectives"),
                indicators=_items(g.get("indicators"), f"goal {code} indicators"),
                outcome=_item(
                    {"code": f"{code} outcome", **(g.get("outcome") or {})}, f"goal {code} outcome"
                ),
                links=_links(g),
            )
        )
    for s in sets.values():
        for goal_code in s.goals:
            if not any(g.code == goal_code and g.capacity_set is s for g in goals):
                raise PlanDataError("plan.capacity-set-unused", capacity_set=s.code, goal=goal_code)
    narrative = tuple(
        Narrative(
            code=n["code"],
            title=_text(n.get("title"), f"narrative {n.get('code')} title"),
            text=_text(n.get("text"), f"narrative {n.get('code')} text"),
            paragraphs=str(n.get("paragraphs", "")),
            statuses=_statuses(n, f"narrative {n.get('code')}"),
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


def _links(raw_goal: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Each indicator's ``objectives:``, which must be objectives of its own goal."""
    code = raw_goal.get("code", "")
    objectives = {str(o.get("code", "")) for o in raw_goal.get("objectives") or []}
    links = {}
    for indicator in raw_goal.get("indicators") or []:
        linked = tuple(str(o) for o in indicator.get("objectives") or ())
        for objective in linked:
            if objective not in objectives:
                raise PlanDataError(
                    "plan.unknown-objective",
                    indicator=indicator.get("code"),
                    objective=objective,
                    goal=code,
                )
        links[str(indicator.get("code", ""))] = linked
    return links


def unlinked_indicators(plan: PlanDocument) -> list[PlanDataError]:
    """One problem per indicator linked to no objective of its goal (``plan check``)."""
    return [
        PlanDataError("plan.unlinked-indicator", indicator=i.code, goal=g.code)
        for g in plan.goals
        for i in g.indicators
        if not g.links.get(i.code)
    ]


def _check_unique_codes(goals: list[Goal], sets: Any) -> None:
    seen: set[str] = set()
    codes = [g.code for g in goals]
    for g in goals:
        codes += [i.code for i in g.objectives + g.indicators]
    for s in sets:
        codes += [i.code for i in s.areas + s.activities]
    for code in codes:
        if code in seen:
            raise PlanDataError("plan.duplicate-code", item=code)
        seen.add(code)


# Key under which merge_translation leaves a node's merged statuses for parse_plan.
_MERGED_STATUSES = "_statuses"


@dataclass(frozen=True)
class Translatable:
    """One translatable item of plan.yaml: its texts by field and the nodes holding its status."""

    texts: dict[str, dict[str, str]]
    status_nodes: tuple[dict[str, Any], ...]


def translatable(raw: dict[str, Any]) -> dict[str, Translatable]:
    """Code -> translatable texts, with the codes of the translation files (``A.1``, ``A``,
    ``A.1/(i)``, ``document``, narrative codes); a goal's title and outcome share its code."""
    targets = {"document": Translatable({"title": raw["document"]["title"]}, ())}
    for a in raw.get("areas", []):
        targets[a["code"]] = Translatable({"title": a["title"]}, (a,))
    for s in raw.get("capacity_sets", []):
        for item in [*s.get("areas", []), *s.get("activities", [])]:
            targets[item["code"]] = Translatable({"text": item["text"]}, (item,))
    for g in raw.get("goals", []):
        outcome = g["outcome"]
        targets[g["code"]] = Translatable(
            {"title": g["title"], "outcome": outcome["text"]}, (g, outcome)
        )
        for item in [*g.get("objectives", []), *g.get("indicators", [])]:
            targets[item["code"]] = Translatable({"text": item["text"]}, (item,))
    for n in raw.get("narrative", []):
        targets[n["code"]] = Translatable({"title": n["title"], "text": n["text"]}, (n,))
    return targets


def merge_translation(raw: dict[str, Any], language: str, translation: Any) -> None:
    """Add ``language``'s texts and statuses (from its translation file) to ``raw``, in place.

    The file must give every text of the plan, non-empty, and nothing else; its ``status``
    (``translation`` or ``official``) applies to every item unless the item sets its own.
    A problem raises PlanDataError naming the file, the code and the field.
    """
    where = f"translations/{language}.yaml"
    if language not in TRANSLATED_LANGUAGES:
        raise PlanDataError(
            "plan.translation-language", where=where, languages=", ".join(TRANSLATED_LANGUAGES)
        )
    if not isinstance(translation, dict) or set(translation) != {"language", "status", "texts"}:
        raise PlanDataError("plan.translation-keys", where=where)
    if translation["language"] != language:
        raise PlanDataError(
            "plan.translation-language-mismatch",
            where=where,
            found=repr(translation["language"]),
            expected=repr(language),
        )
    file_status = _status(translation["status"], f"{where}: status")
    texts = translation["texts"]
    if not isinstance(texts, dict):
        raise PlanDataError("plan.translation-texts", where=where)
    targets = translatable(raw)
    for code, fields in texts.items():
        if code not in targets:
            raise PlanDataError("plan.translation-unknown-code", where=where, item=code)
        if not isinstance(fields, dict):
            raise PlanDataError("plan.translation-fields", where=where, item=code)
        for name in fields:
            if name != "status" and name not in targets[code].texts:
                raise PlanDataError(
                    "plan.translation-unknown-field", where=where, item=code, field=name
                )
    for code, target in targets.items():
        fields = texts.get(code) or {}
        for name, content in target.texts.items():
            value = fields.get(name)
            if value is None:
                raise PlanDataError(
                    "plan.translation-missing-text", where=where, item=code, field=name
                )
            if not isinstance(value, str) or not value.strip():
                raise PlanDataError(
                    "plan.translation-empty-text", where=where, item=code, field=name
                )
            content[language] = value.strip()
        status = _status(fields.get("status", file_status), f"{where}: {code}: status")
        for node in target.status_nodes:
            node.setdefault(_MERGED_STATUSES, {})[language] = status


def _status(value: Any, where: str) -> str:
    if value not in TRANSLATION_STATUSES:
        raise PlanDataError(
            "plan.status",
            where=where,
            value=repr(value),
            statuses=", ".join(TRANSLATION_STATUSES),
        )
    return str(value)


def plan_version() -> str:
    """The plan data's version: the start of the SHA-256 of the plan file and the translation
    files (any edit changes it)."""
    digest = hashlib.sha256(PLAN_FILE.read_bytes())
    for path in sorted(TRANSLATIONS_DIR.glob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_plan(
    plan_file: Path = PLAN_FILE, translations_dir: Path = TRANSLATIONS_DIR
) -> PlanDocument:
    """The plan file with every translation file present in ``translations_dir`` merged in;
    a language without a file has no texts (pages fall back to another language)."""
    raw = _read_yaml(plan_file, plan_file.name)
    if not isinstance(raw, dict):
        raise PlanDataError("plan.not-a-mapping", where=plan_file.name)
    translations = {}
    for path in sorted(translations_dir.glob("*.yaml")):
        translations[path.stem] = _read_yaml(path, f"translations/{path.name}")
    return parse_plan(raw, translations)


def _read_yaml(path: Path, where: str) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return load_yaml(fh)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PlanDataError("plan.unreadable-yaml", where=where, error=str(error)) from error


@lru_cache(maxsize=1)
def packaged_plan() -> PlanDocument:
    """The plan shipped with the package, translations included (parsed once per process)."""
    return read_plan()
