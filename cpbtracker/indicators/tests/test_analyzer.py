"""The report analyzer against hand counts: cells shaded by share, the change since the
previous cycle among the Parties that answered in both, the answer filter, the free-text
answers across Parties and the CSV/XLSX of what is shown."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cpbtracker.indicators.analyzer import SHADE_LABELS, shade

pytestmark = pytest.mark.django_db
PAGE = "/indicators/analyzer/?cycle=5&section=Article2"
FULL = "implementation.fullInPlace"
NONE = "implementation.none"
DRAFT = "implementation.draftMeasures"


@pytest.fixture
def cycles(submit):
    """Cycle 5: Kenya, Nigeria and South Africa (Africa), China (Asia-Pacific), Brazil (Latin
    America) answer question 7; cycle 4 (question 14, mapped onto 7): Kenya, Nigeria, China
    and France. Answered in both cycles: Kenya, Nigeria, China."""
    submit("KE", 4, {"Q014": {"value": NONE}})
    submit("NG", 4, {"Q014": {"value": FULL}})
    submit("CN", 4, {"Q014": {"value": DRAFT}})
    submit("FR", 4, {"Q014": {"value": FULL}})
    submit("KE", 5, {"Q007": {"value": FULL}, "Q008": [{"value": "instrument.none"}]})
    submit("NG", 5, {"Q007": {"value": FULL}})
    submit("ZA", 5, {"Q007": {"value": NONE}, "Q008": [{"value": "instrument.none"}]})
    submit("CN", 5, {"Q007": {"value": DRAFT}})
    submit("BR", 5, {"Q007": {"value": FULL}})


def table(html: str, key: str) -> str:
    start = html.index(f'id="{key}"')
    return html[start : html.index("</table>", start)]


def row(html: str, key: str, label: str) -> str:
    """The <tr> of the question's table whose first cell starts with ``label``."""
    part = table(html, key)
    start = part.rindex("<tr", 0, part.index(f"<td>{label}"))
    return part[start : part.index("</tr>", start)]


def cells(tr: str) -> list[tuple[str, str, str]]:
    """(shade class, figure, visible change) of each shaded cell of a row."""
    found = re.findall(r'<td class="num shade-(\d)">([^<]*)(.*?)</td>', tr)
    return [
        (
            level,
            figure,
            re.sub(r"<[^>]+>", "", m.group(1))
            if (m := re.search(r'<span aria-hidden="true">(.*?)</span>', rest))
            else "",
        )
        for level, figure, rest in found
    ]


def test_shades_are_bands_of_a_quarter_of_the_column():
    assert [shade(0, 4), shade(1, 5), shade(1, 4), shade(2, 4), shade(3, 4), shade(4, 4)] == [
        0,
        1,  # 20 %
        2,  # 25 %: the band's lower edge
        3,  # 50 %
        4,  # 75 %
        4,
    ]
    assert shade(0, 0) == 0 and len(SHADE_LABELS) == 5


def test_it_shades_each_cell_by_its_share_and_keeps_the_number(client, cycles):
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # columns: All Parties, Africa, Asia-Pacific, Central and Eastern Europe, Latin America, WEOG
    full = cells(row(html, "Q007", "National measures are fully in place"))
    # all: 3 of 5 (60 %); Africa 2 of 3 (67 %); Asia-Pacific 0 of 1; Latin America 1 of 1
    assert [(level, figure) for level, figure, _ in full] == [
        ("3", "3"),
        ("3", "2"),
        ("0", "0"),
        ("0", "0"),
        ("4", "1"),
        ("0", "0"),
    ]
    none = cells(row(html, "Q007", "No measures have yet"))
    assert [(level, figure) for level, figure, _ in none][:2] == [("1", "1"), ("2", "1")]
    legend = html[html.index('id="analyzer-shades"') :]
    legend = legend[: legend.index("</ul>")]
    assert "under 25%" in legend and "75% or more" in legend
    assert all(f'class="shade-{n}"' in legend for n in range(5))
    assert "style=" not in html


