"""The evaluation document's contents, in one language, ready for any format: cover, summary of
the 14 goals, per goal its objectives, indicators (value, baseline, change, denominator,
response rate, target, status, series and regions), other evidence and the bodies'
contributions; annexes with the methods and the provenance of every number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpbtracker.evaluation.chart import SeriesChart, chart_for
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.models import Body, Kind
from cpbtracker.evaluation.overview import (
    SCORE_SCALE,
    GoalView,
    IndicatorView,
    Overview,
    Status,
    build_overview,
)
from cpbtracker.evaluation.sources import GOAL_EVIDENCE, EvidenceRows
from cpbtracker.evaluation.sources import contributions as contributions_of
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Region

EVIDENCE_TITLES = {
    "capacity": gettext_lazy("Capacity-building evidence"),
    "records": gettext_lazy("Clearing-house evidence"),
}
INDICATOR_COLUMNS = (
    ("code", gettext_lazy("Indicator")),
    ("value", gettext_lazy("Value")),
    ("baseline", gettext_lazy("Baseline")),
    ("change", gettext_lazy("Change since baseline")),
    ("denominator", gettext_lazy("Parties counted / population")),
    ("response_rate", gettext_lazy("Response rate")),
    ("target", gettext_lazy("Target")),
    ("method", gettext_lazy("Method")),
    ("status", gettext_lazy("Status")),
)
# --language -> Django language code; the plan's texts are those of the document's language
DOCUMENT_LANGUAGES = {"en": "en", "zh": "zh-hans", "ar": "ar", "es": "es", "fr": "fr", "ru": "ru"}
PROVENANCE_GROUPS = {
    "positive": gettext_lazy("Parties counted positive"),
    "negative": gettext_lazy("Parties counted negative"),
    "excluded": gettext_lazy("Parties left out"),
}


@dataclass(frozen=True)
class GoalSection:
    view: GoalView
    title: str
    objectives: list[tuple[str, str, str, str]]  # (code, text, status, its indicators)
    counts: str  # the goal's indicators by status, in words
    rows: list[dict[str, str]]  # per indicator, INDICATOR_COLUMNS keys + "text"
    charts: list[SeriesChart]  # per indicator, in the order of ``rows``
    evidence: list[tuple[str, EvidenceRows]]  # (section title, rows)
    contributions: list[tuple[str, str]]  # (body, text as entered)

    @property
    def table(self) -> list[list[str]]:
        """The indicator rows as cells, in the order of ``INDICATOR_COLUMNS``."""
        return [[row[key] for key, _label in INDICATOR_COLUMNS] for row in self.rows]

    @property
    def items(self) -> list[tuple[dict[str, str], SeriesChart, IndicatorView]]:
        return list(zip(self.rows, self.charts, self.view.indicators, strict=True))


@dataclass(frozen=True)
class Provenance:
    code: str
    source: str
    questions: str
    method: str
    groups: list[tuple[str, str]]  # (group, Parties)
    versions: str


@dataclass(frozen=True)
class EvaluationDocument:
    title: str
    kind: str
    cycle: int
    evidence_label: str  # the snapshot, or "live, not frozen"
    as_of: str  # the cut-off: reports submitted on or before this day
    methods_version: str
    plan_version: str
    demo: bool
    generated: str
    overview: Overview
    goals: list[GoalSection]
    provenance: list[Provenance]
    score_scale: str
    overall: list[tuple[str, str]]  # (body, overall conclusions as entered)


def _number(value: float | None, unit: str = "percent") -> str:
    if value is None:
        return "—"
    return f"{value:g}%" if unit == "percent" else f"{value:g}"


def status_text(status: Status) -> str:
    """A status in words with its score or, when not available, why."""
    if status.reason:
        return f"{status.label} ({status.reason})"
    if status.score is not None:
        return _("%(status)s (score %(score)s)") % {"status": status.label, "score": status.score}
    return status.label


def counts_text(goal: GoalView) -> str:
    """A goal's indicators by status, and whether it is mixed."""
    text = "; ".join(f"{status.label}: {n}" for status, n in goal.counts)
    if goal.mixed:
        text += "; " + _(
            "mixed: indicators at substantial progress or target achieved and in deterioration"
        )
    return text


