"""Finding trips by voucher, creation period, arrival date and tourist surname."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from pipeline.cli.trip_find import find
from pipeline.store.db import session_scope
from pipeline.store.merge import merge_rows
from pipeline.trips.search import find_trips
from pipeline.trips.trip import save_trip
from tests.store.helpers import IVANOV, row
from tests.store.test_clients_cli import FEDOROVA

TRIPS = [
    {"voucher": "PAR-0312", "country": "FRA", "arrival": "2027-03-12", "departure": "2027-03-19", "created": "2026-11-02"},
    {"voucher": "PAR-0420", "country": "FRA", "arrival": "2027-04-20", "departure": "2027-04-27", "created": "2026-11-20"},
    {"voucher": "AYT-0701", "country": "TUR", "arrival": "2027-07-01", "departure": "2027-07-11", "created": "2026-11-21"},
]  # fmt: skip


@pytest.fixture
def trips(db_url):
    with session_scope(db_url) as s:
        saved = [save_trip(s, dict(t)) for t in TRIPS]
        merge_rows(s, [row(1, **IVANOV)], source="paris.xlsx", sha256="3" * 64, trip=saved[0])
        merge_rows(s, [row(1, **FEDOROVA)], source="antalya.xlsx", sha256="4" * 64, trip=saved[2])
        merge_rows(s, [row(1, **IVANOV)], source="antalya.xlsx", sha256="4" * 64, trip=saved[2])
    return db_url


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"voucher": "par-"}, ["PAR-0420", "PAR-0312"]),
        ({"voucher": "AYT-0701"}, ["AYT-0701"]),
        ({"created_from": dt.date(2026, 11, 15), "created_to": dt.date(2026, 11, 20)}, ["PAR-0420"]),
        ({"arrival_from": dt.date(2027, 3, 12), "arrival_to": dt.date(2027, 3, 12)}, ["PAR-0312"]),
        ({"surname": "иванов"}, ["AYT-0701", "PAR-0312"]),
        ({"surname": "Федорова"}, ["AYT-0701"]),
        ({"surname": "ivanov", "voucher": "PAR"}, ["PAR-0312"]),
        ({"surname": "Петров"}, []),
    ],
)
def test_find_trips(trips, criteria, expected):
    with session_scope(trips) as s:
        assert [t.voucher for t in find_trips(s, **criteria)] == expected


def test_trips_find_command(trips):
    result = CliRunner().invoke(find, ["--surname", "Фёдорова", "--db", trips])
    assert result.exit_code == 0 and "AYT-0701" in result.stdout and "2 tourists" in result.stdout
    by_day = CliRunner().invoke(find, ["--arrival", "12.03.2027", "--db", trips])
    assert "PAR-0312" in by_day.stdout and "PAR-0420" not in by_day.stdout
    assert CliRunner().invoke(find, ["--db", trips]).exit_code == 2
