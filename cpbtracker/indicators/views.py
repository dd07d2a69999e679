"""Indicator pages: the scoreboard, one indicator, the report analyzer, a Party's position."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from cpbtracker.indicators import analyzer
from cpbtracker.indicators.chart import bar_chart
from cpbtracker.indicators.engine.compute import PARTY_GROUPS
from cpbtracker.indicators.results import (
    RESULT_COLUMNS,
    CycleResults,
    all_cycles,
    baseline_of,
    method_of,
    result_row,
    with_baseline,
)
from cpbtracker.lib.content import localized
from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes
from cpbtracker.parties.models import Party, Region
from cpbtracker.plan.models import Goal, Indicator
from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.questionnaire import load_questionnaire

GROUP_LABELS = {
    "positive": gettext_lazy("Positive"),
    "negative": gettext_lazy("Negative"),
    "excluded": gettext_lazy("Left out (not applicable)"),
    "not_answered": gettext_lazy("Did not answer"),
    "not_applicable": gettext_lazy("Outside the indicator's base"),
    "not_reported": gettext_lazy("No submitted report"),
}


def _pick(
    cycles: list[CycleResults], request: HttpRequest
) -> tuple[CycleResults, CycleResults | None]:
    """The cycle asked for (default: the latest with reports) and the baseline cycle."""
    if not cycles:
        raise Http404("no reporting cycles")
    asked = request.GET.get("cycle", "")
    chosen = next((c for c in cycles if str(c.cycle.number) == asked), None)
    if chosen is None:
        with_reports = [c for c in cycles if c.has_reports]
        chosen = (with_reports or cycles)[-1]
    return chosen, baseline_of(cycles)


def _region(request: HttpRequest) -> str:
    region = request.GET.get("region", "")
    return region if region in Region.values else ""


def _demo_shown(current: CycleResults) -> bool:
    return NationalReport.objects.filter(cycle=current.cycle, is_demo=True).exists()


def scoreboard(request: HttpRequest) -> HttpResponse:
    cycles = all_cycles()
    current, base = _pick(cycles, request)
    region = _region(request)
    both = request.GET.get("both") == "1"
    results = {r.code: r for r in with_baseline(current, base, region, both_cycles=both)}
    fmt = request.GET.get("format", "")
    if fmt in TABLE_WRITERS:
        writer = TABLE_WRITERS[fmt]
        data = table_bytes(
            fmt,
            (result_row(r) for r in results.values()),
            RESULT_COLUMNS,
            title=f"cycle {current.cycle.number}",
        )
        response = HttpResponse(data, content_type=writer.content_type)
        name = f"indicators-cycle-{current.cycle.number}{'-' + region if region else ''}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{writer.extension}"'
        return response
    goals = Goal.objects.prefetch_related("indicators").select_related("area")
    rows = [
        (goal, [(indicator, results[indicator.code]) for indicator in goal.indicators.all()])
        for goal in goals
    ]
    return render(
        request,
        "indicators/scoreboard.html",
        {
            "rows": rows,
            "cycles": [c.cycle for c in cycles],
            "current": current.cycle,
            "base": base.cycle if base else None,
            "region": region,
            "regions": Region.choices,
            "both": both,
            "demo": _demo_shown(current),
            "query": request.GET.urlencode(),
        },
    )


def indicator_page(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("goal__area"), code=code)
    method = method_of(code)
    cycles = all_cycles()
    current, base = _pick(cycles, request)
    both = request.GET.get("both") == "1"
    result = {r.code: r for r in with_baseline(current, base, both_cycles=both)}[code]
    regions = [("", _("All Parties"))] + [(value, label) for value, label in Region.choices]
    chart_cycles = [c for c in cycles if c.has_reports]
    series = [
        (str(label), [c.result(code, value).value for c in chart_cycles])
        for value, label in regions
    ]
    names = {p.iso2: p for p in Party.objects.all()}
    groups = [
        (key, GROUP_LABELS[key], [names[p] for p in result.parties.get(key, []) if p in names])
        for key in PARTY_GROUPS
        if result.parties.get(key)
    ]
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "goal": indicator.goal,
            "objectives": indicator.goal.objectives.all(),
            "method": method,
            "method_text": localized(method.method),
            "fallback_text": localized(method.fallback.method)
            if method.fallback and result.measured_from == "report"
            else "",
            "result": result,
            "both": both,
            "cycles": [c.cycle for c in cycles],
            "current": current.cycle,
            "chart": bar_chart(
                series, [str(c.cycle) for c in chart_cycles], rtl=get_language_bidi()
            )
            if chart_cycles and result.status != "awaiting-records"
            else None,
            "series": series,
            "chart_cycles": [c.cycle for c in chart_cycles],
            "distribution": _distribution(method.questions, result.distribution),
            "groups": groups,
            "demo": _demo_shown(current),
        },
    )


def _distribution(questions: tuple[str, ...], counts: dict[str, int]) -> list[tuple[str, int]]:
    """Answer counts in the questions' option order, titled in the reader's language."""
    questionnaire = load_questionnaire("cpbNationalReport5")
    titles: dict[str, str] = {}
    for key in questions:
        for option in questionnaire.question(key).options:
            titles.setdefault(option.value, localized(option.title))
    ordered = [v for v in titles if v in counts] + [v for v in counts if v not in titles]
    return [(titles.get(value, value), counts[value]) for value in ordered]


def analyzer_page(request: HttpRequest) -> HttpResponse:
    cycles = all_cycles(every_answer=True)
    current, _base = _pick(cycles, request)
    previous = next((c for c in reversed(cycles) if c.cycle.number < current.cycle.number), None)
    questionnaire = load_questionnaire(current.cycle.schema)
    section_key = request.GET.get("section") or questionnaire.sections[0].key
    section = next((s for s in questionnaire.sections if s.key == section_key), None)
    if section is None:
        raise Http404("no such section")
    as_percent = request.GET.get("as") == "percent"
    names = {p.iso2: p for p in Party.objects.all()}
    tables = analyzer.section_tables(section, current.rows, previous.rows if previous else None)
    columns = analyzer.columns(tables)
    return render(
        request,
        "indicators/analyzer.html",
        {
            "cycles": [c.cycle for c in cycles],
            "current": current.cycle,
            "previous": previous.cycle if previous else None,
            "sections": [(s.key, localized(s.title)) for s in questionnaire.sections],
            "section": section,
            "section_title": localized(section.title),
            "tables": [t.present(names, as_percent, columns) for t in tables],
            "columns": [(key, label) for key, label in analyzer.COLUMN_LABELS if key in columns],
            "as_percent": as_percent,
            "demo": _demo_shown(current),
        },
    )


def party_position(request: HttpRequest, iso2: str) -> HttpResponse:
    party = get_object_or_404(Party, iso2=iso2.upper())
    cycles = all_cycles()
    current, _base = _pick(cycles, request)
    world = current.world
    regional = current.region(party.region) if party.region else {}
    rows = []
    for indicator in Indicator.objects.select_related("goal").order_by(
        "goal__position", "position"
    ):
        result = world[indicator.code]
        status = next((key for key, names in result.parties.items() if party.iso2 in names), "")
        rows.append(
            (
                indicator,
                status,
                GROUP_LABELS[status] if status else "",
                regional.get(indicator.code),
                result,
            )
        )
    return render(
        request,
        "indicators/party.html",
        {
            "party": party,
            "rows": rows,
            "cycles": [c.cycle for c in cycles],
            "current": current.cycle,
            "demo": _demo_shown(current),
        },
    )
