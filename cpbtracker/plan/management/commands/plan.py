"""`cpbtracker plan load` and `cpbtracker plan export --format json|csv|xlsx [--output FILE]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpbtracker.lib.output import emit
from cpbtracker.plan.content import packaged_plan
from cpbtracker.plan.exports import PLAN_EXPORT_FORMATS, export_plan
from cpbtracker.plan.services import PlanReloadRefused, load_plan


class Command(BaseCommand):
    help = "Load the packaged plan into the database, or export it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("load", help="Load (or refresh) the plan in the database.")
        export = actions.add_parser(
            "export", help="Print the plan as JSON or CSV, or write it as XLSX."
        )
        export.add_argument("--format", choices=PLAN_EXPORT_FORMATS, default="json")
        export.add_argument("--output", type=Path, help="Write to this file instead of stdout.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "load":
            try:
                counts = load_plan()
            except PlanReloadRefused as refused:
                raise CommandError(f"the plan was not reloaded:\n{refused}") from refused
            self.stdout.write(", ".join(f"{n} {kind}" for kind, n in counts.items()))
            return
        fmt = options["format"]
        emit(self, export_plan(packaged_plan(), fmt), fmt=fmt, output=options["output"])
