"""An indicator page read in Arabic, Spanish, French and Russian: the method, its secondary
figures and the Parties behind the number in the reader's language, in the reader's order."""

from __future__ import annotations

import re

import pytest
from lxml.html import fromstring

from cpbtracker.tests.html import text

pytestmark = pytest.mark.django_db

# language -> (the start of A.1(a)'s method, Germany, the Parties counted positive in the
# reader's alphabetical order; by code it would be CN, DE, KE). Arabic: أ sorts as ا, and
# ص comes before م, so الصين (China) precedes ألمانيا (Germany).
READERS = {
    "fr": ("Q7 « Votre pays a-t-il adopté", "Allemagne", ["Allemagne", "Chine", "Kenya"]),
    "es": ("P7 «¿Ha adoptado su país", "Alemania", ["Alemania", "China", "Kenia"]),
    "ru": ("В7 «Приняла ли ваша страна", "Германия", ["Германия", "Кения", "Китай"]),
    "ar": ("س7 «هل اتخذ بلدكم", "ألمانيا", ["الصين", "ألمانيا", "كينيا"]),
}


@pytest.fixture
def reports(submit):
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("DE", 5, {"Q007": {"value": "implementation.partiallyInPlace"}})
    submit("CN", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("BR", 5, {"Q007": {"value": "implementation.draftMeasures"}})


def _page(client, language: str, path: str) -> str:
    client.cookies["django_language"] = language
    return client.get(path).content.decode()


@pytest.mark.parametrize("language", READERS)
def test_the_method_box_and_the_parties_are_in_the_readers_language(client, reports, language):
    method, germany, positive = READERS[language]
    html = _page(client, language, "/plan/indicators/A.1(a)/?cycle=5")
    section = html[html.rindex("<section", 0, html.index(method)) :]
    method_box = re.search(r"<h2>[^<]*</h2>\s*<p>(.*?)</p>", section, re.S)
    assert method_box and method_box.group(1).startswith(method)
    assert 'class="badge"' in method_box.group(1)  # marked as our translation
    assert "Has your country introduced" not in html  # no English method left
    assert germany in html and "Germany" not in html
    positives = re.search(r'<details open class="group-positive">(.*?)</details>', html, re.S)
    assert positives
    names = re.findall(r'<a href="/parties/[A-Z]{2}/">([^<]+)</a>', positives.group(1))
    assert names == positive


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ["(a) évaluation des risques", "(b) gestion des risques"]),
        ("es", ["(a) evaluación del riesgo", "(b) gestión del riesgo"]),
        ("ru", ["(a) оценка рисков", "(b) регулирование рисков"]),
        ("ar", ["(a) تقييم المخاطر", "(b) إدارة المخاطر"]),
    ],
)
def test_the_secondary_figures_are_labelled_in_the_readers_language(
    client, submit, language, labels
):
    submit("KE", 5, {"Q066_a": {"value": "true"}, "Q066_b": {"value": "false"}})
    page = fromstring(_page(client, language, "/plan/indicators/A.5(c)/?cycle=5"))
    for key, label in zip(["Q066_a", "Q066_b"], labels, strict=True):
        assert text(page.get_element_by_id(f"part-{key}").find("td")) == label
