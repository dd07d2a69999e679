"""The report form as plain data: reading a posted section, presenting questions and progress.

The field names are the question keys (``Q007``); an option's extra text or number is posted as
``Q007__<option value>``. Works with plain HTML forms, no JavaScript needed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from cpbtracker.lib.content import content_key, localized, localized_with_language
from cpbtracker.reporting.questionnaire import Question, Questionnaire, RuleOutcome, Section


def extra_field(key: str, value: str) -> str:
    return f"{key}__{value}"


def answers_from_post(
    questions: list[Question], post: QueryDict, stored: dict[str, object], language: str
) -> dict[str, object]:
    """The posted answers of these questions, in BCH shape (normalized later by the service).

    Text answers edit the user's language and keep the other languages already stored.
    """
    lang = content_key(language)
    answers: dict[str, object] = {}
    for question in questions:
        if not question.answerable:
            continue
        key = question.key
        if question.is_choice:
            chosen = post.getlist(key) if question.multiple else [post.get(key, "")]
            values = [value for value in chosen if value]
            extras = {value: post.get(extra_field(key, value), "").strip() for value in values}
            answer = answer_from_cells(question, values, extras, stored=stored, lang=lang)
        else:
            answer = answer_from_cells(
                question, post.get(key, "").strip(), {}, stored=stored, lang=lang
            )
        if answer is not None:
            answers[key] = answer
    return answers


def answer_from_cells(
    question: Question,
    entered: object,
    extras: dict[str, Any],
    *,
    stored: dict[str, object],
    lang: str,
) -> object | None:
    """An answer in BCH shape from flat input (a form's fields, a workbook's cells); None when
    nothing was entered. The service normalizes and checks it.

    ``entered`` is the list of chosen option values of a choice question, else the text or
    number typed; ``extras`` is an option value's additional information. A text edits the
    language ``lang`` and keeps the other languages of the ``stored`` answer.
    """
    if question.is_choice:
        items = []
        for value in entered if isinstance(entered, list) else []:
            item: dict[str, Any] = {"value": value}
            option, extra = question.option(value), extras.get(value)
            if option and option.extra and extra not in (None, ""):
                item["additionalInformation"] = (
                    extra
                    if option.takes_number
                    else merge_text(stored, question.key, lang, str(extra), value=value)
                )
            items.append(item)
        if not items:
            return None
        return items if question.multiple or len(items) > 1 else items[0]
    if entered in (None, ""):
        return None
    if question.is_number:
        return {"value": entered}
    merged = merge_text(stored, question.key, lang, str(entered).strip())
    return {"value": merged} if merged else None


def merge_text(
    stored: dict[str, object], key: str, lang: str, text: str, *, value: str | None = None
) -> dict[str, str]:
    previous = stored.get(key)
    if value is not None:  # extra text of an option
        items = previous if isinstance(previous, list) else [previous]
        previous_text = next(
            (
                i.get("additionalInformation")
                for i in items
                if isinstance(i, dict) and i.get("value") == value
            ),
            None,
        )
    else:
        previous_text = previous.get("value") if isinstance(previous, dict) else None
    merged = dict(previous_text) if isinstance(previous_text, dict) else {}
    merged.pop(lang, None)
    if text:
        merged[lang] = text
    return merged


@dataclass
class OptionView:
    value: str
    title: str
    checked: bool
    exclusive: bool
    extra: str | None
    extra_value: str = ""
    takes_number: bool = False  # the extra is a number (else a text)


@dataclass
class QuestionView:
    question: Question
    title: str
    hidden: bool
    disabled: bool
    options: list[OptionView] = field(default_factory=list)
    text: str = ""
    display: str = ""  # the answer in words, for read-only pages
    display_language: str = ""  # the language of a text answer shown (to mark a fallback)
    previous: str = ""  # the Party's answer in the previous cycle, in words
    problem: str = ""
    stored: str = ""  # the saved answer as JSON, so an autosave keeps its other languages

    @property
    def key(self) -> str:
        return self.question.key


def present(
    questions: list[Question],
    answers: dict[str, object],
    outcome: RuleOutcome,
    *,
    previous: dict[str, str] | None = None,
    problems: dict[str, str] | None = None,
) -> list[QuestionView]:
    """One view per entry, with its state under the rules and the current answer filled in."""
    views = []
    for question in questions:
        answer = answers.get(question.key)
        chosen = _chosen(answer)
        options = [
            OptionView(
                value=o.value,
                title=localized(o.title),
                checked=o.value in chosen,
                exclusive=o.exclusive,
                extra=o.extra,
                extra_value=_text_of(chosen.get(o.value)),
                takes_number=o.takes_number,
            )
            for o in question.options
        ]
        views.append(
            QuestionView(
                question=question,
                title=localized(question.title),
                hidden=question.key in outcome.hidden,
                disabled=question.key in outcome.disabled,
                options=options,
                text=_text_of(answer.get("value")) if isinstance(answer, dict) else "",
                display=describe_answer(question, answer),
                display_language=_text_language(answer),
                previous=(previous or {}).get(question.key, ""),
                problem=(problems or {}).get(question.key, ""),
                stored=json.dumps(answer) if answer is not None else "",
            )
        )
    return views


def describe_answer(question: Question, answer: object) -> str:
    """The answer in words in the active language (option titles, texts, numbers)."""
    if answer is None:
        return ""
    if question.is_choice:
        parts = []
        for value, extra in _chosen(answer).items():
            option = question.option(value)
            part = localized(option.title) if option else value
            if extra not in (None, ""):
                part += f" ({_text_of(extra)})"
            parts.append(part)
        return "; ".join(parts)
    if isinstance(answer, dict):
        return _text_of(answer.get("value"))
    return str(answer)


def _chosen(answer: object) -> dict[str, object]:
    items = answer if isinstance(answer, list) else [answer] if answer else []
    return {
        i["value"]: i.get("additionalInformation")
        for i in items
        if isinstance(i, dict) and "value" in i and isinstance(i["value"], str)
    }


def _text_language(answer: object) -> str:
    """The language in which a text answer is shown ("" for other answers)."""
    value = answer.get("value") if isinstance(answer, dict) else None
    return localized_with_language(value)[1] if isinstance(value, dict) else ""


def _text_of(value: object) -> str:
    if isinstance(value, dict):
        return localized(value)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    title: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def progress(
    questionnaire: Questionnaire, answers: dict[str, object], outcome: RuleOutcome
) -> list[SectionProgress]:
    """Per section: answered / answerable questions that are visible and enabled."""
    rows = []
    for section in questionnaire.sections:
        keys = [
            q.key
            for q in section.entries()
            if q.answerable and q.key not in outcome.hidden and q.key not in outcome.disabled
        ]
        rows.append(
            SectionProgress(
                section=section,
                title=localized(section.title),
                answered=sum(1 for k in keys if k in answers),
                total=len(keys),
            )
        )
    return rows
