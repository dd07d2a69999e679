"""`cpbtracker reports import PATH... [--publish] [--submitted-on D] [--dry-run]
[--allow-closed-cycle]` and
`cpbtracker reports export --cycle N [--party XX] --format bch-json [--output FILE]`."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.lib.output import emit
from cpbtracker.lib.tabular import json_bytes
from cpbtracker.parties.models import Party
from cpbtracker.reporting.bch import ImportFailed, export_document, import_bch_documents
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.queries import answers_of, published_versions


class Command(ProjectCommand):
    help = "Import or export national reports as BCH documents."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imp = actions.add_parser("import", help="Import BCH national-report documents (atomic).")
        imp.add_argument("paths", nargs="+", type=cli_path)
        imp.add_argument("--publish", action="store_true", help="Mark them as submitted.")
        imp.add_argument(
            "--submitted-on",
            metavar="YYYY-MM-DD",
            help="Submission date (default: each document's 'date').",
        )
        imp.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        imp.add_argument(
            "--allow-closed-cycle",
            action="store_true",
            help="Secretariat: import into a reporting cycle that is closed.",
        )
        exp = actions.add_parser("export", help="Write published reports as BCH documents.")
        exp.add_argument("--cycle", type=int, required=True)
        exp.add_argument("--party", help="ISO alpha-2 code of one Party.")
        exp.add_argument("--format", choices=["bch-json"], default="bch-json")
        exp.add_argument("--output", type=cli_path, help="Write to this file instead of stdout.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "import":
            self._import(**options)
        else:
            self._export(**options)

    def _import(self, *, paths, publish, submitted_on, dry_run, allow_closed_cycle, **_) -> None:
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        if submitted_on is not None:
            # Parsed here, not by argparse, so a bad date is one line and exit status 1.
            try:
                submitted_on = dt.date.fromisoformat(submitted_on)
            except ValueError as error:
                raise CommandError(
                    f"--submitted-on: {submitted_on!r} is not a date (YYYY-MM-DD)"
                ) from error
        try:
            summary = import_bch_documents(
                paths,
                publish=publish,
                submitted_on=submitted_on,
                dry_run=dry_run,
                allow_closed=allow_closed_cycle,
            )
        except ImportFailed as error:
            raise CommandError(
                f"nothing was imported ({len(error.problems)} problem(s)):\n{error}"
            ) from error
        except DatabaseError as error:
            raise CommandError(f"nothing was imported: database error: {error}") from error
        prefix = "dry run, nothing written: would have " if dry_run else ""
        self.stdout.write(prefix + str(summary))

    def _export(self, *, cycle, party, output, **_) -> None:
        try:
            cycle_obj = ReportingCycle.objects.get(number=cycle)
        except ReportingCycle.DoesNotExist as error:
            raise CommandError(f"no reporting cycle {cycle}") from error
        party_obj = None
        if party:
            party_obj = Party.objects.filter(iso2=party.upper()).first()
            if party_obj is None:
                raise CommandError(f"no Party with code {party}")
        versions = published_versions(cycle_obj, party_obj)
        answers = answers_of(versions)  # one query for every report's answers
        documents = [export_document(v, answers[v.pk]) for v in versions]
        emit(self, json_bytes(documents), fmt="bch-json", output=output)
