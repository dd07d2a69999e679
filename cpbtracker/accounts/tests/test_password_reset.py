"""A forgotten password is reset by e-mail where an SMTP server is configured; elsewhere the
sign-in page offers no reset link and the reset pages do not exist."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role

pytestmark = pytest.mark.django_db
PASSWORD = "Biosafety-2030-ok"
NEW_PASSWORD = "Cartagena-2030-new"


@pytest.fixture
def secretariat(db):
    user = grant_role("officer", Role.Kind.SECRETARIAT, party=None, password=PASSWORD).user
    user.email = "officer@example.org"
    user.save()
    return user


def sign_in(username: str, password: str) -> int:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code


@override_settings(EMAIL_HOST="")
def test_without_e_mail_the_sign_in_page_has_no_reset_link_and_no_reset_page(client):
    assert "/accounts/password_reset/" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/password_reset/").status_code == 404
    assert client.post("/accounts/password_reset/", {"email": "x@example.org"}).status_code == 404


@override_settings(EMAIL_HOST="smtp.example.org")
def test_with_e_mail_a_user_resets_a_forgotten_password_through_the_link(client, secretariat):
    assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password_reset/", {"email": "officer@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/accounts/reset/done/"
    assert sign_in("officer", NEW_PASSWORD) == 302
    assert sign_in("officer", PASSWORD) == 200  # the old password is refused
