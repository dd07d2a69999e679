"""`cpbtracker restore FILE`: a backup into a new, empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.lib.backup import BackupError, restore_backup
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path


class Command(ProjectCommand):
    help = "Restore a backup made by `cpbtracker backup` into a new database with no tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=cli_path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            summary = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {summary.rows} rows of {summary.tables} tables "
            f"and {summary.files} files from {file}"
        )
