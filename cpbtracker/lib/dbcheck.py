"""`python -m cpbtracker.lib.dbcheck URL`: exit 0 when that PostgreSQL server answers.

Also :func:`recreate`, which gives the benchmarks an empty database of their own.
"""

from __future__ import annotations

import sys

import psycopg
import psycopg.sql


def _server_url(url: str) -> str:
    # The maintenance database: test and bench runs create (and drop) their own.
    return url.rsplit("/", 1)[0] + "/postgres"


def reachable(url: str) -> bool:
    try:
        psycopg.connect(_server_url(url), connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def recreate(url: str) -> None:
    """Drop and create the database named in ``url`` (only ever a throwaway one)."""
    drop(url)
    with psycopg.connect(_server_url(url), autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(_name(url)))


def drop(url: str) -> None:
    """Drop the database named in ``url`` if it exists (only ever a throwaway one)."""
    with psycopg.connect(_server_url(url), autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(_name(url)))


def _name(url: str) -> psycopg.sql.Identifier:
    return psycopg.sql.Identifier(url.rsplit("/", 1)[1].split("?")[0])


if __name__ == "__main__":
    sys.exit(0 if reachable(sys.argv[1]) else 1)
