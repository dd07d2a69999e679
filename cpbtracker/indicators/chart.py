"""Bar-chart geometry for an indicator by region and cycle, drawn as inline SVG (no scripts,
no network); the page puts the same figures in a table as the text alternative. Right-to-left
pages get the mirror image: the first region on the right, the axis labels right of the plot."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 260
TOP, BOTTOM, LEFT = 16, 40, 36
GROUP_GAP = 18
CYCLE_CLASSES = ("cycle-a", "cycle-b", "cycle-c", "cycle-d")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float | None
    css: str
    label: str  # e.g. "Africa, cycle 5: 62.5%"


@dataclass(frozen=True)
class Group:
    x: float  # centre, for the group's label
    label: str
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    grid: tuple[int, int]  # (x1, x2) of the grid lines: the plot's span
    tick_x: int  # where the axis labels are anchored
    tick_anchor: str  # "end" (left of the plot) or "start" (right of it, right to left)
    label_y: float  # where the group labels sit, under the plot
    groups: list[Group]
    ticks: list[tuple[float, int]]  # (y, percent)
    legend: list[tuple[str, str]]  # (css class, cycle label)


def bar_chart(
    groups: list[tuple[str, list[float | None]]], cycle_labels: list[str], *, rtl: bool = False
) -> Chart:
    """``groups``: (group label, one value per cycle, in ``cycle_labels`` order); ``rtl``
    mirrors the chart so that it reads from the right."""
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT
    group_width = plot_width / max(len(groups), 1)
    bar_width = (group_width - GROUP_GAP) / max(len(cycle_labels), 1)

    def y_of(percent: float) -> float:
        return TOP + plot_height * (1 - percent / 100)

    def x_of(x: float, width: float = 0) -> float:
        return round(WIDTH - x - width if rtl else x, 1)

    drawn = []
    for n, (label, values) in enumerate(groups):
        left = LEFT + n * group_width + GROUP_GAP / 2
        bars = []
        for k, value in enumerate(values):
            top = y_of(value or 0)
            shown = f"{value:g}%" if value is not None else "-"
            bars.append(
                Bar(
                    x=x_of(left + k * bar_width, bar_width - 2),
                    y=round(top, 1),
                    width=round(bar_width - 2, 1),
                    height=round(TOP + plot_height - top, 1),
                    value=value,
                    css=CYCLE_CLASSES[k % len(CYCLE_CLASSES)],
                    label=f"{label}, {cycle_labels[k]}: {shown}",
                )
            )
        drawn.append(Group(x=x_of(left + (group_width - GROUP_GAP) / 2), label=label, bars=bars))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        grid=(WIDTH - LEFT, 0) if rtl else (LEFT, WIDTH),
        tick_x=WIDTH - LEFT + 6 if rtl else LEFT - 6,
        tick_anchor="start" if rtl else "end",
        label_y=TOP + plot_height + 18,
        groups=drawn,
        ticks=[(round(y_of(p), 1), p) for p in (0, 25, 50, 75, 100)],
        legend=[(CYCLE_CLASSES[k % len(CYCLE_CLASSES)], c) for k, c in enumerate(cycle_labels)],
    )
