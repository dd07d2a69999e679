"""`cpbtracker serve`: the production WSGI server (gunicorn), hashed and compressed static files."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management.base import CommandError, CommandParser

from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.serving import (
    DEFAULT_BIND,
    DEFAULT_TIMEOUT,
    default_workers,
    gunicorn_argv,
    positive_int,
)


class Command(ProjectCommand):
    help = (
        "Serve cpbtracker with gunicorn: collect static files (hashed and compressed), then run "
        "the workers. Defaults come from CPBTRACKER_BIND, CPBTRACKER_WORKERS, CPBTRACKER_TIMEOUT."
    )
    requires_system_checks = []  # the workers run the checks; the launcher only execs them

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("CPBTRACKER_BIND", DEFAULT_BIND))
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--timeout", type=int, default=None)

    def handle(self, *args, bind: str, workers: int | None, timeout: int | None, **options):
        try:
            workers = workers or default_workers()
            timeout = timeout or positive_int(
                "CPBTRACKER_TIMEOUT", os.environ.get("CPBTRACKER_TIMEOUT", str(DEFAULT_TIMEOUT))
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        # Static files are collected with the manifest storage and the server runs with it:
        # both processes see CPBTRACKER_STATIC_MANIFEST (and JSON logs), which settings read.
        env = {**os.environ, "CPBTRACKER_STATIC_MANIFEST": "1", "CPBTRACKER_LOG_FORMAT": "json"}
        collected = subprocess.run(
            [sys.executable, "-m", "cpbtracker.cli", "collectstatic", "--no-input", "-v", "0"],
            env=env,
            check=False,
        )
        if collected.returncode:
            raise CommandError("collecting the static files failed (see above)")
        argv = gunicorn_argv(bind=bind, workers=workers, timeout=timeout)
        self.stderr.write(f"cpbtracker serving on http://{bind}/ with {workers} worker(s)")
        sys.stdout.flush()
        os.execve(sys.executable, argv, env)
