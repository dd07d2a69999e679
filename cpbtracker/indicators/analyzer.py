"""The report analyzer: for one cycle, each question's answers by region, as counts or shares
of the Parties that answered, with the Parties behind each cell and the previous cycle.

As the BCH report analyzer does: each cell is shaded by its share of the column; the change
against the previous cycle compares only the Parties that answered the question in both
cycles; an answer filter keeps only the Parties that gave one answer to one question (in
both cycles' figures); free-text answers are listed per question across Parties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cpbtracker.indicators.engine.compute import CycleRows
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized, localized_with_language
from cpbtracker.lib.problems import CodedError
from cpbtracker.parties.models import Party, Region
from cpbtracker.reporting.questionnaire import (
    Option,
    Question,
    Questionnaire,
    Section,
    answer_values,
)

WORLD = "all"  # never a region: a government with no regional group is NO_REGION
NO_REGION = "none"
COLUMN_LABELS = (
    (WORLD, _("All Parties")),
    *Region.choices,
    (NO_REGION, _("No regional group")),
)


# Shades of a cell by its share of the column's Parties that answered: 0 = none chose the
# answer, then under 25 %, 25 to under 50 %, 50 to under 75 %, 75 % or more (analyzer.css).
SHADE_LABELS = (
    _("none"),
    _("under 25%"),
    _("25% to under 50%"),
    _("50% to under 75%"),
    # xgettext:no-python-format
    _("75% or more"),
)


def shade(count: int, total: int) -> int:
    """The shade (0-4) of a cell: ``count`` of the ``total`` Parties that answered."""
    if not count or not total:
        return 0
    return min(len(SHADE_LABELS) - 1, 1 + 4 * count // total)


class Change(NamedTuple):
    """One cell against the previous cycle, among the Parties that answered in both."""

    now: int  # of those Parties, how many chose the answer in this cycle
    before: int  # ... and in the previous cycle
    compared: int  # Parties of the column that answered in both cycles

    def delta(self, as_percent: bool) -> float:
        """The change in Parties, or in percentage points of the Parties compared."""
        if as_percent:
            return round(100 * (self.now - self.before) / self.compared, 1)
        return self.now - self.before


def direction(delta: float | None) -> str:
    """ "up", "down" or "same" for a change (the ▲▼ and their colour); "" without one."""
    if delta is None:
        return ""
    return "up" if delta > 0 else "down" if delta < 0 else "same"


@dataclass
class QuestionTable:
    question: Question
    # option value -> region ("" = all) -> Parties that chose it
    chosen: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)  # region -> Parties that answered
    previous: dict[str, int] | None = None  # option value -> Parties, previous cycle (all)
    previous_answered: int = 0
    # option value -> region -> the change among the Parties that answered in both cycles
    changes: dict[str, dict[str, Change]] = field(default_factory=dict)
    compared: dict[str, int] = field(default_factory=dict)  # region -> Parties in both cycles

    def present(
        self, names: dict[str, Party], as_percent: bool, regions: list[str]
    ) -> dict[str, Any]:
        """Cells for the template and the exports, one per column in ``regions``: the figure
        (``value``, as a number; ``text``, as shown), its ``shade`` and its ``change``."""

        def figure(count: int, total: int) -> float | int | None:
            if as_percent:
                return round(100 * count / total, 1) if total else None
            return count

        def text(value: float | int | None) -> str:
            if value is None:
                return "-"
            return f"{value:.1f}%" if as_percent else str(value)

        rows = []
        for option in self.question.options:
            by_region = self.chosen.get(option.value, {})
            cells = []
            for r in regions:
                count, total = len(by_region.get(r, [])), self.answered.get(r, 0)
                change = self.changes.get(option.value, {}).get(r)
                value = figure(count, total)
                delta = change.delta(as_percent) if change else None
                cells.append(
                    {
                        "value": value,
                        "text": text(value),
                        "shade": shade(count, total),
                        "change": delta,
                        "change_size": abs(delta) if delta is not None else None,
                        "direction": direction(delta),
                    }
                )
            previous = (
                figure(self.previous.get(option.value, 0), self.previous_answered)
                if self.previous is not None
                else None
            )
            rows.append(
                {
                    "title": localized(option.title),
                    "value": option.value,
                    "cells": cells,
                    "previous": text(previous) if self.previous is not None else "",
                    "previous_value": previous,
                    "parties": sorted_by_name(
                        names[p] for p in by_region.get(WORLD, []) if p in names
                    ),
                }
            )
        return {
            "question": self.question,
            "title": localized(self.question.title),
            "rows": rows,
            "answered": [self.answered.get(r, 0) for r in regions],
            "previous_answered": self.previous_answered if self.previous is not None else None,
            "compared": [self.compared.get(r, 0) for r in regions] if self.compared else None,
        }


def columns(tables: list[QuestionTable]) -> list[str]:
    """All Parties, each regional group, and "no regional group" where such a government
    answered (e.g. the European Union)."""
    shown = [WORLD, *Region.values]
    if any(t.answered.get(NO_REGION) for t in tables):
        shown.append(NO_REGION)
    return shown


class Tally(NamedTuple):
    """One question in one cycle: the Parties per answer value and column, and how many
    answered, per column (what the analyzer stores; see ``store``)."""

    chosen: dict[str, dict[str, list[str]]]
    answered: dict[str, int]


NO_ANSWER = Tally({}, {})


def section_questions(section: Section) -> list[Question]:
    """The section's questions with options, in form order."""
    return [q for q in section.entries() if q.answerable and q.options]


