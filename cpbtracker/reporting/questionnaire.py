"""The BCH national-report questionnaires as data, and the rules the BCH forms apply to them.

Pure Python (no Django): the web form, the importers, the offline workbook and the indicator
engine all read answers through these functions, so one set of rules holds everywhere.

Answers are stored in the BCH document shape (``data/README.md``): an option answer is
``{"value": "<option value>", "additionalInformation"?: ...}``, a multiple one a list of those,
a text ``{"value": {lang: text}}`` and a number ``{"value": n}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

from cpbtracker.lib import inputs
from cpbtracker.lib.languages import content_keys
from cpbtracker.lib.problems import Problem
from cpbtracker.reporting.problems import AnswerError, unknown_question

DATA_DIR = Path(__file__).parent / "data"
FORMAT_FILES = {
    "cpbNationalReport5": DATA_DIR / "bch-nr5-format.json",
    "cpbNationalReport4": DATA_DIR / "bch-nr4-format.json",
}
ANSWERLESS_TYPES = {"sub-section", "legend"}
TEXT_TYPES = {"lstring", "lstringRte"}
CHOICE_TYPES = {"option", "term"}
LANGUAGES = content_keys()
# Limits of one answer. A text fits one spreadsheet cell (Excel's 32,767 characters), so the
# offline workbook never cuts it; the deepest BCH answer (a list of options whose extra text
# is a dict of languages) is 4 levels deep.
MAX_TEXT_LENGTH = 32_767
MAX_DEPTH = 6
MAX_ITEMS = 500
MAX_NUMBER = 10**9
WHOLE_NUMBER = re.compile(r"^-?[0-9]+$")  # ASCII digits only: "²" or "٣" are not numbers here

# Rules whose type starts with "&" look at several answers of the document (validation rules
# note, "Custom rules"): the rule holds when any of the questions has one of the values.
CUSTOM_RULES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "&is79Or80Or81": (("Q079", "Q080", "Q081"), frozenset({"true", "true.some"})),
    "&is66_aOr66_b": (("Q066_a", "Q066_b"), frozenset({"true"})),
    "&is141Or142": (("Q141", "Q142"), frozenset({"true"})),
    "&is162_aOr162_b": (("Q162_a", "Q162_b"), frozenset({"true"})),
    "&is71aOr71b": (("Q071_a", "Q071_b"), frozenset({"true"})),
    "&is173aOr173b": (("Q173_a", "Q173_b"), frozenset({"true"})),
    "&is154Or155": (("Q154", "Q155"), frozenset({"true"})),
    "&is91Or92Or93": (("Q091", "Q092", "Q093"), frozenset({"true", "true.some"})),
}


@dataclass(frozen=True)
class Option:
    value: str
    title: Mapping[str, str]
    exclusive: bool = False
    extra: str | None = None  # "lstring", "lstringRte" or "int": the option collects more

    @property
    def takes_number(self) -> bool:
        return self.extra == "int"

    @property
    def takes_text(self) -> bool:
        return self.extra in TEXT_TYPES


@dataclass(frozen=True)
class Rule:
    """When ``source``'s answer changes, ``target`` is shown/enabled if the rule holds."""

    source: str
    target: str
    base_question: str | None
    type: str
    values: tuple[str, ...]
    trigger: str  # "visible" or "enable"


@dataclass(eq=False)
class Question:
    key: str
    section: str
    number: str
    type: str
    multiple: bool
    mandatory: bool
    title: Mapping[str, str]
    options: list[Option] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    children: list[Question] = field(default_factory=list)
    parent: Question | None = None
    footnote: Mapping[str, str] | None = None
    # An unnumbered follow-up ("Q008_a", "Q065_a_adq") is named after the numbered entry whose
    # key it extends; set by the questionnaire, which knows every key.
    follows: Question | None = None

    @property
    def answerable(self) -> bool:
        return self.type not in ANSWERLESS_TYPES

    @property
    def is_choice(self) -> bool:
        """Answered with option values ("option", or a thesaurus "term")."""
        return self.type in CHOICE_TYPES

    @property
    def is_text(self) -> bool:
        """Answered with a text per language."""
        return self.type in TEXT_TYPES

    @property
    def is_number(self) -> bool:
        return self.type == "int"

    @property
    def label(self) -> str:
        """How people name the question: "7", "59 (a)"; an unnumbered follow-up takes the
        name of the entry it follows ("8" for Q008_a), only a stray entry its key."""
        if self.number:
            return f"{self.parent.number} ({self.number})" if self.parent else self.number
        return self.follows.label if self.follows else self.key

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Section:
    key: str
    title: Mapping[str, str]
    description: Mapping[str, str] | None
    questions: list[Question]

    def entries(self) -> list[Question]:
        """The section's entries in form order, sub-section children right after their parent."""
        return [entry for question in self.questions for entry in (question, *question.children)]


