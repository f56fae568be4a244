"""Fixtures for the fault, load, fan-out and security tests.

The Prefect harness is the session-wide one from ``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.resilience.helpers import write_list

BIG = 30_000  # about 3 s of merge on SQLite: room to be killed in
#: PostgreSQL merges about four times slower than SQLite here (a round trip per flush), so a
#: quarter of the list leaves the same seconds to be killed or cut in, at a quarter of the wait
BIG_POSTGRES = 8_000


@pytest.fixture(scope="session")
def _lists(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("lists")
    return {n: write_list(folder / f"big-{n}.csv", n) for n in (BIG, BIG_POSTGRES)}


@pytest.fixture
def big_list(_lists: dict[int, Path], db_url: str) -> Path:
    """A seeded list whose merge takes seconds on the store under test: long enough to be killed in."""
    return _lists[BIG_POSTGRES if db_url.startswith("postgresql") else BIG]