def answered_parties(counted: Tally, column: str = WORLD) -> set[str]:
    """The Parties of a column that answered: every answer gives at least one value."""
    return {party for by in counted.chosen.values() for party in by.get(column, ())}


def restricted(counted: Tally, keep: Collection[str] | None) -> Tally:
    """The tally of the Parties in ``keep`` only (None: every Party)."""
    if keep is None:
        return counted
    chosen = {
        value: {column: [p for p in parties if p in keep] for column, parties in by.items()}
        for value, by in counted.chosen.items()
    }
    chosen = {
        value: {column: parties for column, parties in by.items() if parties}
        for value, by in chosen.items()
    }
    answered: dict[str, set[str]] = defaultdict(set)
    for by in chosen.values():
        for column, parties in by.items():
            answered[column].update(parties)
    return Tally(
        {value: by for value, by in chosen.items() if by},
        {column: len(parties) for column, parties in answered.items()},
    )


def _changes(table: QuestionTable, now: Tally, before: Tally) -> None:
    """Each cell against the previous cycle, among the Parties that answered the question in
    both cycles (as the BCH analyzer compares), each in the column of its current region."""
    both = answered_parties(now) & answered_parties(before)
    if not both:
        return
    columns = {column for by in now.chosen.values() for column in by}
    groups = {column: answered_parties(now, column) & both for column in columns}
    table.compared = {column: len(group) for column, group in groups.items() if group}
    for option in table.question.options:
        chose_now = now.chosen.get(option.value, {})
        chose_before = set(before.chosen.get(option.value, {}).get(WORLD, ()))
        table.changes[option.value] = {
            column: Change(
                now=len(group.intersection(chose_now.get(column, ()))),
                before=len(group & chose_before),
                compared=len(group),
            )
            for column, group in groups.items()
            if group
        }


def section_tables(
    section: Section,
    tallies: dict[str, Tally],
    previous: dict[str, Tally] | None,
    keep: Collection[str] | None = None,
) -> list[QuestionTable]:
    """One table per question with options in the section, from the cycle's tallies and
    the previous cycle's (None: no previous cycle), counting only the Parties in ``keep``
    (None: every Party; the answer filter)."""
    tables = []
    for question in section_questions(section):
        table = QuestionTable(question)
        now = restricted(tallies.get(question.key, NO_ANSWER), keep)
        table.chosen, table.answered = now
        if previous is not None:
            before = restricted(previous.get(question.key, NO_ANSWER), keep)
            if before.answered.get(WORLD):
                table.previous = {value: len(by[WORLD]) for value, by in before.chosen.items()}
                table.previous_answered = before.answered[WORLD]
                _changes(table, now, before)
        tables.append(table)
    return tables


class AnswerFilter(NamedTuple):
    """ "Only the Parties that answered ``option`` to ``question``" and the Parties kept."""

    question: Question
    option: Option
    parties: frozenset[str]


class FilterError(CodedError):
    MESSAGES = {
        "analyzer.filter-question": _(
            "The filter's question %(key)s is not a question with answer options of this "
            "cycle's report."
        ),
        "analyzer.filter-answer": _(
            "The filter's answer %(value)s is not an answer option of question %(question)s."
        ),
    }


