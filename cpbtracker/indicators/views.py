"""Indicator pages: the scoreboard, one indicator, the report analyzer, a Party's position."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from cpbtracker.indicators import analyzer
from cpbtracker.indicators.chart import bar_chart
from cpbtracker.indicators.engine.compute import NEGATIVE, PARTY_GROUPS, POSITIVE
from cpbtracker.indicators.engine.methods import method_text_statuses
from cpbtracker.indicators.engine.rows import cycle_rows
from cpbtracker.indicators.payloads import RESULT_COLUMNS, result_row
from cpbtracker.indicators.results import baseline_cycle, method_of
from cpbtracker.indicators.store import (
    StoredResults,
    cycles_with_reports,
    stored_results,
    stored_sets,
    stored_stamp,
    stored_tallies,
)
from cpbtracker.lib import inputs
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized, localized_with_language, shown_in
from cpbtracker.lib.exports import requested_format
from cpbtracker.lib.responses import table_attachment
from cpbtracker.lib.tabular import TABLE_FORMATS
from cpbtracker.parties.models import Party, Region
from cpbtracker.plan.content import packaged_plan
from cpbtracker.plan.models import Goal, Indicator
from cpbtracker.reporting.models import NationalReport, ReportingCycle, Schema
from cpbtracker.reporting.questionnaire import Questionnaire, load_questionnaire

GROUP_LABELS = {
    "positive": gettext_lazy("Positive"),
    "negative": gettext_lazy("Negative"),
    "excluded": gettext_lazy("Left out (not applicable)"),
    "not_answered": gettext_lazy("Did not answer"),
    "outside_base": gettext_lazy("Outside the indicator's base"),
    "not_reported": gettext_lazy("No submitted report"),
}


def _pick(
    request: HttpRequest,
) -> tuple[list[ReportingCycle], ReportingCycle, set[int]]:
    """Every cycle, the one asked for (default: the latest with reports) and the numbers of
    the cycles with reports."""
    cycles = list(ReportingCycle.objects.order_by("number"))
    if not cycles:
        raise Http404("no reporting cycles")
    reported = cycles_with_reports()
    asked = inputs.optional_whole_number(request.GET.get("cycle"), field="cycle")
    chosen = next((c for c in cycles if c.number == asked), None)
    if chosen is None:
        with_reports = [c for c in cycles if c.number in reported]
        chosen = (with_reports or cycles)[-1]
    return cycles, chosen, reported


def _region(request: HttpRequest) -> str:
    region = request.GET.get("region", "")
    return region if region in Region.values else ""


def _demo_shown(current: ReportingCycle) -> bool:
    return NationalReport.objects.filter(cycle=current, is_demo=True).exists()


def scoreboard(request: HttpRequest) -> HttpResponse:
    cycles, current, _reported = _pick(request)
    region = _region(request)
    both = request.GET.get("both") == "1"
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        return table_attachment(
            fmt,
            (result_row(r) for r in stored_results(current, region, both_cycles=both)),
            RESULT_COLUMNS,
            name=f"indicators-cycle-{current.number}{'-' + region if region else ''}",
            title=f"cycle {current.number}",
        )
    table, computed_at = _scoreboard_table(current, region, both)
    return render(
        request,
        "indicators/scoreboard.html",
        {
            "table": table,
            "cycles": cycles,
            "current": current,
            "base": baseline_cycle(),
            "computed_at": computed_at,
            "region": region,
            "regions": Region.choices,
            "both": both,
            "demo": _demo_shown(current),
            "query": request.GET.urlencode(),
        },
    )


def _scoreboard_table(
    current: ReportingCycle, region: str, both: bool
) -> tuple[SafeString, dt.datetime | None]:
    """The scoreboard's table and when its figures were computed. The rendered table is kept
    in the cache under the stamp of the stored results it shows, so a change that drops them
    (a publication, a manual figure, a plan reload, ...) is never served from an old table."""

    def key(stamp: tuple[dt.datetime, dt.datetime]) -> str:
        oldest, newest = (at.isoformat() for at in stamp)
        return f"scoreboard:{get_language()}:{current.number}:{region}:{both}:{oldest}:{newest}"

    stamp = stored_stamp(current, region, both_cycles=both)
    kept = cache.get(key(stamp)) if stamp else None
    if kept is not None:
        return kept
    stored = stored_results(current, region, both_cycles=both)
    results = {r.code: r for r in stored}
    goals = Goal.objects.prefetch_related("indicators").select_related("area")
    rows = [
        (goal, [(indicator, results[indicator.code]) for indicator in goal.indicators.all()])
        for goal in goals
    ]
    table = render_to_string(
        "indicators/_scoreboard_table.html", {"rows": rows, "current": current}
    )
    made = (mark_safe(table), stored.computed_at)  # noqa: S308 - rendered by our template
    stamp = stored_stamp(current, region, both_cycles=both)
    if stamp:
        cache.set(key(stamp), made, None)
    return made


def indicator_page(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("goal__area"), code=code)
    method = method_of(code)
    cycles, current, reported = _pick(request)
    both = request.GET.get("both") == "1"
    regions = [("", _("All Parties"))] + [(value, label) for value, label in Region.choices]
    chart_cycles = [c for c in cycles if c.number in reported]
    shown = stored_sets(
        sorted({current, *chart_cycles}, key=lambda c: c.number),
        {(value, both) for value, _label in regions},
        codes=[code],
    )
    stored = shown[(current.number, "", both)]
    result = next(r for r in stored if r.code == code)
    if both:  # the Parties of both cycles: this cycle and the baseline, as in the headline
        base = baseline_cycle()
        chart_cycles = [c for c in chart_cycles if c == current or (base and c.pk == base.pk)]
    series = [
        (str(label), _series(shown, chart_cycles, current, value, code, both=both))
        for value, label in regions
    ]
    names = {p.iso2: p for p in Party.objects.all()}
    groups = [  # (key, label, Parties, shown open: the Parties counted in the value)
        (
            key,
            GROUP_LABELS[key],
            sorted_by_name(names[p] for p in result.parties.get(key, []) if p in names),
            key in (POSITIVE, NEGATIVE),
        )
        for key in PARTY_GROUPS
        if result.parties.get(key)
    ]
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "goal": indicator.goal,
            "objectives": indicator.goal.objectives.filter(
                code__in=packaged_plan().goal(indicator.goal.code).links.get(indicator.code, ())
            ),
            "method": method,
            "method_text": method_html(method.description),
            "fallback_text": method_html(method.fallback.description)
            if method.fallback and result.measured_from == "report"
            else "",
            "result": result,
            "computed_at": stored.computed_at,
            "both": both,
            "cycles": cycles,
            "current": current,
            "chart": bar_chart(series, [str(c) for c in chart_cycles], rtl=get_language_bidi())
            if chart_cycles and result.status != "awaiting-records"
            else None,
            "series": series,
            "chart_cycles": chart_cycles,
            "distribution": _distribution(method.questions, result.distribution),
            "groups": groups,
            "demo": _demo_shown(current),
        },
    )


def _series(
    shown: dict[tuple[int, str, bool], StoredResults],
    cycles: list[ReportingCycle],
    current: ReportingCycle,
    region: str,
    code: str,
    *,
    both: bool,
) -> list[float | None]:
    """An indicator's value in each cycle for one region; limited to the Parties of both cycles,
    the earlier value is the current result's baseline (the same Parties)."""
    result = next(r for r in shown[(current.number, region, both)] if r.code == code)
    values = []
    for cycle in cycles:
        if cycle == current:
            values.append(result.value)
        elif both:
            values.append(result.baseline.value if result.baseline else None)
        else:
            values.append(
                next(r for r in shown[(cycle.number, region, False)] if r.code == code).value
            )
    return values


