"""A Party's users prepare, check and submit the 5th national report through the web form."""

from __future__ import annotations

import json
import random

import pytest

from cpbtracker.reporting.bch import import_bch_documents
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import save_answers
from cpbtracker.reporting.tests.conftest import kenya_draft as draft
from cpbtracker.reporting.tests.conftest import save_section
from cpbtracker.tests.html import parse, text

pytestmark = pytest.mark.django_db
EDIT = "/reports/KE/5/edit/"
ARTICLE2 = "/reports/KE/5/edit/Article2/"
ARTICLES7_10 = "/reports/KE/5/edit/Articles7-10/"


def fieldset(client, key: str, path: str = ARTICLE2):
    (element,) = parse(client.get(path)).xpath(f'//fieldset[@id="{key}"]')
    return element


def test_a_new_draft_lists_its_sections_with_nothing_answered(editor):
    rows = parse(editor.get(EDIT)).xpath("//main//table/tbody/tr")
    assert text(rows[0][0]).startswith("Article 2")
    assert text(rows[0][1]).startswith("0 / ")


def test_it_keeps_a_partly_answered_section(editor):
    response = save_section(
        editor,
        ARTICLE2,
        {"Q007": "implementation.partiallyInPlace", "Q010": "true", "Q010_adq": "true"},
    )
    assert response.status_code == 302
    assert draft().answers_dict() == {
        "Q007": {"value": "implementation.partiallyInPlace"},
        "Q010": {"value": "true"},
        "Q010_adq": {"value": "true"},
    }


def test_the_section_shows_the_saved_choice_checked(editor):
    save_section(editor, ARTICLE2, {"Q007": "implementation.partiallyInPlace"})
    checked = fieldset(editor, "Q007").xpath(".//input[@checked]/@value")
    assert checked == ["implementation.partiallyInPlace"]


def test_a_question_the_rules_hide_loses_its_answer_and_is_hidden(editor):
    save_section(
        editor,
        ARTICLE2,
        {"Q007": "implementation.partiallyInPlace", "Q010": "false", "Q010_adq": "true"},
    )
    answers = draft().answers_dict()
    assert answers["Q010"] == {"value": "false"} and "Q010_adq" not in answers
    assert fieldset(editor, "Q010_adq").get("hidden") is not None


def test_it_refuses_an_exclusive_option_combined_with_another_and_keeps_the_rest(editor):
    response = save_section(
        editor,
        ARTICLE2,
        {
            "Q007": "implementation.fullInPlace",
            "Q008": ["instrument.none", "instrument.nationalBiosafetyLaws"],
        },
    )
    assert response.status_code == 200
    (error,) = parse(response).xpath('//fieldset[@id="Q008"]//*[@class="error"]')
    assert "cannot be combined with other options" in text(error)
    answers = draft().answers_dict()
    assert "Q008" not in answers
    assert answers["Q007"] == {"value": "implementation.fullInPlace"}


def test_an_option_with_extra_text_collects_it(editor):
    save_section(
        editor,
        ARTICLE2,
        {
            "Q007": "implementation.fullInPlace",
            "Q009": "true.some",
            "Q009__true.some": "Only for contained use",
        },
    )
    assert draft().answers_dict()["Q009"] == {
        "value": "true.some",
        "additionalInformation": {"en": "Only for contained use"},
    }


