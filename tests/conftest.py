"""Shared fixtures. Tests load only the built-in plugins, never installed ones."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from benchmarks.scratch_pg import PG_ADMIN, scratch_database

os.environ["TOURDESK_LOAD_PLUGINS"] = "none"
# No test may open the user's real client file: the default store is a throwaway one.
os.environ["TOURDESK_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='tourdesk-tests-')}/default.sqlite3"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
PG_ADMIN_URL = PG_ADMIN


def _pg_reachable() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(_plain(PG_ADMIN_URL), connect_timeout=3):
            return None
    except Exception as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_URL} ({exc.__class__.__name__})"


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty store: an SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
        yield url
        from pipeline.store.db import dispose_engine

        dispose_engine(url)
        return
    reason = _pg_reachable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: {reason}")
        pytest.skip(reason)
    with scratch_database("tourdesk_t") as url:
        yield url


@pytest.fixture
def sample_csv() -> Path:
    return EXAMPLES / "group_booking.csv"


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test harness for the whole test session: entering it costs many seconds."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the Prefect harness share one xdist worker (``--dist loadgroup``), so the
    harness, which takes many seconds to start, starts once per run rather than once per worker."""
    for item in items:
        if "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("prefect"))
