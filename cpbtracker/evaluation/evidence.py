"""The evidence an evaluation reads: every indicator figure for every cycle up to the evaluated
one, all Parties and each UN regional group, with the targets in force. Live evidence is
computed from the database now; a snapshot's is read back as it was frozen."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from cpbtracker.evaluation.figures import Figure, figure_of
from cpbtracker.evaluation.models import Snapshot
from cpbtracker.evaluation.targets import TargetInForce, targets_in_force
from cpbtracker.indicators.engine.methods import METHODS_FILE
from cpbtracker.indicators.results import baseline_cycle, evaluate_cycle, with_baseline
from cpbtracker.parties.models import Region
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.queries import published_versions

REGIONS = ("", *Region.values)  # "" = all Parties


@dataclass
class Evidence:
    cycle: int  # the evaluated cycle
    years: dict[int, int]  # cycle -> year of its deadline
    base_cycle: int | None
    figures: dict[tuple[int, str, str], Figure]  # (cycle, region, code)
    targets: dict[str, TargetInForce]
    label: str = ""  # the snapshot's label; "" = live data
    as_of: dt.date | None = None
    demo: bool = False
    versions: dict[str, str] = field(default_factory=dict)  # "KE/5" -> version identifier
    methods_version: str = ""

    @property
    def cycles(self) -> list[int]:
        return sorted(self.years)

    def figure(self, code: str, region: str = "", cycle: int | None = None) -> Figure | None:
        return self.figures.get((self.cycle if cycle is None else cycle, region, code))


def version_id(version: ReportVersion) -> str:
    """How a report version is named in provenance: version number, submission day, BCH id."""
    name = f"v{version.number} {version.submitted_at:%Y-%m-%d}"
    return f"{name} {version.report.bch_identifier}" if version.report.bch_identifier else name


def live_evidence(cycle: ReportingCycle, *, as_of: dt.date | None = None) -> Evidence:
    """The evidence from the database now (reports submitted on or before ``as_of``, if given)."""
    cycles = list(ReportingCycle.objects.filter(number__lte=cycle.number).order_by("number"))
    evaluated = {c.number: evaluate_cycle(c, as_of=as_of) for c in cycles}
    base = baseline_cycle()
    base_results = evaluated.get(base.number) if base else None
    figures: dict[tuple[int, str, str], Figure] = {}
    versions: dict[str, str] = {}
    for number, results in evaluated.items():
        for region in REGIONS:
            for result in with_baseline(results, base_results, region):
                figures[(number, region, result.code)] = figure_of(result, region)
        for version in published_versions(results.cycle, as_of=as_of):
            versions[f"{version.report.party.iso2}/{number}"] = version_id(version)
    return Evidence(
        cycle=cycle.number,
        years={c.number: c.deadline.year for c in cycles},
        base_cycle=base.number if base else None,
        figures=figures,
        targets=targets_in_force(),
        as_of=as_of,
        demo=NationalReport.objects.filter(cycle__in=cycles, is_demo=True).exists(),
        versions=versions,
        methods_version=methods_version(),
    )


def methods_version() -> str:
    """The methods file's version: the start of its SHA-256 (any edit changes it)."""
    return hashlib.sha256(METHODS_FILE.read_bytes()).hexdigest()[:12]


def snapshot_evidence(snapshot: Snapshot) -> Evidence:
    """The evidence exactly as frozen in the snapshot."""
    figures: dict[tuple[int, str, str], Figure] = {}
    for row in snapshot.results.values(*Figure.__annotations__):
        figure = Figure(**row)  # type: ignore[typeddict-item]  # values() of its own keys
        figures[(figure["cycle"], figure["region"], figure["code"])] = figure
    return Evidence(
        cycle=snapshot.cycle,
        years={int(c): y for c, y in snapshot.years.items()},
        base_cycle=snapshot.base_cycle,
        figures=figures,
        targets=snapshot.targets,
        label=snapshot.label,
        as_of=snapshot.as_of,
        demo=snapshot.demo,
        versions=snapshot.versions,
        methods_version=snapshot.methods_version,
    )
