"""Throwaway PostgreSQL databases for tests and benchmarks: created empty, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

#: the server's maintenance database; scratch databases are created beside it
PG_ADMIN = os.environ.get("TOURDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _driver_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def create(prefix: str) -> str:
    """A new empty database; its SQLAlchemy URL. Raises when the server cannot be reached."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_driver_url(PG_ADMIN), autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop(url: str) -> None:
    """Close the pooled connections to ``url`` and drop its database."""
    import psycopg

    from pipeline.store.db import dispose_engine

    dispose_engine(url)
    with psycopg.connect(_driver_url(PG_ADMIN), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    url = create(prefix)
    try:
        yield url
    finally:
        drop(url)