def test_the_form_says_why_an_answer_was_refused_in_chinese(editor):
    response = save_section(
        editor,
        ARTICLE2,
        {
            "Q007": "implementation.fullInPlace",
            "Q008": ["instrument.none", "instrument.indirectLaws"],
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    (error,) = parse(response).xpath('//fieldset[@id="Q008"]//*[@class="error"]')
    assert text(error) == "'instrument.none' 不能与其他选项同时选择"


def test_submission_is_blocked_with_the_list_of_missing_answers_then_accepted(client, personas):
    client.force_login(personas.ke_nfp)
    client.post(EDIT)
    save_section(client, ARTICLE2, {"Q007": "implementation.partiallyInPlace"})
    page = parse(client.get("/reports/KE/5/submit/"))
    (missing,) = page.xpath(
        '//ul[@class="problems"]/li[a/@href="/reports/KE/5/edit/Article2/#Q008"]'
    )
    assert text(missing).startswith("Question 8 ")
    assert text(missing).endswith(": not answered yet; an answer is required.")
    response = client.post("/reports/KE/5/submit/")
    assert draft() is not None  # still a draft
    assert "cannot be submitted yet" in response.content.decode()

    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft(), demo_answers(questionnaire, random.Random(7), 0.7), user=personas.ke_nfp)
    response = client.post("/reports/KE/5/submit/")
    assert response.status_code == 302
    report = NationalReport.objects.get(party__iso2="KE", cycle__number=5)
    published = report.published_version()
    assert published.status == "submitted" and published.submitted_by == personas.ke_nfp

    # published: visible to the public, and immutable
    client.logout()
    public = client.get("/reports/KE/5/")
    assert public.status_code == 200
    assert "Submitted" in public.content.decode()
    client.force_login(personas.ke_nfp)
    before = published.answers_dict()
    client.post(ARTICLE2, {"Q007": "implementation.none", "revision": published.revision})
    assert report.published_version().answers_dict() == before


def test_an_authorized_user_cannot_submit(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft(), demo_answers(questionnaire, random.Random(3), 0.7), user=personas.ke_user)
    page = client.get("/reports/KE/5/submit/").content.decode()
    assert "Only the national focal point can submit" in page
    assert client.post("/reports/KE/5/submit/").status_code == 403
    assert draft() is not None


def test_the_secretariat_reopens_a_report_as_a_new_version(client, personas):
    client.force_login(personas.ke_nfp)
    client.post(EDIT)
    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft(), demo_answers(questionnaire, random.Random(5), 0.7), user=personas.ke_nfp)
    client.post("/reports/KE/5/submit/")
    client.force_login(personas.secretariat)
    assert client.post("/reports/KE/5/reopen/").status_code == 302
    report = NationalReport.objects.get(party__iso2="KE", cycle__number=5)
    assert [(v.number, v.status) for v in report.versions.order_by("number")] == [
        (1, "submitted"),
        (2, "draft"),
    ]
    assert report.draft().answers_dict() == report.published_version().answers_dict()
    # the public still sees version 1 until version 2 is submitted
    client.logout()
    assert "version 1" in client.get("/reports/KE/5/").content.decode()


def test_the_previous_report_answer_is_shown_under_the_mapped_question(client, personas, tmp_path):
    nr4 = tmp_path / "nr4-ke.json"
    nr4.write_text(
        json.dumps(
            {
                "header": {"schema": "cpbNationalReport4"},
                "government": {"identifier": "KE"},
                "date": "2019-09-01",
                "Q014": {"value": "implementation.draftMeasures"},
            }
        )
    )
    import_bch_documents([nr4], publish=True, allow_closed=True)
    client.force_login(personas.ke_user)
    client.post(EDIT)
    page = client.get(ARTICLE2).content.decode()
    assert "Your 4th national report: Only draft measures exist" in page


def test_the_form_speaks_chinese_with_the_questions_of_the_chinese_format(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    page = client.get(ARTICLE2, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "贵国是否已采取必要的国家措施执行议定书？" in page  # Q007 in the format's Chinese
    assert "保存并继续" in page
    english = client.get(ARTICLE2, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Has your country introduced the necessary national measures" in english


def test_it_keeps_the_saved_answer_when_a_new_value_is_rejected(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    save_section(client, ARTICLES7_10, {"Q026": "true", "Q026_adq": "3"})
    assert draft().answers_dict()["Q026_adq"] == {"value": 3}

    response = save_section(
        client, ARTICLES7_10, {"Q022": "true", "Q026": "true", "Q026_adq": "abc"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '<p class="error" role="alert" id="Q026_adq-error">' in page
    assert 'name="Q026_adq" value="3"' in page
    answers = draft().answers_dict()
    assert answers["Q026_adq"] == {"value": 3}
    assert answers["Q022"] == {"value": "true"}


def test_the_submit_check_groups_problems_by_section_in_the_users_language(client, personas):
    client.force_login(personas.ke_nfp)
    client.post(EDIT)
    save_section(client, ARTICLE2, {"Q007": "implementation.partiallyInPlace"})

    page = client.get("/reports/KE/5/submit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert '<a href="/reports/KE/5/edit/Article2/#Q008">问题 8</a>' in page
    assert "尚未答复；此问题必须答复。" in page
    assert "本节还剩" in page
    assert "is required" not in page and "not answered yet" not in page
    english = client.get("/reports/KE/5/submit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english.count("<h2>") > 5
    assert "questions remain in this section." in english
    assert "Q008" not in english.replace("#Q008", "")


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x"])
def test_saving_a_section_never_sends_the_user_to_another_site(client, personas, target):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    response = save_section(
        client, ARTICLE2, {"Q007": "implementation.fullInPlace", "next": target}
    )
    assert response.status_code == 302 and response["Location"] == ARTICLE2


def test_saving_a_section_goes_on_to_the_section_it_names(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    following = "/reports/KE/5/edit/Article5/"
    response = save_section(
        client, ARTICLE2, {"Q007": "implementation.fullInPlace", "next": following}
    )
    assert response["Location"] == following
