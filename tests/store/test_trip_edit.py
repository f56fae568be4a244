"""Editing a tourist on a trip offers to change the client file, and the reverse."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli import cli
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client
from pipeline.trips.edit import trip_copies
from tests.conftest import EXAMPLES


def _run(*args, db, input=None, code=0):
    result = CliRunner().invoke(cli, [*args, "--db", db], input=input, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.stdout


def _trip(db):
    _run("trips", "create", "--from", str(EXAMPLES / "trip.yaml"), db=db)
    _run("import", str(EXAMPLES / "group_booking.csv"), "--trip", "PAR-2027-0312", db=db, code=3)
    with session_scope(db) as s:
        return s.scalar(select(Client.id).where(Client.surname_lat == "SMIRNOVA"))


def test_trip_only_edit_leaves_the_client_file(db_url):
    client = _trip(db_url)
    out = _run("trips", "edit", "PAR-2027-0312", str(client), "--name-lat", "YULIYA", "--trip-only", db=db_url)
    assert "name_lat IULIIA -> YULIYA" in out and "client file is unchanged" in out
    with session_scope(db_url) as s:
        assert s.get(Client, client).name_lat == "IULIIA"
        assert [(c.voucher, c.field, c.trip_value) for c in trip_copies(s, client)] == [("PAR-2027-0312", "name_lat", "YULIYA")]
        assert s.scalar(select(Change.old_value).where(Change.field == "trip PAR-2027-0312: name_lat")) == "IULIIA"
    # the trip's forms say what the trip's papers say
    from pipeline.forms.visa import load_group

    group = load_group("PAR-2027-0312", [client], db_url=db_url)
    assert group.people[0]["name_lat"] == "YULIYA"


def test_trip_edit_can_change_the_client_file_too(db_url):
    client = _trip(db_url)
    out = _run("trips", "edit", "PAR-2027-0312", str(client), "--birth-date", "16.03.1985", "--also-client", db=db_url)
    assert "the client file says so too" in out
    with session_scope(db_url) as s:
        assert s.get(Client, client).birth_date.isoformat() == "1985-03-16"
        assert trip_copies(s, client) == []


def test_client_edit_offers_to_align_the_trips(db_url):
    client = _trip(db_url)
    _run("trips", "edit", "PAR-2027-0312", str(client), "--name-lat", "YULIYA", "--trip-only", db=db_url)
    kept = _run("clients", "edit", str(client), "--name-lat", "JULIA", "--client-only", db=db_url)
    assert "trip PAR-2027-0312 says name_lat is YULIYA" in kept and "keep their own values" in kept
    aligned = _run("clients", "edit", str(client), "--name-lat", "IULIIA", "--also-trips", db=db_url)
    assert "the trips now follow the client file" in aligned
    with session_scope(db_url) as s:
        assert trip_copies(s, client) == [] and s.get(Client, client).name_lat == "IULIIA"


def _last_batch(db):
    from pipeline.store.models import ImportBatch

    with session_scope(db) as s:
        batch = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        return batch.id, batch.kind


def _trip_state(db, client):
    from pipeline.store.models import Trip, TripTourist

    with session_scope(db) as s:
        link = s.scalar(
            select(TripTourist).join(Trip, Trip.id == TripTourist.trip_id)
            .where(Trip.voucher == "PAR-2027-0312", TripTourist.client_id == client)
        )  # fmt: skip
        c = s.get(Client, client)
        return link.details, link.ticket_number, c.name_lat, c.birth_date.isoformat()


def test_a_trip_edit_is_one_batch_and_undo_puts_the_papers_back(db_url):
    client = _trip(db_url)
    before = _trip_state(db_url, client)
    _run("trips", "edit", "PAR-2027-0312", str(client), "--name-lat", "YULIYA", "--ticket", "555-2123456799",
         "--trip-only", db=db_url)  # fmt: skip
    batch, kind = _last_batch(db_url)
    assert kind == "edit"
    assert _trip_state(db_url, client)[:2] == ({"name_lat": "YULIYA"}, "5552123456799")
    out = _run("batches", "undo", str(batch), db=db_url)
    assert "2 values restored" in out
    assert _trip_state(db_url, client) == before


def test_undo_of_trip_and_client_edit_together(db_url):
    client = _trip(db_url)
    before = _trip_state(db_url, client)
    _run("trips", "edit", "PAR-2027-0312", str(client), "--birth-date", "16.03.1985", "--also-client", db=db_url)
    batch, _ = _last_batch(db_url)
    assert _trip_state(db_url, client)[3] == "1985-03-16"
    _run("batches", "undo", str(batch), db=db_url)
    assert _trip_state(db_url, client) == before


def test_undo_of_aligning_the_trips_brings_the_trip_value_back(db_url):
    client = _trip(db_url)
    _run("trips", "edit", "PAR-2027-0312", str(client), "--name-lat", "YULIYA", "--trip-only", db=db_url)
    kept = _trip_state(db_url, client)
    _run("clients", "edit", str(client), "--name-lat", "JULIA", "--also-trips", db=db_url)
    assert _trip_state(db_url, client)[:3] == (None, "5552123456784", "JULIA")
    batch, _ = _last_batch(db_url)
    _run("batches", "undo", str(batch), db=db_url)
    assert _trip_state(db_url, client) == kept


def test_an_edit_that_changes_nothing_leaves_no_batch(db_url):
    client = _trip(db_url)
    before = _last_batch(db_url)
    _run("trips", "edit", "PAR-2027-0312", str(client), "--name-lat", "IULIIA", "--trip-only", db=db_url)
    _run("clients", "edit", str(client), "--name-lat", "IULIIA", db=db_url)
    assert _last_batch(db_url) == before
