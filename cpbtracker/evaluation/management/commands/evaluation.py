"""`cpbtracker evaluation progress --cycle N [--snapshot LABEL] --format json`."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpbtracker.evaluation.assessment import assess
from cpbtracker.evaluation.evidence import live_evidence
from cpbtracker.reporting.models import ReportingCycle


def _cycle(number: int) -> ReportingCycle:
    cycle = ReportingCycle.objects.filter(number=number).first()
    if cycle is None:
        raise CommandError(f"no reporting cycle {number}")
    return cycle


class Command(BaseCommand):
    help = "Evaluate the plan: progress statuses."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        progress = actions.add_parser("progress", help="Progress of indicators, objectives, goals.")
        progress.add_argument("--cycle", type=int, required=True)
        progress.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, action)(**options)

    def progress(self, *, cycle: int, **options) -> None:
        evidence = live_evidence(_cycle(cycle))
        self.stdout.write(json.dumps(assess(evidence), ensure_ascii=False, indent=2))
