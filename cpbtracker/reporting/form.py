"""The report form as plain data: reading a posted section, presenting questions and progress.

The field names are the question keys (``Q007``); an option's extra text or number is posted as
``Q007__<option value>``. When the report has chosen languages, a text answer is posted once
per language as ``Q007:<language>`` (``Q007:fr``). Works with plain HTML forms, no JavaScript
needed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from cpbtracker.lib.content import content_key, localized, localized_with_language
from cpbtracker.lib.languages import by_key
from cpbtracker.lib.markup import clean_markup
from cpbtracker.reporting.questionnaire import Question, Questionnaire, RuleOutcome, Section


def extra_field(key: str, value: str) -> str:
    return f"{key}__{value}"


def text_field(key: str, lang: str) -> str:
    return f"{key}:{lang}"


def answers_from_post(
    questions: list[Question],
    post: QueryDict,
    stored: dict[str, object],
    language: str,
    languages: Sequence[str] = (),
) -> dict[str, object]:
    """The posted answers of these questions, in BCH shape (normalized later by the service).

    Text answers edit the languages posted (one field per report language, else the user's
    language) and keep the other languages already stored.
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
            per_language = {
                code: str(post.get(text_field(key, code), "")).strip()
                for code in languages
                if question.is_text and text_field(key, code) in post
            }
            entered = per_language or post.get(key, "").strip()
            answer = answer_from_cells(question, entered, {}, stored=stored, lang=lang)
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
    number typed (a text per language: a dict); ``extras`` is an option value's additional
    information. A plain text edits the language ``lang``; the other languages of the
    ``stored`` answer are kept.
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
                    else merge_texts(stored, question.key, {lang: str(extra)}, value=value)
                )
            items.append(item)
        if not items:
            return None
        return items if question.multiple or len(items) > 1 else items[0]
    if entered in (None, ""):
        return None
    if question.is_number:
        return {"value": entered}
    texts = entered if isinstance(entered, Mapping) else {lang: str(entered)}
    merged = merge_texts(stored, question.key, texts)
    return {"value": merged} if merged else None


def merge_texts(
    stored: dict[str, object], key: str, texts: Mapping[str, object], *, value: str | None = None
) -> dict[str, str]:
    """The stored text of ``key`` (an option's extra text when ``value`` is given) with the
    languages of ``texts`` replaced; an empty text removes its language."""
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
    for lang, text in texts.items():
        merged.pop(lang, None)
        if str(text or "").strip():
            merged[lang] = str(text).strip()
    return merged


def texts_in_language(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    stored: dict[str, object],
    lang: str,
) -> dict[str, object]:
    """``answers`` with each plain-string text answer (``"..."`` or ``{"value": "..."}``) read
    as the text in ``lang``, the answer's other stored languages kept; other answers as sent."""
    read = dict(answers)
    for key, raw in answers.items():
        if key not in questionnaire or not questionnaire.question(key).is_text:
            continue
        text = raw.get("value") if isinstance(raw, Mapping) else raw
        if isinstance(text, str):
            merged = merge_texts(stored, key, {lang: text})
            read[key] = {"value": merged} if merged else None
    return read


@dataclass(frozen=True)
class TextInput:
    """One language's input of a text answer: its field, label (the language's own name, as
    in the language switch) and writing direction."""

    name: str
    lang: str  # the content key (en, zh, ar, …)
    code: str  # the Django code, for the lang attribute
    label: str
    direction: str
    value: str


def text_inputs(key: str, answer: object, languages: Sequence[str]) -> list[TextInput]:
    """One input per report language, with the answer's text in that language."""
    value = answer.get("value") if isinstance(answer, dict) else None
    texts = value if isinstance(value, dict) else {}
    inputs = []
    for lang in languages:
        language = by_key(lang)
        inputs.append(
            TextInput(
                name=text_field(key, lang),
                lang=lang,
                code=language.django_code,
                label=language.own_name,
                direction=language.direction,
                value=str(texts.get(lang, "")),
            )
        )
    return inputs


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
    display: str = ""  # the answer in words, plain text
    display_html: str = ""  # the answer in words with the format's markup, for read-only pages
    display_language: str = ""  # the language of a text answer shown (to mark a fallback)
    previous: str = ""  # the Party's answer in the previous cycle, in words
    problem: str = ""
    stored: str = ""  # the saved answer as JSON, so an autosave keeps its other languages
    texts: list[TextInput] = field(default_factory=list)  # one input per report language

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
    languages: Sequence[str] = (),
) -> list[QuestionView]:
    """One view per entry, with its state under the rules and the current answer filled in;
    a text question has one input per report language in ``languages``."""
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
                display_html=describe_answer_html(question, answer),
                display_language=_text_language(answer),
                previous=(previous or {}).get(question.key, ""),
                problem=(problems or {}).get(question.key, ""),
                stored=json.dumps(answer) if answer is not None else "",
                texts=text_inputs(question.key, answer, languages) if question.is_text else [],
            )
        )
    return views


def describe_answer(question: Question, answer: object) -> str:
    """The answer in words in the active language (option titles, texts, numbers), as plain
    text: the format's markup in option titles (``<sup>3</sup>``) is dropped."""
    return _describe(question, answer, option_title=strip_tags, text=str)


def describe_answer_html(question: Question, answer: object) -> SafeString:
    """The answer in words as HTML: option titles keep the format's allowed markup, through
    the same sanitizer as the questions; the Party's own words are escaped."""
    return mark_safe(  # noqa: S308 - every part is sanitized or escaped below
        _describe(question, answer, option_title=clean_markup, text=conditional_escape)
    )


def _describe(
    question: Question,
    answer: object,
    *,
    option_title: Callable[[str], str],
    text: Callable[[str], str],
) -> str:
    if answer is None:
        return ""
    if question.is_choice:
        parts = []
        for value, extra in _chosen(answer).items():
            option = question.option(value)
            part = option_title(localized(option.title)) if option else text(value)
            if extra not in (None, ""):
                part += f" ({text(_text_of(extra))})"
            parts.append(part)
        return "; ".join(parts)
    if isinstance(answer, dict):
        return text(_text_of(answer.get("value")))
    return text(str(answer))


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