def answer_filter(questionnaire: Questionnaire, key: str, value: str) -> AnswerFilter | None:
    """The filter asked for by a question key and an option value (both empty: no filter);
    its Parties are filled in by :func:`with_parties`. FilterError when either is unknown."""
    if not key and not value:
        return None
    try:
        question = questionnaire.question(key)
    except KeyError:
        question = None
    if question is None or not question.options:
        raise FilterError("analyzer.filter-question", key=key)
    option = question.option(value)
    if option is None:
        raise FilterError("analyzer.filter-answer", value=value, question=question.label)
    return AnswerFilter(question, option, frozenset())


def with_parties(chosen: AnswerFilter, counted: Tally) -> AnswerFilter:
    """The filter with the Parties that gave its answer to its question in ``counted``."""
    parties = counted.chosen.get(chosen.option.value, {}).get(WORLD, ())
    return chosen._replace(parties=frozenset(parties))


class FreeText(NamedTuple):
    """One Party's text answer to a question, in the language it is shown in."""

    party: Party
    text: str
    language: str  # content key of the language shown ("en", "fr", ...)


def text_questions(section: Section) -> list[Question]:
    """The section's questions answered in free text, in form order."""
    return [q for q in section.entries() if q.is_text]


def free_texts(
    question: Question, rows: CycleRows, names: dict[str, Party], keep: Collection[str] | None
) -> list[FreeText]:
    """Every Party's text answer to ``question`` in the reader's language (else English,
    else any), Parties in ``keep`` only (None: all), sorted by the Party's name."""
    texts = []
    for party, submission in rows.submissions.items():
        answers = submission.nr4 if submission.nr4 is not None else submission.answers
        answer = answers.get(question.key)
        value = answer.get("value") if isinstance(answer, dict) else None
        if party not in names or (keep is not None and party not in keep):
            continue
        text, language = localized_with_language(value if isinstance(value, dict) else None)
        if text.strip():
            texts.append(FreeText(names[party], text, language))
    return sorted(texts, key=lambda t: str(t.party))


def tally(key: str, rows: CycleRows) -> Tally:
    """Parties per answer value and column, and how many answered, per column."""
    chosen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    answered: dict[str, int] = defaultdict(int)
    for party, submission in sorted(rows.submissions.items()):
        values = answer_values(submission.answers.get(key))
        if not values:
            continue
        region = rows.regions.get(party) or NO_REGION
        answered[WORLD] += 1
        answered[region] += 1
        for value in values:
            chosen[value][WORLD].append(party)
            chosen[value][region].append(party)
    return Tally({v: dict(by) for v, by in chosen.items()}, dict(answered))


def export_rows(
    tables: list[dict[str, Any]], columns: list[str], previous: int | None
) -> tuple[list[dict[str, Any]], list[str]]:
    """What the page shows as rows of plain values, and the column names: per answer, the
    figure of each column and its change against the previous cycle; per question, the
    Parties that answered and the Parties compared."""
    previous_column = f"cycle_{previous}" if previous is not None else ""
    names = [
        "question",
        "question_text",
        "row",
        "answer",
        "answer_text",
        *columns,
        *([previous_column] + [f"change_{c}" for c in columns] if previous_column else []),
    ]
    rows: list[dict[str, Any]] = []
    for table in tables:
        question = {
            "question": table["question"].label,
            "question_text": strip_tags(table["title"]),
        }
        for row in table["rows"]:
            line = {
                **question,
                "row": "answer",
                "answer": row["value"],
                "answer_text": strip_tags(row["title"]),
            }
            line.update({c: cell["value"] for c, cell in zip(columns, row["cells"], strict=True)})
            if previous_column:
                line[previous_column] = row["previous_value"]
                line.update(
                    {
                        f"change_{c}": cell["change"]
                        for c, cell in zip(columns, row["cells"], strict=True)
                    }
                )
            rows.append(line)
        rows.append(
            {**question, "row": "answered", **dict(zip(columns, table["answered"], strict=True))}
        )
        if previous_column:
            rows[-1][previous_column] = table["previous_answered"]
        if table["compared"] is not None:
            rows.append(
                {
                    **question,
                    "row": "answered_both",
                    **dict(zip(columns, table["compared"], strict=True)),
                }
            )
    return rows, names


TEXT_COLUMNS = ("party", "party_name", "language", "text")


def text_rows(texts: list[FreeText]) -> list[dict[str, str]]:
    """The free-text listing as rows of plain values (TEXT_COLUMNS)."""
    return [
        {"party": t.party.iso2, "party_name": str(t.party), "language": t.language, "text": t.text}
        for t in texts
    ]
