"""The plan as a file: JSON (nested), CSV and XLSX (one row per item under its goal)."""

from __future__ import annotations

from cpbtracker.lib.tabular import export_bytes
from cpbtracker.plan.content import PLAN_LANGUAGES, PlanDocument

PLAN_ROW_COLUMNS = ("goal", "kind", "code", *PLAN_LANGUAGES, "english")


def export_plan(document: PlanDocument, fmt: str) -> bytes:
    """The plan in ``fmt`` (one of DATA_FORMATS) as bytes."""
    return export_bytes(
        fmt, document=document.as_dict, rows=document.rows, columns=PLAN_ROW_COLUMNS, title="plan"
    )