@dataclass
class Questionnaire:
    schema: str
    sections: list[Section]
    _index: dict[str, Question] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {q.key: q for q in self.questions()}
        for question in self._index.values():
            if not question.number:
                question.follows = self._numbered_before(question.key)

    def _numbered_before(self, key: str) -> Question | None:
        """The numbered entry whose key ``key`` extends: Q008 for Q008_a, Q065_a for
        Q065_a_adq."""
        while "_" in key:
            key = key.rsplit("_", 1)[0]
            if key in self._index and self._index[key].number:
                return self._index[key]
        return None

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def question(self, key: str) -> Question:
        """The entry with this key (top level or sub-section child); KeyError if none."""
        return self._index[key]

    def questions(self) -> Iterator[Question]:
        """Every entry in form order, children right after their sub-section."""
        for section in self.sections:
            yield from section.entries()

    def answerable_keys(self) -> list[str]:
        return [q.key for q in self.questions() if q.answerable]

    def rules(self) -> Iterator[Rule]:
        for question in self.questions():
            yield from question.rules


def _question(raw: dict[str, Any], parent: Question | None = None) -> Question:
    question = Question(
        key=raw["key"],
        section=raw.get("section", ""),
        number=str(raw.get("number") or ""),
        type=raw["type"],
        multiple=bool(raw.get("multiple")),
        mandatory=bool(raw.get("mandatory")),
        title=raw.get("title") or {},
        options=[
            Option(
                value=str(o["value"]),
                title=o.get("title") or {},
                exclusive=bool(o.get("exclusive")),
                extra=o.get("type"),
            )
            for o in raw.get("options") or []
        ],
        rules=[
            Rule(
                source=raw["key"],
                target=v["question"],
                base_question=v.get("baseQuestion"),
                type=v["type"],
                values=tuple(str(x) for x in v.get("values") or ()),
                trigger=v["trigger"],
            )
            for v in raw.get("validations") or []
        ],
        parent=parent,
        footnote=raw.get("footnote"),
    )
    question.children = [_question(child, question) for child in raw.get("questions") or []]
    return question


def parse_questionnaire(raw: dict[str, Any]) -> Questionnaire:
    """Build the questionnaire from a BCH format file's structure."""
    return Questionnaire(
        schema=raw["schema"],
        sections=[
            Section(
                key=s["key"],
                title=s.get("title") or {},
                description=s.get("description"),
                questions=[_question(q) for q in s.get("questions") or []],
            )
            for s in raw["sections"]
        ],
    )


@cache
def load_questionnaire(schema: str) -> Questionnaire:
    """The packaged questionnaire for ``cpbNationalReport5`` or ``cpbNationalReport4``."""
    try:
        path = FORMAT_FILES[str(schema)]
    except KeyError:
        raise KeyError(f"no questionnaire for {schema!r}") from None
    with path.open(encoding="utf-8") as fh:
        return parse_questionnaire(json.load(fh))


# -- answers -------------------------------------------------------------------------------


def check_shape(key: str, raw: object, depth: int = 0) -> None:
    """Refuse answers beyond the limits (nesting, text length, list size, NUL characters)."""
    if depth > MAX_DEPTH:
        raise AnswerError(key, "answer.too-deep", limit=MAX_DEPTH)
    if isinstance(raw, str):
        if len(raw) > MAX_TEXT_LENGTH:
            raise AnswerError(key, "answer.text-too-long", length=len(raw), limit=MAX_TEXT_LENGTH)
        if "\x00" in raw:
            raise AnswerError(key, "answer.nul")
        found = inputs.CONTROL_CHARACTERS.search(raw)
        if found:  # a spreadsheet cannot hold it: every XLSX of the report would fail
            raise AnswerError(key, "answer.control-character", character=f"U+{ord(found[0]):04X}")
    elif isinstance(raw, Mapping | list):
        items = list(raw.items()) if isinstance(raw, Mapping) else list(enumerate(raw))
        if len(items) > MAX_ITEMS:
            raise AnswerError(key, "answer.too-many-items", count=len(items), limit=MAX_ITEMS)
        for name, value in items:
            check_shape(key, name, depth + 1)
            check_shape(key, value, depth + 1)


def _empty(raw: object) -> bool:
    return raw is None or raw == "" or raw == [] or raw == {}


