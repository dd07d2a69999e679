"""Translation files (ar, es, fr, ru): merged into the plan's texts with a status per language,
checked on load, stored by ``load_plan``; a language without a file falls back."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override

from cpbtracker.plan.content import PlanDataError, read_plan
from cpbtracker.plan.models import Area, Goal, Indicator, NarrativeSection
from cpbtracker.plan.services import load_plan
from cpbtracker.plan.tests.translation_fixture import translation, write_translation


def test_it_merges_every_text_of_a_translation_file_with_its_status(tmp_path):
    french = translation("fr")
    french["texts"]["A.1(a)"]["status"] = "official"
    write_translation(tmp_path, french)
    plan = read_plan(translations_dir=tmp_path)
    a1 = plan.goal("A.1")
    assert (
        a1.title.text["fr"] == "[fr] Parties have in place functional national biosafety frameworks"
    )
    assert a1.title.statuses == {"zh": "source", "en": "translation", "fr": "translation"}
    assert a1.outcome.text["fr"].startswith("[fr] Functional national biosafety frameworks")
    assert a1.outcome.statuses["fr"] == "translation"
    assert a1.indicators[0].statuses["fr"] == "official"
    assert a1.capacity_set.activities[0].text["fr"].startswith("[fr] Providing training")
    assert plan.areas[0].text["fr"] == "[fr] Areas for implementation"
    assert plan.narrative[0].title["fr"] == "[fr] Purpose"
    assert plan.narrative[0].statuses["fr"] == "translation"
    assert plan.document["title"]["fr"].startswith("[fr] Implementation Plan")
    assert "es" not in a1.title.text and "es" not in a1.title.statuses  # no file: no text


def test_a_file_marked_official_makes_every_item_official(tmp_path):
    write_translation(tmp_path, translation("ru", status="official"))
    plan = read_plan(translations_dir=tmp_path)
    assert {i.statuses["ru"] for g in plan.goals for i in g.objectives} == {"official"}


def _broken(change):
    content = translation("fr")
    change(content)
    return content


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c["texts"].update({"Z.9": {"title": "x"}}),
            "translations/fr.yaml: Z.9: unknown code",
        ),
        (
            lambda c: c["texts"]["A.1"].update({"subtitle": "x"}),
            "translations/fr.yaml: A.1: subtitle: unknown field",
        ),
        (
            lambda c: c["texts"]["A.1"].pop("outcome"),
            "translations/fr.yaml: A.1: outcome: missing text",
        ),
        (lambda c: c["texts"].pop("B.4(a)"), "translations/fr.yaml: B.4(a): text: missing text"),
        (
            lambda c: c["texts"]["purpose"].update({"text": "  "}),
            "translations/fr.yaml: purpose: text: empty text",
        ),
        (
            lambda c: c["texts"]["A.2/(i)"].update({"status": "draft"}),
            "translations/fr.yaml: A.2/(i): status: 'draft' is not one of official, translation",
        ),
        (
            lambda c: c.update({"status": "seed"}),
            "translations/fr.yaml: status: 'seed' is not one of official, translation",
        ),
        (
            lambda c: c.update({"language": "es"}),
            "translations/fr.yaml: language is 'es', not 'fr'",
        ),
        (
            lambda c: c.update({"notes": "x"}),
            "translations/fr.yaml: expected exactly the keys language, status and texts",
        ),
    ],
)
def test_a_bad_translation_file_is_refused_naming_file_code_and_field(tmp_path, change, message):
    write_translation(tmp_path, _broken(change), "fr")
    with pytest.raises(PlanDataError, match=f"^{re.escape(message)}$"):
        read_plan(translations_dir=tmp_path)


def test_a_file_for_a_language_the_plan_does_not_translate_is_refused(tmp_path):
    write_translation(tmp_path, translation("de"))
    with pytest.raises(PlanDataError, match="translations/de.yaml: not one of the languages"):
        read_plan(translations_dir=tmp_path)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    (tmp_path / "ar.yaml").write_text("texts: [unclosed", encoding="utf-8")
    with pytest.raises(PlanDataError, match="translations/ar.yaml: not readable as YAML"):
        read_plan(translations_dir=tmp_path)


@pytest.mark.django_db
def test_load_plan_stores_the_translations_and_a_reload_without_them_drops_them(tmp_path):
    french = translation("fr")
    french["texts"]["A.1"]["status"] = "official"
    write_translation(tmp_path, french)
    load_plan(read_plan(translations_dir=tmp_path))
    goal = Goal.objects.get(code="A.1")
    assert goal.title["fr"].startswith("[fr] Parties have")
    assert goal.statuses == {"zh": "source", "en": "translation", "fr": "official"}
    assert goal.outcome_statuses["fr"] == "official"
    assert goal.english == "translation"
    assert Indicator.objects.get(code="B.4(a)").statuses["fr"] == "translation"
    assert Area.objects.get(code="B").title["fr"] == "[fr] Enabling environment"
    assert NarrativeSection.objects.get(code="resources").text["fr"].startswith("[fr] ")

    load_plan(read_plan(translations_dir=tmp_path / "none"))
    goal.refresh_from_db()
    assert "fr" not in goal.title and "fr" not in goal.statuses


def test_plan_check_names_a_bad_file_and_the_glossary_terms_a_file_does_not_use(tmp_path):
    write_translation(tmp_path, translation("fr"))
    with pytest.raises(CommandError) as refused:
        call_command("plan", "check", "--translations", str(tmp_path), stdout=io.StringIO())
    # the fixture's texts are the English ones marked [fr]: no French term in them
    assert "fr: glossary terms not used: living-modified-organism, " in str(refused.value)
    (tmp_path / "fr.yaml").unlink()
    out = io.StringIO()
    call_command("plan", "check", "--translations", str(tmp_path), stdout=out)
    assert "fr: no translation file (pages fall back to English)" in out.getvalue()
    broken = translation("es")
    broken["texts"]["A.3"]["title"] = ""
    write_translation(tmp_path, broken)
    with pytest.raises(CommandError, match=r"translations/es.yaml: A.3: title: empty text"):
        call_command("plan", "check", "--translations", str(tmp_path))


def test_the_console_script_refuses_a_bad_translation_file_with_exit_status_1(
    tmp_path, run_cpbtracker
):
    broken = translation("ru")
    broken["texts"]["purpose"]["status"] = "draft"
    write_translation(tmp_path, broken)
    result = run_cpbtracker("plan", "check", "--translations", str(tmp_path))
    assert result.returncode == 1
    assert "translations/ru.yaml: purpose: status: 'draft' is not one of" in result.stderr


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "translations/fr.yaml\u00a0: A.1\u00a0: outcome\u00a0: texte manquant"),
        ("zh-hans", "translations/fr.yaml：A.1：outcome：缺少文本"),
    ],
)
def test_a_plan_data_problem_reads_in_the_readers_language(tmp_path, language, message):
    write_translation(tmp_path, _broken(lambda c: c["texts"]["A.1"].pop("outcome")), "fr")
    with pytest.raises(PlanDataError) as refused:
        read_plan(translations_dir=tmp_path)
    assert refused.value.code == "plan.translation-missing-text"
    assert refused.value.params == {
        "where": "translations/fr.yaml",
        "item": "A.1",
        "field": "outcome",
    }
    with override(language):
        assert str(refused.value) == message
