"""A client, trip or batch number is never given out twice, and what hangs on a removed client
goes with them; an existing store moves over keeping every number. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from click.testing import CliRunner
from sqlalchemy import func, select

from pipeline.cli import cli
from pipeline.clients.edit import add_client, drop_if_empty, edit_batch
from pipeline.clients.undo import undo_batch
from pipeline.crm.consent import record_consent
from pipeline.crm.contacts import add_contact
from pipeline.crm.models import Consent, Contact
from pipeline.store.db import MIGRATIONS, dispose_engine, session_scope
from pipeline.store.models import Change, Client, Document, ImportBatch, ReviewItem, Trip
from pipeline.trips.trip import create_trip, find_trip, trip_values
from tests.store.helpers import merge
from tests.store.people import people


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_after_an_undone_import_of_four_the_next_client_is_new_with_an_empty_history(db_url):
    merge(db_url, people(2, seed=3))
    group = people(4, seed=5)
    report = merge(db_url, group)
    four = [o.client_id for o in report.outcomes]
    with session_scope(db_url) as s:
        # what the desk hangs on one of them meanwhile: a contact, a consent, a review item, an edit
        record_consent(s, four[0], "advertising", True, dt.date(2026, 11, 1), "signed form")
        add_contact(s, four[0], "email", "anna@example.com")
        s.add(ReviewItem(kind="flag", client_id=four[1], reason="passport expires before the trip"))
    _cli(db_url, "clients", "edit", str(four[2]), "--name-lat", "ALEKSANDR")
    with session_scope(db_url) as s:
        undo_batch(s, report.batch_id, force=True)
    out = _cli(db_url, "clients", "add", "--surname-ru", "Цой", "--name-ru", "Виктор", "--birth-date", "21.06.1962")
    new_id = int(out.split()[1])
    assert new_id > max(four)
    shown = _cli(db_url, "clients", "show", str(new_id), "--history")
    assert "Цой" in shown and not any(p.record["surname_lat"] in shown for p in group)
    with session_scope(db_url) as s:
        assert [c.action for c in s.scalars(select(Change).where(Change.client_id == new_id))] == ["create"]
        for model, column in ((Change, Change.client_id), (ReviewItem, ReviewItem.client_id),
                              (Consent, Consent.client_id), (Contact, Contact.client_id)):  # fmt: skip
            assert s.scalar(select(func.count()).select_from(model).where(column.in_(four))) == 0, model
    # an import after that gives new numbers too
    again = merge(db_url, people(3, seed=9))
    assert min(o.client_id for o in again.outcomes) > new_id


def test_trip_and_batch_numbers_are_never_given_twice(db_url):
    with session_scope(db_url) as s:
        first = create_trip(s, "ROM-0101", trip_values({"country": "ITA"})).id
    batch = _last_batch(db_url)
    with session_scope(db_url) as s:
        undo_batch(s, batch)
    with session_scope(db_url) as s:
        assert s.scalar(select(Trip.id).where(Trip.voucher == "ROM-0101")) is None
        second = create_trip(s, "ROM-0101", trip_values({"country": "ITA"})).id
    assert second > first
    with session_scope(db_url) as s:
        empty = edit_batch(s, "an edit that changed nothing")
        dropped = empty.id
        drop_if_empty(s, empty)
    with session_scope(db_url) as s:
        assert s.get(ImportBatch, dropped) is None
        assert edit_batch(s, "the next one").id > dropped


def test_an_existing_store_moves_over_keeping_every_number(db_url):
    """A store written before revision 0010: client 5 was created, undone (its history and review
    item stayed behind), and its number went to a new person; client 7 was created and undone."""
    engine = sa.create_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        _old_store(conn)
    engine.dispose()

    with session_scope(db_url) as s:  # opening it migrates it
        assert sorted(s.scalars(select(Client.id))) == [1, 2, 3, 5]
        assert s.scalar(select(func.count()).select_from(Document)) == 4  # nothing cascaded away
        history = s.execute(select(Change.batch_id, Change.action).where(Change.client_id == 5)).all()
        assert history == [(3, "create")]  # the removed person's rows went, the new person's stayed
        assert s.scalar(select(func.count()).select_from(Change).where(Change.client_id == 7)) == 0
        assert s.scalars(select(ReviewItem.reason)).all() == ["kept: about client 2"]
        trip = find_trip(s, "PAR-0312")
        assert (trip.hotel_name, trip.hotel_address, trip.hotel_phone) == ("Mercure", "2 Place Louis Armand", "+33 1")
        assert (trip.inviting_kind, trip.inviting_name, trip.entries) == ("person", "Dupont Marie", "single")
        assert trip.destinations == ["Paris", "Lyon"] and trip.details == {"destination_state": "France"}
        assert trip.id == 4
        client = add_client(s, {"surname_lat": "TSOI", "name_lat": "VIKTOR"})
        assert client.id == 8  # above 7, the highest number the history ever named
    with session_scope(db_url) as s:
        assert create_trip(s, "NEW-1", {}).id == 5
    dispose_engine(db_url)


def _old_store(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    meta.reflect(conn)
    t = meta.tables
    now = dt.datetime(2026, 10, 1)
    person = dict(derived=[], extra={}, is_regular=True, created_at=now, updated_at=now)
    conn.execute(t["import_batches"].insert(), [
        dict(id=1, source="a.csv", sha256="", rows_total=1, rows_rejected=0, clients_new=1, clients_merged=0,
             sent_to_review=0, status="undone", kind="import", undone_by=2, started_at=now),
        dict(id=2, source="undo of batch 1", sha256="", rows_total=0, rows_rejected=0, clients_new=0,
             clients_merged=0, sent_to_review=0, status="done", kind="undo", undone_by=None, started_at=now),
        dict(id=3, source="added at the desk", sha256="", rows_total=0, rows_rejected=0, clients_new=0,
             clients_merged=0, sent_to_review=0, status="done", kind="edit", undone_by=None, started_at=now),
    ])  # fmt: skip
    conn.execute(t["clients"].insert(), [dict(id=i, surname_lat=f"PERSON{i}", **person) for i in (1, 2, 3, 5)])
    conn.execute(t["documents"].insert(), [
        dict(client_id=i, kind="foreign_passport", series="75", number=f"000000{i}", doc_key=f"F:75000000{i}",
             is_current=True, created_at=now) for i in (1, 2, 3, 5)
    ])  # fmt: skip
    change = dict(field=None, old_value=None, source="a.csv", changed_at=now)
    conn.execute(t["changes"].insert(), [
        dict(client_id=5, batch_id=1, action="create", new_value="GONE PERSON", **change),
        dict(client_id=7, batch_id=1, action="create", new_value="ALSO GONE", **change),
        dict(client_id=5, batch_id=2, action="undo", new_value="removed: created by batch 1", **change),
        dict(client_id=7, batch_id=2, action="undo", new_value="removed: created by batch 1", **change),
        dict(client_id=5, batch_id=3, action="create", new_value="NEW PERSON", **change),
    ])  # fmt: skip
    conn.execute(t["review_queue"].insert(), [
        dict(kind="conflict", client_id=5, batch_id=1, reason="about the removed person", incoming={},
             status="closed", created_at=now),
        dict(kind="flag", client_id=2, batch_id=None, reason="kept: about client 2", incoming={}, status="open",
             created_at=now),
    ])  # fmt: skip
    conn.execute(t["trips"].insert(), [dict(
        id=4, voucher="PAR-0312", created_on=dt.date(2026, 11, 20), services=[],
        details={"hotel": {"name": "Mercure", "address": "2 Place Louis Armand", "phone": "+33 1"},
                 "host": "Dupont Marie", "entries": "single", "destinations": "Paris, Lyon",
                 "destination_state": "France"},
    )])  # fmt: skip
    conn.execute(t["trip_tourists"].insert(), [dict(trip_id=4, client_id=1, position=1)])
    if conn.dialect.name == "postgresql":  # explicit numbers leave the sequences behind, as restores do
        for table in ("clients", "trips", "import_batches"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)"))


def _last_batch(db: str) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.max(ImportBatch.id)))
