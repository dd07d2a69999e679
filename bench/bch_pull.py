"""`python bench/bch_pull.py`: the time and requests of `bch pull` of a demo-sized BCH.

The demo's reports and records are exported as BCH documents (with their dates), served by the
tests' fake BCH on 127.0.0.1, emptied from the database and pulled back. The pull runs without
the rate limit, so the time is ours (HTTP on the loopback, checks, imports); at the default
5 requests a second the same pull takes at least requests / 5 seconds.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

# Always a throwaway data directory: the benchmark must never touch a real database.
os.environ["CPBTRACKER_DATA_DIR"] = tempfile.mkdtemp(prefix="cpbtracker-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpbtracker.settings")


def solr(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        return day.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return f"{day.isoformat()}T12:00:00.000Z"


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from cpbtracker.bch.client import BchClient
    from cpbtracker.bch.pull import pull
    from cpbtracker.bch.tests.fakebch import FakeBch
    from cpbtracker.records.bch import current_revisions
    from cpbtracker.records.models import Record
    from cpbtracker.records.schemas import SCHEMAS
    from cpbtracker.reporting.bch import export_document
    from cpbtracker.reporting.models import NationalReport, ReportingCycle
    from cpbtracker.reporting.queries import answers_of, published_versions

    call_command("migrate", verbosity=0)
    call_command("demo", "load", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    fake = FakeBch()
    for cycle in ReportingCycle.objects.all():
        versions = published_versions(cycle)
        answers = answers_of(versions)
        for version in versions:
            document = export_document(version, answers[version.pk])
            party = version.report.party.iso2
            document["header"]["identifier"] = f"DEMO-NR{cycle.number}-{party}-0001"
            fake.publish(document, updated=solr(version.submitted_at))
    for schema in SCHEMAS:
        for revision in current_revisions(schema):
            fake.publish(revision.document, updated=solr(revision.published_on))
    NationalReport.objects.all().delete()
    Record.objects.all().delete()
    with fake.serving(), BchClient(fake.url, requests_per_second=0) as client:
        started = time.perf_counter()
        summary = pull(client, allow_closed=True)
        elapsed = time.perf_counter() - started
    sys.stdout.write(
        f"bch pull of the demo ({len(fake.documents)} documents): {summary}\n"
        f"  {elapsed:.1f} s without the rate limit; at 5 requests/s at least "
        f"{summary.requests / 5:.0f} s\n"
    )
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
