"""Every page is sent with a Content-Security-Policy that forbids inline script and style, and
no page relies on what the policy blocks (inline scripts, style attributes, event handlers)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft

PUBLIC_PAGES = [
    "/plan/",
    "/plan/A.1/",
    "/plan/indicators/A.1(a)/",
    "/parties/",
    "/parties/cn/",
    "/reports/",
    "/reports/KE/4/",
    "/indicators/",
    "/indicators/analyzer/",
    "/indicators/parties/KE/",
    "/accounts/login/",
]
FOCAL_POINT_PAGES = ["/reports/KE/5/edit/", "/reports/KE/5/edit/Article2/", "/reports/KE/5/submit/"]
SECRETARIAT_PAGES = ["/admin/", "/admin/reporting/reportingcycle/{cycle}/change/"]


class InlineFinder(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.blocked += [f"<{tag} {n}=...>" for n in names if n == "style" or n.startswith("on")]
        if tag == "style":
            self.blocked.append("<style> element")
        is_data = names.get("type") in {"application/json", "application/ld+json"}
        self._in_script = tag == "script" and "src" not in names and not is_data
        for name in ("href", "src", "action"):
            if (names.get(name) or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=javascript:...>")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.blocked.append("inline <script>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def blocked_by_policy(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.blocked


@pytest.fixture
def demo(demo_database, db):
    """The demo, loaded once for the module."""


def _clients() -> list[tuple[str, Client]]:
    kenya = Party.objects.get(iso2="KE")
    open_draft(kenya, ReportingCycle.objects.get(number=5), user=None)
    focal_point, secretariat = Client(), Client()
    focal_point.force_login(grant_role("csp-nfp", Role.Kind.FOCAL_POINT, party=kenya).user)
    secretariat.force_login(grant_role("csp-sec", Role.Kind.SECRETARIAT, party=None).user)
    return [
        *[(page, Client()) for page in PUBLIC_PAGES],
        *[(page, focal_point) for page in FOCAL_POINT_PAGES],
        *[
            # a cycle's admin page by its key, whatever the database's sequences gave it
            (page.format(cycle=ReportingCycle.objects.order_by("number")[0].pk), secretariat)
            for page in SECRETARIAT_PAGES
        ],
    ]


def test_it_sends_a_policy_without_inline_script_or_style_and_no_page_needs_one(demo):
    for page, client in _clients():
        response = client.get(page)
        assert response.status_code == 200, page
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, page
        assert "frame-ancestors 'none'" in policy, page
        assert blocked_by_policy(response.content.decode()) == [], page


def test_it_draws_the_indicator_chart_with_no_inline_style(demo):
    html = Client().get("/plan/indicators/A.1(a)/").content.decode()
    assert "<svg" in html and "<rect" in html
    assert blocked_by_policy(html) == []


def test_it_serves_the_api_docs_script_as_a_file_from_this_site(db):
    response = Client().get("/api/v1/docs/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert [b for b in blocked_by_policy(response.content.decode()) if "script" in b] == []
    script = Client().get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
