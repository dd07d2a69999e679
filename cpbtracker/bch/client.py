"""A polite reader of the BCH's public API: its search index and its published documents.

The shapes are those of the clearing-house API documentation (scbd/clearing-house-documentation,
`components/records/solr.md`, the documents `get` pages): ``GET /api/v2013/index`` with a Solr
``q``, ``fl``, ``sort``, ``start`` and ``rows`` answers ``{"response": {"numFound", "start",
"docs"}}``; ``GET /api/v2013/documents/{uid}`` answers the document; both with the ``Realm``
header naming the clearing-house (``BCH``).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.problems import CodedError

INDEX = "/api/v2013/index"
DOCUMENTS = "/api/v2013/documents/"
# The index fields a pull reads: who, what, and the BCH's own dates.
FIELDS = (
    "identifier_s",
    "schema_s",
    "government_s",
    "createdDate_dt",
    "updatedDate_dt",
    "submittedDate_dt",
)
# A document identifier as the documents API accepts it (its `uid` path parameter).
IDENTIFIER = re.compile(r"[A-Za-z0-9\-_]{11,128}")
RETRIED = frozenset({429, 500, 502, 503, 504})


class BchError(CodedError):
    """The BCH cannot be read: unreachable, or answering something else than its API does."""

    MESSAGES = {
        "bch.unreachable": _("cannot reach the BCH at %(url)s: %(error)s"),
        "bch.status": _("the BCH answered %(status)s to %(url)s"),
        "bch.not-json": _("the BCH answered %(url)s with something that is not JSON"),
        "bch.not-an-index": _("the BCH answered %(url)s with something that is not its index"),
        "bch.bad-identifier": _("%(identifier)r is not a BCH document identifier"),
    }


def user_agent() -> str:
    """Who is asking: the BCH's operators can tell this tool apart and reach its makers."""
    version = importlib.metadata.version("cpbtracker")
    return (
        f"cpbtracker/{version} (Cartagena Protocol Implementation Plan tracker; "
        "bch pull; https://bch.cbd.int/)"
    )


@dataclass(frozen=True)
class Listed:
    """One document as the index lists it."""

    identifier: str
    schema: str
    government: str
    updated: str  # updatedDate_dt exactly as the index wrote it
    submitted: dt.date | None

    @classmethod
    def from_index(cls, row: dict[str, Any]) -> Listed:
        submitted = row.get("submittedDate_dt") or row.get("updatedDate_dt")
        return cls(
            identifier=str(row.get("identifier_s") or ""),
            schema=str(row.get("schema_s") or ""),
            government=str(row.get("government_s") or ""),
            updated=str(row.get("updatedDate_dt") or ""),
            submitted=solr_date(submitted).date() if submitted else None,
        )


def solr_date(value: str) -> dt.datetime:
    """A Solr date (``2026-01-15T10:20:30.123Z``) as an aware datetime."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


class BchClient:
    """Every request goes through :meth:`get_json`: at most ``requests_per_second`` (0: no
    limit), each answer a time-out or a 429/5xx retried ``retries`` times after
    ``backoff_seconds`` × 2ⁿ. ``requests`` counts what was sent, retries included."""

    def __init__(
        self,
        base_url: str,
        *,
        requests_per_second: float = 5.0,
        retries: int = 3,
        backoff_seconds: float = 1.0,
        timeout_seconds: float = 30.0,
        page_size: int = 100,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.interval = 1 / requests_per_second if requests_per_second > 0 else 0.0
        self.retries = retries
        self.backoff = backoff_seconds
        self.page_size = page_size
        self.requests = 0
        self._next_at = 0.0
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout_seconds,
            headers={"User-Agent": user_agent(), "Accept": "application/json", "Realm": "BCH"},
        )

    @classmethod
    def configured(cls, base_url: str) -> BchClient:
        """A client with the settings' limits (``BCH_PULL``)."""
        config = settings.BCH_PULL
        return cls(
            base_url,
            requests_per_second=float(config["requests_per_second"]),
            retries=int(config["retries"]),
            backoff_seconds=float(config["backoff_seconds"]),
            timeout_seconds=float(config["timeout_seconds"]),
            page_size=int(config["page_size"]),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BchClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, path: str, params: dict[str, str | int] | None = None) -> Any:
        """The JSON answer of ``GET path``; :class:`BchError` once the retries are spent."""
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._wait_turn()
            self.requests += 1
            try:
                response = self._http.get(path, params=params)
            except httpx.TransportError as error:  # refused, reset, timed out, ...
                if last:
                    raise BchError(
                        "bch.unreachable", url=url, error=str(error) or type(error).__name__
                    ) from error
                self._back_off(attempt, None)
                continue
            if response.status_code in RETRIED and not last:
                self._back_off(attempt, response.headers.get("Retry-After"))
                continue
            if response.status_code != 200:
                raise BchError("bch.status", status=response.status_code, url=url)
            try:
                return response.json()
            except ValueError as error:
                raise BchError("bch.not-json", url=url) from error
        raise AssertionError("unreachable: the last attempt returns or raises")

    def list_index(self, query: str) -> Iterator[tuple[int, list[Listed]]]:
        """(numFound, page) for each page of the index's answer to ``query``, oldest update
        first, so that a pull cut short has imported a prefix of the BCH's history."""
        start = 0
        while True:
            answer = self.get_json(
                INDEX,
                {
                    "q": query,
                    "fl": ",".join(FIELDS),
                    "sort": "updatedDate_dt asc",
                    "start": start,
                    "rows": self.page_size,
                },
            )
            try:
                found = int(answer["response"]["numFound"])
                rows = [Listed.from_index(row) for row in answer["response"]["docs"]]
            except (KeyError, TypeError, ValueError) as error:
                raise BchError("bch.not-an-index", url=self.base_url + INDEX) from error
            yield found, rows
            start += len(rows)
            if not rows or start >= found:
                return

    def document(self, identifier: str) -> Any:
        """The published document ``identifier``, as the BCH front end reads it."""
        if not IDENTIFIER.fullmatch(identifier):
            raise BchError("bch.bad-identifier", identifier=identifier)
        return self.get_json(DOCUMENTS + identifier)

    def _wait_turn(self) -> None:
        now = time.monotonic()
        if self._next_at > now:
            time.sleep(self._next_at - now)
        self._next_at = max(now, self._next_at) + self.interval

    def _back_off(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * 2**attempt
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(int(retry_after), 60))
        time.sleep(delay)
