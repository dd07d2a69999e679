"""Every download link of the site comes from the export formats: no template writes one by
hand, and each link on the pages that offer downloads answers with its format's content type."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve

from cpbtracker.evaluation.models import StoredDocument
from cpbtracker.lib.exports import EXPORT_FORMATS
from cpbtracker.reporting.models import ReportVersion

PACKAGE = Path(__file__).resolve().parents[1]
LINKS_TEMPLATE = PACKAGE / "templates" / "cpbtracker" / "_download_links.html"
KEYS = "|".join(re.escape(key) for key in EXPORT_FORMATS)
# A format written into a link by hand: ?format=csv, or {% url ... 'pdf' %}.
HAND_WRITTEN = re.compile(rf"format=({KEYS})\b|{{%\s*url\s[^%]*['\"]({KEYS})['\"]")
# Routes whose address names the file: the key in the path, or a stored document's.
FILE_ROUTES = {"reporting:download", "evaluation:stored"}


def test_no_template_writes_a_download_link_by_hand():
    templates = [t for t in PACKAGE.rglob("templates/**/*.html") if t != LINKS_TEMPLATE]
    assert len(templates) > 50
    by_hand = {
        str(t.relative_to(PACKAGE)): match.group()
        for t in templates
        for match in HAND_WRITTEN.finditer(t.read_text(encoding="utf-8"))
    }
    assert by_hand == {}


def download_links(page: str) -> dict[str, str]:
    """The page's download links: href -> the key of the format it asks for."""
    found = {}
    for href in map(html.unescape, re.findall(r'<a href="([^"]+)"', page)):
        parts = urlsplit(href)
        if "format" in parse_qs(parts.query):
            found[href] = parse_qs(parts.query)["format"][0]
            continue
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        if match.view_name == "reporting:download":
            found[href] = match.kwargs["fmt"]
        elif match.view_name == "evaluation:stored":
            found[href] = StoredDocument.objects.get(pk=match.kwargs["pk"]).format
    return found


def published_report() -> str:
    version = (
        ReportVersion.objects.filter(
            status=ReportVersion.Status.SUBMITTED, report__party__iso2="KE"
        )
        .select_related("report__cycle")
        .latest("report__cycle__number")
    )
    return f"/reports/KE/{version.report.cycle.number}/"


PUBLIC_PAGES = [
    ("/indicators/?cycle=5", ["csv", "xlsx"]),
    ("/indicators/analyzer/?cycle=5", ["csv", "xlsx"]),
    ("/indicators/analyzer/texts/Q013/?cycle=5", ["csv", "xlsx"]),
    ("/records/", ["csv", "xlsx"]),
    ("/capacity/?cycle=5", ["csv", "xlsx", "json"]),
    ("/capacity/initiatives/", ["csv", "xlsx"]),
]
SECRETARIAT_PAGES = [
    ("/reports/tracker/?cycle=5", ["csv", "xlsx"]),
    ("/records/consistency/", ["csv"]),
    ("/audit/?party=KE&cycle=5", ["csv"]),
]


def assert_links_download(client: Client, url: str, expected: list[str]) -> None:
    page = client.get(url)
    assert page.status_code == 200, url
    links = download_links(page.content.decode())
    assert sorted(links.values()) == sorted(expected), url
    for href, key in links.items():
        response = client.get(href if href.startswith("/") else url.split("?")[0] + href)
        assert response.status_code == 200, href
        assert response["Content-Type"] == EXPORT_FORMATS[key].content_type, href


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), PUBLIC_PAGES)
def test_each_download_link_of_a_public_page_answers_in_its_format(
    demo_database, client, url, expected
):
    assert_links_download(client, url, expected)


@pytest.mark.django_db
def test_each_download_link_of_a_published_report_answers_in_its_format(demo_database, client):
    assert_links_download(client, published_report(), ["pdf", "xlsx", "json"])


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), SECRETARIAT_PAGES)
def test_each_download_link_of_a_secretariat_page_answers_in_its_format(
    demo_database, client, url, expected
):
    client.force_login(User.objects.get(username="secretariat"))
    assert_links_download(client, url, expected)


@pytest.mark.django_db
def test_each_evaluation_document_link_answers_in_its_format(demo_database, client):
    client.force_login(User.objects.get(username="secretariat"))
    made = client.post(
        "/evaluation/documents/generate/?cycle=5",
        {"kind": "midterm", "language": "en", "format": "csv"},
    )
    assert made.status_code == 302
    assert_links_download(client, "/evaluation/documents/?cycle=5", ["csv"])
