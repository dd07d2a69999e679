"""Indicator results and the analyzer's tallies, computed once and stored.

Pages and the API read :func:`stored_results` / :func:`stored_tallies`; what is missing (never
computed, dropped, or computed with another version of the methods file) is computed on that
read, for the whole cycle at once, and stored. The services that change an input drop exactly
what it feeds, in their own transaction (:func:`forget_reports`, :func:`forget_cycles`):

- a report of a Party published, imported or deleted: its cycle, for all Parties and the
  Party's region (with and without "both cycles"); every cycle when it is the baseline cycle,
  whose figures every cycle shows; the cycle's analyzer tallies. Reopening changes nothing
  (the published version still counts until a new one is submitted).
- a manual figure: its cycle (every cycle for the baseline cycle), every grouping.
- the Parties, the Compliance Committee's cases, clearing-house records, the plan: every cycle.

Computing a cycle locks its row, and so does dropping its results, so a result computed from
data that changed meanwhile is never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from cpbtracker.indicators.analyzer import Tally, tally
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.indicators.engine.methods import METHODS_FILE, packaged_methods
from cpbtracker.indicators.models import StoredResult, StoredTally
from cpbtracker.indicators.results import (
    baseline_cycle,
    evaluate_cycle,
    with_baseline,
    with_eu_in_weog,
)
from cpbtracker.parties.models import Party, Region
from cpbtracker.reporting.models import ReportingCycle, ReportVersion, Schema
from cpbtracker.reporting.questionnaire import load_questionnaire

REGIONS = ("", *Region.values)  # "" = all Parties
GROUPINGS = tuple((region, both) for region in REGIONS for both in (False, True))


class StoredResults(list[Result]):
    """A cycle's results for one grouping, in the methods' order, with when they were computed
    (the oldest, when they were computed at different times)."""

    def __init__(self, results: Iterable[Result], computed_at: dt.datetime | None):
        super().__init__(results)
        self.computed_at = computed_at


def methods_version() -> str:
    """The methods file's version: the start of its SHA-256 (any edit changes it)."""
    return hashlib.sha256(METHODS_FILE.read_bytes()).hexdigest()[:12]


def stored_results(
    cycle: ReportingCycle, region: str = "", *, both_cycles: bool = False
) -> StoredResults:
    """Every indicator's result for the cycle and grouping, each with its baseline."""
    return stored_sets([cycle], [(region, both_cycles)])[(cycle.number, region, both_cycles)]


def regional_results(
    cycle: ReportingCycle, region: str = "", *, both_cycles: bool = False, eu_in_weog: bool = False
) -> StoredResults:
    """A grouping's results, as :func:`stored_results`; with ``eu_in_weog``, WEOG's include the
    European Union, as the Secretariat's own tables count it: an option computed on request,
    not stored (the default grouping, without the EU in any region, is)."""
    if not eu_in_weog or region != Region.WEOG:
        return stored_results(cycle, region, both_cycles=both_cycles)
    base_cycle = baseline_cycle()
    current = with_eu_in_weog(evaluate_cycle(cycle))
    base = None
    if base_cycle and base_cycle.pk != cycle.pk:
        base = with_eu_in_weog(evaluate_cycle(base_cycle))
    return StoredResults(with_baseline(current, base, region, both_cycles=both_cycles), None)


def stored_stamp(
    cycle: ReportingCycle, region: str = "", *, both_cycles: bool = False
) -> tuple[dt.datetime, dt.datetime] | None:
    """When a grouping's stored results were computed (oldest, newest), or None while any is
    missing: what is made from them (a rendered table) can be kept under this stamp."""
    found = StoredResult.objects.filter(
        cycle=cycle, region=region, both_cycles=both_cycles, methods_version=methods_version()
    ).aggregate(count=Count("pk"), oldest=Min("computed_at"), newest=Max("computed_at"))
    if found["count"] != len(packaged_methods()):
        return None
    return found["oldest"], found["newest"]


def stored_sets(
    cycles: Collection[ReportingCycle],
    groupings: Collection[tuple[str, bool]],
    codes: Collection[str] | None = None,
) -> dict[tuple[int, str, bool], StoredResults]:
    """(cycle number, region, both cycles) -> results, for every cycle and grouping asked,
    of every indicator or those in ``codes`` (one query when everything is stored)."""
    rows = _read(cycles, groupings, codes)
    expected = len(packaged_methods()) if codes is None else len(set(codes))
    missing = [
        cycle
        for cycle in cycles
        if any(len(rows.get((cycle.number, r, b), ())) != expected for r, b in groupings)
    ]
    for cycle in missing:
        _compute_and_store(cycle)
    if missing:
        rows = _read(cycles, groupings, codes)
    order = {m.code: n for n, m in enumerate(packaged_methods())}
    sets = {}
    for key, found in rows.items():
        found.sort(key=lambda row: order[row[0]])
        sets[key] = StoredResults(
            (Result.from_json(data) for _code, _at, data in found),
            min((at for _code, at, _data in found), default=None),
        )
    return sets


def _read(
    cycles: Collection[ReportingCycle],
    groupings: Collection[tuple[str, bool]],
    codes: Collection[str] | None,
) -> dict[tuple[int, str, bool], list[tuple[str, dt.datetime, dict]]]:
    which = Q()
    for region, both in set(groupings):
        which |= Q(region=region, both_cycles=both)
    found: dict[tuple[int, str, bool], list] = {
        (c.number, r, b): [] for c in cycles for r, b in groupings
    }
    number = {c.pk: c.number for c in cycles}
    rows = StoredResult.objects.filter(
        which, cycle__in=list(cycles), methods_version=methods_version()
    )
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    for cycle_id, region, both, code, at, data in rows.values_list(
        "cycle_id", "region", "both_cycles", "code", "computed_at", "result"
    ):
        found[(number[cycle_id], region, both)].append((code, at, data))
    return found


