"""The Secretariat reads the audit trail per Party and per report (page and CSV); role grants
and revocations, Parties imports and admin edits are recorded with who and when."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cpbtracker.accounts.models import AuditEntry, Role
from cpbtracker.parties.services import PACKAGED_CSV
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft, save_answers

TRAIL = "/audit/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def drafts(personas):
    cycle5 = ReportingCycle.objects.get(number=5)
    kenya = open_draft(personas.kenya, cycle5, user=personas.ke_user)
    save_answers(kenya, {"Q007": "implementation.fullInPlace"}, user=personas.ke_user)
    china = open_draft(personas.china, cycle5, user=personas.cn_user)
    save_answers(china, {"Q007": "implementation.none"}, user=personas.cn_user)
    return kenya, china


def test_it_shows_one_reports_trail_to_the_secretariat(personas, drafts):
    page = signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "cycle": 5})
    html = page.content.decode()
    assert page.status_code == 200
    assert "draft report started" in html and "answers saved" in html
    assert 'data-action="report.saved"' in html
    assert html.count("data-action=") == 2
    assert "ke-user" in html and "cn-user" not in html
    assert "KE/5 v1" in html


def test_it_shows_each_change_as_the_question_and_the_answers_in_words(personas, drafts):
    kenya = drafts[0]
    save_answers(kenya, {"Q007": "implementation.partiallyInPlace"}, user=personas.ke_user)
    html = signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "cycle": 5}).content.decode()
    change = html.split('class="audit-detail"', 1)[1].split("</table>", 1)[0]
    rows = {
        row[0]: row[1:]
        for row in (
            [" ".join(c.split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", change, re.S)
        )
    }
    question = next(name for name in rows if name.startswith("7 "))
    assert rows[question] == [
        "National measures are fully in place",
        "National measures are partially in place",
    ]
    assert '{"' not in html and "Q007" not in html


def test_it_names_follow_ups_by_number_and_shows_no_markup_as_text(personas, drafts):
    """71 (a) is the unnumbered follow-up of 71; its option's footnote mark (``<sup>3</sup>``)
    is the format's markup, not text to show."""
    answers = {"Q071": "true", "Q071_a": ["505AA0C7-CBB7-4961-9956-83588F6C1C20"]}
    save_answers(drafts[0], answers, user=personas.ke_user)
    html = signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "cycle": 5}).content.decode()
    shown = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "71 Which materials/guidance are being used" in shown
    assert "Manual on risk assessment of LMOs developed by the CBD Secretariat 3" in shown
    assert "Q071_a" not in shown and "&lt;sup&gt;" not in html


def test_it_names_the_answers_the_rules_dropped_by_their_questions(personas, drafts):
    """71 answered "No" disables its follow-up: the answer given to it is dropped."""
    answers = {"Q071": "false", "Q071_a": ["505AA0C7-CBB7-4961-9956-83588F6C1C20"]}
    save_answers(drafts[0], answers, user=personas.ke_user)
    html = signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "cycle": 5}).content.decode()
    shown = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "answers dropped by the form's rules 71 Which materials/guidance" in shown
    assert "draft revision 2" in shown
    assert "Q071_a" not in shown and " dropped —" not in shown


def test_it_names_the_actions_in_the_readers_language(personas, drafts):
    client = signed_in(personas.secretariat)
    html = client.get(TRAIL, {"party": "KE", "cycle": 5, "lang": "zh-hans"}).content.decode()
    assert "开始编写报告草稿" in html and "答复已保存" in html
    assert "draft report started" not in html
    AuditEntry.objects.create(action="future.action", party="KE", cycle=5, target="KE/5 v1")
    assert ">future.action<" in client.get(TRAIL, {"party": "KE", "cycle": 5}).content.decode()


def test_it_names_the_facts_and_their_coded_values_in_the_readers_language(personas):
    """Facts recorded beside an action (a rejection's reason, the languages chosen, a case's
    status, the kind of entry edited in the admin, the fields it changed) are named in French
    on a French page, and their codes are shown as words."""
    facts = {
        "report.publication_rejected": {"request": 3, "reason": "Section II incomplète"},
        "report.languages_chosen": {"before": ["en"], "after": ["en", "fr"]},
        "report.submitted": {"revision": 4},
        "indicator.compliance_case_changed": {"status": "addressed"},
        "admin.changed": {
            "model": "parties.Party",
            "changes": {"region": {"old": "AFR", "new": "WEOG"}},
        },
    }
    for action, detail in facts.items():
        AuditEntry.objects.create(action=action, party="KE", target="KE", detail=detail)
    html = signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "lang": "fr"})
    details = [_detail(t) for t in html.content.decode().split('class="audit-detail"')[1:]]
    rows = {name: value for detail in details for name, (value, *_) in detail.items()}
    assert rows["Motif du rejet"] == "Section II incomplète"
    assert rows["révision du brouillon"] == "4"
    assert "Anglais; Français" in rows.values()
    assert rows["état"] == "réglé"
    assert rows["type"] == "Partie"
    assert {"région": ["Afrique", "Europe occidentale et autres États"]} in [
        {name: change for name, change in detail.items() if name != "type"} for detail in details
    ]
    recorded = {key for detail in facts.values() for key in detail} | {"region"}
    assert recorded & rows.keys() == set()  # no fact under its recorded key
    assert not {"addressed", "parties.Party", "en; fr", "WEOG"} & set(rows.values())


