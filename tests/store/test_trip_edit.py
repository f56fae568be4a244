"""Editing a tourist on a trip offers to change the client file, and the reverse."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli import cli
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client
from pipeline.trip_edit import trip_copies
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
    from pipeline.visa import load_group

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