def method_html(text: dict[str, str]) -> SafeString:
    """A method text in the reader's language (a fallback marked with its language), with a
    "translation" badge when the text shown is our translation of the English method."""
    shown, used = localized_with_language(text)
    html = shown_in(shown, used)
    if method_text_statuses().get(used) == "translation":
        html = format_html(
            '{} <span class="badge" title="{}">{}</span>',
            html,
            _("Our translation of the English method text."),
            _("translation"),
        )
    return html


def _distribution(questions: tuple[str, ...], counts: dict[str, int]) -> list[tuple[str, int]]:
    """Answer counts in the questions' option order, titled in the reader's language."""
    questionnaire = load_questionnaire("cpbNationalReport5")
    titles: dict[str, str] = {}
    for key in questions:
        for option in questionnaire.question(key).options:
            titles.setdefault(option.value, localized(option.title))
    ordered = [v for v in titles if v in counts] + [v for v in counts if v not in titles]
    return [(titles.get(value, value), counts[value]) for value in ordered]


def _analyzer_filter(
    request: HttpRequest, questionnaire: Questionnaire, current: ReportingCycle
) -> analyzer.AnswerFilter | None:
    """The answer filter of the query (``filter_question``, ``filter_answer``) with the
    Parties it keeps in the cycle; a clear 400 when it names no question or answer."""
    try:
        chosen = analyzer.answer_filter(
            questionnaire,
            request.GET.get("filter_question", ""),
            request.GET.get("filter_answer", ""),
        )
    except analyzer.FilterError as error:
        raise BadRequest(str(error)) from error
    if chosen is None:
        return None
    tallies = stored_tallies(current, [chosen.question.key])[0]
    return analyzer.with_parties(chosen, tallies.get(chosen.question.key, analyzer.NO_ANSWER))


