"""Bar-chart geometry for an indicator by region and cycle, drawn as inline SVG (no scripts,
no network); the page puts the same figures in a table as the text alternative."""

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
    left: int  # where the plot starts (tick labels sit left of it)
    label_y: float  # where the group labels sit, under the plot
    groups: list[Group]
    ticks: list[tuple[float, int]]  # (y, percent)
    legend: list[tuple[str, str]]  # (css class, cycle label)


def bar_chart(groups: list[tuple[str, list[float | None]]], cycle_labels: list[str]) -> Chart:
    """``groups``: (group label, one value per cycle, in ``cycle_labels`` order)."""
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT
    group_width = plot_width / max(len(groups), 1)
    bar_width = (group_width - GROUP_GAP) / max(len(cycle_labels), 1)

    def y_of(percent: float) -> float:
        return TOP + plot_height * (1 - percent / 100)

    drawn = []
    for n, (label, values) in enumerate(groups):
        left = LEFT + n * group_width + GROUP_GAP / 2
        bars = []
        for k, value in enumerate(values):
            top = y_of(value or 0)
            shown = f"{value:g}%" if value is not None else "-"
            bars.append(
                Bar(
                    x=round(left + k * bar_width, 1),
                    y=round(top, 1),
                    width=round(bar_width - 2, 1),
                    height=round(TOP + plot_height - top, 1),
                    value=value,
                    css=CYCLE_CLASSES[k % len(CYCLE_CLASSES)],
                    label=f"{label}, {cycle_labels[k]}: {shown}",
                )
            )
        drawn.append(
            Group(x=round(left + (group_width - GROUP_GAP) / 2, 1), label=label, bars=bars)
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        label_y=TOP + plot_height + 18,
        groups=drawn,
        ticks=[(round(y_of(p), 1), p) for p in (0, 25, 50, 75, 100)],
        legend=[(CYCLE_CLASSES[k % len(CYCLE_CLASSES)], c) for k, c in enumerate(cycle_labels)],
    )
