"""Loading the packaged plan into the database (idempotent)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import models as db_models
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib import changes
from cpbtracker.lib.migrating import has_table
from cpbtracker.lib.problems import Problem, ProblemsError
from cpbtracker.plan import models
from cpbtracker.plan.content import PlanDocument, packaged_plan

logger = logging.getLogger(__name__)


class PlanReloadRefused(ProblemsError):
    """Rows that left the plan file are still referenced by other data; nothing was changed."""

    MESSAGES = {
        "plan.row-referenced": _(
            "%(kind)s %(codes)s left the plan but %(count)s row(s) refer to it: %(references)s"
        ),
    }


@transaction.atomic
def load_plan(document: PlanDocument | None = None) -> dict[str, int]:
    """Make the database mirror ``document`` (default: the packaged plan); return counts.

    Safe to run again: rows are matched by code, updated in place, and rows whose code is no
    longer in the document are removed, unless other data (a manual figure, a record, ...)
    refers to them: then PlanReloadRefused names every reference and nothing is changed.
    """
    doc = document or packaged_plan()
    problems: list[Problem] = []
    areas = {
        a.code: models.Area.objects.update_or_create(
            code=a.code, defaults={"title": a.text, "statuses": a.statuses}
        )[0]
        for a in doc.areas
    }
    sets = {
        s.code: models.CapacitySet.objects.get_or_create(code=s.code)[0] for s in doc.capacity_sets
    }
    for s in doc.capacity_sets:
        _sync_items(models.CapacityArea, s.areas, problems, capacity_set=sets[s.code])
        _sync_items(models.CapacityActivity, s.activities, problems, capacity_set=sets[s.code])
    for position, g in enumerate(doc.goals, start=1):
        goal, _ = models.Goal.objects.update_or_create(
            code=g.code,
            defaults={
                "area": areas[g.area],
                "position": position,
                "title": g.title.text,
                "statuses": g.title.statuses,
                "outcome": g.outcome.text,
                "outcome_statuses": g.outcome.statuses,
                "capacity_set": sets[g.capacity_set.code],
            },
        )
        _sync_items(models.Objective, g.objectives, problems, goal=goal)
        _sync_items(models.Indicator, g.indicators, problems, goal=goal)
    _delete_unreferenced(
        models.Goal.objects.exclude(code__in=[g.code for g in doc.goals]), problems
    )
    _delete_unreferenced(models.CapacitySet.objects.exclude(code__in=sets), problems)
    _delete_unreferenced(models.Area.objects.exclude(code__in=areas), problems)
    for position, n in enumerate(doc.narrative, start=1):
        models.NarrativeSection.objects.update_or_create(
            code=n.code,
            defaults={
                "position": position,
                "title": n.title,
                "text": n.text,
                "paragraphs": n.paragraphs,
                "statuses": n.statuses,
            },
        )
    _delete_unreferenced(
        models.NarrativeSection.objects.exclude(code__in=[n.code for n in doc.narrative]), problems
    )
    if problems:
        raise PlanReloadRefused(problems)
    # the indicators' list, and so every result, may have changed
    changes.cycles_changed.send(__name__, cycles=None)
    return plan_counts()


def _delete_unreferenced(rows: db_models.QuerySet, problems: list[Problem]) -> None:
    """Delete plan rows that left the plan file; a row other data refers to is a problem."""
    collector = NestedObjects(using=rows.db)
    collector.collect(list(rows))
    references = [
        str(obj)
        for model, objs in collector.data.items()
        if model._meta.app_label != "plan"
        for obj in objs
    ] + [str(obj) for obj in collector.protected]
    if references:
        codes = ", ".join(sorted(str(r.code) for r in rows))
        problems.append(
            Problem(
                "plan.row-referenced",
                {
                    "kind": rows.model._meta.verbose_name,
                    "codes": codes,
                    "count": len(references),
                    "references": "; ".join(sorted(references)),
                },
                key=codes,
            )
        )
        return
    rows.delete()


def _sync_items(
    model: type[models.GoalItem], items: Any, problems: list[Problem], **parent: Any
) -> None:
    """The items of one parent (a goal or a capacity-building set) as the document has them,
    matched by code, in three queries whatever their number."""
    manager = model._default_manager
    stored = manager.in_bulk([item.code for item in items], field_name="code")
    rows = []
    for position, item in enumerate(items, start=1):
        row = stored.get(item.code) or model(code=item.code)
        row.position, row.text, row.statuses = position, item.text, item.statuses
        for name, value in parent.items():
            setattr(row, name, value)
        rows.append(row)
    manager.bulk_update([r for r in rows if r.pk], ["position", "text", "statuses", *parent])
    manager.bulk_create([r for r in rows if not r.pk])
    codes = [item.code for item in items]
    _delete_unreferenced(manager.filter(**parent).exclude(code__in=codes), problems)


def plan_counts() -> dict[str, int]:
    return {
        "goals": models.Goal.objects.count(),
        "objectives": models.Objective.objects.count(),
        "indicators": models.Indicator.objects.count(),
        "outcomes": models.Goal.objects.exclude(outcome={}).count(),
        "capacity_areas": models.CapacityArea.objects.count(),
        "capacity_activities": models.CapacityActivity.objects.count(),
    }


def load_plan_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate hook: a freshly migrated database already holds the plan."""
    if not has_table(models.Goal, using):
        return
    try:
        counts = load_plan()
    except PlanReloadRefused as refused:
        logger.warning("the plan was not reloaded (kept as it was):\n%s", refused)
        return
    logger.info("plan loaded: %s", counts)
