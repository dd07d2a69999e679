"""Indicator results per cycle, with the baseline, as the pages, API and CLI show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cpbtracker.indicators.engine.compute import (
    CycleRows,
    Result,
    compute,
    records_missing,
    restrict,
)
from cpbtracker.indicators.engine.methods import (
    Method,
    baseline_questions_read,
    packaged_methods,
    questions_read,
)
from cpbtracker.indicators.engine.rows import cycle_rows
from cpbtracker.parties.models import table_regions
from cpbtracker.reporting.models import ReportingCycle, Schema


def baseline_cycle() -> ReportingCycle | None:
    """The plan's baseline: the 4th reporting cycle (the first with the NR4 format)."""
    return ReportingCycle.objects.filter(schema=Schema.NR4).order_by("number").first()


def evaluate(methods: Iterable[Method], rows: CycleRows) -> list[Result]:
    """Every method's result over all Parties, computing each indicator once."""
    by_code = {m.code: m for m in methods}
    done: dict[str, Result] = {}

    def result_of(code: str) -> Result:
        if code not in done:
            done[code] = compute(by_code[code], rows, result_of=result_of)
        return done[code]

    return [result_of(code) for code in by_code]


def in_region(results: list[Result], rows: CycleRows, region: str) -> list[Result]:
    """The results restricted to one UN regional group's Parties ("" = all Parties)."""
    if not region:
        return results
    keep = {p for p, r in rows.regions.items() if r == region}
    return [restrict(r, keep) for r in results]


def compute_cycle(
    cycle: ReportingCycle, *, region: str = "", both_cycles: bool = False
) -> list[Result]:
    """All indicators for the cycle (all Parties or one region), with their baselines."""
    base_cycle = baseline_cycle()
    base = evaluate_cycle(base_cycle) if base_cycle and base_cycle.pk != cycle.pk else None
    return with_baseline(evaluate_cycle(cycle), base, region, both_cycles=both_cycles)


@dataclass
class CycleResults:
    """One cycle's results for all Parties (``world``), from which regions are cut."""

    cycle: ReportingCycle
    rows: CycleRows
    world: dict[str, Result]

    def region(self, region: str) -> dict[str, Result]:
        if not region:
            return self.world
        return {r.code: r for r in in_region(list(self.world.values()), self.rows, region)}

    def result(self, code: str, region: str = "") -> Result:
        """One indicator's result, for all Parties or one region."""
        return in_region([self.world[code]], self.rows, region)[0]

    @property
    def has_reports(self) -> bool:
        return bool(self.rows.submissions)


def with_eu_in_weog(results: CycleResults) -> CycleResults:
    """The same results, with the European Union within WEOG on regional figures (as the
    Secretariat's tables count it); the world figures do not change."""
    regions = table_regions(dict(results.rows.regions), eu_in_weog=True)
    return CycleResults(results.cycle, replace(results.rows, regions=regions), results.world)


def evaluate_cycle(
    cycle: ReportingCycle, *, every_answer: bool = False, as_of: dt.date | None = None
) -> CycleResults:
    """The cycle's results for all Parties. The rows hold only the answers the methods read,
    unless ``every_answer`` (the report analyzer shows every question); ``as_of``: from what
    was submitted on or before that day."""
    methods = packaged_methods()
    rows = cycle_rows(
        cycle,
        None if every_answer else questions_read(methods),
        nr4_keys=baseline_questions_read(methods),
        as_of=as_of,
    )
    return CycleResults(cycle, rows, {r.code: r for r in evaluate(methods, rows)})


def all_cycles(*, every_answer: bool = False) -> list[CycleResults]:
    """Every reporting cycle evaluated once, oldest first."""
    return [
        evaluate_cycle(cycle, every_answer=every_answer)
        for cycle in ReportingCycle.objects.order_by("number")
    ]


def baseline_of(cycles: list[CycleResults]) -> CycleResults | None:
    """The baseline cycle's results among ``cycles`` (see :func:`baseline_cycle`)."""
    base = baseline_cycle()
    return next((c for c in cycles if base and c.cycle.pk == base.pk), None)


def with_baseline(
    current: CycleResults,
    base: CycleResults | None,
    region: str = "",
    *,
    both_cycles: bool = False,
) -> list[Result]:
    """The cycle's results (world or one region), each with its baseline where allowed.

    ``both_cycles``: count only the Parties that submitted a report in both cycles, so that
    the change compares like with like (as the BCH report analyzer offers).
    """
    results = dict(current.region(region))
    if base is None or base.cycle.pk == current.cycle.pk:
        return list(results.values())
    base_results = base.region(region)
    if both_cycles:
        keep = current.rows.submissions.keys() & base.rows.submissions.keys()
        results = {code: restrict(r, keep) for code, r in results.items()}
        base_results = {code: restrict(r, keep) for code, r in base_results.items()}
    for method in packaged_methods():
        _attach_baseline(
            method, results[method.code], base_results[method.code], base.rows.deadline
        )
    return list(results.values())


def _attach_baseline(method: Method, result: Result, base: Result, base_deadline: dt.date) -> None:
    """The baseline cycle's figure where the method allows one: computed from 4th reports,
    Party membership or the case list, or a manual figure entered for the baseline cycle.
    A records indicator compares like with like only: records with the records current on
    the baseline deadline, report answers with report answers; otherwise no baseline, with
    the reason."""
    usable = base.status in ("computed", "no-data") or (
        base.status == "manual" and base.value is not None
    )
    reason = _records_baseline_reason(method, result, base, base_deadline)
    if reason:
        usable = False
        result.baseline_reason = reason
    if method.baseline != "none" and usable:
        result.baseline = base
    by_key = {p.key: p for p in base.parts}
    for part_method, part in zip(method.parts, result.parts, strict=True):
        if part.key in by_key:
            _attach_baseline(part_method, part, by_key[part.key], base_deadline)


def _records_baseline_reason(
    method: Method, result: Result, base: Result, base_deadline: dt.date
) -> str:
    """Why a records indicator gets no baseline ("" when it may have one): records are
    compared with the records current on the baseline deadline only, never with report
    answers, and report answers never with records."""
    if method.source != "records" or result.is_awaiting_records:
        return ""
    before = "" if base.is_awaiting_records else base.measured_from
    if result.measured_from == before:
        return ""
    if result.measured_from == "records":
        return (
            f"no baseline: {records_missing(method.code, base_deadline)} (the baseline "
            "cycle's deadline); report answers are not compared with records"
        )
    return (
        "no baseline: the baseline cycle was measured from records, this cycle from national "
        "reports"
    )


def method_of(code: str) -> Method:
    return next(m for m in packaged_methods() if m.code == code)


def manual_method(code: str, measure: str = "") -> Method | None:
    """The method of a figure the Secretariat enters: the indicator's, or its part's."""
    method = next((m for m in packaged_methods() if m.code == code), None)
    if method is None or method.source != "manual":
        return None
    if method.parts:
        return next((p for p in method.parts if p.key == measure), None)
    return None if measure else method
