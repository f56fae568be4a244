"""Running ``tourdesk`` as a real process, watching it, and checking the store afterwards."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from pipeline.store.db import dispose_engine, engine_for, session_scope
from pipeline.store.models import Change, Client, Document, ImportBatch

ROOT = Path(__file__).resolve().parents[2]
#: the advisory lock ``serialize_writers`` takes: held from the start of a merge to its commit
MERGE_LOCK = 7410001


def write_list(path: Path, n: int, seed: int = 7) -> Path:
    from benchmarks.generate import write_csv

    write_csv(path, n, seed=seed)
    return path


def tourdesk(*args: str, quiet: bool = False, **kw) -> subprocess.Popen:
    """``tourdesk ARGS`` in its own process, as a desk would start it.

    ``quiet`` discards standard output, for a process the test does not read until it ends:
    a full pipe would stop it mid-run.
    """
    env = {**os.environ, "TOURDESK_LOAD_PLUGINS": "none", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def run_tourdesk(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    proc = tourdesk(*args)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def prepare_store(url: str) -> None:
    """Create and migrate the store here, so the child's only write is its merge."""
    engine_for(url)
    dispose_engine(url)


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def merge_in_progress(url: str) -> bool:
    """Whether some process holds the store's writer lock (is inside a merge transaction)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1], timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True  # "database is locked": the writer is in its transaction
        else:
            conn.execute("ROLLBACK")
            return False
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(_plain(url), connect_timeout=5) as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            (MERGE_LOCK,),
        ).fetchone()
    return bool(held and held[0])


def wait_until(check: Callable[[], bool], proc: subprocess.Popen | None, timeout: float = 120) -> None:
    """Poll ``check`` until true; fail early when the process ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the process ended (status {proc.returncode}) first: {proc.stderr.read()}")
        time.sleep(0.02)
    raise AssertionError(f"not reached within {timeout} s")


def kill_inside_merge(proc: subprocess.Popen, url: str, after: float) -> None:
    """SIGKILL ``proc`` ``after`` seconds into its merge, checking it is still inside it."""
    wait_until(lambda: merge_in_progress(url), proc)
    time.sleep(after)
    # The migration check also takes SQLite's write lock for a moment; a lock still held
    # ``after`` seconds later is the merge's transaction.
    assert merge_in_progress(url), "the merge ended before the kill: use a longer list"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL


def store_state(url: str) -> dict[str, int]:
    with session_scope(url) as s:
        return {
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)),
            "clients": s.scalar(select(func.count()).select_from(Client)),
            "documents": s.scalar(select(func.count()).select_from(Document)),
            "changes": s.scalar(select(func.count()).select_from(Change)),
        }


def assert_consistent(url: str) -> dict[str, int]:
    """Every batch whole or absent, no client twice; returns the table counts."""
    with session_scope(url) as s:
        batches = s.scalars(select(ImportBatch)).all()
        for b in batches:
            created = s.scalar(
                select(func.count()).where(Change.batch_id == b.id, Change.action == "create")
            )
            assert created == b.clients_new, f"batch {b.id}: {created} clients created, {b.clients_new} recorded"
        assert s.scalar(select(func.count()).select_from(Client)) == sum(b.clients_new for b in batches)
        orphans = s.scalar(
            select(func.count()).where(Change.batch_id.is_not(None), Change.batch_id.not_in(select(ImportBatch.id)))
        )
        assert orphans == 0, "history rows of a batch that is not there"
        twice = s.execute(
            select(Document.doc_key).group_by(Document.doc_key).having(func.count() > 1)
        ).all()
        assert not twice, "a passport on two documents"
        # different patronymics (with different passports) are two people who happen to share
        # a name and a birthday: in 30,000 generated Russians a few such pairs are expected
        people = s.scalar(
            select(func.count()).select_from(
                select(Client.surname_key, Client.name_key, Client.birth_date, func.lower(Client.patronymic_ru))
                .distinct()
                .subquery()
            )
        )
        clients = s.scalar(select(func.count()).select_from(Client))
        assert people == clients, "the same person (name, patronymic and birth date) is two clients"
    return store_state(url)


def free_port() -> int:
    """A local port nobody listens on (bound and released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
