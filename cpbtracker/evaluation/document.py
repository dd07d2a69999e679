"""The evaluation document's contents, in one language, ready for any format: introduction,
data and method (with the reports received by region), limitations, findings per goal in words,
the Capacity-Building Action Plan, the bodies' contributions, the Secretariat's conclusions,
and annexes with the methods and the provenance of every figure. The Party-by-Party listing
is not in the document: the XLSX (one sheet) and the CSV carry it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpbtracker.evaluation import progress as p
from cpbtracker.evaluation.chart import SeriesChart, chart_for
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.models import Body, Conclusion, Kind, Part
from cpbtracker.evaluation.overview import (
    SCORE_SCALE,
    GoalView,
    IndicatorView,
    Overview,
    Status,
    build_overview,
)
from cpbtracker.evaluation.sources import GOAL_EVIDENCE, PLAN_WIDE, EvidenceRows
from cpbtracker.evaluation.sources import contributions as contributions_of
from cpbtracker.indicators.engine.methods import packaged_methods
from cpbtracker.indicators.store import stored_stamp
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party, Region
from cpbtracker.records.models import Revision
from cpbtracker.reporting.models import ReportingCycle

EVIDENCE_TITLES = {
    "capacity": gettext_lazy("Capacity-building evidence"),
    "records": gettext_lazy("Clearing-house evidence"),
}
INDICATOR_COLUMNS = (
    ("code", gettext_lazy("Indicator")),
    ("value", gettext_lazy("Value")),
    ("baseline", gettext_lazy("Baseline")),
    ("change", gettext_lazy("Change since baseline (points)")),
    ("denominator", gettext_lazy("Parties counted / population")),
    ("response_rate", gettext_lazy("Response rate")),
    ("target", gettext_lazy("Target")),
    ("method", gettext_lazy("Method")),
    ("status", gettext_lazy("Status")),
)
# --language -> Django language code; the plan's texts are those of the document's language
DOCUMENT_LANGUAGES = {"en": "en", "zh": "zh-hans", "ar": "ar", "es": "es", "fr": "fr", "ru": "ru"}
DOCUMENT_LANGUAGE_NAMES = [
    ("en", "English"),
    ("zh", "中文"),
    ("ar", "العربية"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ru", "Русский"),
]
PROVENANCE_GROUPS = {
    "positive": gettext_lazy("Parties counted positive"),
    "negative": gettext_lazy("Parties counted negative"),
    "excluded": gettext_lazy("Parties left out"),
}
# The rows of the `reports-received` table: each UN regional group as in the Parties data,
# governments without a group, all Parties.
NO_GROUP, ALL_PARTIES = "NONE", "ALL"
# The clearing-house schemas each record-based figure reads (records/indicators.py).
RECORD_SCHEMAS: dict[str, tuple[str, ...]] = {
    "A.1(b)": ("focalPoint", "authority"),
    "A.2(b)": ("database", "biosafetyExpert", "countryProfile"),
    "A.5(b)": ("biosafetyDecision",),
    "A.8(a)": ("modifiedOrganism", "laboratoryDetection"),
}
CJK_FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"'
# Latin, Cyrillic and Arabic glyphs (Debian fonts-dejavu-core, fonts-noto-core)
OTHER_FONTS = '"DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", sans-serif'
PROGRESSING = (p.TARGET_ACHIEVED, p.SUBSTANTIAL, p.MODERATE)
LAGGING = (p.LIMITED, p.DETERIORATION)


@dataclass(frozen=True)
class ReceivedRow:
    region: str  # a Region code, NO_GROUP or ALL_PARTIES
    name: str
    parties: int
    reports: int  # reports received for the evaluated cycle
    baseline_reports: int
    on_time: int  # of ``reports``, submitted by the cycle's deadline


@dataclass(frozen=True)
class GoalSection:
    view: GoalView
    title: str
    objectives: list[tuple[str, str, str, str]]  # (code, text, status, its indicators)
    counts: str  # the goal's indicators by status, in words
    rows: list[dict[str, str]]  # per indicator, INDICATOR_COLUMNS keys + "text"
    charts: list[SeriesChart]  # per indicator, in the order of ``rows``
    evidence: list[tuple[str, EvidenceRows]]  # (section title, rows), capacity apart
    capacity: EvidenceRows  # per key area, then the goal's unique total
    contributions: list[tuple[str, str]]  # (body, text as entered)
    sentences: list[str] = field(default_factory=list)  # the findings in words
    progress: list[str] = field(default_factory=list)  # areas of progress
    further: list[str] = field(default_factory=list)  # areas needing further work

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
    groups: list[tuple[str, list[str]]]  # (group, Parties): the listing's rows (XLSX, CSV)
    cycles: list[tuple[int, str]]  # (cycle, "counted / population") per cycle, all Parties
    records: str  # record-based figures: "identifier rN; ..." of the records counted


@dataclass(frozen=True)
class EvaluationDocument:
    title: str
    kind: str
    cycle: int
    base_cycle: int | None
    language: str  # the Django language code
    rtl: bool
    evidence_label: str  # the snapshot, or "live, not frozen"
    as_of: str  # the cut-off: reports submitted on or before this day
    methods_version: str
    plan_version: str
    demo: bool
    generated: str
    decision: str  # the decision of the meeting of the Parties that adopted the plan
    overview: Overview
    received: list[ReceivedRow]
    limitations: list[tuple[str, str]]  # (indicator code or "", limitation)
    goals: list[GoalSection]
    capacity: list[tuple[str, str]]  # (label, value): the Action Plan as a whole
    # (heading: overall conclusions, then each goal's title, [(body, text)])
    contributions: list[tuple[str, list[tuple[str, str]]]]
    conclusions: list[tuple[str, str]]  # (part's title, text; "" = not entered yet)
    provenance: list[Provenance]
    score_scale: str
    overall: list[tuple[str, str]]  # (body, overall conclusions as entered)

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def fonts(self) -> str:
        """The CSS font list: the CJK font first for Chinese, last (a fallback) otherwise."""
        return (
            CJK_FONTS + ", " + OTHER_FONTS
            if self.language.startswith("zh")
            else (OTHER_FONTS + ", " + CJK_FONTS)
        )


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
    unit = figure.unit if figure else "percent"
    return {
        "code": view.indicator.code,
        "text": localized(view.indicator.text),
        "value": _number(figure.value if figure else None, unit)
        + (f" ({view.proxy})" if view.proxy else ""),
        "baseline": _number(figure.baseline_value if figure else None, unit),
        "change": "—" if view.change is None else f"{view.change:+g}",
        "denominator": f"{figure.denominator} / {figure.population}" if figure else "—",
        "response_rate": _number(figure.response_rate if figure else None),
        "target": view.target_label,
        "method": view.method_label,
        "status": "; ".join(
            [status_text(view.status)]
            + [f"{name}: {status_text(status)}" for name, _value, status in view.parts]
        ),
    }


def evidence_key(evidence: Evidence) -> str:
    """What a stored document is kept under: the snapshot's label, or for live data the stamp
    of the stored results it reads (they are recomputed, so restamped, when inputs change)."""
    if evidence.label:
        return evidence.label
    cycle = ReportingCycle.objects.get(number=evidence.cycle)
    stamp = stored_stamp(cycle)
    newest = stamp[1] if stamp else timezone.now()
    return f"live-{newest:%Y%m%dT%H%M%S%f}"


def findings(view: GoalView) -> tuple[list[str], list[str], list[str]]:
    """The goal's findings in words: sentences, areas of progress, areas needing further work."""
    compared = [i for i in view.indicators if i.change is not None]
    improved = [i for i in compared if i.change and i.change > 0]
    sentences = []
    if compared:
        largest = max(compared, key=lambda i: abs(i.change or 0))
        sentences.append(
            _(
                "%(improved)s of %(compared)s indicators improved since the baseline; the "
                "largest change is %(code)s, %(change)s points."
            )
            % {
                "improved": len(improved),
                "compared": len(compared),
                "code": largest.indicator.code,
                "change": f"{largest.change:+g}",
            }
        )
    missing = sum(1 for i in view.indicators if i.status.key == p.NOT_AVAILABLE)
    if missing:
        sentences.append(
            _("%(missing)s of %(total)s indicators could not be assessed.")
            % {"missing": missing, "total": len(view.indicators)}
        )

    def named(i: IndicatorView) -> str:
        return f"{i.indicator.code} {localized(i.indicator.text)} ({i.status.label})"

    progress = [named(i) for i in view.indicators if i.status.key in PROGRESSING]
    further = [named(i) for i in view.indicators if i.status.key in LAGGING]
    return sentences, progress, further


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
    goals = []
    for g in overview.goals:
        sentences, progress, further = findings(g)
        goals.append(
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
                    if key in EVIDENCE_TITLES
                ],
                capacity=evidence_of.get("capacity", {}).get(g.goal.code, []),
                contributions=contributions.get(g.goal.code, []),
                sentences=sentences,
                progress=progress,
                further=further,
            )
        )
    conclusions = {c.part: c.text for c in Conclusion.objects.filter(kind=kind)}
    return EvaluationDocument(
        title=_(
            "Implementation Plan and Capacity-Building Action Plan for the Cartagena "
            "Protocol on Biosafety (2021–2030)"
        ),
        kind=str(Kind(kind).label),
        cycle=evidence.cycle,
        base_cycle=evidence.base_cycle,
        language=translation.get_language() or "en",
        rtl=translation.get_language_bidi(),
        evidence_label=evidence.label or _("live, not frozen"),
        as_of=str(evidence.as_of or dt.date.today()),
        methods_version=evidence.methods_version,
        plan_version=evidence.plan_version,
        demo=evidence.demo,
        generated=str(dt.date.today()),
        decision=settings.PLAN_DECISION,
        overview=overview,
        received=reports_received(evidence),
        limitations=_limitations(overview),
        goals=goals,
        capacity=[(label, value) for label, value in evidence_of.get(PLAN_WIDE, {}).get("", [])],
        contributions=[
            *([(_("Overall conclusions"), contributions[""])] if "" in contributions else []),
            *((s.title, s.contributions) for s in goals if s.contributions),
        ],
        conclusions=[(str(label), conclusions.get(part, "")) for part, label in Part.choices],
        provenance=_provenance(evidence),
        score_scale=str(SCORE_SCALE),
        overall=contributions.get("", []),
    )