@transaction.atomic
def _compute_and_store(cycle: ReportingCycle) -> None:
    """Compute the cycle for every grouping and store what is not stored yet."""
    ReportingCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    version = methods_version()
    StoredResult.objects.filter(cycle=cycle).exclude(methods_version=version).delete()
    present = set(
        StoredResult.objects.filter(cycle=cycle).values_list("region", "both_cycles", "code")
    )
    base_cycle = baseline_cycle()
    current = evaluate_cycle(cycle)
    base = evaluate_cycle(base_cycle) if base_cycle and base_cycle.pk != cycle.pk else None
    now = timezone.now()
    StoredResult.objects.bulk_create(
        StoredResult(
            cycle=cycle,
            region=region,
            both_cycles=both,
            code=result.code,
            methods_version=version,
            computed_at=now,
            result=result.to_json(),
        )
        for region, both in GROUPINGS
        for result in with_baseline(current, base, region, both_cycles=both)
        if (region, both, result.code) not in present
    )


def store_everything() -> None:
    """Compute and store every cycle's results and tallies now (after loading data), so
    that no reader waits for them."""
    cycles = list(ReportingCycle.objects.order_by("number"))
    stored_sets(cycles, GROUPINGS)
    for cycle in cycles:
        stored_tallies(cycle, ())


def cycles_with_reports() -> set[int]:
    """Numbers of the cycles with a submitted report (one query)."""
    return set(
        ReportingCycle.objects.filter(
            reports__versions__status=ReportVersion.Status.SUBMITTED
        ).values_list("number", flat=True)
    )


def stored_tallies(
    cycle: ReportingCycle, keys: Collection[str]
) -> tuple[dict[str, Tally], dt.datetime | None]:
    """The analyzer's tallies of these questions in the cycle, and when they were computed."""
    if not StoredTally.objects.filter(cycle=cycle).exists():
        _tally_cycle(cycle)
    rows = StoredTally.objects.filter(cycle=cycle, key__in=list(keys)).values_list(
        "key", "chosen", "answered", "computed_at"
    )
    tallies = {key: Tally(chosen, answered) for key, chosen, answered, _at in rows}
    computed = StoredTally.objects.filter(cycle=cycle, key="").values_list("computed_at")
    return tallies, next(iter(computed), (None,))[0]


@transaction.atomic
def _tally_cycle(cycle: ReportingCycle) -> None:
    ReportingCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    if StoredTally.objects.filter(cycle=cycle).exists():
        return
    rows = evaluate_cycle(cycle, every_answer=True).rows
    keys = {
        q.key
        for schema in Schema.values
        for q in load_questionnaire(schema).questions()
        if q.answerable and q.options
    }
    now = timezone.now()
    counted = {key: tally(key, rows) for key in sorted(keys)}
    StoredTally.objects.bulk_create(
        [
            # the row with no key marks the cycle as tallied, even with no answer at all
            StoredTally(cycle=cycle, key="", computed_at=now, chosen={}, answered={}),
            *(
                StoredTally(
                    cycle=cycle, key=key, computed_at=now, chosen=t.chosen, answered=t.answered
                )
                for key, t in counted.items()
                if t.answered
            ),
        ]
    )


@transaction.atomic
def forget_reports(cycle: ReportingCycle, parties: Iterable[Party]) -> None:
    """Reports of these Parties in the cycle changed: drop what they feed (see the module)."""
    regions = {"", *(p.region for p in parties if p.region)}
    base = baseline_cycle()
    every_cycle = base is not None and base.pk == cycle.pk
    _forget(None if every_cycle else [cycle], regions)
    _lock([cycle])
    StoredTally.objects.filter(cycle=cycle).delete()


@transaction.atomic
def forget_cycles(cycles: Iterable[ReportingCycle] | None = None) -> None:
    """Inputs of every grouping of these cycles changed (None: of every cycle): drop their
    results, and every cycle's when the baseline cycle is among them. A change of the Parties
    (regions) drops the analyzer's tallies too."""
    base = baseline_cycle()
    chosen = None if cycles is None else list(cycles)
    if chosen is not None and base is not None and any(c.pk == base.pk for c in chosen):
        chosen = None
    _forget(chosen, None)
    if chosen is None:
        StoredTally.objects.all().delete()


def forget_records(published_on: dt.date) -> None:
    """A clearing-house record published on that day: the cycles whose deadline is not before
    it read it (records current on the deadline), every grouping."""
    forget_cycles(ReportingCycle.objects.filter(deadline__gte=published_on))


def forget_parties() -> None:
    """The Parties changed (memberships, regions): every result and tally."""
    forget_cycles(None)


def _forget(cycles: list[ReportingCycle] | None, regions: Collection[str] | None) -> None:
    locked = _lock(cycles)
    rows = StoredResult.objects.filter(cycle__in=locked)
    if regions is not None:
        rows = rows.filter(region__in=list(regions))
    rows.delete()


def _lock(cycles: list[ReportingCycle] | None) -> list[int]:
    """Lock the cycles' rows (in number order, as every writer does) until the caller's
    transaction ends, so no result computed from older data is stored after this."""
    rows = ReportingCycle.objects.order_by("number").select_for_update()
    if cycles is not None:
        rows = rows.filter(pk__in=[c.pk for c in cycles])
    return list(rows.values_list("pk", flat=True))
