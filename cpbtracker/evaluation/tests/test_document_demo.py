"""The evaluation document of the whole demo: a French PDF a reader can hold (under 60 pages),
record-based figures traced to their records, each capacity-building budget counted once."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cpbtracker.capacity.initiatives import budget_of
from cpbtracker.evaluation.evidence import live_evidence
from cpbtracker.records.models import Record
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


def document(tmp_path, language: str, fmt: str) -> bytes:
    out = tmp_path / f"document.{fmt}"
    call_command(
        "evaluation",
        "report",
        "--cycle",
        "5",
        "--kind",
        "midterm",
        "--language",
        language,
        "--format",
        fmt,
        "--output",
        str(out),
    )
    return out.read_bytes()


def test_the_french_pdf_of_the_demo_is_under_60_pages(demo_database, tmp_path):
    pdf = PdfReader(io.BytesIO(document(tmp_path, "fr", "pdf")))
    assert len(pdf.pages) < 60


def test_the_provenance_of_a1b_lists_its_records_and_each_budget_counts_once(
    demo_database, tmp_path
):
    html = document(tmp_path, "en", "html").decode()
    annex = html[html.index('id="annex-provenance"') :]
    row = annex[annex.index("<td>A.1(b)</td>") : annex.index("<td>A.2(a)</td>")]
    figure = live_evidence(ReportingCycle.objects.get(number=5)).figure("A.1(b)")
    assert figure is not None and figure.source == "records"
    party = figure.parties["positive"][0]
    for record in Record.objects.filter(government__iso2=party, schema="authority"):
        assert f"{record.identifier} r{record.current.number}" in row
    # each initiative's budget once, however many key areas and goals it is tagged to
    initiatives = {
        r.identifier: budget_of(r.current.document)
        for r in Record.objects.filter(schema="capacityBuildingInitiative", current__isnull=False)
    }
    total = sum((b or Decimal(0) for b in initiatives.values()), Decimal(0))
    section = html[html.index('id="capacity-building"') : html.index('id="contributions"')]
    assert f"USD {total:,.0f}" in section
    assert f"<td>{len(initiatives)}</td>" in section
