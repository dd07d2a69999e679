"""The plan as a file: JSON (nested), CSV and XLSX (one row per item under its goal)."""

from __future__ import annotations

import json

from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes
from cpbtracker.plan.content import PLAN_LANGUAGES, PlanDocument

PLAN_ROW_COLUMNS = ("goal", "kind", "code", *PLAN_LANGUAGES, "english")
PLAN_EXPORT_FORMATS = ("json", *TABLE_WRITERS)


def export_plan(document: PlanDocument, fmt: str) -> bytes:
    """The plan in ``fmt`` (one of PLAN_EXPORT_FORMATS) as bytes."""
    if fmt == "json":
        return json.dumps(document.as_dict(), ensure_ascii=False, indent=2).encode() + b"\n"
    return table_bytes(fmt, document.rows(), PLAN_ROW_COLUMNS, title="plan")
