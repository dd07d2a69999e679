"""An indicator page limited to the Parties that reported in both cycles shows that limit in its
headline, its chart and its chart's table alike."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def v(value: str) -> dict[str, str]:
    return {"value": value}


def test_the_headline_and_the_chart_read_the_same_parties(client, submit):
    submit("KE", 4, {"Q014": v("implementation.none")})
    submit("BR", 4, {"Q014": v("implementation.fullInPlace")})  # not in cycle 5
    submit("KE", 5, {"Q007": v("implementation.fullInPlace")})
    submit("CN", 5, {"Q007": v("implementation.none")})  # not in cycle 4
    html = client.get("/plan/indicators/A.1(a)/", {"cycle": 5, "both": 1}).content.decode()
    headline = html.split('class="headline"', 1)[1].split("</p>", 1)[0]
    assert "100.0" in headline  # KE alone: fully in place
    table = html.split("<caption>The chart's figures", 1)[1].split("</table>", 1)[0]
    assert "Only Parties that reported in both cycles" in table.split("</caption>", 1)[0]
    everyone = re.search(r"<tr><th>All Parties</th>(.*?)</tr>", table, re.S)
    assert everyone is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', everyone.group(1)) == ["0.0%", "100.0%"]
