"""`cpbtracker serve`: gunicorn serves the pages, hashed compressed static files, JSON logs."""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management import CommandError, call_command

CLI = [sys.executable, "-m", "cpbtracker.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A production server on a fresh embedded database of its own, one worker."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CPBTRACKER_DATA_DIR"] = str(tmp_path_factory.mktemp("serve-data"))
    subprocess.run([*CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    base = f"http://127.0.0.1:{free_port()}"
    log = tmp_path_factory.mktemp("serve-log") / "stdout.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*CLI, "serve", "--bind", base.removeprefix("http://"), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        # the first start collects and compresses every static file: allow two minutes
        for _ in range(600):
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_it_serves_pages_and_reports_health(server):
    base, _log = server
    status, _headers, body = get(f"{base}/healthz")
    assert (status, json.loads(body)["status"]) == (200, "ok")
    status, _headers, body = get(f"{base}/plan/")
    assert status == 200
    assert "A.1" in body.decode()


def test_it_serves_static_files_hashed_and_compressed(server):
    base, _log = server
    page = get(f"{base}/plan/")[2].decode()
    css = re.search(r'href="(/static/cpbtracker/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the stylesheet by its hashed name"
    status, headers, body = get(f"{base}{css.group(1)}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(body)


def test_it_logs_each_request_as_a_json_line(server):
    base, log = server
    get(f"{base}/plan/?cycle=5")
    time.sleep(0.5)
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [e for e in entries if e.get("path") == "/plan/" and e.get("query") == "cycle=5"]
    assert requests and requests[-1]["status"] == 200
    assert requests[-1]["method"] == "GET" and requests[-1]["duration_ms"] >= 0
    assert any(e.get("logger", "").startswith("gunicorn") for e in entries)


def test_it_refuses_a_worker_count_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("CPBTRACKER_WORKERS", "many")
    with pytest.raises(CommandError, match="CPBTRACKER_WORKERS must be a whole number"):
        call_command("serve")
