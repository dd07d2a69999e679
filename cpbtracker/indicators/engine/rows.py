"""Reading one cycle's tidy rows from the database: a fixed handful of set-based queries.

Fourth-cycle answers are re-expressed under 5th-report keys and values through the BCH
mapping, so the same method computes the baseline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from cpbtracker.indicators.engine.compute import (
    Case,
    CycleRows,
    ManualFigure,
    Submission,
)
from cpbtracker.indicators.engine.sources import record_source
from cpbtracker.indicators.models import ComplianceCase, ManualValue
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.mapping import nr5_to_nr4
from cpbtracker.reporting.models import Answer, ReportingCycle, ReportVersion, Schema
from cpbtracker.reporting.queries import first_complete_dates, published_versions


def translate_nr4(answers: dict[str, object]) -> dict[str, object]:
    """NR4 answers under the NR5 keys they map to, with NR5 option values."""
    return {
        link.nr5: link.to_nr5_answer(answers[link.nr4])
        for link in nr5_to_nr4().values()
        if link.nr4 in answers
    }


def cycle_rows(
    cycle: ReportingCycle,
    keys: Collection[str] | None = None,
    nr4_keys: Collection[str] = (),
    *,
    as_of: dt.date | None = None,
) -> CycleRows:
    """The cycle's submitted reports (latest version each) and the Parties on its deadline.

    ``keys`` (5th-report question keys) limits the answers read to those the caller needs;
    None reads every answer (the report analyzer). ``nr4_keys``: 4th-report questions read
    as well, which methods take in place of the mapping's choice. ``as_of``: only what was
    submitted or entered on or before that day (a frozen evaluation).
    """
    is_nr4 = cycle.schema == Schema.NR4
    if keys is not None and is_nr4:
        links = nr5_to_nr4()
        keys = [links[k].nr4 for k in keys if k in links] + list(nr4_keys)
    versions = published_versions(cycle, as_of=as_of)
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    answer_rows = Answer.objects.filter(version_id__in=[v.pk for v in versions])
    if keys is not None:
        answer_rows = answer_rows.filter(key__in=sorted(set(keys)))
    for version_id, key, value in answer_rows.values_list("version_id", "key", "value"):
        answers[version_id][key] = value
    first_complete = {
        report: day
        for report, day in first_complete_dates(cycle).items()
        if as_of is None or day <= as_of  # a frozen evaluation knows nothing after as_of
    }
    submissions = {}
    for version in versions:
        original = answers[version.pk]
        submissions[version.report.party.iso2] = Submission(
            submitted_on=submitted_on(version),
            answers=translate_nr4(original) if is_nr4 else original,
            first_complete_on=first_complete.get(version.report_id),
            nr4=original if is_nr4 else None,
        )
    return CycleRows(
        cycle=cycle.number,
        deadline=cycle.deadline,
        cp=frozenset(parties_on(Treaty.CP, cycle.deadline).values_list("iso2", flat=True)),
        sp=frozenset(parties_on(Treaty.SP, cycle.deadline).values_list("iso2", flat=True)),
        regions=dict(Party.objects.values_list("iso2", "region")),
        submissions=submissions,
        manual=manual_figures(cycle, as_of=as_of),
        cases=compliance_cases(),
        # a frozen evaluation sees the records published by its date, if that comes first
        records=record_source().rows_on(min(cycle.deadline, as_of) if as_of else cycle.deadline),
    )


def submitted_on(version: ReportVersion) -> dt.date:
    """The day a published version was submitted (every published version has one)."""
    if version.submitted_at is None:
        raise ValueError(f"published version {version.pk} has no submission date")
    return version.submitted_at.date()


def manual_figures(
    cycle: ReportingCycle, *, as_of: dt.date | None = None
) -> dict[tuple[str, str], ManualFigure]:
    """The latest figure entered for each (indicator, part) of the cycle."""
    figures = {}
    values = ManualValue.objects.filter(cycle=cycle)
    if as_of:
        values = values.filter(entered_at__date__lte=as_of)
    for value in values.select_related("indicator").order_by("entered_at"):
        figures[(value.indicator.code, value.measure)] = ManualFigure(
            value=value.value,
            source=value.source,
            as_of=value.as_of,
            window_start=value.window_start,
            window_end=value.window_end,
            numerator=value.numerator,
            denominator=value.denominator,
        )
    return figures


def compliance_cases() -> tuple[Case, ...]:
    """Every case of the Compliance Committee's list (A.4(b) reads them as of a deadline)."""
    return tuple(
        Case(party, identified, addressed)
        for party, identified, addressed in ComplianceCase.objects.values_list(
            "party__iso2", "identified_on", "addressed_on"
        )
    )
