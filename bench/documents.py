"""`python bench/documents.py`: the time and peak memory of each evaluation document, per format
and language, on the demo (targets: PDF <= 15 s and <= 300 MB, on an unloaded 2-core machine).

The demo is loaded into a throwaway SQLite database and frozen in a snapshot; each document is
then made by `cpbtracker evaluation report` in a fresh process, as the Secretariat's request
makes it, and measured from outside: wall-clock time, CPU time (user + system, what the
document costs when the machine is shared) and the process's peak resident memory. The load
average is printed too: on a shared machine the wall-clock time grows with it, the CPU time
does not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cpbtracker.lib.languages import content_keys

# Always a throwaway data directory: the benchmark must never touch a real database.
os.environ["CPBTRACKER_DATA_DIR"] = tempfile.mkdtemp(prefix="cpbtracker-bench-")
os.environ.pop("DATABASE_URL", None)
ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = content_keys()
# every language for the paper formats; the tables once in a left-to-right and a right-to-left
# language (their size does not depend on the language): the run stays within a few minutes
RUNS = [
    *((fmt, language) for fmt in ("pdf", "docx") for language in LANGUAGES),
    *((fmt, language) for fmt in ("html", "xlsx", "csv") for language in ("en", "ar")),
]
TARGETS = {"pdf": (15.0, 300.0)}


def cpbtracker(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "cpbtracker.cli", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def measure(*args: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one `cpbtracker` run, which must succeed."""
    started = time.perf_counter()
    process = cpbtracker(*args)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"cpbtracker {' '.join(args)} failed: {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: KB


def main() -> int:
    for setup in (("migrate", "--no-input"), ("demo", "load")):
        measure(*setup)
    measure("evaluation", "snapshot", "--cycle", "5", "--label", "bench")
    out = Path(os.environ["CPBTRACKER_DATA_DIR"])
    sys.stdout.write(f"evaluation documents of the demo (load average {os.getloadavg()[0]:.1f})\n")
    sys.stdout.write("format language    wall s   CPU s  peak MB   size KB\n")
    for fmt, language in RUNS:
        path = out / f"document-{language}.{fmt}"
        wall, cpu, peak = measure(
            "evaluation", "report", "--cycle", "5", "--snapshot", "bench", "--kind", "midterm",
            "--language", language, "--format", fmt, "--output", str(path),
        )  # fmt: skip
        seconds, megabytes = TARGETS.get(fmt, (None, None))
        verdict = ""
        if seconds is not None and megabytes is not None:
            verdict = "ok" if cpu <= seconds and peak <= megabytes else "OVER TARGET"
        sys.stdout.write(
            f"{fmt:6} {language:8} {wall:8.1f} {cpu:7.1f} {peak:8.0f} "
            f"{path.stat().st_size / 1024:9.0f}  {verdict}\n"
        )
    sys.stdout.write(f"load average at the end: {os.getloadavg()[0]:.1f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
