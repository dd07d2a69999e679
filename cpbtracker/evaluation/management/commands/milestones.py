"""`cpbtracker milestones set CODE --target VALUE --year YYYY [--direction positive|negative]
[--decision REF]` / `clear CODE`: with ``--decision`` the target is adopted, without it is
indicative (not adopted)."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from cpbtracker.evaluation.models import Direction
from cpbtracker.evaluation.services import EvaluationError, clear_target, set_target
from cpbtracker.lib.commands import ProjectCommand


class Command(ProjectCommand):
    help = "Set or clear an indicator's target (the evaluation's milestones and targets)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        setter = actions.add_parser("set", help="Set an indicator's target.")
        setter.add_argument("code")
        setter.add_argument("--target", type=float, required=True)
        setter.add_argument("--year", type=int, required=True)
        setter.add_argument("--direction", choices=Direction.values, default=Direction.POSITIVE)
        setter.add_argument(
            "--decision",
            default="",
            help='The decision that adopted the target, e.g. "CP-11/5, para. 3" (without it '
            "the target is indicative, not adopted).",
        )
        clearer = actions.add_parser("clear", help="Remove an indicator's target.")
        clearer.add_argument("code")

    def handle(self, *args, action: str, code: str, **options) -> None:
        try:
            if action == "set":
                target = set_target(
                    code,
                    value=options["target"],
                    year=options["year"],
                    direction=options["direction"],
                    decision=options["decision"],
                    user=None,
                )
                adopted = f"adopted: {target.decision}" if target.decision else "indicative"
                self.stdout.write(f"{target} [{adopted}]")
            else:
                clear_target(code, user=None)
                self.stdout.write(f"{code}: target cleared")
        except EvaluationError as error:
            raise CommandError(str(error)) from error
