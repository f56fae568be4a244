"""The fan-out flows on a local Dask cluster of two worker processes give what a serial run gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.load import write_groups
from flows.batch import worker_may_fork
from pipeline.store.db import dispose_engine, session_scope
from pipeline.store.models import Client, Document, ImportBatch, TripTourist
from pipeline.trips.trip import save_trip

pytestmark = [pytest.mark.flows, pytest.mark.slow]

VOUCHER = "DSK-0501"


def _store(tmp: Path, name: str) -> str:
    url = f"sqlite:///{tmp / name}"
    with session_scope(url) as s:
        save_trip(s, {"voucher": VOUCHER, "country": "ITA", "arrival": "2027-05-01", "departure": "2027-05-08"})
    return url


def _snapshot(url: str) -> dict:
    with session_scope(url) as s:
        people = set(
            s.execute(
                select(Document.doc_key, Client.surname_key, Client.name_key, Client.birth_date, Client.surname_lat)
                .join(Client)
            ).all()
        )
        return {
            "people": people,
            "clients": s.scalar(select(func.count()).select_from(Client)),
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)),
            "on_trip": s.scalar(select(func.count()).select_from(TripTourist)),
            "new": s.scalar(select(func.sum(ImportBatch.clients_new))),
        }


def _run(flow_, runner, url: str, monkeypatch, **params):
    monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
    try:
        return flow_.with_options(task_runner=runner)(**params)
    finally:
        dispose_engine(url)


def test_import_and_forms_on_dask_match_the_serial_run(prefect_harness, tmp_path, monkeypatch):
    from distributed import LocalCluster

    files = [str(p) for p in write_groups(tmp_path, pool=160)]  # 7 overlapping lists of 40
    serial_url, dask_url = _store(tmp_path, "serial.sqlite3"), _store(tmp_path, "dask.sqlite3")
    # The worker processes take the store's URL from the environment they start with, as
    # workers on other machines do: so the cluster starts once it is set.
    monkeypatch.setenv("TOURDESK_DATABASE_URL", dask_url)
    with worker_may_fork():
        cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    try:
        _compare(files, serial_url, dask_url, cluster.scheduler_address, tmp_path, monkeypatch)
    finally:
        cluster.close()


def _compare(files: list[str], serial_url: str, dask_url: str, address: str, tmp_path: Path, monkeypatch) -> None:
    from docx import Document as Docx
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from flows.batch import import_many_files, render_forms_in_chunks

    serial, on_dask = ThreadPoolTaskRunner(max_workers=1), DaskTaskRunner(address=address)
    params = dict(paths=files, trip_voucher=VOUCHER, chunk_size=4)
    a = _run(import_many_files, serial, serial_url, monkeypatch, **params)
    b = _run(import_many_files, on_dask, dask_url, monkeypatch, **params)
    assert a == b and a["files"] == 7 and a["rows"] == 7 * 40
    assert _snapshot(serial_url) == _snapshot(dask_url)

    out_a, out_b = tmp_path / "forms-serial", tmp_path / "forms-dask"
    fa = _run(render_forms_in_chunks, serial, serial_url, monkeypatch,
              trip_voucher=VOUCHER, out_dir=str(out_a), chunk_size=50)  # fmt: skip
    fb = _run(render_forms_in_chunks, on_dask, dask_url, monkeypatch,
              trip_voucher=VOUCHER, out_dir=str(out_b), chunk_size=50)  # fmt: skip
    assert fa == fb and fa["chunks"] > 1 and fa["documents"] == fa["tourists"] == a["new"]
    names_a = sorted(p.name for p in (out_a / VOUCHER).iterdir())
    names_b = sorted(p.name for p in (out_b / VOUCHER).iterdir())
    assert names_a == names_b and len(names_a) == fa["documents"]  # no chunk folder left, no name lost
    for name in names_a[:: max(1, len(names_a) // 10)]:
        assert Docx(str(out_b / VOUCHER / name)).tables, name
