"""The base of the project's management commands: arguments read at the edge."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cpbtracker.lib.inputs import refuse_control_characters_in


class ProjectCommand(BaseCommand):
    """A command whose every argument refuses NUL and the other control characters (a clear
    one-line error instead of a database error deep inside)."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        refuse_control_characters_in(parser)
        return parser
