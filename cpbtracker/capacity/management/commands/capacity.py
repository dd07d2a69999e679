"""`cpbtracker capacity gaps --cycle N --format json|csv|xlsx [--output FILE]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.capacity.exports import GAP_COLUMNS, gap_rows, gaps_json
from cpbtracker.capacity.queries import CycleNotSupported, gap_report
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.lib.output import emit
from cpbtracker.lib.tabular import DATA_FORMATS, export_bytes
from cpbtracker.reporting.models import ReportingCycle


class Command(ProjectCommand):
    help = "Capacity-building: reported needs against the initiatives that cover them."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        gaps = actions.add_parser(
            "gaps", help="Parties with needs, covered and uncovered, per capacity-building area."
        )
        gaps.add_argument("--cycle", type=int, required=True)
        gaps.add_argument("--format", choices=DATA_FORMATS, default="json")
        gaps.add_argument("--output", type=cli_path, help="Write to this file (needed for xlsx).")

    def handle(self, *args, action: str, cycle: int, format: str, output: Path | None, **_) -> None:
        found = ReportingCycle.objects.filter(number=cycle).first()
        if found is None:
            raise CommandError(f"no reporting cycle {cycle}")
        try:
            report = gap_report(found)
        except CycleNotSupported as error:
            raise CommandError(
                f"cycle {cycle}: the gap analysis reads questions Q122 and Q123 of the 5th "
                f"report, which the {found.schema} format does not have"
            ) from error
        data = export_bytes(
            format,
            document=lambda: gaps_json(report),
            rows=lambda: gap_rows(report),
            columns=GAP_COLUMNS,
            title=f"gaps cycle {cycle}",
        )
        emit(self, data, fmt=format, output=output)
