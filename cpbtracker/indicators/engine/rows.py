"""Reading one cycle's tidy rows from the database: a fixed handful of set-based queries.

Fourth-cycle answers are re-expressed under 5th-report keys and values through the BCH
mapping, so the same method computes the baseline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from cpbtracker.indicators.engine.compute import CycleRows, ManualFigure, Submission
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.records.queries import records_on
from cpbtracker.reporting.mapping import nr5_to_nr4
from cpbtracker.reporting.models import Answer, ReportingCycle, Schema
from cpbtracker.reporting.queries import published_versions
from cpbtracker.reporting.questionnaire import is_complete, load_questionnaire


def translate_nr4(answers: dict[str, object]) -> dict[str, object]:
    """NR4 answers under the NR5 keys they map to, with NR5 option values."""
    return {
        link.nr5: link.to_nr5_answer(answers[link.nr4])
        for link in nr5_to_nr4().values()
        if link.nr4 in answers
    }


def cycle_rows(cycle: ReportingCycle, keys: Collection[str] | None = None) -> CycleRows:
    """The cycle's submitted reports (latest version each) and the Parties on its deadline.

    ``keys`` (5th-report question keys) limits the answers read to those the caller needs;
    None reads every answer (the report analyzer).
    """
    is_nr4 = cycle.schema == Schema.NR4
    if keys is not None and is_nr4:
        links = nr5_to_nr4()
        keys = [links[k].nr4 for k in keys if k in links]
    versions = published_versions(cycle)
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    answer_rows = Answer.objects.filter(version_id__in=[v.pk for v in versions])
    if keys is not None:
        answer_rows = answer_rows.filter(key__in=sorted(set(keys)))
    for version_id, key, value in answer_rows.values_list("version_id", "key", "value"):
        answers[version_id][key] = value
    questionnaire = load_questionnaire(cycle.schema)
    submissions = {}
    for version in versions:
        original = answers[version.pk]
        submissions[version.report.party.iso2] = Submission(
            submitted_on=version.submitted_at.date(),
            answers=translate_nr4(original) if is_nr4 else original,
            complete=(
                version.complete
                if version.complete is not None
                else is_complete(questionnaire, version.answers_dict())
            ),
        )
    return CycleRows(
        cycle=cycle.number,
        deadline=cycle.deadline,
        cp=frozenset(parties_on(Treaty.CP, cycle.deadline).values_list("iso2", flat=True)),
        sp=frozenset(parties_on(Treaty.SP, cycle.deadline).values_list("iso2", flat=True)),
        regions=dict(Party.objects.values_list("iso2", "region")),
        submissions=submissions,
        manual=manual_figures(cycle),
        records=records_on(cycle.deadline),
    )


def manual_figures(cycle: ReportingCycle) -> dict[str, ManualFigure]:
    from cpbtracker.indicators.models import ManualValue

    figures = {}
    for value in (
        ManualValue.objects.filter(cycle=cycle).select_related("indicator").order_by("entered_at")
    ):
        figures[value.indicator.code] = ManualFigure(value.value, value.source, value.as_of)
    return figures
