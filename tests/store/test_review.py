"""Resolving the review queue, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli.review import review
from pipeline.clients.review import ReviewError, item_view, resolve
from pipeline.clients.undo import undo_batch
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client, Document, ReviewItem, TripTourist
from pipeline.trips.trip import save_trip
from tests.store.helpers import IVANOV, counts, merge, row, snapshot
from tests.store.test_clients_cli import FEDOROVA


def _resolve(url, item_id, decision, client_id=None):
    with session_scope(url) as s:
        return resolve(s, item_id, decision, client_id)


def _items(url):
    with session_scope(url) as s:
        return [(i.id, i.kind, i.status, i.client_id) for i in s.scalars(select(ReviewItem).order_by(ReviewItem.id))]


def test_one_conflict_item_per_row_accept_applies_every_field_with_history(db_url):
    merge(db_url, [row(1, **IVANOV)])
    other = IVANOV | {"birth_date": "1978-05-15", "citizenship": "KAZ"}
    merge(db_url, [row(5, **other)], source="partner.csv")
    ((item, kind, _, cid),) = _items(db_url)  # one item for the row, not one per field
    assert kind == "conflict"
    with session_scope(db_url) as s:
        view = item_view(s, s.get(ReviewItem, item))
    assert view["differences"] == {"birth_date": ["1978-05-14", "1978-05-15"], "citizenship": ["RUS", "KAZ"]}
    assert view["client_ids"] == [cid] and view["decisions"] == ["accept", "keep"]
    decision = _resolve(db_url, item, "accept")
    assert decision.outcome == "birth_date set to '1978-05-15' (was '1978-05-14'); citizenship set to 'KAZ' (was 'RUS')"
    with session_scope(db_url) as s:
        c = s.get(Client, cid)
        assert (c.birth_date.isoformat(), c.citizenship) == ("1978-05-15", "KAZ")
        ch = s.scalars(select(Change).where(Change.field == "birth_date")).one()
        assert (ch.old_value, ch.new_value, ch.source, ch.source_row) == ("1978-05-14", "1978-05-15", "partner.csv", 5)
    with pytest.raises(ReviewError, match="already resolved"):
        _resolve(db_url, item, "accept")


def test_a_kept_value_is_not_asked_about_again(db_url):
    merge(db_url, [row(1, **IVANOV)])
    merge(db_url, [row(5, **(IVANOV | {"birth_date": "1978-05-15"}))], source="partner.csv")
    ((item, *_),) = _items(db_url)
    assert _resolve(db_url, item, "keep").outcome == "kept birth_date '1978-05-14'"
    merge(db_url, [row(5, **(IVANOV | {"birth_date": "1978-05-15"}))], source="partner.csv")  # the same list again
    assert len(_items(db_url)) == 1


def test_legacy_possible_match_merge_or_new_client_keeps_the_trip_place(db_url):
    """Items of this kind were made by earlier versions; a store may still hold them."""
    from pipeline.store.merge import merge_rows
    from pipeline.trips.trip import find_trip

    with session_scope(db_url) as s:
        trip_id = save_trip(s, {"voucher": "RMI-0505", "country": "ITA"}).id
    merge(db_url, [row(1, **IVANOV)])
    no_birth = {"surname_lat": "IVANOV", "name_lat": "SERGEI", "patronymic_ru": "Петрович"}
    with session_scope(db_url) as s:
        report = merge_rows(s, [], source="rome.xlsx", sha256="5" * 64, trip=find_trip(s, "RMI-0505"))
        proposed = s.scalars(select(Client.id)).one()
        for n in (2, 3):
            s.add(ReviewItem(kind="possible_match", client_id=proposed, batch_id=report.batch_id, source="rome.xlsx",
                             source_row=n, incoming={**row(n, **no_birth).record, "derived": []},
                             reason="clients 1 have this name"))  # fmt: skip
    (first, kind, _, _), (second, *_) = _items(db_url)
    assert kind == "possible_match"
    with pytest.raises(ReviewError, match="takes: merge or new"):
        _resolve(db_url, first, "accept")
    assert _resolve(db_url, first, "merge").client_id == proposed
    made = _resolve(db_url, second, "new")
    assert made.client_id != proposed
    with session_scope(db_url) as s:
        places = sorted(s.scalars(select(TripTourist.client_id).where(TripTourist.trip_id == trip_id)))
        assert places == sorted([proposed, made.client_id])


def _duplicate(url) -> tuple[int, int, int]:
    """Two records of Fedorova: one from a Cyrillic list without passport, one from passports."""
    merge(url, [row(1, **FEDOROVA)])
    merge(url, [row(1, surname_ru="Федорова", name_ru="Алена", patronymic_ru="Игоревна", birth_date="1990-07-20",
                    internal_series="4510", internal_number="123456")])  # fmt: skip
    with session_scope(url) as s:
        a, b = sorted(s.scalars(select(Client.id)))
        assert s.scalars(select(ReviewItem)).all() == []  # another birth date: the model does not ask
        item = ReviewItem(kind="duplicate", client_id=a, other_client_id=b, pair_key=f"{a}:{b}", score=0.93,
                          reason="same name, birth dates one digit apart")  # fmt: skip
        s.add(item)
        s.flush()
        return item.id, a, b


def test_duplicate_merge_folds_the_other_client_in_and_undo_restores_it(db_url):
    item_id, a, b = _duplicate(db_url)
    before = snapshot(db_url)
    decision = _resolve(db_url, item_id, "merge")
    assert decision.outcome == f"client {b} merged into client {a}"
    with session_scope(db_url) as s:
        kept = s.get(Client, a)
        assert s.get(Client, b) is None
        assert kept.patronymic_ru == "Игоревна" and kept.birth_date.isoformat() == "1990-07-02"
        assert sorted(d.number for d in s.scalars(select(Document).where(Document.client_id == a))) == [
            "123456", "2345678"]  # fmt: skip
        batch = s.scalars(select(Change.batch_id).where(Change.action == "absorb")).one()
    with session_scope(db_url) as s:
        undo_batch(s, batch)
    assert snapshot(db_url) == before


def test_duplicate_reject_and_the_cli(db_url):
    item_id, a, b = _duplicate(db_url)
    listed = CliRunner().invoke(review, ["list", "--db", db_url])
    assert f"clients {a} and {b} score 0.93" in listed.stdout
    result = CliRunner().invoke(review, ["resolve", str(item_id), "reject", "--db", db_url])
    assert result.exit_code == 0 and "not the same person" in result.stdout
    assert _items(db_url)[0][2] == "rejected" and counts(db_url)["clients"] == 2
    again = CliRunner().invoke(review, ["resolve", str(item_id), "merge", "--db", db_url])
    assert again.exit_code == 1 and "already rejected" in again.stderr
