"""The evaluation document's contents, in one language, ready for any format: introduction,
data and method (with the reports received by region), limitations, findings per goal in words,
the Capacity-Building Action Plan, the bodies' contributions, the Secretariat's conclusions,
and annexes with the methods and the provenance of every figure. The Party-by-Party listing
is not in the document: the XLSX (one sheet) and the CSV carry it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpbtracker.evaluation import progress as p
from cpbtracker.evaluation.chart import SeriesChart, chart_for
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.models import Body, Kind, Part
from cpbtracker.evaluation.overview import (
    SCORE_SCALE,
    GoalView,
    IndicatorView,
    Overview,
    Status,
    build_overview,
)
from cpbtracker.evaluation.sources import (
    GOAL_EVIDENCE,
    NEEDS,
    ORGANIZATIONS,
    PLAN_ITEMS,
    PLAN_WIDE,
    EvidenceRows,
    NeedsCovered,
    OrganizationUse,
    PlanItemUse,
    conclusion_texts,
)
from cpbtracker.evaluation.sources import contributions as contributions_of
from cpbtracker.indicators.engine.methods import packaged_methods
from cpbtracker.indicators.store import stored_stamp
from cpbtracker.lib.content import localized
from cpbtracker.lib.formats import reader_date, whole_amount
from cpbtracker.lib.languages import UN_LANGUAGES
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
DOCUMENT_LANGUAGES = {language.key: language.django_code for language in UN_LANGUAGES}
DOCUMENT_LANGUAGE_NAMES = [(language.key, language.own_name) for language in UN_LANGUAGES]
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
# The engine writes its notes on a figure in English, and they are stored so (snapshots
# included): each form it writes (indicators/engine/compute.py) is worded here in the reader's
# language. Any other note is a manual figure's source as the Secretariat entered it.
_AWAITING = r"no clearing-house records of .+ published on or before \S+"
ENGINE_NOTES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(_AWAITING), lambda found: _("awaiting clearing-house records")),
    (
        re.compile(f"measured from national reports: {_AWAITING}"),
        lambda found: (
            _("%(label)s:") % {"label": _("measured from national reports")}
            + " "
            + _("awaiting clearing-house records")
        ),
    ),
    (
        re.compile(r"clearing-house records published on or before (?P<day>[-\d]+)"),
        lambda found: (
            _(
                "Measured on the clearing-house records published on or before the cycle's "
                "deadline, %(day)s."
            )
            % {"day": reader_date(dt.date.fromisoformat(found["day"]))}
        ),
    ),
    (re.compile("no figure entered"), lambda found: _("no figure entered")),
)
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


PLAN_ITEM_KINDS = {
    "key_area": gettext_lazy("Key area"),
    "activity": gettext_lazy("Example activity"),
    "all": gettext_lazy("All key areas and activities, each initiative counted once"),
}
ORGANIZATION_ROLE_LABELS = {
    "funder": gettext_lazy("Donor or funder"),
    "partner": gettext_lazy("Partner or implementing or executing agency"),
}


@dataclass(frozen=True)
class PlanItemLine:
    """A row of the `capacity-activities` table."""

    kind: str  # a PLAN_ITEM_KINDS key
    code: str
    text: str
    initiatives: int
    budget: str  # "USD 1,234,000": its initiatives' budgets, each once; not additive across rows

    @property
    def label(self) -> str:
        return str(PLAN_ITEM_KINDS[self.kind])

    @property
    def uncovered(self) -> bool:
        """A key area or example activity no initiative is tagged to."""
        return self.kind != "all" and not self.initiatives


@dataclass(frozen=True)
class CapacityPlan:
    """The Capacity-Building Action Plan evaluated as such, from the (frozen) evidence."""

    items: list[PlanItemLine]  # key areas and example activities, then the total
    organizations: list[tuple[str, str, int]]  # (role, organization, initiatives)
    coherence: list[str]  # sentences: what the initiatives cover of the plan and of the needs


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
    capacity_plan: CapacityPlan
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
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    @property
    def fonts(self) -> str:
        """The CSS font list: the CJK font first for Chinese, last (a fallback) otherwise."""
        return CJK_FONTS + ", " + OTHER_FONTS if self.chinese else (OTHER_FONTS + ", " + CJK_FONTS)


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
    """The document in the active language (the caller chooses it). Made from a snapshot, it
    prints what the snapshot froze, the Secretariat's conclusions included: those standing
    when the snapshot was taken, not those entered since (nor those of the day it is
    published)."""
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
    frozen_conclusions = evidence.conclusions
    conclusions = (conclusion_texts() if frozen_conclusions is None else frozen_conclusions).get(
        kind, {}
    )
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
        capacity_plan=capacity_plan(
            evidence_of.get(PLAN_ITEMS, {}).get("", []),
            evidence_of.get(ORGANIZATIONS, {}).get("", []),
            evidence_of.get(NEEDS, {}).get("", []),
        ),
        contributions=[
            *([(_("Overall conclusions"), contributions[""])] if "" in contributions else []),
            *((s.title, s.contributions) for s in goals if s.contributions),
        ],
        conclusions=[(str(label), conclusions.get(part, "")) for part, label in Part.choices],
        provenance=_provenance(evidence),
        score_scale=str(SCORE_SCALE),
        overall=contributions.get("", []),
    )


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole, 1):g}%" if whole else "—"


def capacity_plan(
    items: list[PlanItemUse], organizations: list[OrganizationUse], needs: list[NeedsCovered]
) -> CapacityPlan:
    """The Action Plan's tables and its coherence in words, from the evidence's rows (none
    in a snapshot taken before they were kept: the tables are then left out)."""
    lines = [
        PlanItemLine(
            kind=row["kind"],
            code=row["code"],
            text=localized(row["text"]) if row["text"] else "",
            initiatives=row["initiatives"],
            budget="USD " + whole_amount(int(row["budget"])),
        )
        for row in items
    ]
    named = [
        (
            str(ORGANIZATION_ROLE_LABELS[row["role"]]),
            _("Others (%(n)s organizations)") % {"n": row["others"]}
            if row["others"]
            else localized(row["name"]) or row["identifier"],
            row["initiatives"],
        )
        for row in organizations
    ]
    coherence = []
    if lines:
        areas = [line for line in lines if line.kind == "key_area"]
        activities = [line for line in lines if line.kind == "activity"]
        tagged_areas = sum(1 for line in areas if line.initiatives)
        tagged_activities = sum(1 for line in activities if line.initiatives)
        coherence.append(
            _(
                "%(areas)s of the %(all_areas)s key capacity-building areas (%(areas_share)s) "
                "and %(activities)s of the %(all_activities)s example activities "
                "(%(activities_share)s) have at least one initiative."
            )
            % {
                "areas": tagged_areas,
                "all_areas": len(areas),
                "areas_share": _share(tagged_areas, len(areas)),
                "activities": tagged_activities,
                "all_activities": len(activities),
                "activities_share": _share(tagged_activities, len(activities)),
            }
        )
        uncovered = [line.code for line in lines if line.uncovered]
        if uncovered:
            coherence.append(
                _("Key areas and example activities no initiative is tagged to: %(codes)s.")
                % {"codes": ", ".join(uncovered)}
            )
    for row in needs:
        if row["needs"]:
            coherence.append(
                _(
                    "Of the %(needs)s capacity-building needs Parties reported in cycle "
                    "%(cycle)s (a Party and an area it needs), initiatives cover %(covered)s "
                    "(%(share)s)."
                )
                % {
                    "needs": row["needs"],
                    "cycle": row["cycle"],
                    "covered": row["covered"],
                    "share": _share(row["covered"], row["needs"]),
                }
            )
        else:
            coherence.append(_("No Party has reported a capacity-building need yet."))
        if row["unmapped"]:
            coherence.append(
                _(
                    "No report can show a need for these key areas: no area of the report "
                    "maps to them: %(codes)s."
                )
                % {"codes": ", ".join(row["unmapped"])}
            )
    return CapacityPlan(items=lines, organizations=named, coherence=coherence)


def reports_received(evidence: Evidence) -> list[ReceivedRow]:
    """Per UN regional group, governments without one and all Parties: the Parties (the
    population of the evaluated cycle's figures) and the reports received for the evaluated
    and the baseline cycle, and of the former those submitted by the deadline. A report counts
    in its Party's group as the evidence has it: frozen in a snapshot, else the current one."""
    region_of = (
        dict(Party.objects.values_list("iso2", "region"))
        if evidence.regions is None
        else evidence.regions
    )
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
                rows.append((view.indicator.code, note_text(figure.note)))
            elif view.status.key == p.NOT_AVAILABLE:
                rows.append(
                    (view.indicator.code, _("No baseline to compare with: progress not assessed."))
                )
    return rows


def note_text(note: str) -> str:
    """A figure's note in the reader's language: an engine note worded, any other as it is."""
    for form, worded in ENGINE_NOTES:
        found = form.fullmatch(note)
        if found:
            return worded(found)
    return note


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
