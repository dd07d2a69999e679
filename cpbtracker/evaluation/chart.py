"""Line-chart geometry for one indicator across cycles, with its target and milestones, drawn
as inline SVG (no scripts); the page puts the same figures in a table beside it. Right-to-left
pages get the mirror image: time runs from right to left, the axis labels right of the plot."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from cpbtracker.evaluation.overview import IndicatorView

WIDTH, HEIGHT = 480, 200
TOP, BOTTOM, LEFT, RIGHT = 14, 30, 44, 16


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class SeriesChart:
    width: int
    height: int
    grid: tuple[int, int]  # (x1, x2) of the grid lines: the plot's span
    tick_x: int  # where the axis labels are anchored
    tick_anchor: str  # "end" (left of the plot) or "start" (right of it, right to left)
    bottom: float
    points: list[Point]  # observed values, by cycle
    path: str  # the line through them
    target: Point | None
    milestones: list[Point]
    ticks: list[tuple[float, str]]  # (y, label)
    years: list[tuple[float, int]]  # (x, year)


def series_chart(
    values: list[tuple[int, float | None]],
    *,
    target: tuple[int, float] | None,
    milestones: list[tuple[int, float]],
    unit: str,
    rtl: bool = False,
    adopted: bool = False,
) -> SeriesChart:
    """``values``: (year, value) per cycle; ``target``/``milestones``: (year, value), the
    target ``adopted`` or indicative; ``rtl`` mirrors the chart so that it reads from the
    right."""
    years = [y for y, _ in values] + ([target[0]] if target else []) + [y for y, _ in milestones]
    first, last = min(years), max(max(years), min(years) + 1)
    numbers = [v for _, v in values if v is not None] + [v for _, v in milestones]
    top_value = 100.0 if unit == "percent" else max([*numbers, target[1] if target else 0, 1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    suffix = "%" if unit == "percent" else ""

    def at(year: int, value: float) -> tuple[float, float]:
        x = LEFT + plot_w * (year - first) / (last - first)
        x = WIDTH - x if rtl else x
        y = TOP + plot_h * (1 - min(value, top_value) / top_value)
        return round(x, 1), round(y, 1)

    def point(year: int, value: float, what: str) -> Point:
        x, y = at(year, value)
        return Point(x, y, f"{what}{year}: {value:g}{suffix}")

    points = [point(year, v, "") for year, v in values if v is not None]
    target_word = _("adopted target") if adopted else _("indicative target")
    milestone_word = _("milestone")
    return SeriesChart(
        width=WIDTH,
        height=HEIGHT,
        grid=(WIDTH - LEFT, 0) if rtl else (LEFT, WIDTH),
        tick_x=WIDTH - LEFT + 6 if rtl else LEFT - 6,
        tick_anchor="start" if rtl else "end",
        bottom=TOP + plot_h,
        points=points,
        path=" ".join(f"{'M' if n == 0 else 'L'}{q.x},{q.y}" for n, q in enumerate(points)),
        target=point(target[0], target[1], f"{target_word} ") if target else None,
        milestones=[point(y, v, f"{milestone_word} ") for y, v in milestones],
        ticks=[(at(first, top_value * f)[1], f"{top_value * f:g}") for f in (0, 0.5, 1)],
        years=sorted({(at(y, 0)[0], y) for y in years}),
    )


def chart_for(view: IndicatorView) -> SeriesChart:
    """An indicator's values by cycle with its target and milestones."""
    target = view.target
    return series_chart(
        [(year, value) for _cycle, year, value in view.series],
        target=(target["target_year"], target["target"])
        if target["target"] is not None and target["target_year"]
        else None,
        milestones=[(int(m["year"]), m["value"]) for m in target["milestones"]],
        unit=view.figure.unit if view.figure else "percent",
        rtl=get_language_bidi(),
        adopted=bool(target.get("decision")),
    )
