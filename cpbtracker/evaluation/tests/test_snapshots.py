"""Frozen evidence: `cpbtracker evaluation snapshot` and `diff`."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.tests.conftest import RA, initiative, publish  # noqa: F401
from cpbtracker.evaluation.diff import diff_figures
from cpbtracker.evaluation.evidence import Evidence, live_evidence, snapshot_evidence
from cpbtracker.evaluation.formats import document_bytes
from cpbtracker.evaluation.models import Contribution, Snapshot, SnapshotFigure
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.parties.models import Party
from cpbtracker.plan.models import Goal
from cpbtracker.records.models import Record
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


def progress(capsys, *extra: str) -> dict:
    capsys.readouterr()
    call_command("evaluation", "progress", "--cycle", "5", *extra, "--format", "json")
    return json.loads(capsys.readouterr().out)


def a1a(data: dict) -> dict:
    return data["indicators"][0]


def test_a_snapshot_keeps_every_figure_and_never_changes(reports, submit, capsys):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "midterm-1")
    snapshot = Snapshot.objects.get(label="midterm-1")
    # 2 cycles x (all Parties + 5 regions) x 48 indicators, with the Parties behind each
    assert snapshot.figures.count() == 2 * 6 * 48
    stored = SnapshotFigure.objects.get(snapshot=snapshot, cycle=5, region="", code="A.1(a)")
    figure = stored.figure
    assert (figure["value"], figure["numerator"], figure["denominator"]) == (50.0, 1, 2)
    assert figure["parties"]["positive"] == ["KE"] and figure["parties"]["negative"] == ["CN"]
    assert set(snapshot.versions) == {"KE/4", "KE/5", "CN/5"}
    assert len(snapshot.methods_version) == 12
    frozen = progress(capsys, "--snapshot", "midterm-1")
    assert a1a(frozen)["value"] == 50.0

    submit("BR", 5, {"Q007": {"value": "implementation.fullInPlace"}})  # a new report
    submit("CN", 5, {"Q007": {"value": "implementation.partiallyInPlace"}})  # a new version
    assert a1a(progress(capsys))["value"] == 100.0  # live data moved on
    assert progress(capsys, "--snapshot", "midterm-1") == frozen  # the snapshot did not
    assert SnapshotFigure.objects.get(pk=stored.pk).figure["value"] == 50.0

    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "midterm-2")
    capsys.readouterr()
    call_command("evaluation", "diff", "midterm-1", "midterm-2")
    out = capsys.readouterr().out
    assert (
        "A.1(a) cycle 5 all Parties value: 50.0 -> 100.0 "
        "(new report: BR/5; new version: CN/5)" in out
    )
    assert "A.1(a) cycle 5 all Parties numerator: 1 -> 3" in out
    assert "A.1(a) cycle 5 GRULAC value: None -> 100.0 (new report: BR/5)" in out
    assert "A.1(a) cycle 5 AFR" not in out and "cycle 4" not in out  # Kenya's did not change


def test_a_snapshot_as_of_a_date_leaves_out_later_reports(reports, submit, capsys):
    submit("BR", 5, {"Q007": {"value": "implementation.fullInPlace"}}, on=dt.date(2026, 3, 10))
    call_command(
        "evaluation", "snapshot", "--cycle", "5", "--label", "deadline", "--as-of", "2026-02-28"
    )
    assert a1a(progress(capsys, "--snapshot", "deadline"))["value"] == 50.0
    assert "BR/5" not in Snapshot.objects.get().versions
    assert a1a(progress(capsys))["value"] == 66.7


def test_a_taken_or_malformed_label_is_refused_and_nothing_changes(reports):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "s1")
    with pytest.raises(CommandError, match="snapshot s1: the label is taken"):
        call_command("evaluation", "snapshot", "--cycle", "5", "--label", "s1")
    with pytest.raises(CommandError, match="snapshot mid term: a label takes letters"):
        call_command("evaluation", "snapshot", "--cycle", "5", "--label", "mid term")
    with pytest.raises(CommandError, match="no reporting cycle 9"):
        call_command("evaluation", "snapshot", "--cycle", "9", "--label", "s9")
    assert Snapshot.objects.count() == 1 and SnapshotFigure.objects.count() == 576


def test_the_diff_names_a_method_change():
    figure = Result(
        code="A.1(a)", cycle=5, source="report", status="computed", value=50.0, numerator=1,
        denominator=2, population=3, reporting=2, parties={"positive": ["KE"]},
    )  # fmt: skip
    before = Evidence(5, {5: 2026}, None, {(5, "", "A.1(a)"): figure}, {}, methods_version="a")
    after = Evidence(
        5, {5: 2026}, None, {(5, "", "A.1(a)"): replace(figure, value=25.0)}, {},
        methods_version="b",
    )  # fmt: skip
    [difference] = diff_figures(before, after)
    assert (difference["field"], difference["before"], difference["after"]) == ("value", 50.0, 25.0)
    assert difference["reasons"] == ["method change"]


def test_a_documents_content_never_changes_after_its_snapshot(reports, submit, publish, capsys):  # noqa: F811
    call_command(
        "evaluation", "snapshot", "--cycle", "5", "--label", "mid", "--as-of", "2026-02-28"
    )
    snapshot = Snapshot.objects.get(label="mid")
    frozen = snapshot_evidence(snapshot)
    document = document_bytes(frozen, kind="midterm", language="en", fmt="html")
    statuses = progress(capsys, "--snapshot", "mid")
    assert "Cut-off: reports submitted on or before</dt><dd>2026-02-28" in document.decode()
    assert snapshot.plan_version and snapshot.plan[0]["objectives"][0] == {
        "code": "A.1.1", "indicators": ["A.1(a)"],
    }  # fmt: skip

    # afterwards: targets (adopted and indicative), an initiative (a record), a contribution
    # overall and per goal, a new version of China's report
    call_command("milestones", "set", "A.1(a)", "--target", "40", "--year", "2030")
    call_command(
        "milestones", "set", "A.9(a)", "--target", "30", "--year", "2030", "--decision", "CP-11/5"
    )
    publish(
        [
            initiative(
                "I-LATE", [RA], ["ke"], totalBudget="90000",
                coreFundingSources=[{"identifier": "ORG-LATE"}],
            )
        ]
    )  # fmt: skip
    InitiativeTags.objects.create(
        record=Record.objects.get(identifier="I-LATE"), key_areas=["A.5/(1)"],
        activities=["A.5/(i)"],
    )  # fmt: skip
    Contribution.objects.create(goal=None, body="sbi", kind="midterm", text="Overall: late.")
    Contribution.objects.create(
        goal=Goal.objects.get(code="A.1"), body="sbi", kind="midterm", text="A.1: late."
    )
    submit("CN", 5, {"Q007": {"value": "implementation.fullInPlace"}}, on=dt.date(2026, 2, 1))
    live = document_bytes(live_evidence(ReportingCycle.objects.get(number=5)), kind="midterm",
                          language="en", fmt="html").decode()  # fmt: skip
    assert "Overall: late." in live and "40 by 2030, indicative" in live  # live data moved on
    assert 'data-code="A.5/(i)" data-initiatives="1"' in live and "<th>ORG-LATE</th>" in live
    assert 'data-code="A.5/(i)" data-initiatives="0"' in document.decode()

    again = snapshot_evidence(Snapshot.objects.get(label="mid"))
    assert document_bytes(again, kind="midterm", language="en", fmt="html") == document
    assert progress(capsys, "--snapshot", "mid") == statuses


def received(html: str) -> dict[str, str]:
    """The reports-received table: region -> reports of the evaluated cycle."""
    return dict(re.findall(r'data-region="(\w+)" data-reports="(\d+)"', html))


def test_a_snapshots_document_keeps_the_regions_and_conclusions_it_was_taken_with(
    reports, tmp_path
):
    text = tmp_path / "conclusions.txt"
    text.write_text("Frameworks are in place.", encoding="utf-8")
    conclude = ("evaluation", "conclusions", "--kind", "midterm", "--part", "conclusions")
    call_command(*conclude, "--file", str(text))
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "mid")
    frozen = document_bytes(
        snapshot_evidence(Snapshot.objects.get(label="mid")),
        kind="midterm", language="en", fmt="html",
    ).decode()  # fmt: skip
    # hand count: cycle 5, Kenya (AFR) and China (APAC)
    assert received(frozen)["AFR"] == "1" and received(frozen)["WEOG"] == "0"
    assert "Frameworks are in place." in frozen

    # afterwards: Kenya moves to another group, the conclusions are rewritten and completed
    Party.objects.filter(iso2="KE").update(region="WEOG")
    text.write_text("Rewritten after the snapshot.", encoding="utf-8")
    call_command(*conclude, "--file", str(text))
    call_command(
        "evaluation", "conclusions", "--kind", "midterm", "--part", "recommendations",
        "--file", str(text),
    )  # fmt: skip
    live = document_bytes(
        live_evidence(ReportingCycle.objects.get(number=5)),
        kind="midterm", language="en", fmt="html",
    ).decode()  # fmt: skip
    assert received(live)["WEOG"] == "1" and "Rewritten after the snapshot." in live
    again = document_bytes(
        snapshot_evidence(Snapshot.objects.get(label="mid")),
        kind="midterm", language="en", fmt="html",
    ).decode()  # fmt: skip
    assert again == frozen
