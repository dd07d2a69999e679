"""The offline form: download the draft as XLSX, fill it, upload it back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db
OFFLINE = "/reports/KE/5/offline/"


def start_draft(client, user) -> None:
    client.force_login(user)
    assert client.post("/reports/KE/5/edit/").status_code == 302


def workbook_rows(data: bytes) -> tuple:
    workbook = load_workbook(io.BytesIO(data))
    return workbook, {row[0].value: row for row in workbook["report"].iter_rows(min_row=2)}


def upload(client, workbook) -> None:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    return client.post(OFFLINE, {"workbook": buffer})


def answers() -> dict:
    draft = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert draft is not None
    return draft.answers_dict()


def test_it_round_trips_a_filled_workbook(client, personas):
    start_draft(client, personas.ke_user)
    response = client.get(OFFLINE)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook, rows = workbook_rows(response.content)
    header = [c.value for c in workbook["report"][1]]
    assert header[:7] == [
        "key",
        "number",
        "section",
        "question",
        "type",
        "allowed values",
        "answer",
    ]
    assert "implementation.partiallyInPlace = " in rows["Q007"][5].value
    rows["Q007"][6].value = "implementation.partiallyInPlace"
    rows["Q008"][6].value = "instrument.nationalBiosafetyLaws; instrument.biosafetyGuidelines"
    rows["Q009"][6].value = "true.some"
    rows["Q009"][7].value = "Only for contained use"
    rows["Q026"][6].value = "true"
    rows["Q026_adq"][6].value = 4
    rows["Q013"][6].value = "Free text"
    assert upload(client, workbook).status_code == 302
    stored = answers()
    assert stored["Q007"] == {"value": "implementation.partiallyInPlace"}
    assert stored["Q008"] == [
        {"value": "instrument.nationalBiosafetyLaws"},
        {"value": "instrument.biosafetyGuidelines"},
    ]
    assert stored["Q009"] == {
        "value": "true.some",
        "additionalInformation": {"en": "Only for contained use"},
    }
    assert stored["Q026_adq"] == {"value": 4}
    assert stored["Q013"] == {"value": {"en": "Free text"}}

    # download again: the answers are in the workbook
    _, again = workbook_rows(client.get(OFFLINE).content)
    assert (
        again["Q008"][6].value == "instrument.nationalBiosafetyLaws;instrument.biosafetyGuidelines"
    )
    assert again["Q009"][7].value == "Only for contained use"


def test_bad_cells_are_reported_precisely_and_nothing_is_written(client, personas):
    start_draft(client, personas.ke_user)
    workbook, rows = workbook_rows(client.get(OFFLINE).content)
    rows["Q007"][6].value = "implementation.partiallyInPlace"
    rows["Q008"][6].value = "instrument.none; instrument.nationalBiosafetyLaws"
    rows["Q026"][6].value = "true"
    rows["Q026_adq"][6].value = "many"
    response = upload(client, workbook)
    page = client.get(response["Location"]).content.decode()
    q008_row = rows["Q008"][0].row
    q026_row = rows["Q026_adq"][0].row
    assert f"row {q008_row} (Q008), column answer: " in page
    assert "cannot be combined" in page
    assert f"row {q026_row} (Q026_adq), column answer: " in page
    assert answers() == {}


def test_a_workbook_of_another_party_is_refused(client, personas):
    start_draft(client, personas.ke_user)
    workbook, rows = workbook_rows(client.get(OFFLINE).content)
    workbook["about"]["B1"].value = "CN"
    page = client.get(upload(client, workbook)["Location"]).content.decode()
    assert "this workbook is for CN cycle 5, not KE cycle 5" in page


def test_it_reads_option_labels_in_any_language_and_offers_a_drop_down(client, personas):
    start_draft(client, personas.ke_user)
    workbook, rows = workbook_rows(client.get(OFFLINE).content)
    q008 = load_questionnaire("cpbNationalReport5").question("Q008")
    laws, guidelines = (
        q008.option(v).title
        for v in ("instrument.nationalBiosafetyLaws", "instrument.biosafetyGuidelines")
    )
    rows["Q007"][6].value = "National measures are fully in place"
    rows["Q008"][6].value = f"{laws['zh']}; {guidelines['es']}"
    rows["Q010"][6].value = "oui"
    rows["Q026"][6].value = "Yes"
    rows["Q026_adq"][6].value = 2

    assert upload(client, workbook).status_code == 302
    stored = answers()
    assert stored["Q007"] == {"value": "implementation.fullInPlace"}
    assert stored["Q008"] == [
        {"value": "instrument.nationalBiosafetyLaws"},
        {"value": "instrument.biosafetyGuidelines"},
    ]
    assert stored["Q010"] == {"value": "true"}
    assert stored["Q026"] == {"value": "true"}

    sheet = workbook["report"]
    drop_downs = {
        str(cell): validation.formula1
        for validation in sheet.data_validations.dataValidation
        for cell in validation.sqref.ranges
    }
    questionnaire = load_questionnaire("cpbNationalReport5")
    for key in ("Q007", "Q008", "Q010"):
        listed_range = drop_downs[rows[key][6].coordinate].split("!")[1].replace("$", "")
        listed = [row[0].value for row in workbook["choices"][listed_range]]
        assert listed == [o.title["en"] for o in questionnaire.question(key).options]


def test_a_workbook_in_chinese_has_chinese_headers_and_texts_and_reads_back(client, personas):
    start_draft(client, personas.ke_user)
    workbook, rows = workbook_rows(client.get(OFFLINE, {"lang": "zh-hans"}).content)
    header = [c.value for c in workbook["report"][1]]
    assert header == [
        *("键", "编号", "节", "问题", "类型", "允许值", "答复", "补充信息", "当前答复（文字）")
    ]
    q007 = load_questionnaire("cpbNationalReport5").question("Q007")
    assert rows["Q007"][3].value == q007.title["zh"]
    assert rows["Q007"][4].value == "单个值"
    assert rows["Q008"][5].value.endswith("（多个值之间用 ';' 分隔）")
    rows["Q007"][6].value = "implementation.partiallyInPlace"
    assert upload(client, workbook).status_code == 302
    assert answers()["Q007"] == {"value": "implementation.partiallyInPlace"}
