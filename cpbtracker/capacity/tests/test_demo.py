"""`cpbtracker demo load` adds tagged demo initiatives across goals, regions and donors."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.queries import listed_initiatives

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]


def test_demo_initiatives_cover_some_needs_and_leave_others(client):
    items = listed_initiatives()
    demo = [i for i in items if i.initiative.identifier.startswith("DEMO-CBI-")]
    assert len(demo) == 80 and all(i.demo for i in demo)
    tags = InitiativeTags.objects.all()
    assert len({g for t in tags for g in t.goals}) >= 10
    assert {t.level for t in tags} == {"national", "subregional", "regional", "global"}
    assert len({f for i in demo for f in i.initiative.funders}) >= 8
    out = io.StringIO()
    call_command("capacity", "gaps", "--cycle", "5", stdout=out)
    areas = json.loads(out.getvalue())["areas"]
    assert sum(len(a["parties_covered"]) for a in areas) > 0
    assert sum(len(a["parties_uncovered"]) for a in areas) > 0
    page = client.get("/capacity/initiatives/?level=global").content.decode()
    assert "Demo data." in page and '<span class="badge">demo</span>' in page
    donors = client.get("/capacity/donors/").content.decode()
    assert "Demo donor 01" in donors
