"""Who is on a trip: putting tourists on and taking them off (recorded, undoable), and the roster.

The roster is the list hotels, airlines and embassies ask for: one row per tourist in the
trip's order, with names in Latin (as in the passport) and in Cyrillic, sex, date of birth, the
foreign passport with its dates of issue and expiry, nationality, and the room or notes. It
says what the trip's papers say (a name changed for this trip only is shown so). Every value
is text: dates as 14.05.1978, a passport as 75 1234567, nothing as an empty cell.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from pipeline.clients.edit import ClientNotFound
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.store.absorb import row_of
from pipeline.store.db import serialize_writers
from pipeline.store.models import Change, Client, ImportBatch, TripTourist
from pipeline.trips.edit import NotOnTrip, trip_record
from pipeline.trips.trip import TripInfo, find_trip, info_of, trip_batch, trip_links

#: (key, heading) of each roster column, in order
ROSTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "No."),
    ("surname_lat", "Surname"),
    ("name_lat", "Given names"),
    ("surname_ru", "Фамилия"),
    ("name_ru", "Имя"),
    ("patronymic_ru", "Отчество"),
    ("sex", "Sex"),
    ("birth_date", "Date of birth"),
    ("passport", "Passport No."),
    ("passport_issued", "Date of issue"),
    ("passport_expiry", "Date of expiry"),
    ("citizenship", "Nationality"),
    ("room_notes", "Room / notes"),
)
#: where the client information keeps the passport's date of issue (``tourdesk clients info``)
ISSUE_DATE_KEYS = ("passport_issue_date", "passport_issued")
SOURCE = "trips add/remove"


@dataclass
class Placed:
    """What ``add_tourists`` did: who went on the trip, and who was on it already."""

    added: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    batch_id: int | None = None


@dataclass
class Roster:
    """A trip's roster as plain data: the trip, the headings and one row of text per tourist."""

    trip: TripInfo
    headings: list[str]
    rows: list[list[str | None]]
    #: the client number of each row, in the same order
    client_ids: list[int]


def add_tourists(session: Session, voucher: str, client_ids: list[int], batch: ImportBatch | None = None) -> Placed:
    """Put clients on trip ``voucher`` after those already on it, as one batch (undoable)."""
    serialize_writers(session)
    trip = find_trip(session, voucher)
    wanted = list(dict.fromkeys(client_ids))
    _existing_clients(session, wanted)
    on = set(session.scalars(select(TripTourist.client_id).where(TripTourist.trip_id == trip.id)))
    placed = Placed(already=[c for c in wanted if c in on])
    todo = [c for c in wanted if c not in on]
    if not todo:
        return placed
    batch = batch or trip_batch(session, f"trips add {trip.voucher}")
    position = (session.scalar(select(func.max(TripTourist.position)).where(TripTourist.trip_id == trip.id)) or 0) + 1
    session.execute(insert(TripTourist), [dict(trip_id=trip.id, client_id=c, position=position + n, batch_id=batch.id)
                                          for n, c in enumerate(todo)])  # fmt: skip
    # the import's own record of a trip place, so undo takes it away as it takes an import's
    _history(session, [dict(client_id=c, batch_id=batch.id, action="link", field="trip", old_value=None,
                            new_value=trip.voucher, source=SOURCE, ref=str(trip.id)) for c in todo])  # fmt: skip
    placed.added, placed.batch_id = todo, batch.id
    return placed


def remove_tourists(session: Session, voucher: str, client_ids: list[int], batch: ImportBatch | None = None) -> int:
    """Take clients off trip ``voucher`` as one batch; undo puts each back in their place, with
    their ticket, room and what the trip's papers said for them. Returns the batch number."""
    serialize_writers(session)
    trip = find_trip(session, voucher)
    wanted = list(dict.fromkeys(client_ids))
    _existing_clients(session, wanted)
    links = {link.client_id: link for link in session.scalars(
        select(TripTourist).where(TripTourist.trip_id == trip.id, TripTourist.client_id.in_(wanted)))}  # fmt: skip
    missing = [c for c in wanted if c not in links]
    if missing:
        who = ", ".join(map(str, missing))
        raise NotOnTrip(f"client{'s' if len(missing) > 1 else ''} {who} {'are' if len(missing) > 1 else 'is'} not "
                        f"on trip {trip.voucher} (see: tourdesk trips show {trip.voucher})")  # fmt: skip
    batch = batch or trip_batch(session, f"trips remove {trip.voucher}")
    _history(session, [dict(client_id=c, batch_id=batch.id, action="unlink", field="trip",
                            old_value=json.dumps(row_of(links[c]), ensure_ascii=False), new_value=None,
                            source=SOURCE, ref=str(trip.id)) for c in wanted])  # fmt: skip
    session.execute(delete(TripTourist).where(TripTourist.id.in_([links[c].id for c in wanted])))
    return batch.id


def roster(session: Session, voucher: str) -> Roster:
    """Trip ``voucher``'s roster, in the trip's order."""
    trip = find_trip(session, voucher)
    links = trip_links(session, trip)
    rows = [roster_row(n, link) for n, link in enumerate(links, start=1)]
    return Roster(info_of(trip, len(links)), [h for _, h in ROSTER_COLUMNS],
                  [[r[k] for k, _ in ROSTER_COLUMNS] for r in rows], [link.client_id for link in links])  # fmt: skip


def roster_row(number: int, link: TripTourist) -> dict[str, str | None]:
    """One tourist's roster values, keyed as ``ROSTER_COLUMNS``."""
    rec = trip_record(link)
    series, passport = rec.get("passport_series"), rec.get("passport_number")
    extra = link.client.extra or {}
    issued = next((extra[k] for k in ISSUE_DATE_KEYS if extra.get(k)), None)
    notes = "; ".join(p for p in (link.room and f"room {link.room}", link.notes) if p)
    return {
        "no": str(number),
        "surname_lat": rec.get("surname_lat"),
        "name_lat": rec.get("name_lat"),
        "surname_ru": rec.get("surname_ru"),
        "name_ru": rec.get("name_ru"),
        "patronymic_ru": rec.get("patronymic_ru"),
        "sex": rec.get("gender"),
        "birth_date": _day(rec.get("birth_date")),
        "passport": f"{series} {passport}" if series and passport else passport,
        "passport_issued": _day(issued),
        "passport_expiry": _day(rec.get("passport_expiry")),
        "citizenship": rec.get("citizenship"),
        "room_notes": notes or None,
    }


def _day(value: Any) -> str | None:
    """A date as the roster writes it (14.05.1978); text that is no date stays as it was typed."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    try:
        # ISO from the store; a date of issue typed at the desk is in the past
        return parse_date(str(value), kind="birth").strftime("%d.%m.%Y")
    except BadDate:
        return str(value)


def _existing_clients(session: Session, ids: list[int]) -> None:
    known = set(session.scalars(select(Client.id).where(Client.id.in_(ids)))) if ids else set()
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ClientNotFound(
            f"there is no client {', '.join(map(str, unknown))} (find one with: tourdesk clients find SURNAME)"
        )


def _history(session: Session, rows: list[dict[str, Any]]) -> None:
    session.flush()
    session.execute(insert(Change), rows)
