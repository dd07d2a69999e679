"""Uncovered needs by area (or plan goal) and UN regional group: the /capacity/ heat map.

Plain Python over a gap analysis. By goal, a Party counts once per goal: it has a need when it
needs any area mapped to the goal, and is uncovered when any such need is uncovered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cpbtracker.capacity.areas import ReportArea
from cpbtracker.capacity.gaps import AreaGap

SHADES = 4  # colour steps above zero


@dataclass(frozen=True)
class Cell:
    need: int
    uncovered: int
    shade: int = 0  # 0 (none uncovered) .. SHADES (the most uncovered of the map)
    regionally_only: int = 0  # covered by regional or global initiatives alone (area rows)

    @property
    def covered(self) -> int:
        return self.need - self.uncovered

    @property
    def covered_nationally(self) -> int:
        return self.covered - self.regionally_only


@dataclass(frozen=True)
class HeatRow:
    key: str  # area value or goal code
    title: Mapping[str, str]
    cells: tuple[Cell, ...]  # one per region, in the order given
    total: Cell


def _cells(
    need: set[str],
    uncovered: set[str],
    regions: Mapping[str, str],
    order: Sequence[str],
    regionally_only: frozenset[str] = frozenset(),
) -> tuple[tuple[Cell, ...], Cell]:
    cells = tuple(
        Cell(
            sum(1 for p in need if regions.get(p) == r),
            sum(1 for p in uncovered if regions.get(p) == r),
            regionally_only=sum(1 for p in regionally_only if regions.get(p) == r),
        )
        for r in order
    )
    return cells, Cell(len(need), len(uncovered), regionally_only=len(regionally_only))


def _shaded(rows: list[HeatRow]) -> list[HeatRow]:
    top = max((c.uncovered for row in rows for c in row.cells), default=0)

    def shade(cell: Cell) -> Cell:
        step = 0 if not cell.uncovered else max(1, -(-SHADES * cell.uncovered // top))
        return Cell(cell.need, cell.uncovered, step, cell.regionally_only)

    return [HeatRow(r.key, r.title, tuple(shade(c) for c in r.cells), r.total) for r in rows]


def by_area(
    areas: Sequence[ReportArea],
    gaps: Sequence[AreaGap],
    regions: Mapping[str, str],
    order: Sequence[str],
) -> list[HeatRow]:
    rows = []
    for area, gap in zip(areas, gaps, strict=True):
        cells, total = _cells(
            set(gap.need), set(gap.uncovered), regions, order, gap.covered_regionally_only
        )
        rows.append(HeatRow(area.value, area.title, cells, total))
    return _shaded(rows)


def by_goal(
    goals: Iterable[tuple[str, Mapping[str, str]]],
    areas: Sequence[ReportArea],
    gaps: Sequence[AreaGap],
    regions: Mapping[str, str],
    order: Sequence[str],
) -> list[HeatRow]:
    """One row per goal that at least one area maps to, in the goals' order."""
    rows = []
    for code, title in goals:
        mapped = [g for a, g in zip(areas, gaps, strict=True) if code in a.goals]
        if not mapped:
            continue
        need = set().union(*(g.need for g in mapped))
        uncovered = set().union(*(g.uncovered for g in mapped))
        cells, total = _cells(need, uncovered, regions, order)
        rows.append(HeatRow(code, title, cells, total))
    return _shaded(rows)
