"""Many people at once on one draft, on SQLite and PostgreSQL alike: every acknowledged answer
is kept, a submitted version never changes, and no request fails with a server error."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable

import pytest
from django.db import connections
from django.test import Client

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import (
    ReportingError,
    open_draft,
    save_answers,
    submit_report,
)

pytestmark = pytest.mark.django_db(transaction=True)
# Free-text questions that no rule hides: a save of one never removes another's answer.
TEXT_KEYS = ["Q013", "Q015", "Q019", "Q030", "Q036", "Q044", "Q049", "Q052", "Q072", "Q078"]
THREADS = 6
SAVES = 5


def run_together(workers: list[Callable[[], None]]) -> None:
    """Start every worker at the same moment; each closes its own database connection."""
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(worker: Callable[[], None]) -> None:
        try:
            start.wait()
            worker()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_concurrent_saves_and_a_submission_lose_nothing_and_never_change_the_published_version(
    personas,
):
    cycle = ReportingCycle.objects.get(number=5)
    draft = open_draft(personas.kenya, cycle, user=personas.ke_nfp)
    complete = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(11), 0.7)
    save_answers(draft, complete, user=personas.ke_nfp)
    acknowledged: dict[str, object] = {}
    refused: list[str] = []
    published: dict[str, object] = {}

    def saver(n: int) -> Callable[[], None]:
        def work() -> None:
            for i in range(SAVES):
                key = TEXT_KEYS[n]
                value = {"value": {"en": f"thread {n} save {i}"}}
                try:
                    save_answers(draft, {key: value}, user=personas.ke_user)
                except ReportingError:
                    refused.append(key)
                    return
                acknowledged[key] = value

        return work

    def submitter() -> None:
        submit_report(draft, user=personas.ke_nfp)
        published.update(ReportVersion.objects.get(pk=draft.pk).answers_dict())

    run_together([saver(n) for n in range(THREADS)] + [submitter])
    final = ReportVersion.objects.get(pk=draft.pk)
    assert final.status == "submitted"
    answers = final.answers_dict()
    assert answers == published  # nothing written after the submission
    for key, value in acknowledged.items():
        assert answers[key] == value, key
    assert NationalReport.objects.get().versions.count() == 1


def test_concurrent_first_saves_through_the_api_make_one_draft_and_keep_every_answer(personas):
    statuses: list[int] = []
    users = [personas.ke_user, personas.ke_nfp, personas.secretariat]

    def client_of(n: int) -> Callable[[], None]:
        def work() -> None:
            client = Client()
            client.force_login(users[n % len(users)])
            for i in range(SAVES):
                body = {"answers": {TEXT_KEYS[n]: f"client {n} save {i}"}}
                response = client.patch(
                    "/api/v1/drafts/KE/5/", json.dumps(body), content_type="application/json"
                )
                statuses.append(response.status_code)

        return work

    run_together([client_of(n) for n in range(THREADS)])
    assert statuses == [200] * THREADS * SAVES
    report = NationalReport.objects.get()
    assert report.versions.count() == 1
    draft = report.draft()
    assert draft.revision == THREADS * SAVES
    assert draft.answers_dict() == {
        TEXT_KEYS[n]: {"value": {"en": f"client {n} save {SAVES - 1}"}} for n in range(THREADS)
    }


def test_two_imports_at_once_both_succeed(tmp_path):
    from pathlib import Path

    from django.core.management import call_command

    golden = json.loads((Path(__file__).parent / "assets" / "nr5-ke.json").read_text())
    paths = []
    for iso2 in ("KE", "CN", "BR", "IN"):
        path = tmp_path / f"{iso2}.json"
        path.write_text(json.dumps({**golden, "government": {"identifier": iso2}}))
        paths.append(path)
    run_together(
        [lambda p=p: call_command("reports", "import", str(p), "--publish") for p in paths]
    )
    assert sorted(NationalReport.objects.values_list("party__iso2", flat=True)) == [
        "BR",
        "CN",
        "IN",
        "KE",
    ]
