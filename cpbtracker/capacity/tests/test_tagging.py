"""The Secretariat tags imported initiatives to the plan in bulk; nobody else may."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.services import TagChange, TagError, tag_initiatives

pytestmark = pytest.mark.django_db

TAGS = {
    "selected": ["I-AFR", "I-GLOBAL"],
    "goals": ["A.5"],
    "key_areas": ["A.5/(1)"],
    "activities": ["A.5/(ii)"],
    "level": "regional",
    "audiences": ["risk-assessors"],
}


def tags_of(identifier: str) -> InitiativeTags | None:
    return InitiativeTags.objects.filter(record__identifier=identifier).first()


def test_the_secretariat_tags_several_initiatives_at_once(client, scenario, personas):
    client.force_login(personas.secretariat)
    response = client.post("/capacity/initiatives/tag/", TAGS, follow=True)
    assert "2 initiative(s) tagged." in response.content.decode()
    for identifier in ("I-AFR", "I-GLOBAL"):
        tags = tags_of(identifier)
        assert (tags.goals, tags.key_areas, tags.level) == (["A.5"], ["A.5/(1)"], "regional")
    assert tags_of("I-BR") is None
    assert AuditEntry.objects.filter(action="capacity.tagged").count() == 1
    listed = client.get("/capacity/initiatives/?goal=A.5&key_area=A.5/(1)&level=regional")
    assert listed.context["items"][0].initiative.identifier == "I-AFR"
    assert len(listed.context["items"]) == 2


@pytest.mark.parametrize("who", ["ke_nfp", "cn_user", None])
def test_no_one_else_may_tag(client, scenario, personas, who):
    if who:
        client.force_login(getattr(personas, who))
    assert client.get("/capacity/initiatives/tag/").status_code == 403
    assert client.post("/capacity/initiatives/tag/", TAGS).status_code == 403
    assert not InitiativeTags.objects.exists()


def test_a_wrong_code_names_the_field_and_changes_nothing(scenario, personas):
    with pytest.raises(TagError, match="key_areas: A.5/\\(9\\) is not a code of the plan"):
        tag_initiatives(
            ["I-AFR"], TagChange(goals=["A.5"], key_areas=["A.5/(9)"]), user=personas.secretariat
        )
    with pytest.raises(TagError, match="No capacity-building initiative I-NOPE"):
        tag_initiatives(["I-AFR", "I-NOPE"], TagChange(goals=["A.5"]), user=personas.secretariat)
    assert not InitiativeTags.objects.exists()
    assert not AuditEntry.objects.filter(action="capacity.tagged").exists()


def test_tags_add_up_and_a_global_level_covers_every_party(scenario, personas):
    tag_initiatives(["I-BR"], TagChange(goals=["A.5"]), user=personas.secretariat)
    tag_initiatives(["I-BR"], TagChange(goals=["A.1"], level="global"), user=None)
    assert tags_of("I-BR").goals == ["A.1", "A.5"]
    out = io.StringIO()
    call_command("capacity", "gaps", "--cycle", "5", stdout=out)
    risk = next(a for a in json.loads(out.getvalue())["areas"] if a["area"].startswith("7C98"))
    # the Brazilian initiative, tagged global, now also covers China, as global coverage
    assert risk["parties_uncovered"] == []
    assert risk["parties_covered_regionally_only"] == ["CN", "NG"]
    assert risk["initiatives"] == ["I-AFR", "I-BR", "I-KE"]
