"""Every route of the URLconf probed with hostile input: no server error.

The routes come from the URLconf itself (a new route is probed without anyone listing it), and
the query parameters from what each view reads on a plain request (recorded as it reads them).
Each path value and each query parameter in turn takes each hostile value, as the public, a
Party's user and the Secretariat. Admin routes are sampled (one model of each app): they are
Django's own views, the same for every model."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cpbtracker.records.models import Record
from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.services import reopen_report

HOSTILE = {
    "superscript two": "²",
    "NUL": "%00",
    "vertical tab": "%0B",
    "20 digits": "9" * 20,
    "5,000 digits": "9" * 5000,
    "negative": "-1",
    "empty": "",
    "parent folder": "../",
    "very long": "A" * 5000,
}
# A value that resolves for each path parameter name, so that the other parameters of the
# route are reached with it; names not listed get "x".
VALID = {
    "iso2": "KE",
    "cycle": "5",
    "code": "A",
    "section": "Article2",
    "fmt": "xlsx",
    "schema": "capacity-building-initiative",
    "value": "1",
    "rest": "parties/",
    "app_label": "reporting",
}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass
class Route:
    """One URL pattern as a template with named holes."""

    template: str  # "reports/{iso2}/{cycle}/"
    names: list[str] = field(default_factory=list)

    def url(self, values: dict[str, str]) -> str:
        return "/" + self.template.format(**values)


def _template(pattern: str) -> tuple[str, list[str]]:
    """A route or regex pattern as a format string and its parameter names."""
    names: list[str] = []
    is_regex = pattern.startswith("^") or "(?P<" in pattern

    def hole(match: re.Match[str]) -> str:
        names.append(match.group("name"))
        return "{" + match.group("name") + "}"

    if is_regex:
        text = NAMED_GROUP.sub(hole, pattern.lstrip("^").rstrip("$").replace("\\Z", ""))
        text = re.sub(r"\(\?![^)]*\)", "", text).replace("\\", "")
    else:
        text = CONVERTER.sub(hole, pattern.replace("{", "{{").replace("}", "}}"))
    return text, names


def _walk(patterns: list, prefix: str = "", names: tuple[str, ...] = ()) -> Iterator[Route]:
    for entry in patterns:
        text, own = _template(str(entry.pattern))
        if isinstance(entry, URLResolver):
            if "admin" in str(entry.urlconf_name) or prefix + text == "admin/":
                yield from _admin_sample(prefix + text)
                continue
            yield from _walk(entry.url_patterns, prefix + text, names + tuple(own))
        elif isinstance(entry, URLPattern):
            yield Route(prefix + text, [*names, *own])


def _admin_sample(prefix: str) -> Iterator[Route]:
    """The admin's own pages and every page of one model (Parties): the admin's views are
    Django's, the same for every model."""
    yield Route(prefix, [])
    yield Route(prefix + "{app_label}/", ["app_label"])
    base = f"{prefix}parties/party/"
    yield Route(base, [])
    yield Route(base + "add/", [])
    for tail in ("", "history/", "delete/", "change/"):
        yield Route(base + "{object_id}/" + tail, ["object_id"])


ROUTES = list(_walk(get_resolver().url_patterns))


def _valid_values(route: Route) -> dict[str, str]:
    values = {name: VALID.get(name, "x") for name in route.names}
    if "identifier" in values:
        record = Record.objects.order_by("pk").first()
        values["identifier"] = record.identifier if record else "x"
    if "object_id" in values:
        values["object_id"] = "1"
    return values


class ReadRecorder:
    """The query parameters views read, recorded from QueryDict's lookups."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def __enter__(self) -> ReadRecorder:
        self.saved = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__")}
        for name, original in self.saved.items():
            setattr(QueryDict, name, self._recording(original))
        return self

    def _recording(self, original):
        names = self.names

        def read(query: QueryDict, key: str, *args, **kwargs):
            names.add(key)
            return original(query, key, *args, **kwargs)

        return read

    def __exit__(self, *exc: object) -> None:
        for name, original in self.saved.items():
            setattr(QueryDict, name, original)


def _clients(personas) -> dict[str, Client]:
    clients = {"anonymous": Client(raise_request_exception=False)}
    for name in ("ke_nfp", "secretariat"):
        client = Client(raise_request_exception=False)
        client.force_login(getattr(personas, name))
        clients[name] = client
    return clients


REPORT = Path(__file__).resolve().parents[1] / "reporting" / "tests" / "assets" / "nr5-ke.json"
RECORD = Path(__file__).resolve().parents[1] / "records" / "tests" / "assets" / "biosafetyLaw.json"


@pytest.fixture
def probe_setup(personas):
    """A small site (Kenya's published 5th report and a new draft of it, one clearing-house
    record) and the three personas' clients; 4xx answers are not logged (thousands of long
    lines)."""
    call_command("reports", "import", str(REPORT), "--publish", stdout=io.StringIO())
    call_command(
        "records", "import", str(RECORD), "--published-on", "2021-03-01", stdout=io.StringIO()
    )
    reopen_report(NationalReport.objects.get(party__iso2="KE"), user=personas.secretariat)
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield _clients(personas)
    logger.setLevel(level)


@dataclass
class Probe:
    """The requests made and the server errors met."""

    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def get(self, client: Client, url: str, who: str) -> int:
        self.requests += 1
        status = client.get(url).status_code
        if status >= 500:
            self.failures.append(f"{who} GET {url[:160]} -> {status}")
        return status


def _query(name: str, value: str) -> str:
    return f"{quote(name)}={value if value.startswith('%') else quote(value)}"


def test_it_answers_every_route_with_hostile_input_without_a_server_error(probe_setup):
    probe = Probe()
    for route in ROUTES:
        valid = _valid_values(route)
        with ReadRecorder() as recorder:  # the query parameters the view reads
            answered = {
                who: probe.get(client, route.url(valid), who) for who, client in probe_setup.items()
            }
        # Sampled: hostile values go to the personas whose plain request the view answered
        # (the others are turned away before any parameter is read), else to the Secretariat.
        # Query values go to the first of them (a view reads its parameters alike for all).
        reached = [who for who, status in answered.items() if status < 300] or ["secretariat"]
        reads = sorted(recorder.names - {"lang"})
        for who in reached:
            for name in route.names:
                for value in HOSTILE.values():
                    probe.get(probe_setup[who], route.url({**valid, name: value}), who)
        for name in reads:
            for value in HOSTILE.values():
                url = route.url(valid) + "?" + _query(name, value)
                probe.get(probe_setup[reached[0]], url, reached[0])
    assert probe.requests > 1000  # the probe reached the routes (2,136 requests on 82 routes)
    assert probe.failures == []
