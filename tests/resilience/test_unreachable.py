"""The store unreachable, or cut off in the middle of a merge: one clear line, and a retry.

A restart of the shared PostgreSQL server would disturb other work, so a local TCP proxy
stands in for the network between desk and server, and the test cuts it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.resilience.helpers import (
    assert_consistent,
    free_port,
    merge_in_progress,
    prepare_store,
    run_tourdesk,
    store_state,
    tourdesk,
    wait_until,
)
from tests.resilience.proxy import CuttableProxy

ONLY_POSTGRES = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


def _closed_url() -> str:
    return f"postgresql+psycopg://tourdesk@127.0.0.1:{free_port()}/tourdesk"


@pytest.mark.parametrize(
    "args",
    [
        ("import", "{sample}"),
        ("clients", "find", "ivanov"),
        ("forms", "render", "--trip", "X-1", "--form", "schengen-en", "--out", "{tmp}"),
    ],
    ids=["import", "clients-find", "forms-render"],
)
def test_closed_port_gives_one_line_and_status_1(args, sample_csv, tmp_path):
    argv = [a.format(sample=sample_csv, tmp=tmp_path) for a in args]
    done = run_tourdesk(*argv, "--db", _closed_url(), timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tourdesk: "), done.stderr
    assert "127.0.0.1" in lines[0]  # the clerk can tell IT which server it was


@pytest.mark.slow
@ONLY_POSTGRES
def test_connection_cut_mid_merge_rolls_back_and_rerun_completes(db_url, big_list):
    prepare_store(db_url)
    proxy = CuttableProxy(make_url(db_url).port or 5432).start()
    via_proxy = proxy.url(db_url)
    proc = tourdesk("import", str(big_list), "--db", via_proxy)
    wait_until(lambda: merge_in_progress(db_url), proc)
    time.sleep(0.3)
    proxy.cut()
    _, stderr = proc.communicate(timeout=120)
    # The server sees the client gone and rolls the transaction back.
    wait_until(lambda: not merge_in_progress(db_url), proc=None, timeout=30)
    assert store_state(db_url)["batches"] == 0

    proxy.start()
    try:
        rerun = run_tourdesk("import", str(big_list), "--db", via_proxy)
    finally:
        proxy.cut()
    assert rerun.returncode in (0, 3), rerun.stderr
    assert assert_consistent(db_url)["batches"] == 1

    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


# -- the Prefect task's retry condition ---------------------------------------------------


def _decision(exc: BaseException) -> bool:
    from prefect.states import Failed

    from flows._retry import only_io_errors

    return only_io_errors(None, None, Failed(data=exc))


def test_retry_condition_retries_store_and_disk_failures_only():
    from pipeline.store.db import StoreUnavailable
    from pipeline.types import CannotRead

    assert _decision(StoreUnavailable("cannot open the client store"))
    assert _decision(OSError(28, "No space left on device"))
    assert not _decision(ValueError("unknown conflict policy"))
    assert not _decision(CannotRead("empty file"))


@ONLY_POSTGRES
def test_connection_lost_between_runs_is_retried(db_url, sample_csv, monkeypatch):
    """A pooled connection cut (the server restarted) fails the next task; the retry must follow."""
    from flows.import_group_booking import import_file

    with CuttableProxy(make_url(db_url).port or 5432) as proxy:
        url = proxy.url(db_url)
        monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
        import_file.fn(str(sample_csv), None, "review")  # the engine and its pool now exist
        proxy.cut()
        with pytest.raises(Exception) as failure:
            import_file.fn(str(sample_csv), None, "review")
    from pipeline.store.db import dispose_engine

    dispose_engine(url)
    assert _decision(failure.value), f"{type(failure.value).__name__} after a lost connection is not retried"


@pytest.mark.flows
@ONLY_POSTGRES
def test_flow_retries_when_the_store_comes_back_and_not_on_bad_input(
    prefect_harness, db_url, sample_csv, monkeypatch
):
    from prefect import flow

    from flows._retry import only_io_errors
    from flows.import_group_booking import import_file
    from pipeline.store.db import dispose_engine

    proxy = CuttableProxy(make_url(db_url).port or 5432)  # not started: the server is "down"
    url = proxy.url(db_url)
    monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
    decisions: list[bool] = []

    def decide_then_restore(task: Any, task_run: Any, state: Any) -> bool:
        # The server "comes back" as Prefect decides to retry, so the test needs no timing.
        decisions.append(only_io_errors(task, task_run, state))
        if proxy._listener is None:
            proxy.start()
        return decisions[-1]

    quick = import_file.with_options(retries=1, retry_delay_seconds=0, retry_condition_fn=decide_then_restore)

    @flow
    def one_file(path: str, on_conflict: str = "review") -> dict:
        return quick(path, None, on_conflict)

    try:
        result = one_file(str(sample_csv))
        assert decisions == [True] and result["new"] == 24

        decisions.clear()
        with pytest.raises(ValueError):
            one_file(str(sample_csv), on_conflict="sometimes")  # bad input: failing again will not help
        assert decisions == [False]
    finally:
        proxy.cut()
        dispose_engine(url)
