"""`make bench`: performance figures, printed (targets are checked by reading, not by tests).

Runs on a fresh temporary SQLite database, or on DATABASE_URL when set.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CPBTRACKER_DATA_DIR", tempfile.mkdtemp(prefix="cpbtracker-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpbtracker.settings")


def bench_import_nr5(count: int = 200) -> None:
    """Time `reports import` of ``count`` synthetic NR5 documents (target: <= 5 s on SQLite)."""
    from cpbtracker.parties.models import Membership, Party, Treaty
    from cpbtracker.reporting.bch import import_bch_documents
    from cpbtracker.reporting.demo import demo_answers
    from cpbtracker.reporting.models import NationalReport
    from cpbtracker.reporting.questionnaire import load_questionnaire

    parties = list(Party.objects.order_by("iso2"))
    for n in range(count - len(parties)):  # more documents than governments: add test ones
        party = Party.objects.create(iso2=f"X{n}", name={"en": f"Bench {n}"})
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


def report(what: str, seconds: float, *, target: float) -> None:
    verdict = "ok" if seconds <= target else "SLOWER THAN TARGET"
    sys.stdout.write(f"{what}: {seconds:.2f} s (target <= {target:.0f} s: {verdict})\n")


def main() -> int:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    sys.stdout.write(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}\n")
    call_command("migrate", verbosity=0)
    bench_import_nr5()
    return 0


if __name__ == "__main__":
    sys.exit(main())
