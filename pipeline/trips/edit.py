"""Editing a tourist on a trip, and keeping the trip's papers and the client file in step.

A tourist on a trip is the client (one record), but a clerk may need a trip's papers to say
something else (a name as on a new ticket, a corrected date) without touching the client
file. Such values live on the trip place (``TripTourist.details``) and every change is in
the client's history. Each side offers the other: editing on a trip asks whether the client
file changes too; editing the client asks whether the trips that say otherwise follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.clients.edit import edit_batch
from pipeline.clients.find import client_record
from pipeline.store.history import plain
from pipeline.store.models import Change, Client, ImportBatch, Trip, TripTourist
from pipeline.trips.trip import find_trip

PERSON_FIELDS = (
    "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date", "citizenship",
)  # fmt: skip


#: what belongs to the trip place itself, not to the person: the ticket, the room, the notes
PLACE_FIELDS = ("ticket_number", "room", "notes")


class NotOnTrip(LookupError):
    """The client is not a tourist on that trip."""


@dataclass
class TripCopy:
    voucher: str
    field: str
    trip_value: Any
    client_value: Any
    trip_id: int = 0


def _link(session: Session, voucher: str, client_id: int) -> tuple[Trip, TripTourist]:
    trip = find_trip(session, voucher)
    link = session.scalar(select(TripTourist).where(TripTourist.trip_id == trip.id, TripTourist.client_id == client_id))
    if link is None:
        raise NotOnTrip(f"client {client_id} is not on trip {voucher} (see: tourdesk trips show {voucher})")
    return trip, link


def edit_on_trip(
    session: Session, voucher: str, client_id: int, values: dict[str, Any], batch: ImportBatch | None = None
) -> list[tuple[str, Any, Any]]:
    """Change what trip ``voucher``'s papers say for the client; the client file stays as it is.

    ``batch`` joins the change to the rest of a clerk's command (see ``edit_batch``).
    """
    trip, link = _link(session, voucher, client_id)
    client = session.get(Client, client_id)
    details = dict(link.details or {})
    changed = []
    for field, value in values.items():
        if field in PLACE_FIELDS:
            old = getattr(link, field)
            setattr(link, field, value)
        else:
            old = details.get(field, plain(getattr(client, field)))
            details[field] = plain(value)
        if old != plain(value):
            changed.append((field, old, plain(value)))
    # a value equal to the client file's is no difference worth keeping
    link.details = {k: v for k, v in details.items() if v != plain(getattr(client, k))} or None
    if changed:
        batch = batch or edit_batch(session, f"trips edit: trip {trip.voucher}, client {client_id}")
        _history(session, batch, client_id, [(trip, f, old, new) for f, old, new in changed])
    return changed


def trip_copies(session: Session, client_id: int, fields: list[str] | None = None) -> list[TripCopy]:
    """Where the client's trips say something else than the client file."""
    client = session.get(Client, client_id)
    rows = session.execute(
        select(Trip.voucher, TripTourist.details, Trip.id)
        .join(Trip, Trip.id == TripTourist.trip_id)
        .where(TripTourist.client_id == client_id)
    ).all()
    return [
        TripCopy(voucher, f, v, plain(getattr(client, f)), trip_id)
        for voucher, details, trip_id in rows
        for f, v in (details or {}).items()
        if fields is None or f in fields
    ]


def align_trips(
    session: Session, client_id: int, fields: list[str], batch: ImportBatch | None = None
) -> list[TripCopy]:
    """Make the client's trips say what the client file says for ``fields``."""
    copies = trip_copies(session, client_id, fields)
    links = session.scalars(select(TripTourist).where(TripTourist.client_id == client_id)).all()
    for link in links:
        if link.details:
            link.details = {k: v for k, v in link.details.items() if k not in fields} or None
    if copies:
        batch = batch or edit_batch(session, f"trips aligned with client {client_id}")
        trips = {t.id: t for t in session.scalars(select(Trip).where(Trip.id.in_({c.trip_id for c in copies})))}
        _history(session, batch, client_id, [(trips[c.trip_id], c.field, c.trip_value, c.client_value) for c in copies])
    return copies


def apply_trip_details(record: dict[str, Any], details: dict[str, Any] | None) -> dict[str, Any]:
    """A client's canonical record as this trip's papers have it."""
    if details:
        record.update({k: v for k, v in details.items() if k in PERSON_FIELDS})
    return record


def trip_record(link: TripTourist) -> dict[str, Any]:
    """The tourist of a trip place as a canonical record, with what the trip's papers say."""
    return apply_trip_details(client_record(link.client, link.ticket_number), link.details)


def _history(session: Session, batch: ImportBatch, client_id: int, rows: list[tuple[Trip, str, Any, Any]]) -> None:
    # ref says which trip place and field, for undo; the field is what a person reads
    if rows:
        session.execute(
            insert(Change),
            [dict(client_id=client_id, batch_id=batch.id, action="trip", field=f"trip {t.voucher}: {f}"[:40],
                  old_value=None if o is None else str(o), new_value=None if n is None else str(n),
                  source="trips edit", ref=f"{t.id}:{f}") for t, f, o, n in rows],
        )  # fmt: skip
