"""`python -m cpbtracker.lib.dbcheck URL`: exit 0 when that PostgreSQL server answers."""

from __future__ import annotations

import sys

import psycopg


def reachable(url: str) -> bool:
    # Connect to the maintenance database: the test run creates (and drops) its own.
    server_url = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(server_url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


if __name__ == "__main__":
    sys.exit(0 if reachable(sys.argv[1]) else 1)