def test_it_keeps_the_trail_from_party_users_and_the_public(personas, drafts):
    assert signed_in(personas.ke_nfp).get(TRAIL, {"party": "KE"}).status_code == 403
    anonymous = Client().get(TRAIL, {"party": "KE"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    nav = signed_in(personas.ke_nfp).get("/reports/").content.decode()
    assert 'href="/audit/"' not in nav
    assert 'href="/audit/"' in signed_in(personas.secretariat).get("/reports/").content.decode()


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_downloads_a_partys_trail_as_csv(personas, drafts):
    response = signed_in(personas.secretariat).get(TRAIL, {"party": "CN", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="audit-CN.csv"'
    rows = _csv(response)
    assert [r["action"] for r in rows] == [
        "report.saved",
        "report.draft_opened",
        "role.granted",
        "party.added",  # when the packaged Parties were loaded into the new database
    ]
    assert {r["user"] for r in rows[:2]} == {"cn-user"}
    assert rows[0]["party"] == "CN" and rows[0]["cycle"] == "5"
    assert '"Q007"' in rows[0]["detail"]
    assert rows[2]["cycle"] == ""  # the role is China's, in no cycle


def test_it_records_role_grants_and_revocations(personas):
    call_command("users", "grant", "ke-2", "--role", "authorized_user", "--party", "KE")
    call_command("users", "revoke", "ke-2", "--role", "authorized_user", "--party", "KE")
    rows = _csv(signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "format": "csv"}))
    assert [(r["action"], r["target"]) for r in rows[:2]] == [
        ("role.revoked", "ke-2 — authorized user (KE)"),
        ("role.granted", "ke-2 — authorized user (KE)"),
    ]
    assert not Role.objects.filter(user__username="ke-2").exists()


def test_revoking_a_role_ends_what_it_allowed(personas):
    client = signed_in(personas.ke_user)
    assert client.get("/reports/KE/5/edit/").status_code == 200
    call_command("users", "revoke", "ke-user", "--role", "authorized_user", "--party", "KE")
    assert client.get("/reports/KE/5/edit/").status_code in {403, 404}


def test_revoking_the_secretariat_role_ends_admin_access(personas):
    client = signed_in(personas.secretariat)
    assert client.get("/admin/reporting/reportingcycle/").status_code == 200
    call_command("users", "revoke", "secretariat", "--role", "secretariat")
    assert client.get("/admin/reporting/reportingcycle/").status_code == 302  # to the login
    assert client.get(TRAIL, {"party": "KE"}).status_code == 403


def test_revoking_a_role_the_user_does_not_have_is_an_error_and_changes_nothing(personas):
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match="ke-user has no focal_point role for KE"):
        call_command("users", "revoke", "ke-user", "--role", "focal_point", "--party", "KE")
    assert Role.objects.filter(user__username="ke-user").count() == 1
    assert AuditEntry.objects.count() == before


def test_it_refuses_a_weak_password_and_creates_no_user(db):
    with pytest.raises(CommandError, match="password refused: .*too short"):
        call_command("users", "grant", "weak", "--role", "secretariat", "--password", "cpb1")
    with pytest.raises(CommandError, match="too common"):
        call_command("users", "grant", "weak", "--role", "secretariat", "--password", "password1")
    assert not Role.objects.filter(user__username="weak").exists()


def test_it_records_what_a_parties_import_changed(personas, tmp_path):
    text = PACKAGED_CSV.read_text(encoding="utf-8")
    # names come from CLDR: the change here is the regional group
    changed = text.replace("KE,KEN,Kenya,肯尼亚,Africa", "KE,KEN,Kenya,肯尼亚,Asia and the Pacific")
    assert changed != text
    (tmp_path / "parties.csv").write_text(changed, encoding="utf-8")
    call_command("parties", "import", str(tmp_path / "parties.csv"), "--as-of", "2026-01-01")
    rows = _csv(signed_in(personas.secretariat).get(TRAIL, {"party": "KE", "format": "csv"}))
    assert rows[0]["action"] == "party.changed"
    assert '"region"' in rows[0]["detail"] and '"APAC"' in rows[0]["detail"]
    assert '"old"' in rows[0]["detail"] and '"AFR"' in rows[0]["detail"]
    assert not AuditEntry.objects.filter(action="party.changed", party="CN").exists()
    assert AuditEntry.objects.filter(action="parties.imported", detail__as_of="2026-01-01")


def test_it_names_a_partys_fields_and_their_choices_in_words(personas, tmp_path):
    text = PACKAGED_CSV.read_text(encoding="utf-8")
    changed = text.replace("KE,KEN,Kenya,肯尼亚,Africa", "KE,KEN,Kenya,肯尼亚,Asia and the Pacific")
    (tmp_path / "parties.csv").write_text(changed, encoding="utf-8")
    call_command("parties", "import", str(tmp_path / "parties.csv"), "--as-of", "2026-01-01")
    html = signed_in(personas.secretariat).get(TRAIL, {"party": "KE"}).content.decode()
    tables = html.split('class="audit-detail"')[1:]
    change, added = _detail(tables[0]), _detail(tables[-1])  # newest first
    assert change == {"region": ["Africa", "Asia and the Pacific"]}
    assert added["Cartagena Protocol on Biosafety: status"] == ["—", "Party"]
    assert added["Nagoya – Kuala Lumpur Supplementary Protocol: status"] == ["—", "not a Party"]
    assert "CP.status" not in html and ">not_party<" not in html


def _detail(table: str) -> dict[str, list[str]]:
    """An entry's detail table: each row's name, its before and after."""
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("</table>", 1)[0], re.S)[1:]
    cells = (
        [" ".join(c.split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    )
    return {row[0]: row[1:] for row in cells}


def test_it_records_admin_edits_with_who_and_old_and_new_values(personas):
    client = signed_in(personas.secretariat)
    cycle = ReportingCycle.objects.get(number=5)
    response = client.post(
        f"/admin/reporting/reportingcycle/{cycle.pk}/change/",
        {
            "number": 5,
            "schema": cycle.schema,
            "period_start": cycle.period_start.isoformat(),
            "period_end": cycle.period_end.isoformat(),
            "deadline": "2026-06-30",
            "is_open": "on",
            "note": cycle.note,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.changed")
    assert entry.user == personas.secretariat
    assert entry.detail["changes"] == {
        "deadline": {"old": cycle.deadline.isoformat(), "new": "2026-06-30"}
    }


def test_it_files_admin_edits_of_a_party_under_that_party(personas):
    superuser = personas.secretariat
    superuser.is_superuser = True
    superuser.save()
    client = signed_in(superuser)
    kenya = personas.kenya
    page = client.get(f"/admin/parties/party/{kenya.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"region": "WEOG", "name": '{"en": "Kenya", "zh": "肯尼亚"}'})
    for key, value in _inline_management(page).items():
        data[key] = value
    response = client.post(f"/admin/parties/party/{kenya.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rows = _csv(client.get(TRAIL, {"party": "KE", "format": "csv"}))
    assert rows[0]["action"] == "admin.changed" and rows[0]["user"] == "secretariat"
    assert '"region": {"new": "WEOG", "old": "AFR"}' in rows[0]["detail"]


def _inline_management(page) -> dict[str, str]:
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(formset.formset.initial_forms)),
                f"{prefix}-INITIAL_FORMS": str(management.initial["INITIAL_FORMS"]),
            }
        )
        for n, inline in enumerate(formset.formset.initial_forms):
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if value is not None:
                    data[f"{prefix}-{n}-{name}"] = str(getattr(value, "pk", value))
            data[f"{prefix}-{n}-id"] = str(inline.instance.pk)
            data[f"{prefix}-{n}-party"] = str(inline.instance.party_id)
    return data


def test_it_records_a_password_changed_in_the_admin_without_the_password(personas):
    superuser = personas.secretariat
    superuser.is_superuser = True
    superuser.save()
    client = signed_in(superuser)
    secret = "Another-Biosafety-2030"
    response = client.post(
        f"/admin/auth/user/{personas.ke_nfp.pk}/password/",
        {"password1": secret, "password2": secret, "usable_password": "true"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.password_changed")
    assert (entry.user, entry.target) == (superuser, "ke-nfp")
    assert not AuditEntry.objects.filter(detail__icontains=secret).exists()
    personas.ke_nfp.refresh_from_db()
    assert personas.ke_nfp.check_password(secret)


def test_the_trail_page_speaks_chinese(personas, drafts):
    client = signed_in(personas.secretariat)
    page = client.get(TRAIL, {"party": "KE", "cycle": 5}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert "审计记录" in html and "下载 CSV" in html and "操作人" in html
