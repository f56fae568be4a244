"""A list too big to hold at once merges chunk by chunk into one batch: whole or absent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from benchmarks.generate import write_csv
from pipeline.importing.run import import_source
from pipeline.store.db import session_scope
from pipeline.store.models import Client, ImportBatch
from pipeline.types import Source


@pytest.fixture
def small_chunks(monkeypatch):
    import plugins.importers.delimited as delimited

    monkeypatch.setattr(delimited, "STREAM_ABOVE_BYTES", 1)
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 100)


def test_three_chunks_one_batch(db_url, tmp_path, small_chunks):
    path = tmp_path / "big.csv"
    write_csv(path, 350, seed=11)
    result = import_source(Source.from_path(path), db_url=db_url)
    assert result.total == 350 and [r.source_row for r in result.rows][-1] == 350
    with session_scope(db_url) as s:
        batches = s.scalars(select(ImportBatch)).all()
        assert len(batches) == 1 and batches[0].rows_total == 350
        assert batches[0].clients_new == s.scalar(select(func.count()).select_from(Client))
        assert batches[0].clients_new + batches[0].clients_merged + batches[0].rows_rejected >= 340


def test_failure_in_a_late_chunk_leaves_nothing(db_url, tmp_path, small_chunks, monkeypatch):
    from pipeline.importing import run as merge_module

    path = tmp_path / "big.csv"
    write_csv(path, 350, seed=12)
    original, calls = merge_module.merge_rows, []

    def fails_on_third_chunk(session, rows, **kw):
        calls.append(len(rows))
        if len(calls) == 3:
            raise OSError("disk gone")
        return original(session, rows, **kw)

    monkeypatch.setattr(merge_module, "merge_rows", fails_on_third_chunk)
    with pytest.raises(OSError):
        import_source(Source.from_path(path), db_url=db_url)
    assert len(calls) == 3
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