def reports_received(evidence: Evidence) -> list[ReceivedRow]:
    """Per UN regional group, governments without one and all Parties: the Parties (the
    population of the evaluated cycle's figures) and the reports received for the evaluated
    and the baseline cycle, and of the former those submitted by the deadline."""
    region_of = dict(Party.objects.values_list("iso2", "region"))
    deadline = ReportingCycle.objects.filter(number=evidence.cycle).values_list(
        "deadline", flat=True
    )
    due = deadline[0] if deadline else None
    reports: Counter[str] = Counter()
    baseline: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    for key, version in evidence.versions.items():
        iso2, cycle = key.split("/")
        region = region_of.get(iso2) or NO_GROUP
        if int(cycle) == evidence.cycle:
            reports[region] += 1
            submitted = dt.date.fromisoformat(version.split()[1])  # evidence.version_id
            on_time[region] += bool(due and submitted <= due)
        elif int(cycle) == evidence.base_cycle:
            baseline[region] += 1
    first = packaged_methods()[0].code
    figures = {region: evidence.figure(first, region) for region in ("", *Region.values)}
    population = {region: f.population if f else 0 for region, f in figures.items()}
    grouped = sum(population[r] for r in Region.values)
    rows = [
        ReceivedRow(code, str(name), population[code], reports[code], baseline[code], on_time[code])
        for code, name in Region.choices
    ]
    rows.append(
        ReceivedRow(
            NO_GROUP,
            _("Governments without a regional group"),
            max(population[""] - grouped, 0),
            reports[NO_GROUP],
            baseline[NO_GROUP],
            on_time[NO_GROUP],
        )
    )
    rows.append(
        ReceivedRow(
            ALL_PARTIES,
            _("All Parties"),
            population[""],
            sum(reports.values()),
            sum(baseline.values()),
            sum(on_time.values()),
        )
    )
    return rows


