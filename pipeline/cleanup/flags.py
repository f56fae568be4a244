"""Records a person should look at: passports that run out before the trip, impossible values,
clients with nothing to tell who they are. Each check is one SQL query over the whole file."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from pipeline.store.models import Client, Document, Trip, TripTourist


def expiring_passports(session: Session, today: dt.date) -> list[dict]:
    """The current foreign passport expires before the client's next trip is over."""
    nxt = (
        select(TripTourist.client_id, func.min(Trip.id).label("trip_id"))
        .join(Trip, Trip.id == TripTourist.trip_id)
        .where(func.coalesce(Trip.departure, Trip.arrival) >= today)
        .group_by(TripTourist.client_id)
        .subquery()
    )
    query = (
        select(Document.client_id, Document.expiry, Trip.voucher, Trip.id, func.coalesce(Trip.departure, Trip.arrival))
        .join(nxt, nxt.c.client_id == Document.client_id)
        .join(Trip, Trip.id == nxt.c.trip_id)
        .where(Document.kind == "foreign_passport", Document.is_current.is_(True),
               Document.expiry < func.coalesce(Trip.departure, Trip.arrival))
    )  # fmt: skip
    return [
        dict(client_id=cid, pair_key=f"expiry:{cid}:{trip_id}:{expiry}",
             reason=f"client {cid}: the passport runs out on {expiry}, before the end of trip {voucher} ({end})")
        for cid, expiry, voucher, trip_id, end in session.execute(query)
    ]  # fmt: skip


def impossible_values(session: Session, today: dt.date) -> list[dict]:
    """Birth dates in the future or before 1900, passports that expired before their holder was born."""
    born_wrong = select(Client.id, Client.birth_date).where(
        or_(Client.birth_date > today, Client.birth_date < dt.date(1900, 1, 1))
    )
    out = [dict(client_id=cid, pair_key=f"birth:{cid}:{born}",
                reason=f"client {cid}: the date of birth {born} cannot be right")
           for cid, born in session.execute(born_wrong)]  # fmt: skip
    before_birth = (
        select(Client.id, Document.expiry)
        .join(Document, Document.client_id == Client.id)
        .where(and_(Document.expiry.is_not(None), Client.birth_date.is_not(None), Document.expiry <= Client.birth_date))
    )
    out += [dict(client_id=cid, pair_key=f"expiry-birth:{cid}:{exp}",
                 reason=f"client {cid}: a passport valid until {exp} ends before the client was born")
            for cid, exp in session.execute(before_birth)]  # fmt: skip
    return out


def empty_clients(session: Session) -> list[dict]:
    """No surname at all, or a name with neither birth date nor any passport."""
    has_doc = select(Document.client_id).where(Document.client_id == Client.id).exists()
    query = select(Client.id).where(
        or_(
            and_(Client.surname_lat.is_(None), Client.surname_ru.is_(None)),
            and_(Client.birth_date.is_(None), ~has_doc),
        )
    )
    return [dict(client_id=cid, pair_key=f"empty:{cid}",
                 reason=f"client {cid} has too little on file to tell who it is (no surname, or no date of "
                        "birth and no passport)")
            for cid in session.scalars(query)]  # fmt: skip
