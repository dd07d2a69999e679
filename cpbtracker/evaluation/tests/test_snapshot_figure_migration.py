"""Snapshots taken while a figure was kept one column per number read as they were after
`migrate`, which keeps each figure as the engine's JSON: the same numbers, the same document."""

from __future__ import annotations

from django.core.management import call_command

from cpbtracker.evaluation.evidence import snapshot_evidence
from cpbtracker.evaluation.formats import document_bytes
from cpbtracker.evaluation.models import Snapshot
from cpbtracker.indicators.engine.compute import Result


def kept_by_the_columns(figure: Result) -> tuple:
    """What a figure's columns held before (parties: the groups with Parties in them)."""
    return (
        figure.status, figure.source, figure.unit, figure.value, figure.numerator,
        figure.denominator, figure.population, figure.response_rate, figure.baseline_value,
        figure.change, figure.note, {g: names for g, names in figure.parties.items() if names},
        [(p.key, p.label, p.value, p.baseline_value) for p in figure.parts],
    )  # fmt: skip


def test_a_snapshot_taken_before_reads_the_same_after_the_migration(reports, migrate):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "mid")
    taken = snapshot_evidence(Snapshot.objects.get(label="mid"))
    document = document_bytes(taken, kind="midterm", language="en", fmt="html")

    columns = migrate("0011_snapshot_freezes_regions_and_conclusions").get_model(
        "evaluation", "StoredResult"
    )
    assert columns.objects.count() == len(taken.figures) == 2 * 6 * 48
    a1a = columns.objects.get(cycle=5, region="", code="A.1(a)")
    live = taken.figure("A.1(a)")
    assert live is not None and live.response_rate is not None
    assert (a1a.value, a1a.numerator, a1a.denominator, a1a.population) == (
        50.0, 1, 2, live.population,
    )  # fmt: skip
    assert (a1a.response_rate, a1a.baseline_cycle, a1a.baseline_value) == (
        live.response_rate, 4, 0.0,
    )  # fmt: skip
    assert a1a.parties["positive"] == ["KE"] and a1a.parties["negative"] == ["CN"]

    migrate("0012_snapshot_figure")
    again = snapshot_evidence(Snapshot.objects.get(label="mid"))
    assert again.figures.keys() == taken.figures.keys()
    for key, figure in taken.figures.items():
        assert kept_by_the_columns(again.figures[key]) == kept_by_the_columns(figure), key
    assert document_bytes(again, kind="midterm", language="en", fmt="html") == document
