"""`serve`'s gunicorn command line: threaded workers, so stalled clients hold no worker."""

from __future__ import annotations

from cpbtracker.lib.serving import gunicorn_argv


def test_it_runs_threaded_workers():
    argv = gunicorn_argv(bind="127.0.0.1:8000", workers=3, timeout=60)
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--threads") + 1] == "4"
    assert argv[argv.index("--workers") + 1] == "3"
