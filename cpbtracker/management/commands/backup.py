"""`cpbtracker backup --output FILE`: the database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.lib.backup import BackupError, make_backup
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path


class Command(ProjectCommand):
    help = "Write a consistent snapshot of the database and the uploaded files to a zip file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=cli_path, required=True, help="The file to create.")

    def handle(self, *args, output: Path, **options) -> None:
        try:
            summary = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"backed up {summary.rows} rows of {summary.tables} tables "
            f"and {summary.files} files to {output}"
        )
