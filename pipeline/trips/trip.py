"""Trips (travel packages): create them, find them, list who is on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.normalize.citizenship import citizenship
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.store.models import Client, Trip, TripTourist
from pipeline.types import CannotRead


class TripNotFound(LookupError):
    """No trip with that voucher number."""


def find_trip(session: Session, voucher: str) -> Trip:
    trip = session.scalar(select(Trip).where(Trip.voucher == voucher))
    if trip is None:
        raise TripNotFound(
            f"no trip with voucher {voucher!r}; create it with: tourdesk trips create {voucher} ..."
        )
    return trip


def trip_links(session: Session, trip: Trip) -> list[TripTourist]:
    """The tourists on ``trip`` in the trip's order, with their clients and documents loaded."""
    return list(
        session.scalars(
            select(TripTourist)
            .where(TripTourist.trip_id == trip.id)
            .order_by(TripTourist.position)
            .options(selectinload(TripTourist.client).selectinload(Client.documents))
        )
    )


def _date(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return parse_date(value, kind="expiry")
    except BadDate:
        raise CannotRead(f"the trip's {what} {value!r} is not a date") from None


def save_trip(session: Session, data: dict[str, Any]) -> Trip:
    """Create the trip, or update the one with the same voucher number."""
    voucher = str(data.get("voucher") or "").strip()
    if not voucher:
        raise CannotRead("a trip needs a voucher number")
    trip = session.scalar(select(Trip).where(Trip.voucher == voucher))
    if trip is None:
        trip = Trip(voucher=voucher)
        session.add(trip)
    country = data.get("country")
    trip.country = citizenship(str(country)) if country else None
    trip.title = data.get("title")
    trip.arrival = _date(data.get("arrival"), "arrival date")
    trip.departure = _date(data.get("departure"), "departure date")
    trip.created_on = _date(data.get("created"), "creation date") or trip.created_on or dt.date.today()
    trip.services = list(data.get("services") or [])
    trip.details = {
        k: v
        for k, v in data.items()
        if k not in {"voucher", "country", "title", "arrival", "departure", "created", "services"}
    }
    session.flush()
    return trip


def load_trip_file(path: str | Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CannotRead(f"{path}: cannot read the trip file ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise CannotRead(f"{path}: a trip file holds voucher, country, arrival, departure, services")
    return data


def trip_dict(trip: Trip) -> dict[str, Any]:
    """The trip as the forms see it (dates in ISO)."""
    return {
        "voucher": trip.voucher,
        "title": trip.title,
        "country": trip.country,
        "arrival": trip.arrival.isoformat() if trip.arrival else None,
        "departure": trip.departure.isoformat() if trip.departure else None,
        "created": trip.created_on.isoformat() if trip.created_on else None,
        "services": trip.services or [],
        **(trip.details or {}),
    }
