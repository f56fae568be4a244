"""Running ``tourdesk`` against a real store, and a trip with tourists on it, for trip tests."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import select

from pipeline.cli import cli
from pipeline.record import RowResult
from pipeline.store.db import session_scope
from pipeline.store.merge import merge_rows
from pipeline.store.models import ImportBatch
from pipeline.trips.trip import create_trip, find_trip, trip_values

TRIP = {
    "title": "Париж — Брюссель, весенние каникулы", "country": "FRA", "arrival": "2027-03-12",
    "departure": "2027-03-19",
    "hotel": {"name": "Mercure Paris Gare de Lyon", "address": "2 Place Louis Armand, 75012 Paris",
              "phone": "+33 1 43 44 84 84"},
    "entries": "single", "purpose": "tourism", "destinations": ["Paris", "Brussels"],
    "destination_state": "France",
}  # fmt: skip


def run(db: str, *args: str, code: int | None = 0, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, [*args, "--db", db], input=input)
    assert "Traceback" not in result.output, result.output
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def make_trip(db: str, voucher: str = "PAR-0312", rows: list[RowResult] | None = None, **fields: Any) -> list[int]:
    """A trip ``voucher`` (the fields of ``TRIP``, then ``fields``) with ``rows`` imported onto it;
    returns the client numbers in the trip's order."""
    with session_scope(db) as s:
        create_trip(s, voucher, trip_values({**TRIP, **fields}))
    if not rows:
        return []
    with session_scope(db) as s:
        report = merge_rows(s, rows, source="group.xlsx", sha256="2" * 64, trip=find_trip(s, voucher))
        return [o.client_id for o in report.outcomes]


def last_batch(db: str) -> ImportBatch:
    with session_scope(db) as s:
        return s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