def test_it_gives_the_change_since_the_previous_cycle_among_parties_that_answered_both(
    client, cycles
):
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Kenya, Nigeria, China answered in both cycles: fully in place 2 now (KE, NG), 1 before
    # (NG); none 0 now (South Africa is not compared), 1 before (KE); draft 1 and 1 (CN).
    full = cells(row(html, "Q007", "National measures are fully in place"))
    assert [change for *_, change in full] == ["▲ 1", "▲ 1", "= 0", "", "", ""]
    assert "up 1 since cycle 4" in row(html, "Q007", "National measures are fully in place")
    assert 'class="change change-up"' in row(html, "Q007", "National measures are fully in")
    none = cells(row(html, "Q007", "No measures have yet"))
    assert [change for *_, change in none][:2] == ["▼ 1", "▼ 1"]
    assert "down 1 since cycle 4" in row(html, "Q007", "No measures have yet")
    draft = cells(row(html, "Q007", "Only draft measures"))
    assert [change for *_, change in draft][:3] == ["= 0", "= 0", "= 0"]
    both = row(html, "Q007", "Parties that answered in both cycles")
    assert re.findall(r'<td class="num">(\d+)</td>', both) == ["3", "2", "1", "0", "0", "0"]
    # the previous cycle's column still gives all its Parties: fully in place NG and FR
    assert row(html, "Q007", "National measures are fully in place").endswith(
        '<td class="num">2</td>'
    )
    assert "only the Parties that answered the question in both cycles" in html
    percent = client.get(PAGE + "&as=percent", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # 2 of 3 compared now, 1 of 3 before: +33.3 percentage points
    assert cells(row(percent, "Q007", "National measures are fully in place"))[0] == (
        "3",
        "60.0%",
        "▲ 33.3",
    )
    assert "in percentage points" in percent


def test_the_answer_filter_keeps_only_the_parties_that_gave_the_answer(client, cycles):
    html = client.get(
        PAGE + f"&filter_question=Q007&filter_answer={FULL}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    note = html[html.index('id="analyzer-filter"') :]
    note = note[: note.index("</p>")]
    assert "Filter on" in note and "question 7" in note and "3 Parties kept" in note
    # Kenya, Nigeria and Brazil: all three fully in place; South Africa and China gone
    answered = row(html, "Q007", "Parties that answered")
    assert re.findall(r'<td class="num">(\d+)</td>', answered)[:6] == ["3", "2", "0", "0", "1", "0"]
    assert [figure for _, figure, _ in cells(row(html, "Q007", "No measures have yet"))][:2] == [
        "0",
        "0",
    ]
    # question 8 among them: only Kenya answered (South Africa is filtered out)
    q8 = row(html, "Q008", "Parties that answered")
    assert re.findall(r'<td class="num">(\d+)</td>', q8)[0] == "1"
    # the same Parties in cycle 4: Kenya and Nigeria answered, one fully in place
    assert row(html, "Q007", "National measures are fully in place").endswith(
        '<td class="num">1</td>'
    )
    assert re.findall(
        r'<td class="num">(\d+)</td>', row(html, "Q007", "Parties that answered in both")
    )[:2] == ["2", "2"]
    assert '<a href="?cycle=5&amp;section=Article2">Remove the filter</a>' in note
    unfiltered = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="analyzer-filter"' not in unfiltered


def test_a_filter_naming_no_question_or_answer_is_a_clear_400(client, cycles):
    wrong_question = client.get(PAGE + "&filter_question=Q999&filter_answer=x")
    assert wrong_question.status_code == 400
    wrong_answer = client.get(PAGE + "&filter_question=Q007&filter_answer=maybe")
    assert wrong_answer.status_code == 400
    text_question = client.get(PAGE + "&filter_question=Q013&filter_answer=x")
    assert text_question.status_code == 400


def test_the_export_has_the_rows_shown_with_their_changes(client, cycles):
    response = client.get(PAGE + "&format=csv", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Disposition"] == 'attachment; filename="analyzer-cycle-5-Article2.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    full = next(r for r in rows if r["question"] == "7" and r["answer"] == FULL)
    assert (full["all"], full["AFR"], full["GRULAC"], full["cycle_4"]) == ("3", "2", "1", "2")
    assert (full["change_all"], full["change_AFR"], full["change_GRULAC"]) == ("1", "1", "")
    answered = next(r for r in rows if r["question"] == "7" and r["row"] == "answered")
    assert (answered["all"], answered["cycle_4"]) == ("5", "4")
    both = next(r for r in rows if r["question"] == "7" and r["row"] == "answered_both")
    assert (both["all"], both["AFR"], both["APAC"]) == ("3", "2", "1")
    filtered = client.get(
        PAGE + f"&filter_question=Q007&filter_answer={FULL}&as=percent&format=xlsx",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert filtered["Content-Disposition"].endswith('-filtered.xlsx"')
    sheet = load_workbook(io.BytesIO(filtered.content)).active
    header = [c.value for c in sheet[1]]
    lines = [dict(zip(header, [c.value for c in r], strict=True)) for r in sheet.iter_rows(2)]
    full = next(r for r in lines if r["question"] == "7" and r["answer"] == FULL)
    # Kenya, Nigeria, Brazil: 100 % everywhere they are; cycle 4: Nigeria of KE and NG
    assert (full["all"], full["AFR"], full["cycle_4"], full["change_AFR"]) == (
        100.0,
        100.0,
        50.0,
        50.0,
    )


@pytest.fixture
def texts(submit):
    submit("ZA", 5, {"Q013": {"value": {"zh": "南非的说明"}}})
    submit("NG", 5, {"Q013": {"value": {"en": '=HYPERLINK("http://x.test","y")'}}})
    submit(
        "KE",
        5,
        {
            "Q013": {"value": {"en": "Kenya's details", "fr": "Détails du Kenya"}},
            "Q007": {"value": FULL},
        },
    )
    submit("CN", 5, {"Q007": {"value": FULL}})


TEXTS = "/indicators/analyzer/texts/Q013/?cycle=5"


def test_free_text_answers_are_listed_per_question_across_parties(client, texts):
    html = client.get(TEXTS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    listing = html[html.index('id="analyzer-texts"') :]
    assert re.findall(r"<dt>(.*?)</dt>", listing) == ["Kenya", "Nigeria", "South Africa"]
    assert "Kenya&#x27;s details" in listing and "3 Parties answered" in html
    assert "style=" not in html
    assert '<span lang="zh-hans" dir="ltr">南非的说明</span>' in listing  # marked as a fallback
    french = client.get(TEXTS, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Détails du Kenya" in french and "Kenya&#x27;s details" not in french
    section = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/indicators/analyzer/texts/Q013/?cycle=5" in section
    filtered = client.get(
        TEXTS + f"&filter_question=Q007&filter_answer={FULL}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert re.findall(r"<dt>(.*?)</dt>", filtered) == ["Kenya"]  # China gave no text
    assert "2 Parties kept" in filtered
    assert client.get("/indicators/analyzer/texts/Q007/?cycle=5").status_code == 404


def test_the_free_text_export_keeps_a_formula_as_text(client, texts):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(TEXTS + "&format=csv", HTTP_ACCEPT_LANGUAGE="en").content.decode()
            )
        )
    )
    assert [r["party"] for r in rows] == ["KE", "NG", "ZA"]
    assert rows[1]["text"] == '\'=HYPERLINK("http://x.test","y")'
    assert rows[2]["language"] == "zh"
    sheet = load_workbook(io.BytesIO(client.get(TEXTS + "&format=xlsx").content)).active
    assert sheet["D3"].data_type == "s" and sheet["D3"].value.startswith("=HYPERLINK")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_shade_keeps_text_and_changes_readable():
    css = (Path(__file__).resolve().parents[1] / "static/indicators/analyzer.css").read_text()
    shades = dict(re.findall(r"td\.shade-(\d) \{ background: (#[0-9a-f]{6}); \}", css))
    inks = re.findall(r"\.change-\w+ \{ color: (#[0-9a-f]{6}); \}", css)
    inks.append(re.search(r'td\[class\*="shade-"\] \{ color: (#[0-9a-f]{6}); \}', css).group(1))
    assert sorted(shades) == ["0", "1", "2", "3", "4"] and len(inks) == 4
    assert min(contrast(bg, ink) for bg in shades.values() for ink in inks) >= 4.5
