"""`make bench`, HTTP load: the production server under 20 concurrent clients.

Starts `cpbtracker serve` (3 workers) on 127.0.0.1 over a throwaway database with the demo
data, then, page by page, keeps 20 clients busy for a bounded time and prints p50/p95 latency
and throughput, the ratio of each page's p95 to the p95 of `/plan/` (goal: <= 3), and the peak
memory of the workers and of `reports import` of 200 documents. It prints figures and never
fails on a slow machine. Traffic goes to the loopback address only.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

CLIENTS = 20
SECONDS_PER_PAGE = float(os.environ.get("BENCH_LOAD_SECONDS", "8"))
MAX_REQUESTS_PER_PAGE = 5000  # a second bound, whatever the machine's speed
WORKERS = 3
CLI = [sys.executable, "-m", "cpbtracker.cli"]


def main() -> int:
    # Always a throwaway data directory: the benchmark must never touch a real database.
    os.environ["CPBTRACKER_DATA_DIR"] = tempfile.mkdtemp(prefix="cpbtracker-bench-load-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpbtracker.settings")
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        from cpbtracker.lib.dbcheck import recreate

        recreate(url)
    database = "postgresql" if url else "sqlite3"
    subprocess.run([*CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*CLI, "demo", "load"], env=env, check=True, stdout=subprocess.DEVNULL)
    # Before the server starts: the children's peak RSS would otherwise include its workers'.
    import_rss = _import_rss_mb(env)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(base)
        pages = _pages(base)
        cookie, opener = _login(base, "ke-nfp", "demo")
        section = _first_section(base, opener)
        pages.append(("report form section (signed in)", section, cookie))
        sys.stdout.write(
            f"HTTP load ({database}): {CLIENTS} clients, {SECONDS_PER_PAGE:.0f} s per page, "
            f"{WORKERS} workers\n"
        )
        sys.stdout.write(
            f"  {'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'p95/plan':>9}\n"
        )
        results = [(name, _load(path, cookie=c, base=base)) for name, path, c in pages]
        plan_p95 = next(r["p95"] for name, r in results if name == "/plan/")
        for name, r in results:
            ratio = r["p95"] / plan_p95 if plan_p95 else float("nan")
            errors = f"  {r['errors']} errors" if r["errors"] else ""
            sys.stdout.write(
                f"  {name:<34} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['rps']:>7.1f} "
                f"{ratio:>9.1f}{errors}\n"
            )
        worst = max(
            (r["p95"] / plan_p95, name) for name, r in results if name not in ("/plan/", "static")
        )
        verdict = "ok" if worst[0] <= 3 else "SLOWER THAN GOAL"
        sys.stdout.write(
            f"  worst data page: {worst[1]} at {worst[0]:.1f}x /plan/ p95 (goal <= 3x: {verdict})\n"
        )
        sys.stdout.write(f"  peak RSS of one worker: {_peak_worker_rss_mb(server.pid):.0f} MB\n")
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.stdout.write(f"  peak RSS of `reports import` of 200 documents: {import_rss:.0f} MB\n")
    return 0


def _pages(base: str) -> list[tuple[str, str, str | None]]:
    plan = _get(f"{base}/plan/")[1]
    css = re.search(r'href="(/static/[^"]+\.css)"', plan).group(1)
    return [
        ("static", css, None),
        ("/plan/", "/plan/", None),
        ("/indicators/", "/indicators/", None),
        ("indicator page", "/plan/indicators/A.1(a)/", None),
        ("analyzer", "/indicators/analyzer/", None),
        ("Party position", "/indicators/parties/KE/", None),
        ("/api/indicators/?cycle=5", "/api/indicators/?cycle=5", None),
        ("published report", "/reports/CN/5/", None),
    ]


def _load(path: str, *, cookie: str | None, base: str) -> dict[str, float]:
    """20 clients request ``path`` back to back for the bounded time."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + SECONDS_PER_PAGE

    def client() -> None:
        while time.perf_counter() < stop_at:
            with lock:
                if len(latencies) + errors[0] >= MAX_REQUESTS_PER_PAGE:
                    return
            started = time.perf_counter()
            try:
                status, _ = _get(base + path, cookie=cookie)
                ok = status == 200
            except OSError:
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if len(latencies) < 2:
        return {"p50": float("nan"), "p95": float("nan"), "rps": 0.0, "errors": errors[0]}
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "p50": 1000 * cuts[49],
        "p95": 1000 * cuts[94],
        "rps": len(latencies) / elapsed,
        "errors": errors[0],
    }


def _get(url: str, *, cookie: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode(errors="replace")


def _login(base: str, username: str, password: str) -> tuple[str, urllib.request.OpenerDirector]:
    """Sign in through the login form: the cookies as one Cookie header, and the browser."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _post_form(opener, f"{base}/accounts/login/", username=username, password=password)
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"could not sign in as {username}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items()), opener


def _post_form(opener: urllib.request.OpenerDirector, url: str, **fields: str) -> str:
    """GET the page for its CSRF token, then POST the form as a browser does."""
    page = opener.open(url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
    return opener.open(urllib.request.Request(url, data=data)).read().decode()


def _first_section(base: str, opener: urllib.request.OpenerDirector) -> str:
    """Kenya's demo 5th report is not started: open its draft, then take the first section."""
    page = _post_form(opener, f"{base}/reports/KE/5/edit/")
    return re.search(r'href="(/reports/KE/5/edit/[^"/]+/)"', page).group(1)


def _wait_until_up(base: str) -> None:
    for _ in range(300):
        try:
            if _get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _peak_worker_rss_mb(master: int) -> float:
    """The largest peak resident memory (VmHWM) among the server's worker processes."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks, default=float("nan"))


def _import_rss_mb(env: dict[str, str]) -> float:
    """Peak RSS of `cpbtracker reports import` of 200 synthetic NR5 documents."""
    import django

    django.setup()
    from cpbtracker.reporting.demo import demo_answers
    from cpbtracker.reporting.questionnaire import load_questionnaire

    questionnaire = load_questionnaire("cpbNationalReport5")
    rng = random.Random(3)
    listing = subprocess.run(
        [*CLI, "parties", "on", "--treaty", "CP", "--date", "2025-01-01"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Kenya's 5th report stays an unpublished draft: the load test fills in its form.
    codes = [
        line.split("\t", 1)[0]
        for line in listing.splitlines()
        if line and not line.startswith("KE\t")
    ][:200]
    documents = [
        {
            "header": {"schema": "cpbNationalReport5"},
            "government": {"identifier": code.lower()},
            "date": "2026-02-01",
            **demo_answers(questionnaire, rng, 0.7),
        }
        for code in codes
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nr5.json"
        path.write_text(json.dumps(documents))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(
            [*CLI, "reports", "import", str(path), "--publish"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


if __name__ == "__main__":
    sys.exit(main())
