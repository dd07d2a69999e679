"""Pages of the plan: the whole plan at a glance, one goal and the glossary (indicator pages:
indicators app)."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cpbtracker.lib.content import content_key, language_name
from cpbtracker.lib.languages import by_key
from cpbtracker.plan.content import PLAN_LANGUAGES, packaged_plan
from cpbtracker.plan.glossary import packaged_glossary
from cpbtracker.plan.models import Area, Goal, NarrativeSection


def plan_overview(request: HttpRequest) -> HttpResponse:
    # Every count in one query: the page's cost does not grow with the plan.
    goals = Goal.objects.annotate(
        objective_count=Count("objectives", distinct=True),
        indicator_count=Count("indicators", distinct=True),
        capacity_area_count=Count("capacity_set__areas", distinct=True),
        capacity_activity_count=Count("capacity_set__activities", distinct=True),
        capacity_goal_count=Count("capacity_set__goals", distinct=True),
    ).select_related("capacity_set")
    areas = Area.objects.prefetch_related(Prefetch("goals", queryset=goals))
    return render(
        request,
        "plan/overview.html",
        {"areas": areas, "narrative": NarrativeSection.objects.all()},
    )


def goal_detail(request: HttpRequest, code: str) -> HttpResponse:
    goal = get_object_or_404(
        Goal.objects.select_related("area", "capacity_set").prefetch_related(
            "objectives",
            "indicators",
            "capacity_set__areas",
            "capacity_set__activities",
            "capacity_set__goals",
        ),
        code=code,
    )
    links = packaged_plan().goal(goal.code)
    objectives = [(o, links.indicators_of(o.code)) for o in goal.objectives.all()]
    return render(request, "plan/goal.html", {"goal": goal, "objectives": objectives})


def glossary(request: HttpRequest) -> HttpResponse:
    """The plan's terms, the reader's language first and the five others beside it."""
    reader = content_key()
    languages = [reader, *(lang for lang in PLAN_LANGUAGES if lang != reader)]
    return render(
        request,
        "plan/glossary.html",
        {
            "columns": [language_name(lang) for lang in languages],
            "rows": [
                [  # (wording, code for lang=, written right to left)
                    (t.wordings[lang], by_key(lang).django_code, by_key(lang).is_rtl)
                    for lang in languages
                ]
                for t in packaged_glossary()
            ],
        },
    )
