"""`cpbtracker indicators compute --cycle N [--region CODE [--eu-in-weog]] --format json|csv|xlsx
[--output F]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.indicators.payloads import RESULT_COLUMNS, result_row, results_payload
from cpbtracker.indicators.store import regional_results
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.lib.output import emit
from cpbtracker.lib.tabular import DATA_FORMATS, export_bytes
from cpbtracker.parties.models import Region
from cpbtracker.reporting.models import ReportingCycle


class Command(ProjectCommand):
    help = "Compute every indicator of the plan for a reporting cycle."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("compute", help="Compute all indicators for a cycle.")
        run.add_argument("--cycle", type=int, required=True)
        run.add_argument("--region", choices=Region.values, default="")
        run.add_argument("--format", choices=DATA_FORMATS, default="json")
        run.add_argument("--output", type=cli_path)
        run.add_argument(
            "--eu-in-weog",
            action="store_true",
            help="Count the European Union within WEOG, as the Secretariat's tables do.",
        )
        run.add_argument(
            "--both-cycles",
            action="store_true",
            help="Count only the Parties that reported in both this cycle and the baseline.",
        )

    def handle(
        self,
        *args,
        cycle: int,
        region: str,
        output: Path | None,
        both_cycles: bool,
        eu_in_weog: bool,
        **options,
    ) -> None:
        fmt = options["format"]
        cycle_obj = ReportingCycle.objects.filter(number=cycle).first()
        if cycle_obj is None:
            raise CommandError(f"no reporting cycle {cycle}")
        results = regional_results(
            cycle_obj, region, both_cycles=both_cycles, eu_in_weog=eu_in_weog
        )
        data = export_bytes(
            fmt,
            document=lambda: results_payload(cycle, region, results, results.computed_at),
            rows=lambda: (result_row(r) for r in results),
            columns=RESULT_COLUMNS,
            title=f"cycle {cycle}",
        )
        emit(self, data, fmt=fmt, output=output)
