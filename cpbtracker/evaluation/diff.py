"""What differs between two bodies of evidence (two snapshots), number by number, and why."""

from __future__ import annotations

from typing import TypedDict

from cpbtracker.evaluation.assessment import Assessment
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.indicators.engine.compute import Result

COMPARED = ("value", "numerator", "denominator", "population", "baseline_value", "status")


class Difference(TypedDict):
    code: str
    cycle: int
    region: str  # "" = all Parties
    field: str
    before: object
    after: object
    reasons: list[str]  # e.g. "new report: BR/5", "new version: KE/5", "method change"


def _get(figure: Result | None, name: str) -> object:
    return None if figure is None else getattr(figure, name)


def _reports_behind(figure: Result | None, cycle: int) -> set[str]:
    if figure is None:
        return set()
    return {f"{p}/{cycle}" for names in figure.parties.values() for p in names}


def _reasons(a: Evidence, b: Evidence, keys: set[str]) -> list[str]:
    reasons = []
    for key in sorted(keys):
        if key in b.versions and key not in a.versions:
            reasons.append(f"new report: {key}")
        elif key in a.versions and key not in b.versions:
            reasons.append(f"report no longer counted: {key}")
        elif key in a.versions and a.versions[key] != b.versions[key]:
            reasons.append(f"new version: {key}")
    if a.methods_version != b.methods_version:
        reasons.append("method change")
    return reasons or ["other input (membership, manual figure)"]


def diff_figures(a: Evidence, b: Evidence) -> list[Difference]:
    """Every compared number that differs between ``a`` and ``b``, with its reasons."""
    differences: list[Difference] = []
    for key in sorted(a.figures.keys() | b.figures.keys()):
        cycle, region, code = key
        before, after = a.figures.get(key), b.figures.get(key)
        changed = [name for name in COMPARED if _get(before, name) != _get(after, name)]
        if not changed:
            continue
        keys = _reports_behind(before, cycle) | _reports_behind(after, cycle)
        reasons = _reasons(a, b, keys)
        differences.extend(
            Difference(
                code=code,
                cycle=cycle,
                region=region,
                field=name,
                before=_get(before, name),
                after=_get(after, name),
                reasons=reasons,
            )
            for name in changed
        )
    return differences


def diff_progress(a: Assessment, b: Assessment) -> list[Difference]:
    """Progress statuses that differ (indicators, then goals), all Parties."""
    differences: list[Difference] = []
    for rows_a, rows_b in ((a["indicators"], b["indicators"]), (a["goals"], b["goals"])):
        before = {row["code"]: row for row in rows_a}
        for row in rows_b:
            old = before.get(row["code"])
            if old is None or old["status"] != row["status"]:
                differences.append(
                    Difference(
                        code=row["code"],
                        cycle=b["cycle"],
                        region="",
                        field="progress",
                        before=old["status"] if old else None,
                        after=row["status"],
                        reasons=["figures or targets changed"],
                    )
                )
    return differences
