"""`cpbtracker plan load`, `cpbtracker plan export --format json|csv|xlsx [--output FILE]` and
`cpbtracker plan check [--translations DIR]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_path
from cpbtracker.lib.output import emit
from cpbtracker.lib.tabular import DATA_FORMATS
from cpbtracker.plan.content import (
    PLAN_FILE,
    TRANSLATED_LANGUAGES,
    TRANSLATIONS_DIR,
    PlanDataError,
    packaged_plan,
    read_plan,
    unlinked_indicators,
)
from cpbtracker.plan.exports import export_plan
from cpbtracker.plan.glossary import packaged_glossary, plan_text_pairs, unused_terms
from cpbtracker.plan.services import PlanReloadRefused, load_plan


class Command(ProjectCommand):
    help = "Load the packaged plan into the database, or export it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("load", help="Load (or refresh) the plan in the database.")
        export = actions.add_parser(
            "export", help="Print the plan as JSON or CSV, or write it as XLSX."
        )
        export.add_argument("--format", choices=DATA_FORMATS, default="json")
        export.add_argument("--output", type=cli_path, help="Write to this file instead of stdout.")
        check = actions.add_parser(
            "check",
            help="Check that every indicator measures an objective of its goal, and the "
            "translation files and their use of the glossary's terms.",
        )
        check.add_argument(
            "--translations",
            type=cli_path,
            default=TRANSLATIONS_DIR,
            help="Directory of <lang>.yaml files (default: the packaged translations).",
        )
        check.add_argument(
            "--plan",
            type=cli_path,
            default=PLAN_FILE,
            help="The plan file (default: the packaged one).",
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "load":
            try:
                counts = load_plan()
            except (PlanReloadRefused, PlanDataError) as refused:
                raise CommandError(f"the plan was not reloaded:\n{refused}") from refused
            self.stdout.write(", ".join(f"{n} {kind}" for kind, n in counts.items()))
            return
        if action == "check":
            self.check_translations(options["translations"], options["plan"])
            return
        fmt = options["format"]
        emit(self, export_plan(packaged_plan(), fmt), fmt=fmt, output=options["output"])

    def check_translations(self, directory: Path, plan_file: Path = PLAN_FILE) -> None:
        """The indicator -> objective links; per language: its texts and statuses, and the
        glossary terms it does not use."""
        try:
            plan = read_plan(plan_file, translations_dir=directory)
        except PlanDataError as problem:
            raise CommandError(str(problem)) from problem
        except OSError as error:
            raise CommandError(
                f"cannot read {error.filename or plan_file}: {error.strerror or error}"
            ) from error
        except KeyError as error:
            # The parser trusts the packaged plan's shape; another file (--plan) may lack a
            # key or hold a text where a mapping belongs.
            raise CommandError(
                f"{plan_file}: not a plan file: a mapping lacks the key {error.args[0]!r}"
            ) from error
        except (TypeError, AttributeError) as error:
            raise CommandError(f"{plan_file}: not a plan file: {error}") from error
        problems = [str(problem) for problem in unlinked_indicators(plan)]
        for language in TRANSLATED_LANGUAGES:
            pairs = plan_text_pairs(plan, language)
            if not pairs:
                self.stdout.write(f"{language}: no translation file (pages fall back to English)")
                continue
            unused = unused_terms(pairs, language, packaged_glossary())
            self.stdout.write(f"{language}: {len(pairs)} texts")
            if unused:
                problems.append(f"{language}: glossary terms not used: {', '.join(unused)}")
        if problems:
            raise CommandError("\n".join(problems))
