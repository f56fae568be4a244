"""Undoing an import batch and splitting off one wrong merge, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.clients.undo import UndoRefused, undo_batch, unmerge
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client, ImportBatch, ReviewItem, TripTourist
from pipeline.trips.trip import save_trip
from tests.store.helpers import IVANOV, counts, merge, row, snapshot
from tests.store.people import people

NEW_PASSPORT = {"passport_series": "77", "passport_number": "7654321", "passport_expiry": "2036-01-10"}


def _trip(url: str, voucher: str = "IST-0415") -> None:
    with session_scope(url) as s:
        save_trip(s, {"voucher": voucher, "country": "TUR", "arrival": "2027-04-15"})


def _merge_on_trip(url: str, rows, voucher: str = "IST-0415", **kw):
    from pipeline.store.merge import merge_rows
    from pipeline.trips.trip import find_trip

    with session_scope(url) as s:
        return merge_rows(s, rows, source=kw.pop("source", "group.xlsx"), sha256="1" * 64,
                          trip=find_trip(s, voucher), **kw)  # fmt: skip


def _undo(url: str, batch: int, **kw):
    with session_scope(url) as s:
        return undo_batch(s, batch, **kw)


def test_undo_restores_everything_a_batch_did(db_url):
    _trip(db_url)
    group = people(6)
    merge(db_url, [row(1, **IVANOV), *group[:3]])
    before = snapshot(db_url)
    renewed = IVANOV | NEW_PASSPORT | {"patronymic_ru": None}
    contradicting = IVANOV | {"birth_date": "1978-05-15"}
    gap_filler = dict(group[0].record, patronymic_ru="Андреевич", citizenship=None)
    rows = [row(1, **renewed), row(2, **contradicting), row(3, **gap_filler), *group[3:]]
    report = _merge_on_trip(db_url, rows)
    assert [o.action for o in report.outcomes] == ["merged", "merged", "merged", "new", "new", "new"]
    assert counts(db_url)["review_queue"] == 1  # the other birth date waits for a person

    result = _undo(db_url, report.batch_id)

    assert snapshot(db_url) == before
    assert (result.clients_removed, result.documents_removed, result.trip_places_removed) == (3, 1, 2)
    assert result.reviews_closed == 1
    with session_scope(db_url) as s:
        batch = s.get(ImportBatch, report.batch_id)
        assert batch.status == "undone" and batch.undone_by == result.undo_batch
        assert s.get(ImportBatch, result.undo_batch).kind == "undo"
        assert s.scalars(select(ReviewItem.status)).all() == ["closed"]
        undo_rows = s.scalars(select(Change).where(Change.batch_id == result.undo_batch)).all()
        assert {c.action for c in undo_rows} == {"undo"}
        restored = {(c.field, c.old_value, c.new_value) for c in undo_rows}
        assert ("patronymic_ru", "Андреевич", None) in restored
        assert ("foreign_passport", "777654321", "751234567") in restored


def test_undo_twice_is_refused(db_url):
    report = merge(db_url, [row(1, **IVANOV)])
    _undo(db_url, report.batch_id)
    with pytest.raises(UndoRefused, match="already undone"):
        _undo(db_url, report.batch_id)
    with pytest.raises(UndoRefused, match="no batch 999"):
        _undo(db_url, 999)


def test_later_batch_on_the_same_clients_refuses_unless_forced(db_url):
    empty = snapshot(db_url)
    first = merge(db_url, [row(1, **(IVANOV | {"citizenship": None}))], source="monday.xlsx")
    after_first = snapshot(db_url)
    second = merge(db_url, [row(4, **IVANOV)], source="tuesday.xlsx")  # fills citizenship
    unrelated = merge(db_url, people(2), source="wednesday.xlsx")
    with pytest.raises(UndoRefused, match=rf"batch {second.batch_id} \(tuesday.xlsx"):
        _undo(db_url, first.batch_id)
    assert counts(db_url)["clients"] == 3  # refused means untouched

    # the later batch alone may go
    _undo(db_url, second.batch_id)
    with session_scope(db_url) as s:
        assert s.scalar(select(Client.citizenship).where(Client.surname_lat == "IVANOV")) is None
    merge(db_url, [row(4, **IVANOV)], source="tuesday.xlsx")
    result = _undo(db_url, first.batch_id, force=True)
    assert len(result.batches) == 2 and unrelated.batch_id not in result.batches
    assert counts(db_url)["clients"] == 2  # wednesday's two stay
    assert after_first != empty


def test_unmerge_splits_a_wrong_merge_into_its_own_client(db_url):
    _trip(db_url)
    father = IVANOV | {"passport_series": None, "passport_number": None}
    merge(db_url, [row(1, **father)])
    before = snapshot(db_url)
    # the son: same name and birth date typed wrongly in the partner's list, so it merged
    son = father | {"patronymic_ru": None, "gender": None} | NEW_PASSPORT
    report = _merge_on_trip(db_url, [row(3, **son)], source="partner.xlsx")
    assert report.outcomes[0].action == "merged"
    client_id = report.outcomes[0].client_id
    with session_scope(db_url) as s:
        result = unmerge(s, client_id, report.batch_id)
    with session_scope(db_url) as s:
        original = s.get(Client, client_id)
        assert [d.number for d in original.documents] == []  # the son's passport left with him
        split = s.get(Client, result.new_client)
        assert [d.number for d in split.documents] == ["7654321"]
        places = s.execute(select(TripTourist.client_id)).scalars().all()
        assert places == [split.id]
    after = snapshot(db_url)
    assert [r for r in after["clients"] if r[0] == client_id] == [r for r in before["clients"] if r[0] == client_id]


def test_unmerge_of_a_created_client_points_to_import_undo(db_url):
    report = merge(db_url, [row(1, **IVANOV)])
    with pytest.raises(UndoRefused, match="tourdesk import undo"), session_scope(db_url) as s:
        unmerge(s, report.outcomes[0].client_id, report.batch_id)
