"""A past trip's tourists as canonical records, for copying them onto a new trip."""

from __future__ import annotations

from typing import Any

from pipeline.store.db import session_scope
from pipeline.trips.edit import trip_record
from pipeline.trips.trip import TripNotFound, find_trip, trip_links
from pipeline.types import CannotRead


def trip_records(voucher: str, db_url: str | None = None) -> list[dict[str, Any]]:
    """Every tourist of the trip ``voucher``, in the trip's order, with their current documents."""
    try:
        with session_scope(db_url) as session:
            trip = find_trip(session, voucher)
            links = trip_links(session, trip)
            return [trip_record(link) for link in links]
    except TripNotFound as exc:
        raise CannotRead(str(exc).strip("'\"")) from None
