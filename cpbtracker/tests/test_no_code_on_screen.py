"""No internal code on screen: every page, in each of the six languages, on the demo data,
shows no question key (``Q008_a``), no thesaurus identifier (a GUID), no JSON and no escaped
tag (``&lt;sup&gt;``) in what a reader sees.

The pages come from the URLconf, as a sitemap would list them: each route without parameters,
and each route with parameters once, filled with one demo example of its kind. A new page is
walked without anyone adding it here; a new kind of parameter fails until it has an example.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from lxml import html

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.capacity.areas import report_areas
from cpbtracker.lib.languages import django_codes
from cpbtracker.parties.models import Party
from cpbtracker.records.models import Record
from cpbtracker.records.schemas import NATIONAL
from cpbtracker.reporting.models import ReportingCycle, ReportVersion, Schema
from cpbtracker.reporting.services import open_draft, save_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]

LANGUAGES = django_codes()

# What a reader must never see: a question key, a GUID, JSON, a tag shown as text.
CODE = re.compile(
    r"\bQ\d{3}_\w+"
    r"|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"
    r"|\{\""
    r"|</?[a-z][a-z0-9]*(\s[^<>]*)?/?>",
    re.IGNORECASE,
)

# 71 (a)'s option "Manual on risk assessment … <sup>3</sup>"
MANUAL_WITH_FOOTNOTE = "505AA0C7-CBB7-4961-9956-83588F6C1C20"

# Routes that are not pages: machine formats, form posts, downloads, Django's admin (its own
# screens), the language switch; by route name, or by path prefix for whole trees.
NOT_PAGES = {
    "reporting:download",
    "reporting:offline",
    "reporting:submit",
    "reporting:reopen",
    "reporting:languages",
    "reporting:request_publication",
    "reporting:decide_publication",
    "records:request",
    "records:publish",
    "capacity:tag",
    "evaluation:download",
    "evaluation:stored",  # a stored document, downloaded
    "evaluation:generate",
    "evaluation:publish",
    "set_language",
    "healthz",
    "api-unversioned",
}
NOT_PAGE_PREFIXES = (
    "admin/",
    "api/v1/",
    "accounts/logout/",  # a form post
    # the password reset pages answer 404 where no e-mail is configured, as in the tests
    "accounts/password_reset/",
    "accounts/reset/",
)
# Pages read as Kenya's focal point; every other page is read by the Secretariat, who sees all
# the public pages and the audit trail.
FOCAL_POINT_PAGES = {
    "reporting:edit",
    "reporting:section",
    "records:new",
    "records:edit",
    "parties:detail",  # the Party's own users see its consistency check there
}
# Query strings that open a page's fuller view.
QUERIES = {"audit:trail": "?party=KE&cycle=5", "indicators:analyzer-texts": "?cycle=5"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    parameters: tuple[str, ...]


def routes(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every route of the URLconf: its full name, its pattern and its parameters."""
    for entry in patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, pattern, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            parameters = tuple(re.findall(r"<(?:\w+:)?(\w+)>", pattern))
            yield Route(f"{namespace}{entry.name}", pattern, parameters)


def examples() -> dict[str, list[dict[str, str]]]:
    """Demo examples for each route with parameters, by route name: one of each kind (a
    published report of each format, Kenya's draft, a Kenyan record, ...)."""
    published = ReportVersion.objects.filter(status=ReportVersion.Status.SUBMITTED)
    reports = [
        published.filter(report__cycle__schema=schema).order_by("report__party__iso2")[0].report
        for schema in Schema
    ]
    report = [{"iso2": r.party.iso2, "cycle": str(r.cycle.number)} for r in reports]
    record = Record.objects.filter(government__iso2="KE", revisions__isnull=False)
    identifier = record.order_by("identifier")[0].identifier
    return {
        "reporting:detail": report,
        "reporting:print": report,
        "reporting:edit": [{"iso2": "KE", "cycle": "5"}],
        "reporting:section": [{"iso2": "KE", "cycle": "5", "section": "Article2"}],
        "plan:goal": [{"code": "A.1"}],
        "indicators:indicator": [{"code": "A.1(a)"}],
        "indicators:party": [{"iso2": "KE"}],
        # a free-text question of the 5th report, with the demo's answers
        "indicators:analyzer-texts": [{"key": "Q013"}],
        "evaluation:goal": [{"code": "A.1"}],
        "parties:detail": [{"iso2": "ke"}],
        "capacity:area": [{"value": report_areas()[0].value}],
        "records:detail": [{"identifier": identifier}],
        "records:edit": [{"identifier": identifier}],
        "records:new": [{"schema": NATIONAL[0]}],
    }


def pages() -> list[tuple[str, str]]:
    """(route name, URL) of every page."""
    samples = examples()
    found = []
    for route in routes(get_resolver().url_patterns):
        if route.name in NOT_PAGES or route.pattern.startswith(NOT_PAGE_PREFIXES):
            continue
        if route.parameters:
            assert route.name in samples, f"{route.name} needs an example to be walked"
        for values in samples.get(route.name, [{}]):
            url = "/" + route.pattern
            for parameter in route.parameters:
                url = re.sub(rf"<(?:\w+:)?{parameter}>", values[parameter], url)
            found.append((route.name, url + QUERIES.get(route.name, "")))
    return found


def visible_text(page: str) -> str:
    """What a reader sees: the text of the page without its scripts, styles and attributes."""
    tree = html.fromstring(page)
    for hidden in tree.xpath("//script | //style | //template | //head"):
        hidden.drop_tree()
    return " ".join(tree.text_content().split())


@pytest.fixture
def readers() -> dict[str, Client]:
    """Kenya's focal point, with a 5th report in draft whose audit trail has a change to a
    follow-up question and to an option with the format's markup, and the Secretariat."""
    kenya = Party.objects.get(iso2="KE")
    nfp = grant_role("walk-nfp", Role.Kind.FOCAL_POINT, party=kenya).user
    draft = open_draft(kenya, ReportingCycle.objects.get(number=5), user=nfp)
    answers: dict[str, object] = {
        "Q071": {"value": "true"},
        "Q071_a": [{"value": MANUAL_WITH_FOOTNOTE}],
    }
    saved = save_answers(draft, answers, user=nfp)
    assert saved.problems == [] and saved.dropped == frozenset()
    focal_point, secretariat = Client(), Client()
    focal_point.force_login(nfp)
    secretariat.force_login(grant_role("walk-sec", Role.Kind.SECRETARIAT, party=None).user)
    return {"focal point": focal_point, "secretariat": secretariat}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_an_internal_code(readers, language):
    shown: dict[str, list[str]] = {}
    for name, url in pages():
        reader = readers["focal point" if name in FOCAL_POINT_PAGES else "secretariat"]
        response = reader.get(f"{url}{'&' if '?' in url else '?'}lang={language}")
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content.decode())
        codes = sorted({m.group(0) for m in CODE.finditer(text)})
        if codes:
            shown[url] = codes[:5]
    assert shown == {}
