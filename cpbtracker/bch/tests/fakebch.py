"""A fake BCH on 127.0.0.1 for the tests: a small WSGI app answering the two endpoints a pull
reads, in the shapes of the clearing-house API documentation: ``GET /api/v2013/index`` (a
Solr query of ``field:value`` clauses joined by AND, the date range ``[X TO *]`` or ``{X TO *]``,
``fl``, ``sort`` on ``updatedDate_dt``, ``start``, ``rows``) answering ``{"responseHeader",
"response": {"numFound", "start", "docs"}}``, and ``GET /api/v2013/documents/{uid}``."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cpbtracker.bch.client import solr_date

RANGE = re.compile(r"(?P<field>\w+):(?P<open>[\[{])(?P<low>\S+) TO \*\]")


@dataclass
class Published:
    """One document on the fake BCH: its body (a dict, or raw bytes) and its index fields."""

    identifier: str
    schema: str
    government: str
    body: Any
    updated: str
    submitted: str

    def index_row(self) -> dict[str, Any]:
        row = {
            "identifier_s": self.identifier,
            "schema_s": self.schema,
            "realm_ss": ["bch"],
            "createdDate_dt": self.submitted,
            "updatedDate_dt": self.updated,
            "submittedDate_dt": self.submitted,
        }
        if self.government:
            row["government_s"] = self.government
        return row


@dataclass
class FakeBch:
    documents: dict[str, Published] = field(default_factory=dict)
    # path prefix -> statuses to answer, in turn, before answering normally
    failures: dict[str, list[int]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def publish(self, body: dict[str, Any], *, updated: str, submitted: str = "") -> None:
        """Publish (or update) a document; ``submitted`` defaults to ``updated``."""
        self.documents[body["header"]["identifier"]] = Published(
            body["header"]["identifier"],
            body["header"]["schema"],
            str(body.get("government", {}).get("identifier", "")).lower(),
            body,
            updated,
            submitted or updated,
        )

    def paths(self, prefix: str) -> list[str]:
        return [r["path"] for r in self.requests if r["path"].startswith(prefix)]

    def __call__(self, environ: dict[str, Any], start: Callable) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        self.requests.append({"path": path, "headers": _headers(environ)})
        for prefix, statuses in self.failures.items():
            if path.startswith(prefix) and statuses:
                status = statuses.pop(0)
                return _answer(start, status, {"statusCode": status})
        if path == "/api/v2013/index":
            return _answer(start, 200, self.index(parse_qs(environ["QUERY_STRING"])))
        identifier = path.removeprefix("/api/v2013/documents/")
        if identifier in self.documents:
            body = self.documents[identifier].body
            return _answer(start, 200, body)
        return _answer(start, 404, {"statusCode": 404, "code": "notFound"})

    def index(self, params: dict[str, list[str]]) -> dict[str, Any]:
        rows = [d.index_row() for d in self.documents.values()]
        for clause in params["q"][0].split(" AND "):
            rows = [row for row in rows if _matches(row, clause)]
        assert params["sort"] == ["updatedDate_dt asc"]
        rows.sort(key=lambda row: solr_date(row["updatedDate_dt"]))
        start, count = int(params["start"][0]), int(params["rows"][0])
        fields = params["fl"][0].split(",")
        docs = [{k: row[k] for k in fields if k in row} for row in rows[start : start + count]]
        return {
            "responseHeader": {"status": 0},
            "response": {"numFound": len(rows), "start": start, "docs": docs},
        }

    @contextmanager
    def serving(self) -> Iterator[FakeBch]:
        server = make_server("127.0.0.1", 0, self, WSGIServer, Quiet)
        self.url = f"http://127.0.0.1:{server.server_port}"
        # polled every 10 ms for the stop (the default half second is each test's teardown)
        thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()


class Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


def _matches(row: dict[str, Any], clause: str) -> bool:
    if match := RANGE.fullmatch(clause):
        day, low = solr_date(row[match["field"]]), solr_date(match["low"])
        return day >= low if match["open"] == "[" else day > low
    name, _, wanted = clause.partition(":")
    value = row.get(name)
    return wanted in value if isinstance(value, list) else value == wanted


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    return {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")}


def _answer(start: Callable, status: int, body: Any) -> list[bytes]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    start(f"{status} {HTTPStatus(status).phrase}", [("Content-Type", "application/json")])
    return [data]
