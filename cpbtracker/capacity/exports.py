"""The gap analysis as data: the JSON contract of ``capacity gaps`` and its table rows."""

from __future__ import annotations

from typing import Any, TypedDict

from cpbtracker.capacity.queries import GapReport


class AreaEntry(TypedDict):
    area: str
    title: dict[str, str]
    parties_with_need: list[str]
    parties_covered: list[str]  # any coverage
    parties_uncovered: list[str]
    initiatives: list[str]
    parties_covered_nationally: list[str]
    parties_covered_regionally_only: list[str]  # by regional or global initiatives alone


class GapsJson(TypedDict):
    cycle: int
    areas: list[AreaEntry]


GAP_COLUMNS = (
    "area",
    "title_en",
    "title_zh",
    "with_need",
    "covered",
    "uncovered",
    "covered_nationally",
    "covered_regionally_only",
    "parties_with_need",
    "parties_covered",
    "parties_uncovered",
    "parties_covered_nationally",
    "parties_covered_regionally_only",
    "initiatives",
)


def gaps_json(report: GapReport) -> GapsJson:
    """Every area, Party codes upper case and sorted."""
    return {
        "cycle": report.cycle.number,
        "areas": [
            {
                "area": area.value,
                "title": {"en": area.title.get("en", ""), "zh": area.title.get("zh", "")},
                "parties_with_need": sorted(gap.need),
                "parties_covered": sorted(gap.covered),
                "parties_uncovered": sorted(gap.uncovered),
                "initiatives": list(gap.initiatives),
                "parties_covered_nationally": sorted(gap.covered_nationally),
                "parties_covered_regionally_only": sorted(gap.covered_regionally_only),
            }
            for area, gap in zip(report.areas, report.gaps, strict=True)
        ],
    }


def gap_rows(report: GapReport) -> list[dict[str, Any]]:
    """One row per area: the JSON's lists joined by spaces, and their lengths."""
    return [
        {
            "area": entry["area"],
            "title_en": entry["title"]["en"],
            "title_zh": entry["title"]["zh"],
            "with_need": len(entry["parties_with_need"]),
            "covered": len(entry["parties_covered"]),
            "uncovered": len(entry["parties_uncovered"]),
            "covered_nationally": len(entry["parties_covered_nationally"]),
            "covered_regionally_only": len(entry["parties_covered_regionally_only"]),
            "parties_with_need": " ".join(entry["parties_with_need"]),
            "parties_covered": " ".join(entry["parties_covered"]),
            "parties_uncovered": " ".join(entry["parties_uncovered"]),
            "parties_covered_nationally": " ".join(entry["parties_covered_nationally"]),
            "parties_covered_regionally_only": " ".join(entry["parties_covered_regionally_only"]),
            "initiatives": " ".join(entry["initiatives"]),
        }
        for entry in gaps_json(report)["areas"]
    ]