def _text(key: str, raw: object) -> dict[str, str] | None:
    """An lstring: a plain string counts as English; empty languages are dropped."""
    if isinstance(raw, str):
        return {"en": raw.strip()} if raw.strip() else None
    if isinstance(raw, Mapping):
        text = {}
        for lang, value in raw.items():
            if not isinstance(value, str):
                raise AnswerError(key, "answer.text-not-string", language=lang)
            if value.strip():
                text[str(lang)] = value.strip()
        return text or None
    raise AnswerError(key, "answer.not-text")


def _number(key: str, raw: object) -> int:
    if isinstance(raw, bool):
        raise AnswerError(key, "answer.not-number", value=raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and WHOLE_NUMBER.match(raw.strip()):
        raw = int(raw.strip())
    if not isinstance(raw, int):
        raise AnswerError(key, "answer.not-whole-number", value=raw)
    if raw < 0:
        raise AnswerError(key, "answer.negative", value=raw)
    if raw > MAX_NUMBER:
        raise AnswerError(key, "answer.too-large", value=raw, limit=MAX_NUMBER)
    return raw


def _choice_items(key: str, raw: object) -> list[object]:
    """The BCH analyzer's tolerant forms: a list, ``{options: [...]}``, or one item."""
    if isinstance(raw, list):
        return raw
    if isinstance(raw, Mapping) and "options" in raw and "value" not in raw:
        options = raw["options"] or []
        if not isinstance(options, list):
            raise AnswerError(key, "answer.options-not-list")
        return options
    return [raw]


def _choice(question: Question, raw: object) -> dict[str, object] | None:
    extra = None
    if isinstance(raw, Mapping):
        extra = raw.get("additionalInformation")
        raw = raw.get("value", raw.get("identifier"))
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    if _empty(raw):
        return None
    if not isinstance(raw, str):
        raise AnswerError(question.key, "answer.not-option-value", value=raw)
    value = raw.strip()
    option = question.option(value)
    if option is None and question.options:
        raise AnswerError(question.key, "answer.unknown-option", value=value, label=question.label)
    item: dict[str, object] = {"value": value}
    if option is not None and option.extra and not _empty(extra):
        if option.takes_number:
            item["additionalInformation"] = _number(question.key, extra)
        else:
            text = _text(question.key, extra)
            if text:
                item["additionalInformation"] = text
    return item


def normalize_answer(question: Question, raw: object) -> object | None:
    """The canonical stored form of ``raw`` for ``question``; None means "no answer".

    Raises :class:`AnswerError` with the reason when ``raw`` cannot be an answer to it.
    """
    if not question.answerable:
        raise AnswerError(question.key, "answer.takes-no-answer")
    check_shape(question.key, raw)
    if _empty(raw):
        return None
    if question.is_choice:
        items = [i for i in (_choice(question, r) for r in _choice_items(question.key, raw)) if i]
        unique: dict[str, dict[str, object]] = {}
        for item in items:
            unique.setdefault(str(item["value"]), item)
        items = list(unique.values())
        if not items:
            return None
        if not question.multiple:
            if len(items) > 1:
                raise AnswerError(question.key, "answer.one-value", label=question.label)
            return items[0]
        for item in items:
            option = question.option(str(item["value"]))
            if option is not None and option.exclusive and len(items) > 1:
                raise AnswerError(question.key, "answer.exclusive", value=item["value"])
        return items
    value = raw.get("value") if isinstance(raw, Mapping) and "value" in raw else raw
    if question.is_text:
        text = _text(question.key, value)
        return {"value": text} if text else None
    if question.is_number:
        return None if _empty(value) else {"value": _number(question.key, value)}
    raise AnswerError(question.key, "answer.unsupported-type", type=question.type)


def answer_values(answer: object) -> list[str]:
    """The option values of a stored answer (empty for texts and numbers)."""
    items = answer if isinstance(answer, list) else [answer]
    return [i["value"] for i in items if isinstance(i, Mapping) and isinstance(i.get("value"), str)]


# -- rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleOutcome:
    answers: dict[str, object]  # the answers that survive the rules
    hidden: frozenset[str]
    disabled: frozenset[str]
    dropped: frozenset[str]  # keys whose answers the rules removed


def _holds(rule: Rule, answers: Mapping[str, object]) -> bool:
    if rule.type.startswith("&"):
        keys, custom_values = CUSTOM_RULES[rule.type]
        return any(v in custom_values for k in keys for v in answer_values(answers.get(k)))
    answer = answers.get(rule.source)
    items = [i for i in (answer if isinstance(answer, list) else [answer]) if not _empty(i)]
    if not items:
        return False
    values = [i.get("value") if isinstance(i, Mapping) else i for i in items]
    if rule.type == "@hasValues":
        return not rule.values or any(v in rule.values for v in values)
    if rule.type == "@hasValuesExcept":
        return not any(v in rule.values for v in values)
    if rule.type == "@hasAdditionalValues":
        return any(
            isinstance(i, Mapping)
            and i.get("value") in rule.values
            and not _empty(i.get("additionalInformation"))
            for i in items
        )
    raise ValueError(f"unknown rule type {rule.type!r}")


def apply_rules(questionnaire: Questionnaire, answers: Mapping[str, object]) -> RuleOutcome:
    """Hide and disable what the rules say, dropping the answers of those questions.

    A target is hidden when one of its ``visible`` rules fails and disabled when one of its
    ``enable`` rules fails; a hidden or disabled sub-section takes its children with it.
    Dropping an answer can make further rules fail, so this repeats until nothing changes.
    """
    kept = dict(answers)
    rules = list(questionnaire.rules())
    while True:
        hidden: set[str] = set()
        disabled: set[str] = set()
        for rule in rules:
            if not _holds(rule, kept):
                (hidden if rule.trigger == "visible" else disabled).add(rule.target)
        for keys in (hidden, disabled):
            for key in list(keys):
                keys.update(c.key for c in questionnaire.question(key).children)
        gone = [k for k in kept if k in hidden or k in disabled]
        if not gone:
            break
        for key in gone:
            del kept[key]
    return RuleOutcome(
        answers=kept,
        hidden=frozenset(hidden),
        disabled=frozenset(disabled),
        dropped=frozenset(k for k in answers if k not in kept),
    )


class RuleItem(TypedDict):
    value: str | None  # an option's value; None for a text or a number
    extra: bool  # the option carries additional information


def rules_as_data(
    questionnaire: Questionnaire, answers: Mapping[str, object], *, on_page: Collection[str]
) -> dict[str, Any]:
    """The rules ``apply_rules`` runs, as JSON data for the form page's live update, with the
    answers of the questions that are not on the page (rules may read them)."""
    rules = []
    for rule in questionnaire.rules():
        item: dict[str, Any] = {
            "source": rule.source,
            "target": rule.target,
            "type": rule.type,
            "values": list(rule.values),
            "trigger": rule.trigger,
        }
        if rule.type in CUSTOM_RULES:
            keys, values = CUSTOM_RULES[rule.type]
            item.update(keys=list(keys), values=sorted(values))
        rules.append(item)
    elsewhere: dict[str, list[RuleItem]] = {}
    for key, answer in answers.items():
        if key in on_page:
            continue
        items = [i for i in (answer if isinstance(answer, list) else [answer]) if not _empty(i)]
        elsewhere[key] = [_rule_item(i) for i in items]
    return {
        "rules": rules,
        "children": {
            q.key: [c.key for c in q.children] for q in questionnaire.questions() if q.children
        },
        "answers": elsewhere,
    }


def _rule_item(item: object) -> RuleItem:
    value = item.get("value") if isinstance(item, Mapping) else item
    return RuleItem(
        value=value if isinstance(value, str) else None,
        extra=isinstance(item, Mapping) and not _empty(item.get("additionalInformation")),
    )


# -- validation ----------------------------------------------------------------------------

FRONT_MATTER_QUESTIONS = {"Q005", "Q006"}  # NR5 front-matter fields, not questionnaire entries


def required(question: Question) -> bool:
    parent_mandatory = question.parent is not None and question.parent.mandatory
    return question.answerable and (question.mandatory or parent_mandatory)


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, object], *, for_submission: bool
) -> list[Problem]:
    """Every problem with a set of answers, in form order; for submission also what is missing.

    The same rules as the form: mandatory applies to visible, enabled questions only.
    """
    unknown = [k for k in answers if k not in FRONT_MATTER_QUESTIONS and k not in questionnaire]
    problems = [unknown_question(k) for k in unknown]
    outcome = apply_rules(questionnaire, {k: v for k, v in answers.items() if k not in unknown})
    for question in questionnaire.questions():
        key = question.key
        if key in answers:
            if key in outcome.dropped:
                problems.append(
                    Problem(
                        "invalid", {"label": question.label}, key=key, wording="question.hidden"
                    )
                )
                continue
            try:
                if normalize_answer(question, answers[key]) is None:
                    raise AnswerError(key, "answer.empty")
            except AnswerError as error:
                problems.append(
                    Problem("invalid", {"label": question.label, "reason": error.problem}, key=key)
                )
        elif (
            for_submission
            and required(question)
            and key not in outcome.hidden
            and key not in outcome.disabled
        ):
            problems.append(Problem("missing", {"label": question.label}, key=key))
    return problems


def is_complete(questionnaire: Questionnaire, answers: Mapping[str, object]) -> bool:
    """The answers could be submitted: no problem, nothing mandatory missing."""
    return not validate_answers(questionnaire, answers, for_submission=True)
