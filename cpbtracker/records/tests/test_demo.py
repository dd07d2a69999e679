"""`cpbtracker demo load` adds synthetic records so every record-based indicator has a value."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cpbtracker.capacity.demo import load_demo_initiatives
from cpbtracker.records.demo import load_demo_records
from cpbtracker.records.models import Record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]
RECORD_INDICATORS = ("A.1(b)", "A.2(b)", "A.5(b)", "A.8(a)")


def test_demo_records_give_every_record_indicator_a_value_and_a_baseline(demo_database):
    assert "demo clearing-house records (synthetic, not real)" in demo_database
    assert Record.objects.exists()
    assert not Record.objects.filter(is_demo=False).exists()
    out = io.StringIO()
    call_command("indicators", "compute", "--cycle", "5", "--format", "json", stdout=out)
    results = {r["code"]: r for r in json.loads(out.getvalue())["indicators"]}
    for code in RECORD_INDICATORS:
        result = results[code]
        assert result["source"] == "records"
        assert 0 < result["value"] < 100, code
        assert 0 < result["baseline"]["value"] < 100, code
        assert result["baseline"]["respondents"] <= result["respondents"], code


def test_loading_the_demo_again_replaces_its_records():
    first = Record.objects.count()
    load_demo_records(seed=2021)  # the record parts of `demo load`, as it runs them
    load_demo_initiatives(seed=2021)  # initiatives are clearing-house records too
    assert Record.objects.count() == first
