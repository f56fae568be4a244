"""Finding trips by voucher, creation period, arrival date or a tourist's surname."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.clients.find import surname_matches
from pipeline.store.models import Client, Trip, TripTourist


def find_trips(
    session: Session,
    *,
    voucher: str | None = None,
    created_from: dt.date | None = None,
    created_to: dt.date | None = None,
    arrival_from: dt.date | None = None,
    arrival_to: dt.date | None = None,
    surname: str | None = None,
    limit: int = 100,
) -> list[Trip]:
    """Trips meeting every criterion given, newest arrival first.

    ``voucher`` matches the voucher's beginning in any case; a single arrival day is
    ``arrival_from == arrival_to``; ``surname`` finds trips with such a tourist (Latin or
    Cyrillic, any case, ё = е, any transliteration, beginning enough).
    """
    query = select(Trip)
    if voucher:
        query = query.where(func.upper(Trip.voucher).like(voucher.strip().upper().replace("%", r"\%") + "%",
                                                          escape="\\"))  # fmt: skip
    if created_from:
        query = query.where(Trip.created_on >= created_from)
    if created_to:
        query = query.where(Trip.created_on <= created_to)
    if arrival_from:
        query = query.where(Trip.arrival >= arrival_from)
    if arrival_to:
        query = query.where(Trip.arrival <= arrival_to)
    if surname:
        pg = session.get_bind().dialect.name == "postgresql"
        on_trip = (
            select(TripTourist.trip_id)
            .join(Client, Client.id == TripTourist.client_id)
            .where(surname_matches(surname, pg))
        )
        query = query.where(Trip.id.in_(on_trip))
    query = query.order_by(Trip.arrival.desc(), Trip.voucher).limit(limit)
    return list(session.scalars(query))
