"""The Secretariat enters manual figures in the admin: no negative or absurd figure, and only
for manual indicators; a refused figure names the field and nothing is stored."""

from __future__ import annotations

import pytest
from django.test import Client

from cpbtracker.indicators.models import ManualValue
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

ADD = "/admin/indicators/manualvalue/add/"


@pytest.fixture
def enter(personas):
    client = Client()
    client.force_login(personas.secretariat)

    def post(code: str, value: str = "", **figure: str):
        return client.post(
            ADD,
            {
                "indicator": Indicator.objects.get(code=code).pk,
                "cycle": ReportingCycle.objects.get(number=5).pk,
                "value": value,
                "source": "GEF project database",
                "as_of": "2025-12-31",
                **figure,
            },
        )

    return post


def _errors(response) -> dict[str, list[str]]:
    return {k: list(v) for k, v in response.context["adminform"].form.errors.items()}


# A.2(c): two counts over a measurement window; A.3(b): a fraction of GEF-eligible Parties.
VISITS = {"measure": "visits", "window_start": "2025-01-01", "window_end": "2025-12-31"}


@pytest.mark.parametrize(
    ("code", "value", "figure", "field", "message"),
    [
        ("A.2(c)", "-5", VISITS, "value", "A figure cannot be negative."),
        ("A.2(c)", "12.5", VISITS, "value", "A count is a whole number below 100000000."),
        ("A.2(c)", "1e12", VISITS, "value", "A count is a whole number below 100000000."),
        (
            "A.3(b)",
            "",
            {"numerator": "121", "denominator": "120"},
            "numerator",
            "The numerator cannot exceed the denominator.",
        ),
        (
            "A.1(a)",
            "50",
            {},
            "indicator",
            "A.1(a) is computed from report data; figures are entered for manual indicators only.",
        ),
    ],
)
def test_it_refuses_an_impossible_figure_and_stores_nothing(
    enter, code, value, figure, field, message
):
    response = enter(code, value, **figure)
    assert response.status_code == 200
    assert _errors(response) == {field: [message]}
    assert not ManualValue.objects.exists()


def test_it_stores_a_plausible_figure_with_its_author(enter, personas):
    assert enter("A.3(b)", numerator="120", denominator="120").status_code == 302
    assert enter("A.2(c)", "250000", **VISITS).status_code == 302
    stored = ManualValue.objects.order_by("value").values_list("indicator__code", "value")
    assert list(stored) == [("A.3(b)", 100.0), ("A.2(c)", 250000.0)]
    assert {v.entered_by for v in ManualValue.objects.all()} == {personas.secretariat}