def _limitations(overview: Overview) -> list[tuple[str, str]]:
    """Per indicator where it applies: why it is not available, or the note of its figure."""
    rows = []
    for goal in overview.goals:
        for view in goal.indicators:
            figure = view.figure
            if figure is None:
                rows.append((view.indicator.code, _("No figure for the evaluated cycle.")))
            elif figure.note:
                rows.append((view.indicator.code, figure.note))
            elif view.status.key == p.NOT_AVAILABLE:
                rows.append(
                    (view.indicator.code, _("No baseline to compare with: progress not assessed."))
                )
    return rows


def _provenance(evidence: Evidence) -> list[Provenance]:
    rows = []
    records = _record_revisions(evidence)
    for code, method in evidence.methods.items():
        figure = evidence.figure(code)
        parties = figure.parties if figure else {}
        cycles = []
        for cycle in evidence.cycles:
            at = evidence.figure(code, "", cycle)
            if at:
                cycles.append((cycle, f"{at.denominator} / {at.population}"))
        rows.append(
            Provenance(
                code=code,
                source=method["source"],
                questions=", ".join(method["questions"]),
                method=localized(method["description"]),
                groups=[
                    (str(label), list(parties.get(g, []))) for g, label in PROVENANCE_GROUPS.items()
                ],
                cycles=cycles,
                records=records.get(code, ""),
            )
        )
    return rows


def _record_revisions(evidence: Evidence) -> dict[str, str]:
    """Per record-based figure: the records of the Parties it counts positive, each with the
    revision current on the day the evidence was read (``identifier rN``)."""
    cycle = ReportingCycle.objects.filter(number=evidence.cycle).first()
    day = evidence.as_of or (cycle.deadline if cycle else dt.date.today())
    found: dict[str, str] = {}
    for code, schemas in RECORD_SCHEMAS.items():
        figure = evidence.figure(code)
        if figure is None or figure.source != "records":
            continue
        positive = figure.parties.get("positive", [])
        latest = (
            Revision.objects.filter(
                Q(record__government__iso2__in=positive) | Q(record__government__isnull=True),
                record__schema__in=schemas,
                status=Revision.Status.PUBLISHED,
                published_on__lte=day,
            )
            .values("record__identifier")
            .annotate(number=Max("number"))
            .order_by("record__identifier")
        )
        found[code] = "; ".join(f"{r['record__identifier']} r{r['number']}" for r in latest)
    return found
