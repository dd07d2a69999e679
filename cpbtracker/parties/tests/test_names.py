"""Party names in the six languages from CLDR, and the Parties list in the reader's order."""

from __future__ import annotations

import re

import pytest

from cpbtracker.lib.languages import content_keys
from cpbtracker.parties.models import Party
from cpbtracker.parties.names import government_names

pytestmark = pytest.mark.django_db


def test_every_government_is_named_in_the_six_languages():
    for party in Party.objects.all():
        assert set(party.name) >= set(content_keys()), party.iso2
    germany = Party.objects.get(iso2="DE").name
    assert (germany["fr"], germany["ar"], germany["es"], germany["ru"], germany["zh"]) == (
        "Allemagne",
        "ألمانيا",
        "Alemania",
        "Германия",
        "德国",
    )
    assert Party.objects.get(iso2="EU").name["fr"] == "Union européenne"  # CLDR territory EU


def test_a_government_cldr_names_only_as_a_territory_takes_its_documented_name():
    assert government_names("PS")["en"] == "State of Palestine"  # not "Palestinian Territories"
    assert government_names("PS")["fr"] == "État de Palestine"
    assert government_names("VA")["es"] == "Santa Sede"  # not "Ciudad del Vaticano"


def test_a_government_cldr_does_not_know_keeps_its_given_name():
    assert government_names("XK", {"en": "Somewhere"})["en"] == "Kosovo"  # CLDR knows XK
    assert government_names("QZ", {"en": "Somewhere"}) == {"en": "Somewhere"}


def _names_in_order(client, language: str) -> list[str]:
    client.cookies["django_language"] = language
    page = client.get("/parties/").content.decode()
    return re.findall(r'<td><a href="/parties/[A-Z]{2}/">([^<]+)</a></td>', page)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # by code: AE EC EE EG ER ES ET PS SZ US; accents and case count after the letters,
        # a space before any letter ("État de" before "États")
        (
            "fr",
            [
                "Égypte",
                "Émirats arabes unis",
                "Équateur",
                "Érythrée",
                "Espagne",
                "Estonie",
                "Eswatini",
                "État de Palestine",
                "États-Unis",
                "Éthiopie",
            ],
        ),
        # by code: AL AT AU AZ (Албания, Австрия, Австралия, Азербайджан)
        ("ru", ["Австралия", "Австрия", "Азербайджан", "Албания"]),
        # by code: CL CN CY CZ TD (Chile, China, Chipre, Chequia, Chad)
        ("es", ["Chad", "Chequia", "Chile", "China", "Chipre"]),
    ],
)
def test_the_parties_list_is_in_the_readers_alphabetical_order(client, language, expected):
    names = _names_in_order(client, language)
    assert len(names) == 198
    assert [n for n in names if n in expected] == expected
