"""`make bench`: performance figures, printed (targets are checked by reading, not by tests).

Runs on a fresh temporary SQLite database, or, when DATABASE_URL names a PostgreSQL
database, on that database dropped and created afresh (give it a throwaway name).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# Always a throwaway data directory: the benchmarks must never touch a real database.
os.environ["CPBTRACKER_DATA_DIR"] = tempfile.mkdtemp(prefix="cpbtracker-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpbtracker.settings")


def bench_import_nr5(count: int = 200) -> None:
    """Time `reports import` of ``count`` synthetic NR5 documents (target: <= 5 s on SQLite)."""
    from cpbtracker.parties.models import Membership, Party, Treaty
    from cpbtracker.reporting.bch import import_bch_documents
    from cpbtracker.reporting.demo import demo_answers
    from cpbtracker.reporting.models import NationalReport
    from cpbtracker.reporting.questionnaire import load_questionnaire

    parties = list(Party.objects.order_by("iso2"))
    for n, code in enumerate(spare_codes(count - len(parties))):  # more documents than
        party = Party.objects.create(iso2=code, name={"en": f"Bench {n}"})  # governments
        Membership.objects.create(party=party, treaty=Treaty.CP, status="party")
        parties.append(party)
    questionnaire = load_questionnaire("cpbNationalReport5")
    rng = random.Random(1)
    documents = [
        {
            "header": {"schema": "cpbNationalReport5"},
            "government": {"identifier": p.iso2.lower()},
            "date": "2026-02-01",
            **demo_answers(questionnaire, rng, 0.7),
        }
        for p in parties[:count]
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nr5.json"
        path.write_text(json.dumps(documents))
        answers = sum(len(d) - 3 for d in documents)
        started = time.perf_counter()
        summary = import_bch_documents([path], publish=True)
        elapsed = time.perf_counter() - started
    NationalReport.objects.all().delete()
    report(f"import {summary.documents} NR5 documents ({answers} answers)", elapsed, target=5.0)


def bench_indicators(count: int = 200, repeat: int = 5) -> None:
    """All indicators for all cycles and 6 groupings (all Parties + 5 regions), next to one
    bare query reading every answer row (goal: <= 2x that query and <= 200 ms)."""
    import datetime as dt

    from django.utils import timezone

    from cpbtracker.indicators.engine.methods import packaged_methods, questions_read
    from cpbtracker.indicators.engine.rows import cycle_rows
    from cpbtracker.indicators.results import evaluate, in_region
    from cpbtracker.parties.models import Membership, Party, Region, Treaty
    from cpbtracker.reporting.demo import demo_answers
    from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion
    from cpbtracker.reporting.questionnaire import load_questionnaire

    cycles = list(ReportingCycle.objects.order_by("number"))
    first = min(c.deadline for c in cycles)
    parties = [
        m.party
        for m in Membership.objects.filter(treaty=Treaty.CP, status="party").select_related("party")
        if m.since and m.since <= first
    ][:count]
    for n, code in enumerate(spare_codes(count - len(parties))):
        party = Party.objects.create(
            iso2=code, name={"en": f"Bench {n}"}, region=Region.values[n % 5]
        )
        Membership.objects.create(
            party=party, treaty=Treaty.CP, status="party", since_override=dt.date(2004, 1, 1)
        )
        parties.append(party)
    rng = random.Random(2)
    rows = []
    for cycle in cycles:
        questionnaire = load_questionnaire(cycle.schema)
        for party in parties:
            report = NationalReport.objects.create(party=party, cycle=cycle)
            version = ReportVersion.objects.create(
                report=report,
                number=1,
                status=ReportVersion.Status.SUBMITTED,
                submitted_at=timezone.now(),
                complete=True,
            )
            for key, value in demo_answers(questionnaire, rng, rng.uniform(0.3, 0.9)).items():
                rows.append(Answer(version=version, key=key, value=value))
    Answer.objects.bulk_create(rows, batch_size=5000)
    methods = packaged_methods()
    keys = questions_read(methods)

    def bare() -> None:
        list(Answer.objects.values_list("version_id", "key", "value"))

    def everything() -> None:
        for cycle in cycles:
            data = cycle_rows(cycle, keys)
            world = evaluate(methods, data)
            for region in Region.values:
                in_region(world, data, region)

    bare_s = min(_timed(bare) for _ in range(repeat))
    all_s = min(_timed(everything) for _ in range(repeat))
    ratio = all_s / bare_s
    verdict = "ok" if ratio <= 2 and all_s <= 0.2 else "SLOWER THAN TARGET"
    sys.stdout.write(
        f"indicators: {len(parties)} Parties x {len(cycles)} cycles ({len(rows)} answers), "
        f"{len(methods)} indicators x 6 groupings: {1000 * all_s:.0f} ms; "
        f"bare query of all answer rows: {1000 * bare_s:.0f} ms; ratio {ratio:.2f} "
        f"(goal <= 2x and <= 200 ms: {verdict})\n"
    )
    NationalReport.objects.all().delete()


def bench_records(count: int = 10_000, repeat: int = 5) -> None:
    """Time `records import` of ``count`` documents, then the four record indicators next to
    a bare scan of the same revision rows (goal: ratio <= 2)."""
    import datetime as dt

    from cpbtracker.parties.models import Party
    from cpbtracker.records.bch import import_record_documents
    from cpbtracker.records.indicators import DEC_8_1, RECORD_MEASURES
    from cpbtracker.records.models import Record, Revision
    from cpbtracker.records.queries import records_on

    codes = [p.lower() for p in Party.objects.values_list("iso2", flat=True)]
    rng = random.Random(3)
    kinds = [
        ("focalPoint", {"categories": ["CPB-FP1", "CPB-A17-FP"]}),
        ("authority", {"name": {"en": "Bench authority"}}),
        ("database", {"title": {"en": "Bench database"}}),
        (
            "biosafetyDecision",
            {
                "title": {"en": "Bench decision"},
                "date": "2020-01-01",
                "decisionTypes": [{"identifier": DEC_8_1}],
                "riskAssessments": [{"identifier": "RA"}],
            },
        ),
        ("modifiedOrganism", {"detectionMethod": {"en": "PCR"}}),
    ]
    documents = []
    for n in range(count):
        schema, fields = kinds[n % len(kinds)]
        doc = {"header": {"identifier": f"BENCH-{n}", "schema": schema, "languages": ["en"]}}
        if schema != "modifiedOrganism":
            doc["government"] = {"identifier": rng.choice(codes)}
        documents.append(doc | fields)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.json"
        path.write_text(json.dumps(documents))
        started = time.perf_counter()
        summary = import_record_documents([path], published_on=dt.date(2021, 1, 1))
        elapsed = time.perf_counter() - started
    report(f"records import: {summary}", elapsed, target=30.0)
    deadline = dt.date(2026, 2, 28)
    cp = frozenset(c.upper() for c in codes)

    def bare() -> None:
        list(Revision.objects.values_list("record_id", "document"))

    def indicators() -> None:
        rows = records_on(deadline) or ()
        for measure in RECORD_MEASURES.values():
            measure(rows, cp, deadline)

    bare_s = min(_timed(bare) for _ in range(repeat))
    all_s = min(_timed(indicators) for _ in range(repeat))
    ratio = all_s / bare_s
    sys.stdout.write(
        f"record indicators over {count} records: {1000 * all_s:.0f} ms; bare scan of the "
        f"same rows: {1000 * bare_s:.0f} ms; ratio {ratio:.2f} "
        f"(goal <= 2: {'ok' if ratio <= 2 else 'SLOWER THAN TARGET'})\n"
    )
    Record.objects.all().delete()


def bench_capacity(count: int = 200, initiatives: int = 2_000, repeat: int = 5) -> None:
    """The capacity gap analysis for ``count`` Parties x 17 areas x ``initiatives``, next to a
    bare scan of the same answer and revision rows (goal: ratio <= 2)."""
    import datetime as dt

    from django.utils import timezone

    from cpbtracker.capacity.areas import report_areas
    from cpbtracker.capacity.models import INITIATIVE_SCHEMA
    from cpbtracker.capacity.queries import NEED_KEYS, gap_report
    from cpbtracker.parties.models import Party, Region
    from cpbtracker.records.bch import CheckedRecord, store_published
    from cpbtracker.records.models import Record, Revision
    from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion

    cycle = ReportingCycle.objects.get(number=5)
    parties = list(Party.objects.order_by("iso2"))[:count]
    for n, code in enumerate(spare_codes(count - len(parties))):
        parties.append(
            Party.objects.create(iso2=code, name={"en": f"Bench {n}"}, region=Region.values[n % 5])
        )
    rng = random.Random(4)
    areas = [a.value for a in report_areas()]
    reports = NationalReport.objects.bulk_create(
        [NationalReport(party=party, cycle=cycle) for party in parties]
    )
    status, now = ReportVersion.Status.SUBMITTED, timezone.now()
    versions = ReportVersion.objects.bulk_create(
        [
            ReportVersion(report=r, number=1, status=status, submitted_at=now, complete=True)
            for r in reports
        ]
    )
    answers = []
    for version in versions:
        answers += [
            Answer(version=version, key="Q122", value={"value": "true"}),
            Answer(version=version, key="Q123", value=[{"value": a} for a in rng.sample(areas, 6)]),
            Answer(version=version, key="Q121", value={"value": "false"}),
        ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    codes = [p.iso2.lower() for p in parties]
    planned = []
    for n in range(initiatives):
        where = rng.sample(codes, 3) if n % 5 else [rng.choice(Region.values)]
        start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
        document = {
            "header": {"identifier": f"BENCH-CBI-{n}", "schema": INITIATIVE_SCHEMA},
            "countryRegions": [{"identifier": w} for w in where],
            "cpbThematicAreas": [{"identifier": a} for a in rng.sample(areas, 2)],
            "startDate": start.isoformat(),
            "endDate": (start + dt.timedelta(days=900)).isoformat(),
        }
        record = CheckedRecord("bench", INITIATIVE_SCHEMA, f"BENCH-CBI-{n}", None, document)
        planned.append((record, 1, dt.date(2021, 1, 1)))
    store_published(planned, {})

    def bare() -> None:
        list(
            Answer.objects.filter(version__report__cycle=cycle, key__in=NEED_KEYS).values_list(
                "version_id", "key", "value"
            )
        )
        list(
            Revision.objects.filter(record__schema=INITIATIVE_SCHEMA).values_list(
                "record__identifier", "document"
            )
        )

    bare_s = min(_timed(bare) for _ in range(repeat))
    gaps_s = min(_timed(lambda: gap_report(cycle)) for _ in range(repeat))
    ratio = gaps_s / bare_s
    sys.stdout.write(
        f"capacity gaps: {len(parties)} Parties x {len(areas)} areas x {initiatives} "
        f"initiatives: {1000 * gaps_s:.0f} ms; bare scan of the same rows: "
        f"{1000 * bare_s:.0f} ms; ratio {ratio:.2f} "
        f"(goal <= 2: {'ok' if ratio <= 2 else 'SLOWER THAN TARGET'})\n"
    )
    Record.objects.filter(identifier__startswith="BENCH-CBI-").delete()
    NationalReport.objects.filter(cycle=cycle).delete()


def bench_scale(repeat: int = 3) -> None:
    """Indicator computation (every cycle, every grouping, stored) and the scoreboard page at
    1x, 2x and 4x the demo's answer rows: 2x gives each report a second submitted version,
    4x adds two more cycles copying the first two (goal: time grows no faster than the rows).
    """
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from cpbtracker.indicators.store import GROUPINGS, forget_cycles, stored_sets
    from cpbtracker.reporting.demo import load_demo_reports
    from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion

    load_demo_reports()
    client = Client(SERVER_NAME="127.0.0.1")
    base_rows = Answer.objects.count()
    figures = []

    def measure(scale: int) -> None:
        rows = Answer.objects.count()
        cycles = list(ReportingCycle.objects.order_by("number"))

        def compute() -> None:
            forget_cycles(None)
            stored_sets(cycles, GROUPINGS)

        compute_s = min(_timed(compute) for _ in range(repeat))
        forget_cycles(None)
        cold_s = _timed(lambda: client.get("/indicators/"))  # computes the cycle it shows
        warm_s = min(_timed(lambda: client.get("/indicators/")) for _ in range(repeat))
        figures.append((scale, rows, len(cycles), compute_s, cold_s, warm_s))

    def copy_versions(reports) -> None:
        """Give each report a later submitted version with the same answers."""
        for report in reports:
            latest = report.versions.order_by("-number").first()
            copy = ReportVersion.objects.create(
                report=report,
                number=latest.number + 1,
                status=ReportVersion.Status.SUBMITTED,
                submitted_at=latest.submitted_at + dt.timedelta(days=1),
                complete=latest.complete,
            )
            Answer.objects.bulk_create(
                [Answer(version=copy, key=a.key, value=a.value) for a in latest.answers.all()],
                batch_size=2000,
            )

    measure(1)
    copy_versions(NationalReport.objects.all())
    measure(2)
    for offset, source in enumerate(ReportingCycle.objects.order_by("number")[:2], start=1):
        last = ReportingCycle.objects.order_by("-number").first()
        cycle = ReportingCycle.objects.create(
            number=last.number + 1,
            schema=source.schema,
            period_start=last.period_end + dt.timedelta(days=1),
            period_end=last.deadline + dt.timedelta(days=365 * 4),
            deadline=last.deadline + dt.timedelta(days=365 * 4 + 30),
            note="bench",
        )
        for report in NationalReport.objects.filter(cycle=source):
            copy = NationalReport.objects.create(party=report.party, cycle=cycle)
            for version in report.versions.order_by("number"):
                new = ReportVersion.objects.create(
                    report=copy,
                    number=version.number,
                    status=version.status,
                    submitted_at=timezone.make_aware(
                        dt.datetime.combine(cycle.deadline - dt.timedelta(days=offset), dt.time())
                    ),
                    complete=version.complete,
                )
                Answer.objects.bulk_create(
                    [Answer(version=new, key=a.key, value=a.value) for a in version.answers.all()],
                    batch_size=2000,
                )
    measure(4)
    sys.stdout.write(
        "scale (demo data):\n  x  answers  cycles  compute ms  ratio/rows  scoreboard cold ms  "
        "warm ms\n"
    )
    _, _, _, compute_1, _, _ = figures[0]
    for scale, rows, cycles, compute_s, cold_s, warm_s in figures:
        growth = (compute_s / compute_1) / (rows / base_rows)
        sys.stdout.write(
            f"  {scale}x {rows:8d} {cycles:7d} {1000 * compute_s:11.0f} {growth:11.2f} "
            f"{1000 * cold_s:19.0f} {1000 * warm_s:8.0f}\n"
        )
    sys.stdout.write("  (ratio/rows: time growth / row growth; goal <= 1)\n")
    NationalReport.objects.all().delete()
    ReportingCycle.objects.filter(note="bench").delete()


def spare_codes(count: int) -> list[str]:
    """Unused two-letter codes from ISO 3166's user-assigned ranges (QM-QZ, XA-XZ)."""
    from cpbtracker.parties.models import Party

    taken = set(Party.objects.values_list("iso2", flat=True))
    pool = [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return [c for c in pool if c not in taken][: max(count, 0)]


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def report(what: str, seconds: float, *, target: float) -> None:
    verdict = "ok" if seconds <= target else "SLOWER THAN TARGET"
    sys.stdout.write(f"{what}: {seconds:.2f} s (target <= {target:.0f} s: {verdict})\n")


def main() -> int:
    import django
    from django.conf import settings
    from django.core.management import call_command

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        from cpbtracker.lib.dbcheck import recreate

        recreate(url)
    django.setup()
    sys.stdout.write(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}\n")
    call_command("migrate", verbosity=0)
    bench_import_nr5()
    bench_indicators()
    bench_records()
    bench_capacity()
    bench_scale()
    return 0


if __name__ == "__main__":
    sys.exit(main())
