"""Purchases: a trip bought by a client, with amount and margin (the reports' raw material)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.errors import CrmInputError
from pipeline.crm.managers import manager_id
from pipeline.crm.models import INCIDENT_KINDS, Incident, Purchase
from pipeline.store.models import Trip


def record_purchase(session: Session, client_id: int, trip_id: int | None, amount: Decimal | float,
                    margin: Decimal | float, bought_on: dt.date | None = None, paid: Decimal | float | None = None,
                    manager: str | None = None) -> Purchase:  # fmt: skip
    """Record (or update) the client's purchase of a trip; the date defaults to the trip's creation."""
    get_client(session, client_id)
    trip = session.get(Trip, trip_id) if trip_id is not None else None
    if trip_id is not None and trip is None:
        raise CrmInputError(f"there is no trip {trip_id}")
    if float(amount) < 0:
        raise CrmInputError("the amount of a purchase cannot be negative (record a return instead)")
    row = None
    if trip_id is not None:
        row = session.scalar(select(Purchase).where(Purchase.client_id == client_id, Purchase.trip_id == trip_id))
    if row is None:
        row = Purchase(client_id=client_id, trip_id=trip_id)
        session.add(row)
    row.bought_on = bought_on or (trip.created_on if trip else dt.date.today())
    row.amount, row.margin = amount, margin
    row.paid = amount if paid is None else paid
    row.destination = trip.country if trip else None
    row.manager_id = manager_id(session, manager)
    session.flush()
    return row


def record_incident(session: Session, client_id: int, kind: str, category: str, occurred_on: dt.date, *,
                    product: str | None = None, staff: str | None = None, sale: str | None = None,
                    trip_id: int | None = None, refunded: float = 0, manager: str | None = None) -> Incident:  # fmt: skip
    """A refusal, return or complaint with the short form: what they disliked about the product
    or service, about the staff, and at the moment of sale; ``category`` is the reason's class."""
    if kind not in INCIDENT_KINDS:
        raise CrmInputError(f"unknown kind {kind!r}; use one of: {', '.join(INCIDENT_KINDS)}")
    if not category.strip():
        raise CrmInputError("give the reason's category (price, hotel, flight, staff, ...)")
    get_client(session, client_id)
    row = Incident(client_id=client_id, kind=kind, category=category.strip().lower(), occurred_on=occurred_on,
                   disliked_product=product, disliked_staff=staff, disliked_sale=sale, trip_id=trip_id,
                   refunded=refunded, manager_id=manager_id(session, manager))  # fmt: skip
    session.add(row)
    session.flush()
    return row
