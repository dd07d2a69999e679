"""A method's source (stored as a code) is named in the reader's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cpbtracker.indicators.engine.methods import SOURCES
from cpbtracker.indicators.templatetags.indicators import SOURCE_LABELS


def test_every_source_of_a_method_has_a_label():
    assert set(SOURCE_LABELS) == SOURCES


@pytest.mark.django_db
def test_the_scoreboard_and_the_indicator_page_name_the_source_in_chinese():
    scoreboard = Client().get("/indicators/?lang=zh-hans").content.decode()
    assert "<td>国家报告" in scoreboard
    assert "<td>report" not in scoreboard
    indicator = Client().get("/plan/indicators/A.1(a)/?lang=zh-hans").content.decode()
    assert re.search(r"来源[:：]\s*国家报告", indicator)  # the label's colon as Chinese writes it
