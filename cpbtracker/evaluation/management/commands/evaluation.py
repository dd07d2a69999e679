"""`cpbtracker evaluation progress|snapshot|diff`: where the plan stands, frozen evidence."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cpbtracker.evaluation.assessment import assess
from cpbtracker.evaluation.diff import diff_figures, diff_progress
from cpbtracker.evaluation.document import DOCUMENT_LANGUAGES
from cpbtracker.evaluation.evidence import Evidence, live_evidence, snapshot_evidence
from cpbtracker.evaluation.formats import EVALUATION_WRITERS
from cpbtracker.evaluation.models import Kind, Part, Snapshot
from cpbtracker.evaluation.sdmx import SDMX_DATA_FORMATS, structure_xml
from cpbtracker.evaluation.services import (
    EvaluationError,
    generate_document,
    set_conclusion,
    take_snapshot,
)
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.lib.inputs import cli_input_file, cli_path
from cpbtracker.lib.output import emit
from cpbtracker.reporting.models import ReportingCycle


def _cycle(number: int) -> ReportingCycle:
    cycle = ReportingCycle.objects.filter(number=number).first()
    if cycle is None:
        raise CommandError(f"no reporting cycle {number}")
    return cycle


class Command(ProjectCommand):
    help = "Evaluate the plan: progress statuses, snapshots, documents, conclusions, SDMX."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        progress = actions.add_parser("progress", help="Progress of indicators, objectives, goals.")
        progress.add_argument("--cycle", type=int, required=True)
        progress.add_argument("--snapshot", default="", help="A snapshot's label (default: live).")
        progress.add_argument("--format", choices=["json"], default="json")
        snapshot = actions.add_parser("snapshot", help="Freeze the evidence for a cycle.")
        snapshot.add_argument("--cycle", type=int, required=True)
        snapshot.add_argument("--label", required=True)
        snapshot.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
        report = actions.add_parser(
            "report", help="Make and store the mid-term or final evaluation document."
        )
        report.add_argument("--cycle", type=int, required=True)
        report.add_argument("--kind", choices=Kind.values, required=True)
        report.add_argument("--snapshot", default="", help="A snapshot's label (default: live).")
        report.add_argument("--language", choices=list(DOCUMENT_LANGUAGES), default="en")
        report.add_argument("--format", choices=list(EVALUATION_WRITERS), required=True)
        report.add_argument("--output", type=cli_path)
        conclude = actions.add_parser(
            "conclusions", help="Enter a part of the document's conclusions (empty: clear it)."
        )
        conclude.add_argument("--kind", choices=Kind.values, required=True)
        conclude.add_argument("--part", choices=Part.values, required=True)
        conclude.add_argument(
            "--file", type=cli_input_file, required=True, help="UTF-8 text; '-': stdin."
        )
        sdmx = actions.add_parser("sdmx", help="Indicator results as SDMX, or its structure.")
        sdmx.add_argument("--cycle", type=int, required=True)
        sdmx.add_argument("--snapshot", default="", help="A snapshot's label (default: live).")
        sdmx.add_argument("--format", choices=[*SDMX_DATA_FORMATS, "structure"], required=True)
        sdmx.add_argument("--output", type=cli_path)
        diff = actions.add_parser("diff", help="Every number that differs between two snapshots.")
        diff.add_argument("label_a")
        diff.add_argument("label_b")
        diff.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, action)(**options)

    def progress(self, *, cycle: int, snapshot: str, **options) -> None:
        evidence = evidence_for(cycle, snapshot)
        self.stdout.write(json.dumps(assess(evidence), ensure_ascii=False, indent=2))

    def snapshot(self, *, cycle: int, label: str, as_of: dt.date | None, **options) -> None:
        try:
            taken = take_snapshot(cycle, label, as_of=as_of, user=None)
        except EvaluationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"snapshot {taken.label}: cycle {taken.cycle}, reports as of {taken.as_of}, "
            f"{taken.figures.count()} figures, {len(taken.versions)} report versions, "
            f"methods {taken.methods_version}"
        )

    def report(
        self, *, cycle: int, kind: str, snapshot: str, language: str, output: Path | None, **options
    ) -> None:
        """Make the document and store it as the web's generation does, so that downloads
        are served from storage; an unpublished stored one is replaced, a published one is
        never remade."""
        fmt = options["format"]
        try:
            document = generate_document(
                evidence_for(cycle, snapshot),
                kind=kind,
                language=language,
                fmt=fmt,
                user=None,
                remake=True,
            )
        except EvaluationError as error:
            raise CommandError(str(error)) from error
        emit(self, bytes(document.content), fmt=fmt, output=output)

    def conclusions(self, *, kind: str, part: str, file: Path, **options) -> None:
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot read the text ({error})") from error
        saved = set_conclusion(kind, part, text, user=None)
        self.stdout.write(f"{kind} {part}: {'saved' if saved else 'cleared'}")

    def sdmx(self, *, cycle: int, snapshot: str, output: Path | None, **options) -> None:
        fmt = options["format"]
        if fmt == "structure":
            data = structure_xml()
        else:
            data = SDMX_DATA_FORMATS[fmt][0](evidence_for(cycle, snapshot))
        emit(self, data, fmt=fmt, output=output)

    def diff(self, *, label_a: str, label_b: str, **options) -> None:
        a, b = _snapshot(label_a), _snapshot(label_b)
        differences = diff_figures(snapshot_evidence(a), snapshot_evidence(b))
        differences += diff_progress(a.progress, b.progress)
        if options["format"] == "json":
            self.stdout.write(json.dumps(differences, ensure_ascii=False, indent=2))
            return
        for d in differences:
            where = d["region"] or "all Parties"
            self.stdout.write(
                f"{d['code']} cycle {d['cycle']} {where} {d['field']}: "
                f"{d['before']} -> {d['after']} ({'; '.join(d['reasons'])})"
            )
        self.stdout.write(f"{len(differences)} difference(s) between {a.label} and {b.label}")


def _snapshot(label: str) -> Snapshot:
    snapshot = Snapshot.objects.filter(label=label).first()
    if snapshot is None:
        raise CommandError(f"no snapshot labelled {label}")
    return snapshot


def evidence_for(cycle: int, label: str) -> Evidence:
    """A snapshot's evidence (which must be of ``cycle``), or the live evidence."""
    if not label:
        return live_evidence(_cycle(cycle))
    snapshot = _snapshot(label)
    if snapshot.cycle != cycle:
        raise CommandError(f"snapshot {label} is of cycle {snapshot.cycle}, not {cycle}")
    return snapshot_evidence(snapshot)
