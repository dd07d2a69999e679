"""`cpbtracker parties import FILE.csv` and `cpbtracker parties on --treaty CP --date D`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.parties.importer import PartiesCsvError, decode_csv
from cpbtracker.parties.models import Treaty
from cpbtracker.parties.queries import membership_on
from cpbtracker.parties.services import import_parties, load_packaged_parties


class Command(ProjectCommand):
    help = "Import Parties and their treaty membership, or list the Parties on a date."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imp = actions.add_parser("import", help="Create/update Parties from a CSV (atomic).")
        imp.add_argument("file", type=cli_path)
        imp.add_argument("--source", help="Where the file comes from (shown on the Parties page).")
        imp.add_argument("--as-of", default="", help="The date the data is current as of.")
        actions.add_parser("load", help="(Re)load the packaged Parties data.")
        on = actions.add_parser("on", help="Which governments were Parties on a date.")
        on.add_argument("--treaty", choices=[t.value for t in Treaty], default=Treaty.CP)
        on.add_argument("--date", metavar="YYYY-MM-DD", default=dt.date.today().isoformat())

    def handle(self, *args, action: str, **options) -> None:
        if action == "on":
            try:  # parsed here, not by argparse, so a bad date is one line and exit status 1
                day = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"--date: {options['date']!r} is not a date (YYYY-MM-DD)"
                ) from error
            result = membership_on(options["treaty"], day)
            for party in result.parties:
                self.stdout.write(f"{party.iso2}\t{party}")
            self.stderr.write(
                f"{result.count} Parties to the {result.treaty} on {result.on}; "
                f"{len(result.undetermined)} undetermined: "
                + " ".join(p.iso2 for p in result.undetermined)
            )
            return
        try:
            if action == "load":
                count = load_packaged_parties()
            else:
                path: Path = options["file"]
                if not path.is_file():
                    raise CommandError(f"{path}: no such file")
                count = import_parties(
                    decode_csv(path.read_bytes()),
                    description=options["source"] or path.name,
                    as_of=options["as_of"],
                )
        except PartiesCsvError as error:
            raise CommandError(f"nothing was imported:\n{error}") from error
        except DatabaseError as error:
            raise CommandError(f"nothing was imported: database error: {error}") from error
        self.stdout.write(f"imported {count} Parties")
