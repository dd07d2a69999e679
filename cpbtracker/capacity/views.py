"""Capacity-building pages: the gap heat map, one area, the initiatives, the donors, tagging."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpbtracker.accounts.access import is_secretariat, parties_of
from cpbtracker.capacity import heatmap
from cpbtracker.capacity.areas import area_by_value
from cpbtracker.capacity.exports import GAP_COLUMNS, gap_rows, gaps_json
from cpbtracker.capacity.forms import InitiativeForm, TagForm
from cpbtracker.capacity.initiatives import budget_total
from cpbtracker.capacity.listing import COLUMNS, FILTERS, donor_totals, export_row, matches
from cpbtracker.capacity.models import Audience, Level
from cpbtracker.capacity.queries import (
    gap_report,
    latest_needs_cycle,
    listed_initiatives,
    record_titles,
)
from cpbtracker.capacity.services import TagError, create_initiative, tag_initiatives
from cpbtracker.lib import inputs
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.exports import EXPORT_FORMATS, requested_format
from cpbtracker.lib.responses import table_attachment
from cpbtracker.lib.tabular import TABLE_FORMATS
from cpbtracker.parties.models import Party, Region
from cpbtracker.plan.models import CapacityArea, Goal
from cpbtracker.reporting.models import ReportingCycle, Schema

GAP_FORMATS = ("json", *TABLE_FORMATS)


def _cycle(request: HttpRequest) -> ReportingCycle:
    cycles = ReportingCycle.objects.filter(schema=Schema.NR5)
    wanted = inputs.optional_whole_number(request.GET.get("cycle"), field="cycle")
    cycle = cycles.filter(number=wanted).first() if wanted is not None else latest_needs_cycle()
    if cycle is None:
        raise Http404("No reporting cycle in the 5th-report format")
    return cycle


def _download(rows: list[dict], columns, fmt: str, name: str) -> HttpResponse:
    return table_attachment(fmt, rows, columns, name=name, title=name)


def overview(request: HttpRequest) -> HttpResponse:
    cycle = _cycle(request)
    report = gap_report(cycle)
    fmt = requested_format(request, GAP_FORMATS)
    if fmt == "json":
        body = json.dumps(gaps_json(report), ensure_ascii=False, indent=2)
        return HttpResponse(body, content_type=EXPORT_FORMATS["json"].content_type)
    if fmt:
        return _download(gap_rows(report), GAP_COLUMNS, fmt, f"capacity-gaps-{cycle.number}")
    order = Region.values
    goals = [(g.code, g.title) for g in Goal.objects.all()]
    areas = heatmap.by_area(report.areas, report.gaps, report.regions, order)
    labels = [label for _value, label in Region.choices]
    return render(
        request,
        "capacity/overview.html",
        {
            "cycle": cycle,
            "cycles": ReportingCycle.objects.filter(schema=Schema.NR5),
            "regions": Region.choices,
            "areas": areas,
            "table": [
                (row.title, label, cell)
                for row in areas
                for label, cell in zip(labels, row.cells, strict=True)
            ],
            "goals": heatmap.by_goal(goals, report.areas, report.gaps, report.regions, order),
            "demo": cycle.reports.filter(is_demo=True).exists(),
            "download_query": urlencode({"cycle": cycle.number}),
        },
    )


def area_detail(request: HttpRequest, value: str) -> HttpResponse:
    area = area_by_value(value)
    if area is None:
        raise Http404("No such capacity-building area")
    cycle = _cycle(request)
    report = gap_report(cycle)
    gap = report.gap(area.value)
    if gap is None:
        raise Http404("No gap analysis for this area in the cycle")
    parties = {p.iso2: p for p in Party.objects.filter(iso2__in=gap.need)}
    initiatives = [report.initiative(i) for i in gap.initiatives]
    funders = {f for i in initiatives for f in i.funders + i.co_financing}
    national = [i for i in initiatives if i.row.national]
    return render(
        request,
        "capacity/area.html",
        {
            "area": area,
            "cycle": cycle,
            "gap": gap,
            "covered_nationally": sorted_by_name(parties[p] for p in gap.covered_nationally),
            "covered_regionally": sorted_by_name(parties[p] for p in gap.covered_regionally_only),
            "uncovered": sorted_by_name(parties[p] for p in gap.uncovered),
            "initiatives": initiatives,
            "names": record_titles(funders),
            "key_areas": CapacityArea.objects.filter(code__in=area.key_areas),
            "total_budget": budget_total(initiatives),
            "national_budget": budget_total(national),
            "regional_budget": budget_total(i for i in initiatives if not i.row.national),
        },
    )


def initiative_list(request: HttpRequest) -> HttpResponse:
    filters = {name: inputs.text(request.GET.get(name), field=name) for name in FILTERS}
    inputs.optional_whole_number(filters.get("year"), field="year", minimum=1, maximum=9999)
    regions = dict(Party.objects.values_list("iso2", "region"))
    items = [item for item in listed_initiatives() if matches(item, filters, regions)]
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        return _download([export_row(i) for i in items], COLUMNS, fmt, "capacity-initiatives")
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "capacity/initiatives.html",
        {
            "items": items,
            "filters": filters,
            "query": query,
            "goals": Goal.objects.all(),
            "levels": Level.choices,
            "audiences": Audience.choices,
            "demo": any(i.demo for i in items),
            "total_budget": budget_total(i.initiative for i in items),
        },
    )


def donor_list(request: HttpRequest) -> HttpResponse:
    cycle = _cycle(request)
    report = gap_report(cycle)
    meeting = {i for gap in report.gaps for i in gap.initiatives}
    items = listed_initiatives()
    totals = donor_totals(items, meeting, report.regions)
    initiatives = [item.initiative for item in items]
    return render(
        request,
        "capacity/donors.html",
        {
            "cycle": cycle,
            "totals": totals,
            "total_budget": budget_total(initiatives),
            "total_meeting_needs": budget_total(i for i in initiatives if i.identifier in meeting),
            "names": record_titles(t.funder for t in totals),
            "region_names": dict(Region.choices),
        },
    )


def tag_initiatives_page(request: HttpRequest) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    items = listed_initiatives()
    if request.GET.get("untagged"):
        items = [i for i in items if i.tags is None]
    form = TagForm(
        request.POST or None, initiatives=[i.initiative.identifier for i in listed_initiatives()]
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = tag_initiatives(
                form.cleaned_data["selected"], form.change(), user=request.user
            )
        except TagError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(count)s initiative(s) tagged.") % {"count": changed})
            return redirect("capacity:tag")
    return render(request, "capacity/tag.html", {"form": form, "items": items})


def new_initiative(request: HttpRequest) -> HttpResponse:
    """Enter an initiative: a draft clearing-house record (published by the Secretariat)."""
    secretariat = is_secretariat(request.user)
    parties = [] if secretariat else parties_of(request.user)
    if not secretariat and not parties:
        raise PermissionDenied
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = create_initiative(
                form.initiative(),
                form.change(),
                user=request.user,
                party=None if secretariat else parties[0],
            )
        except TagError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Initiative %(identifier)s saved as a draft clearing-house record.")
                % {"identifier": revision.record.identifier},
            )
            return redirect("capacity:new")
    return render(request, "capacity/new.html", {"form": form, "party": parties[:1]})
