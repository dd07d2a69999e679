"""`cpbtracker records import PATH... [--published-on DATE] [--dry-run]`,
`cpbtracker records export --schema S [--party XX] --format bch-json [--output FILE]` (each
document with its publication date as ``submittedOn``) and
`cpbtracker records list --schema S [--party XX] --format json|csv`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser

from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.lib.output import emit
from cpbtracker.lib.tabular import export_bytes, json_bytes
from cpbtracker.parties.models import Party
from cpbtracker.records.bch import current_revisions, export_documents, import_record_documents
from cpbtracker.records.models import Revision
from cpbtracker.records.schemas import SCHEMAS
from cpbtracker.reporting.bch import ImportFailed

LIST_COLUMNS = ("identifier", "schema", "government", "title", "date", "revision", "published_on")


def list_row(revision: Revision) -> dict[str, Any]:
    record = revision.record
    return {
        "identifier": record.identifier,
        "schema": record.schema,
        "government": record.government.iso2 if record.government else None,
        "title": revision.title,
        "date": revision.date.isoformat() if revision.date else None,
        "revision": revision.number,
        "published_on": revision.published_on.isoformat() if revision.published_on else None,
    }


class Command(ProjectCommand):
    help = "Import, export or list clearing-house records (BCH documents)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imp = actions.add_parser("import", help="Import BCH record documents (atomic).")
        imp.add_argument("paths", nargs="+", type=cli_path)
        imp.add_argument(
            "--published-on",
            type=dt.date.fromisoformat,
            help=(
                "Publication date of the documents that carry none of their own (BCH "
                "submittedOn); without it, an undated document is refused."
            ),
        )
        imp.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        for name, help_text in (
            ("export", "Write the current records of a schema as BCH documents."),
            ("list", "List the current records of a schema."),
        ):
            sub = actions.add_parser(name, help=help_text)
            sub.add_argument("--schema", required=True, choices=SCHEMAS)
            sub.add_argument("--party", help="ISO alpha-2 code of one Party.")
            formats = ["bch-json"] if name == "export" else ["json", "csv"]
            sub.add_argument("--format", choices=formats, default=formats[0])
            if name == "export":
                sub.add_argument("--output", type=cli_path, help="Write to this file.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "import":
            self._import(**options)
            return
        party = self._party(options["party"])
        if action == "export":
            documents = export_documents(options["schema"], party)
            emit(self, json_bytes(documents), fmt="bch-json", output=options["output"])
            return
        rows = [list_row(r) for r in current_revisions(options["schema"], party)]
        data = export_bytes(
            options["format"], document=lambda: rows, rows=lambda: rows, columns=LIST_COLUMNS
        )
        emit(self, data, fmt=options["format"], output=None)

    def _party(self, code: str | None) -> Party | None:
        if not code:
            return None
        party = Party.objects.filter(iso2=code.upper()).first()
        if party is None:
            raise CommandError(f"no Party with code {code}")
        return party

    def _import(self, *, paths, published_on, dry_run, **_) -> None:
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        try:
            summary = import_record_documents(paths, published_on=published_on, dry_run=dry_run)
        except ImportFailed as error:
            raise CommandError(
                f"nothing was imported ({len(error.problems)} problem(s)):\n{error}"
            ) from error
        prefix = "dry run, nothing written: would have imported " if dry_run else "imported "
        self.stdout.write(prefix + str(summary))
