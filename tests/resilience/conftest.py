"""Fixtures for the fault, load, fan-out and security tests.

The Prefect harness is the session-wide one from ``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.resilience.helpers import write_list

BIG = 30_000  # about 3 s of merge on SQLite, more on PostgreSQL here: room to be killed in


@pytest.fixture(scope="session")
def big_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded list of BIG tourists: its merge takes seconds, long enough to be killed in."""
    path = tmp_path_factory.mktemp("lists") / "big.csv"
    write_list(path, BIG)
    return path
