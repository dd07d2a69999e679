"""The report analyzer: for one cycle, each question's answers by region, as counts or shares
of the Parties that answered, with the Parties behind each cell and the previous cycle."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from cpbtracker.indicators.engine.compute import CycleRows
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party, Region
from cpbtracker.reporting.questionnaire import Question, Section, answer_values

WORLD = "all"  # never a region: a government with no regional group is NO_REGION
NO_REGION = "none"
COLUMN_LABELS = (
    (WORLD, _("All Parties")),
    *Region.choices,
    (NO_REGION, _("No regional group")),
)


@dataclass
class QuestionTable:
    question: Question
    # option value -> region ("" = all) -> Parties that chose it
    chosen: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)  # region -> Parties that answered
    previous: dict[str, int] | None = None  # option value -> Parties, previous cycle (all)
    previous_answered: int = 0

    def present(
        self, names: dict[str, Party], as_percent: bool, regions: list[str]
    ) -> dict[str, Any]:
        """Cells as text, for the template, one per column in ``regions``."""

        def cell(count: int, total: int) -> str:
            if as_percent:
                return f"{100 * count / total:.1f}%" if total else "-"
            return str(count)

        rows = []
        for option in self.question.options:
            by_region = self.chosen.get(option.value, {})
            rows.append(
                {
                    "title": localized(option.title),
                    "value": option.value,
                    "cells": [
                        cell(len(by_region.get(r, [])), self.answered.get(r, 0)) for r in regions
                    ],
                    "previous": (
                        cell(self.previous.get(option.value, 0), self.previous_answered)
                        if self.previous is not None
                        else ""
                    ),
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


def section_tables(
    section: Section, tallies: dict[str, Tally], previous: dict[str, Tally] | None
) -> list[QuestionTable]:
    """One table per question with options in the section, from the cycle's tallies and
    the previous cycle's (None: no previous cycle)."""
    tables = []
    for question in section_questions(section):
        table = QuestionTable(question)
        table.chosen, table.answered = tallies.get(question.key, NO_ANSWER)
        if previous is not None:
            before, answered_before = previous.get(question.key, NO_ANSWER)
            if answered_before.get(WORLD):
                table.previous = {value: len(by[WORLD]) for value, by in before.items()}
                table.previous_answered = answered_before[WORLD]
        tables.append(table)
    return tables


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
