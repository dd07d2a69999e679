"""The evaluation document of the whole demo: a French PDF a reader can hold (under 60 pages),
record-based figures traced to their records, each capacity-building budget counted once."""

from __future__ import annotations

import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cpbtracker.capacity.initiatives import budget_of
from cpbtracker.capacity.models import InitiativeTags
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


def cells(section: str, table: str) -> list[list[str]]:
    """The rows of a table of the HTML, as the text of their cells."""
    body = section[section.index(f'id="{table}"') :]
    body = body[: body.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd]>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body[body.index("<tbody>") :])
    ]


def test_the_action_plan_is_evaluated_by_activity_and_by_donor(demo_database, tmp_path):
    html = document(tmp_path, "en", "html").decode()
    section = html[html.index('id="capacity-building"') : html.index('id="contributions"')]
    activities = {row[0]: row for row in cells(section, "capacity-activities")}
    # hand count: the demo tags 8 initiatives to A.1/(i), none to A.4/(i)
    assert activities["A.1/(i)"][2:] == ["8", "USD 7,265,000"]
    assert activities["A.4/(i)"][2] == "none: uncovered"
    tagged = [t for t in InitiativeTags.objects.all() if "A.1/(i)" in t.activities]
    assert len(tagged) == 8
    # a key area as the goal's key-area table counts it
    assert activities["A.1/(1)"][2:] == ["20", "USD 21,830,000"]
    assert "20 initiatives tagged (budget USD 21,830,000)" in section
    donors = cells(section, "capacity-partners")
    # hand count: 12 demo donors; DEMO-CBI-FUNDER-06 funds 13 initiatives (core funding or
    # co-financing, each initiative once), the most; the 2 beyond the top 10 in one row
    funding: Counter[str] = Counter()
    for record in Record.objects.filter(schema="capacityBuildingInitiative", current__isnull=False):
        doc = record.current.document
        funding.update(
            {f["identifier"] for key in ("coreFundingSources", "coFinancingSources")
             for f in doc.get(key) or []}
        )  # fmt: skip
    assert len(funding) == 12 and funding["DEMO-CBI-FUNDER-06"] == 13
    assert donors[0] == ["Donor or funder", "Demo donor 06", "13"]
    assert len(donors) == 11 and donors[-1][1] == "Others (2 organizations)"
    coherence = re.sub(r"<[^>]+>", "", section)
    assert "35 of the 42 example activities (83.3%) have at least one initiative" in coherence


def test_budgets_are_grouped_as_the_reader_writes_numbers(demo_database, tmp_path):
    html = document(tmp_path, "fr", "html").decode()
    section = html[html.index('id="capacity-building"') : html.index('id="contributions"')]
    activities = {row[0]: row for row in cells(section, "capacity-activities")}
    # CLDR's French groups thousands with a narrow no-break space
    assert activities["A.1/(i)"][2:] == ["8", "USD 7\u202f265\u202f000"]
    assert "7,265,000" not in section
