"""`cpbtracker bch pull [--base-url URL] [--schema NAME ...] [--government CC] [--since DATE]
[--allow-closed-cycle] [--dry-run]`: the live BCH's reports and records, imported (docs/bch.md)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cpbtracker.bch.client import BchClient, BchError
from cpbtracker.bch.pull import DEFAULT_SCHEMAS, pull
from cpbtracker.parties.models import Party


class Bar:
    """Documents done, total and time left, on a terminal only (a log gets the summary)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("BCH documents", total=None)

    def total(self, documents: int) -> None:
        self.progress.update(self.task, total=documents)

    def advance(self) -> None:
        self.progress.advance(self.task)


class Command(BaseCommand):
    help = "Read the live Biosafety Clearing-House: import its published reports and records."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        sub = actions.add_parser(
            "pull", help="Import what changed on the BCH since the last pull (per schema)."
        )
        sub.add_argument(
            "--base-url",
            default=settings.BCH_API_URL,
            help="The BCH API (default: BCH_API_URL, else https://api.cbd.int).",
        )
        sub.add_argument(
            "--schema",
            action="extend",
            nargs="+",
            metavar="NAME",
            choices=DEFAULT_SCHEMAS,
            help="Only this schema (repeatable; default: both report formats and every record).",
        )
        sub.add_argument("--government", help="ISO alpha-2 code of one Party.")
        sub.add_argument(
            "--since",
            metavar="YYYY-MM-DD",
            help="Documents updated on or after this day, whatever was pulled before.",
        )
        sub.add_argument(
            "--allow-closed-cycle",
            action="store_true",
            help="Secretariat: import reports of a reporting cycle that is closed.",
        )
        sub.add_argument(
            "--dry-run", action="store_true", help="List what would change; write nothing."
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        base_url = self._base_url(options["base_url"])
        government = self._government(options["government"])
        since = self._since(options["since"])
        console = Console(file=sys.stderr)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        try:
            with (
                BchClient.configured(base_url) as client,
                Progress(*columns, console=console, disable=not console.is_terminal) as bar,
            ):
                summary = pull(
                    client,
                    schemas=options["schema"] or DEFAULT_SCHEMAS,
                    government=government,
                    since=since,
                    allow_closed=options["allow_closed_cycle"],
                    dry_run=options["dry_run"],
                    progress=Bar(bar),
                )
        except BchError as error:
            raise CommandError(_one_line(f"bch pull stopped: {error}")) from error
        except DatabaseError as error:
            raise CommandError(_one_line(f"bch pull stopped: database error: {error}")) from error
        if options["dry_run"]:
            for change in summary.changes:
                self.stdout.write(f"would import {change}")
            self.stdout.write(f"dry run, nothing written: {summary}")
        else:
            self.stdout.write(str(summary))
        for problem in summary.failures:
            self.stderr.write(_one_line(problem.message))
        if summary.failures:
            raise CommandError(
                f"{len(summary.failures)} problem(s): those documents were not imported"
            )

    def _base_url(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise CommandError(f"--base-url: {url!r} is not an http(s) URL")
        return url

    def _government(self, code: str | None) -> str:
        if not code:
            return ""
        if (
            not re.fullmatch(r"[A-Za-z]{2}", code)
            or not Party.objects.filter(iso2=code.upper()).exists()
        ):
            raise CommandError(f"--government: no Party with code {code!r}")
        return code.lower()

    def _since(self, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--since: {value!r} is not a date (YYYY-MM-DD)") from error


def _one_line(text: str) -> str:
    return " ".join(text.split())
