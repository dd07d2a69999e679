"""Sign-in: lockout after repeated failures (per account and per address), API Basic auth."""

from __future__ import annotations

import base64

import pytest
from django.test import Client, override_settings

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft

PASSWORD = "Biosafety-2030-ok"
LOGIN = "/accounts/login/"


@pytest.fixture
def kenya_nfp(db):
    return grant_role(
        "ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password=PASSWORD
    ).user


def sign_in(client: Client, username: str, password: str, address: str) -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code


def signed_in_as(client: Client) -> str | None:
    response = client.get("/reports/")
    user = response.context["user"]
    return user.get_username() if user.is_authenticated else None


def test_it_locks_an_account_at_the_address_of_five_failed_sign_ins_only(kenya_nfp):
    statuses = [sign_in(Client(), "ke-nfp", "wrong", "10.0.0.1") for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    client = Client()
    response = client.post(
        LOGIN, {"username": "ke-nfp", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    assert signed_in_as(client) is None
    owner = Client()  # the owner, elsewhere, is not locked out by someone else's guesses
    assert sign_in(owner, "ke-nfp", PASSWORD, "10.9.9.9") == 302
    assert signed_in_as(owner) == "ke-nfp"


def test_wrong_passwords_from_many_addresses_do_not_lock_a_known_account(kenya_nfp):
    statuses = [sign_in(Client(), "ke-nfp", "wrong", f"10.0.0.{n}") for n in range(8)]
    assert statuses == [200] * 8
    assert sign_in(Client(), "ke-nfp", PASSWORD, "10.9.9.9") == 302


def test_it_locks_an_address_after_five_failed_sign_ins_for_any_accounts(kenya_nfp):
    statuses = [sign_in(Client(), f"someone-{n}", "wrong", "10.0.0.7") for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    blocked = Client()
    assert sign_in(blocked, "ke-nfp", PASSWORD, "10.0.0.7") == 429
    assert signed_in_as(blocked) is None
    elsewhere = Client()
    assert sign_in(elsewhere, "ke-nfp", PASSWORD, "10.0.0.8") == 302
    assert signed_in_as(elsewhere) == "ke-nfp"


def test_it_lets_four_failures_pass_and_a_success_resets_the_count(kenya_nfp):
    for _ in range(4):
        sign_in(Client(), "ke-nfp", "wrong", "10.0.1.1")
    assert sign_in(Client(), "ke-nfp", PASSWORD, "10.0.2.2") == 302
    for _ in range(4):
        sign_in(Client(), "ke-nfp", "wrong", "10.0.3.3")
    client = Client()
    assert sign_in(client, "ke-nfp", PASSWORD, "10.0.4.4") == 302
    assert signed_in_as(client) == "ke-nfp"


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture
def kenya_draft(kenya_nfp):
    return open_draft(Party.objects.get(iso2="KE"), ReportingCycle.objects.get(number=5), user=None)


def test_it_refuses_http_basic_auth_on_the_api_by_default(kenya_nfp, kenya_draft):
    response = Client().get("/api/v1/drafts/KE/5/", HTTP_AUTHORIZATION=_basic("ke-nfp", PASSWORD))
    assert response.status_code in {401, 403}
    assert "draft" not in response.json()


BASIC_AUTH_PROBE = """
from django.test import Client, override_settings
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft
kenya = Party.objects.get(iso2="KE")
grant_role("ke-nfp", "focal_point", party=kenya, password="%s")
open_draft(kenya, ReportingCycle.objects.get(number=5), user=None)
good = Client(HTTP_HOST="localhost").get("/api/v1/drafts/KE/5/", HTTP_AUTHORIZATION="%s")
bad = Client(HTTP_HOST="localhost").get("/api/v1/drafts/KE/5/", HTTP_AUTHORIZATION="%s")
print(good.status_code, good.json().get("party"), bad.status_code)
"""


def test_it_accepts_http_basic_auth_when_configured(run_cpbtracker):
    probe = BASIC_AUTH_PROBE % (PASSWORD, _basic("ke-nfp", PASSWORD), _basic("ke-nfp", "no"))
    assert run_cpbtracker("migrate", "-v0").returncode == 0
    configured = run_cpbtracker("shell", "-v0", "-c", probe, env={"API_BASIC_AUTH": "1"})
    assert configured.stdout.split() == ["200", "KE", "403"], configured.stderr
    default = run_cpbtracker("shell", "-v0", "-c", probe)
    assert default.stdout.split()[0] == "403", default.stderr


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_it_counts_the_clients_address_not_the_proxys(kenya_nfp):
    def via_proxy(client: Client, username: str, password: str, forwarded: str) -> int:
        response = client.post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        return response.status_code

    # the client forges the first entry; the proxy appends the address it saw
    statuses = [via_proxy(Client(), f"x-{n}", "no", f"1.1.1.{n}, 192.0.2.9") for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    other_client = Client()
    assert via_proxy(other_client, "ke-nfp", PASSWORD, "198.51.100.4") == 302
    assert signed_in_as(other_client) == "ke-nfp"