def indicator_row(view: IndicatorView) -> dict[str, str]:
    figure = view.figure
    unit = figure["unit"] if figure else "percent"
    return {
        "code": view.indicator.code,
        "text": localized(view.indicator.text),
        "value": _number(figure["value"] if figure else None, unit)
        + (f" ({view.proxy})" if view.proxy else ""),
        "baseline": _number(figure["baseline_value"] if figure else None, unit),
        "change": "—" if view.change is None else f"{view.change:+g}",
        "denominator": f"{figure['denominator']} / {figure['population']}" if figure else "—",
        "response_rate": _number(figure["response_rate"] if figure else None),
        "target": view.target_label,
        "method": view.method_label,
        "status": "; ".join(
            [status_text(view.status)]
            + [f"{name}: {status_text(status)}" for name, _value, status in view.parts]
        ),
    }


def build_document(evidence: Evidence, kind: str) -> EvaluationDocument:
    """The document in the active language (the caller chooses it)."""
    overview = build_overview(evidence, regions=[(v, str(label)) for v, label in Region.choices])
    frozen = evidence.contributions
    contributions = {
        where: [(str(Body(body).label), text) for body, text in texts]
        for where, texts in (contributions_of() if frozen is None else frozen).get(kind, {}).items()
    }
    evidence_of = evidence.goal_evidence or {
        key: rows_of([g.goal for g in overview.goals]) for key, rows_of in GOAL_EVIDENCE.items()
    }
    goals = [
        GoalSection(
            view=g,
            title=f"{g.goal.code} {localized(g.goal.title)}",
            objectives=[
                (
                    o.objective.code,
                    localized(o.objective.text),
                    status_text(o.status),
                    ", ".join(o.indicators) or "—",
                )
                for o in g.objectives
            ],
            counts=counts_text(g),
            rows=[indicator_row(i) for i in g.indicators],
            charts=[chart_for(i) for i in g.indicators],
            evidence=[
                (str(EVIDENCE_TITLES[key]), rows.get(g.goal.code, []))
                for key, rows in evidence_of.items()
            ],
            contributions=contributions.get(g.goal.code, []),
        )
        for g in overview.goals
    ]
    return EvaluationDocument(
        title=_(
            "Implementation Plan and Capacity-Building Action Plan for the Cartagena "
            "Protocol on Biosafety (2021–2030)"
        ),
        kind=str(Kind(kind).label),
        cycle=evidence.cycle,
        evidence_label=evidence.label or _("live, not frozen"),
        as_of=str(evidence.as_of or dt.date.today()),
        methods_version=evidence.methods_version,
        plan_version=evidence.plan_version,
        demo=evidence.demo,
        generated=str(dt.date.today()),
        overview=overview,
        goals=goals,
        provenance=_provenance(evidence),
        score_scale=str(SCORE_SCALE),
        overall=contributions.get("", []),
    )


def _provenance(evidence: Evidence) -> list[Provenance]:
    rows = []
    for code, method in evidence.methods.items():
        figure = evidence.figure(code)
        parties = figure["parties"] if figure else {}
        counted = sorted({p for g in PROVENANCE_GROUPS for p in parties.get(g, [])})
        versions = [
            f"{p}/{evidence.cycle} {evidence.versions[f'{p}/{evidence.cycle}']}"
            for p in counted
            if f"{p}/{evidence.cycle}" in evidence.versions
        ]
        rows.append(
            Provenance(
                code=code,
                source=method["source"],
                questions=", ".join(method["questions"]),
                method=localized(method["description"]),
                groups=[(g, ", ".join(parties.get(g, [])) or "—") for g in PROVENANCE_GROUPS],
                versions="; ".join(versions) or "—",
            )
        )
    return rows


def document_bytes(evidence: Evidence, *, kind: str, language: str, fmt: str) -> bytes:
    """The evaluation document in ``language`` (a DOCUMENT_LANGUAGES key) and ``fmt``
    (see DOCUMENT_WRITERS)."""
    from cpbtracker.evaluation.formats import DOCUMENT_WRITERS

    with translation.override(DOCUMENT_LANGUAGES[language]):
        return DOCUMENT_WRITERS[fmt]().write(build_document(evidence, kind))