def _unfiltered_query(request: HttpRequest) -> str:
    """The page's query without the answer filter (the "Remove the filter" link)."""
    query = request.GET.copy()
    for name in ("filter_question", "filter_answer", "format"):
        query.pop(name, None)
    return query.urlencode()


def _filter_query(chosen: analyzer.AnswerFilter | None) -> str:
    """The filter as query parameters, to keep it on the links that change the view."""
    if chosen is None:
        return ""
    return urlencode({"filter_question": chosen.question.key, "filter_answer": chosen.option.value})


def analyzer_page(request: HttpRequest) -> HttpResponse:
    cycles, current, _reported = _pick(request)
    previous = next((c for c in reversed(cycles) if c.number < current.number), None)
    questionnaire = load_questionnaire(current.schema)
    section_key = request.GET.get("section") or questionnaire.sections[0].key
    section = next((s for s in questionnaire.sections if s.key == section_key), None)
    if section is None:
        raise Http404("no such section")
    as_percent = request.GET.get("as") == "percent"
    chosen = _analyzer_filter(request, questionnaire, current)
    keep = chosen.parties if chosen else None
    names = {p.iso2: p for p in Party.objects.all()}
    keys = [q.key for q in analyzer.section_questions(section)]
    tallies, computed_at = stored_tallies(current, keys)
    before = stored_tallies(previous, keys)[0] if previous else None
    tables = analyzer.section_tables(section, tallies, before, keep)
    columns = analyzer.columns(tables)
    shown = [t.present(names, as_percent, columns) for t in tables]
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        rows, names_of_columns = analyzer.export_rows(
            shown, columns, previous.number if previous else None
        )
        return table_attachment(
            fmt,
            rows,
            names_of_columns,
            name=f"analyzer-cycle-{current.number}-{section.key}{'-filtered' if chosen else ''}",
            title=f"cycle {current.number} {section.key}",
        )
    return render(
        request,
        "indicators/analyzer.html",
        {
            "cycles": cycles,
            "current": current,
            "computed_at": computed_at,
            "previous": previous,
            "sections": [(s.key, localized(s.title)) for s in questionnaire.sections],
            "section": section,
            "section_title": localized(section.title),
            "tables": shown,
            "columns": [(key, label) for key, label in analyzer.COLUMN_LABELS if key in columns],
            "as_percent": as_percent,
            "shades": list(enumerate(analyzer.SHADE_LABELS)),
            "filter": chosen,
            "filter_title": localized(chosen.option.title) if chosen else "",
            "filter_query": _filter_query(chosen),
            "unfiltered": _unfiltered_query(request),
            "text_questions": [(q, localized(q.title)) for q in analyzer.text_questions(section)],
            "query": request.GET.urlencode(),
            "demo": _demo_shown(current),
        },
    )


def analyzer_texts(request: HttpRequest, key: str) -> HttpResponse:
    """One free-text question's answers across Parties, in the reader's language."""
    cycles, current, _reported = _pick(request)
    questionnaire = load_questionnaire(current.schema)
    try:
        question = questionnaire.question(key)
    except KeyError:
        raise Http404("no such question") from None
    if not question.is_text:
        raise Http404("not a free-text question")
    chosen = _analyzer_filter(request, questionnaire, current)
    nr4 = current.schema == Schema.NR4
    rows = cycle_rows(current, [] if nr4 else [key], [key] if nr4 else ())
    names = {p.iso2: p for p in Party.objects.all()}
    texts = analyzer.free_texts(question, rows, names, chosen.parties if chosen else None)
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        return table_attachment(
            fmt,
            analyzer.text_rows(texts),
            analyzer.TEXT_COLUMNS,
            name=f"analyzer-cycle-{current.number}-{key}{'-filtered' if chosen else ''}",
            title=f"cycle {current.number} {key}",
        )
    return render(
        request,
        "indicators/analyzer_texts.html",
        {
            "cycles": cycles,
            "current": current,
            "question": question,
            "title": localized(question.title),
            "section_key": question.section,
            "texts": texts,
            "rich": question.type == "lstringRte",
            "filter": chosen,
            "filter_title": localized(chosen.option.title) if chosen else "",
            "filter_query": _filter_query(chosen),
            "unfiltered": _unfiltered_query(request),
            "query": request.GET.urlencode(),
            "demo": _demo_shown(current),
        },
    )


def party_position(request: HttpRequest, iso2: str) -> HttpResponse:
    party = get_object_or_404(Party, iso2=iso2.upper())
    cycles, current, _reported = _pick(request)
    groupings = [("", False), *([(party.region, False)] if party.region else [])]
    shown = stored_sets([current], groupings)
    stored = shown[(current.number, "", False)]
    world = {r.code: r for r in stored}
    regional = (
        {r.code: r for r in shown[(current.number, party.region, False)]} if party.region else {}
    )
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
            "cycles": cycles,
            "current": current,
            "computed_at": stored.computed_at,
            "demo": _demo_shown(current),
        },
    )
