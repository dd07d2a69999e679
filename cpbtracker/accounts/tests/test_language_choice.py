"""The language a page speaks: ?lang= > the user's saved preference > the cookie >
Accept-Language > English; the header switch sets the cookie and, signed in, the preference."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from cpbtracker.accounts.models import Preference, Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party

PASSWORD = "Biosafety-2030-ok"
PAGE = "/plan/"


@pytest.fixture
def focal_point(db):
    kenya = Party.objects.get(iso2="KE")
    return grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=kenya, password=PASSWORD).user


def page_language(response) -> tuple[str, str]:
    """(lang, dir) of the page's <html> element."""
    assert response.status_code == 200
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.content.decode())
    assert found is not None
    return found.group(1), found.group(2)


def with_cookie(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_it_speaks_english_when_nothing_says_otherwise(db):
    assert page_language(Client().get(PAGE)) == ("en", "ltr")


def test_it_follows_the_browsers_languages_on_a_first_visit(db):
    response = Client().get(PAGE, HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.8")
    assert page_language(response) == ("fr", "ltr")
    assert response["Content-Language"] == "fr"
    chinese = Client().get(PAGE, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert page_language(chinese) == ("zh-hans", "ltr")
    assert "卡塔赫纳生物安全议定书执行计划" in chinese.content.decode()


def test_the_cookie_beats_the_browsers_languages(db):
    response = with_cookie("ru").get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")
    assert page_language(response) == ("ru", "ltr")


def test_the_saved_preference_beats_the_cookie(focal_point):
    Preference.objects.create(user=focal_point, language="ar")
    client = with_cookie("es")
    client.force_login(focal_point)
    assert page_language(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")) == ("ar", "rtl")


def test_lang_on_the_url_beats_everything_for_that_request_only(focal_point):
    Preference.objects.create(user=focal_point, language="ar")
    client = with_cookie("es")
    client.force_login(focal_point)
    assert page_language(client.get(PAGE + "?lang=fr")) == ("fr", "ltr")
    assert page_language(client.get(PAGE)) == ("ar", "rtl")
    assert Preference.objects.get(user=focal_point).language == "ar"


def test_a_shared_link_speaks_its_language_to_anyone(db):
    assert page_language(with_cookie("ru").get(PAGE + "?lang=zh")) == ("zh-hans", "ltr")
    assert page_language(Client().get(PAGE + "?lang=ar")) == ("ar", "rtl")


def test_an_unknown_lang_is_ignored(db):
    assert page_language(with_cookie("es").get(PAGE + "?lang=xx")) == ("es", "ltr")


def test_switching_signed_out_sets_the_cookie_and_returns_to_the_page(db):
    client = Client()
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/parties/?region=AFR&lang=fr"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/parties/?region=AFR"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert page_language(client.get(response["Location"])) == ("es", "ltr")
    assert Preference.objects.count() == 0


def test_switching_signed_in_saves_the_preference_used_at_the_next_sign_in(focal_point):
    client = Client()
    client.force_login(focal_point)
    client.post("/i18n/setlang/", {"language": "ar", "next": PAGE})
    assert Preference.objects.get(user=focal_point).language == "ar"
    elsewhere = with_cookie("fr")  # another browser, whose cookie says French
    assert page_language(elsewhere.get(PAGE)) == ("fr", "ltr")
    signed_in = elsewhere.post(
        "/accounts/login/", {"username": "ke-nfp", "password": PASSWORD}, follow=True
    )
    assert page_language(signed_in) == ("ar", "rtl")


def test_the_header_lists_the_six_languages_each_in_its_own_name(db):
    html = Client().get(PAGE + "?lang=ru").content.decode()
    options = re.findall(r'<option value="([^"]+)" lang="[^"]+"( selected)?>([^<]+)</option>', html)
    assert [(code, name) for code, _selected, name in options] == [
        ("en", "English"),
        ("zh-hans", "中文"),
        ("ar", "العربية"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ru", "Русский"),
    ]
    assert [code for code, selected, _name in options if selected] == ["ru"]


def test_responses_vary_with_the_browsers_languages_and_the_cookie(db):
    vary = {v.strip().lower() for v in Client().get(PAGE)["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
