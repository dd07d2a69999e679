"""One way to read input: parameters parsed into a clear 400, texts without control
characters, and no NUL in any address."""

from __future__ import annotations

import datetime as dt

import pytest

from cpbtracker.lib import inputs
from cpbtracker.lib.inputs import InputError


@pytest.mark.parametrize(
    ("raw", "expected"), [("0", 0), ("5", 5), (" 12 ", 12), ("2147483647", 2**31 - 1)]
)
def test_it_reads_whole_numbers_in_ascii_digits(raw, expected):
    assert inputs.whole_number(raw, field="cycle") == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("²", "cycle must be a whole number written with the digits 0-9, not “²”."),
        ("٣", "cycle must be a whole number written with the digits 0-9, not “٣”."),
        ("1.5", "cycle must be a whole number written with the digits 0-9, not “1.5”."),
        ("", "cycle must be a whole number written with the digits 0-9, not “”."),
        ("a\x0bb", "cycle must be a whole number written with the digits 0-9, not “a\ufffdb”."),
        ("2147483648", "cycle must be between 0 and 2147483647."),
        ("9" * 20, "cycle must be between 0 and 2147483647."),
        ("9" * 5000, "cycle must be between 0 and 2147483647."),
        ("-1", "cycle must be between 0 and 2147483647."),
    ],
)
def test_it_refuses_anything_else_naming_the_field(raw, message):
    with pytest.raises(InputError) as refused:
        inputs.whole_number(raw, field="cycle")
    assert str(refused.value) == message


def test_it_reads_optional_numbers_codes_dates_and_identifiers():
    assert inputs.optional_whole_number("", field="year") is None
    assert inputs.optional_whole_number("2030", field="year", maximum=9999) == 2030
    with pytest.raises(InputError, match="year must be between 1 and 9999"):
        inputs.optional_whole_number("10000", field="year", minimum=1, maximum=9999)
    assert inputs.code(" KE ", field="party") == "KE"
    with pytest.raises(InputError, match="party is not a valid code"):
        inputs.code("../", field="party")
    assert inputs.iso_date("2030-12-31", field="date") == dt.date(2030, 12, 31)
    for bad in ("2030-02-30", "²⁰³⁰-01-01", "20300101"):
        with pytest.raises(InputError, match="date must be a date written YYYY-MM-DD"):
            inputs.iso_date(bad, field="date")
    assert inputs.identifier("BCH-LAW-1", field="id") == "BCH-LAW-1"
    with pytest.raises(InputError, match="id is not a valid identifier"):
        inputs.identifier("a/b", field="id")


def test_it_refuses_control_characters_but_tab_and_line_ends():
    assert inputs.clean_text("a\tb\r\nc", field="name") == "a\tb\r\nc"
    for character in ("\x00", "\x01", "\x0b", "\x0c", "\x1f"):
        with pytest.raises(InputError) as refused:
            inputs.clean_text(f"a{character}b", field="name")
        code = f"U+{ord(character):04X}"
        assert str(refused.value) == (
            f"name holds a control character ({code}), which cannot be stored."
        )
    found = inputs.json_control_character_problem({"title": {"en": "a\x0bb"}}, field="")
    assert found is not None and found.key == "title.en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/parties/K%00/",
        "/reports/K%00/5/",
        "/records/A%00/",
        "/plan/A%00/",
        "/api/v1/parties/K%00/",
        "/parties/?region=%00",
        "/reports/?party=%00",
        "/evaluation/?snapshot=%00",
        "/audit/?party=%00",
    ],
)
def test_a_nul_anywhere_in_the_address_gets_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/evaluation/?cycle=²",
        "/api/v1/sdmx/data/?cycle=²",
        "/capacity/?cycle=²",
        "/capacity/initiatives/?year=²",
        "/indicators/?cycle=²",
        "/api/v1/indicators/?cycle=²",
        "/reports/?cycle=²",
    ],
)
def test_a_superscript_digit_is_not_a_number(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "must be a whole number written with the digits 0-9" in response.content.decode()
