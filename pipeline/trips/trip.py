"""Trips (travel packages): create one, change it field by field, find it, show it as plain data.

A trip is created once (``create_trip``); afterwards ``edit_trip`` changes only the fields it is
given, so a new title never costs the trip its dates or its hotel. Every change is a batch
(kind ``trip``) whose ``TripChange`` rows keep the values replaced: ``tourdesk batches undo``
puts them back.

The trip's own fields (``TRIP_FIELDS``), as the store and ``TripInfo`` name them:

- ``title``, ``country`` (ISO alpha-3), ``arrival``, ``departure``, ``created_on`` (dates);
- ``hotel_name``, ``hotel_address``, ``hotel_phone``: where the group stays (``TripInfo.hotel``,
  a ``Party``);
- ``inviting_kind`` (``person`` or ``organisation``), ``inviting_name``, ``inviting_address``,
  ``inviting_phone``: who invites the group (``TripInfo.inviting``, a ``Party``);
- ``entries`` (``single``, ``two``, ``multiple``), ``purpose`` (``tourism``, ...);
- ``destinations``: the cities and places, in order; ``services``: what every tourist gets;
- anything else a trip file says is ``details.<key>`` (``destination_state``, ``cost_covered_by``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from pipeline.normalize.citizenship import citizenship
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.store.db import serialize_writers
from pipeline.store.history import plain, trip_text
from pipeline.store.models import Client, ImportBatch, Trip, TripChange, TripTourist
from pipeline.types import CannotRead

TRIP_FIELDS = (
    "title", "country", "arrival", "departure", "created_on",
    "hotel_name", "hotel_address", "hotel_phone",
    "inviting_kind", "inviting_name", "inviting_address", "inviting_phone",
    "entries", "purpose", "destinations", "services",
)  # fmt: skip
#: the longest text each field takes (the store's column sizes)
_LIMITS = {"voucher": 40, "title": 200, "hotel_name": 200, "hotel_address": 300, "hotel_phone": 40,
           "inviting_name": 200, "inviting_address": 300, "inviting_phone": 40, "purpose": 60}  # fmt: skip
#: what clerks and trip files write for the number of entries, to the forms' three values
ENTRIES = {
    "single": "single", "1": "single", "one": "single", "однократная": "single", "однократный": "single",
    "однократно": "single", "одна": "single",
    "two": "two", "double": "two", "2": "two", "двукратная": "two", "двукратный": "two", "две": "two",
    "multiple": "multiple", "multi": "multiple", "many": "multiple", "многократная": "multiple",
    "многократный": "multiple", "мульти": "multiple",
}  # fmt: skip
INVITING_KINDS = ("person", "organisation")
#: trip-file keys, and the command's options, that name the inviting party
_INVITING_KEYS = {"inviting_person": "person", "host": "person", "inviting_organisation": "organisation",
                  "inviting_organization": "organisation", "inviting_company": "organisation"}  # fmt: skip
_WORDS = {"title": "title", "country": "country", "arrival": "arrival date", "departure": "departure date",
          "created_on": "creation date", "hotel_name": "hotel", "hotel_address": "hotel address",
          "hotel_phone": "hotel phone", "inviting_kind": "inviting party", "inviting_name": "inviting party",
          "inviting_address": "inviting party's address", "inviting_phone": "inviting party's phone",
          "entries": "entries", "purpose": "purpose", "destinations": "destinations", "services": "services"}  # fmt: skip


class TripNotFound(LookupError):
    """No trip with that voucher number."""


class TripExists(ValueError):
    """``create`` was given a voucher that is already a trip; the message points at ``trips edit``."""


class BadTripValue(CannotRead):
    """A trip value that cannot be right (not a date, an unknown country, ...); says which and why."""


@dataclass(frozen=True)
class Party:
    """A hotel or an inviting person or organisation: what a questionnaire asks about them."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    #: for the inviting party: ``person`` or ``organisation``; ``None`` for a hotel
    kind: str | None = None

    def __str__(self) -> str:
        return ", ".join(p for p in (self.name, self.address, self.phone) if p)

    def as_dict(self) -> dict[str, str | None]:
        """``name``, ``address``, ``phone``: the mapping forms read (``trip.hotel.name``)."""
        return {"name": self.name, "address": self.address, "phone": self.phone}


@dataclass
class TripInfo:
    """A trip as plain data, for the command line and the desk page."""

    id: int
    voucher: str
    title: str | None
    country: str | None
    arrival: dt.date | None
    departure: dt.date | None
    created_on: dt.date | None
    hotel: Party | None
    inviting: Party | None
    entries: str | None
    purpose: str | None
    destinations: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    tourists: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates in ISO, the hotel and the inviting party as mappings."""
        out = asdict(self)
        return {k: plain(v) if isinstance(v, dt.date) else v for k, v in out.items()}


@dataclass
class FieldChange:
    """One trip field a command changed: the value it had and the value it has now."""

    field: str
    old: Any
    new: Any

    def describe(self) -> str:
        return f"{_WORDS.get(self.field, self.field)}: {show_value(self.old)} -> {show_value(self.new)}"


def show_value(value: Any) -> str:
    """A trip value as a clerk reads it: dates as 12.03.2027, lists joined, nothing as ``-``."""
    if value is None or value == [] or value == "":
        return "-"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


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


def trip_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The trip fields a trip file's mapping (or a command's options) sets, checked and written
    the store's way. Only the keys present come out: that is what makes an edit a patch. An
    empty value clears its field. Keys that are not trip fields become ``details.<key>``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "voucher":
            continue
        if key in ("title", "purpose"):
            out[key] = _text(value, key)
        elif key == "country":
            out["country"] = _country(value)
        elif key in ("arrival", "departure", "created", "created_on"):
            name = "created_on" if key.startswith("created") else key
            out[name] = _date(value, _WORDS[name])
        elif key == "hotel":
            out.update(_party(value, "hotel"))
        elif key in ("hotel_name", "hotel_address", "hotel_phone", "inviting_address", "inviting_phone",
                     "inviting_name"):  # fmt: skip
            out[key] = _text(value, key)
        elif key in _INVITING_KEYS:
            kind = _INVITING_KEYS[key]
            if out.get("inviting_kind") not in (None, kind) and value:
                raise BadTripValue("a trip has one inviting party: give the inviting person or the organisation, not both")
            out.update(_party(value, "inviting"))
            out["inviting_kind"] = kind if out.get("inviting_name") or value else None
        elif key == "inviting_kind":
            out["inviting_kind"] = _inviting_kind(value)
        elif key == "entries":
            out["entries"] = _entries(value)
        elif key in ("destinations", "cities"):
            out["destinations"] = _list(value, "destinations")
        elif key == "services":
            out["services"] = [{"name": n} for n in _list(value, "services")]
        else:
            out[f"details.{key}"] = _plain_tree(value)
    if "inviting_kind" in out and out["inviting_kind"] is None:
        out.update(dict.fromkeys(("inviting_name", "inviting_address", "inviting_phone")))
    return out


def create_trip(session: Session, voucher: str, values: dict[str, Any], batch: ImportBatch | None = None) -> Trip:
    """A new trip ``voucher`` with ``values`` (from ``trip_values``), recorded as a batch.

    An existing voucher is refused (``TripExists``): changing a trip is ``edit_trip``'s job.
    """
    voucher = check_voucher(voucher)
    serialize_writers(session)
    if session.scalar(select(Trip.id).where(Trip.voucher == voucher)) is not None:
        raise TripExists(
            f"trip {voucher} already exists; to change it: tourdesk trips edit {voucher} --title ... "
            "(only the options given change)"
        )
    trip = Trip(voucher=voucher, created_on=dt.date.today(), services=[], details={}, destinations=[])
    session.add(trip)
    session.flush()
    batch = batch or trip_batch(session, f"trips create {voucher}")
    changes = [FieldChange("created", None, voucher), *_apply(trip, values)]
    _check_dates(trip)
    _record(session, batch, trip, changes)
    return trip


def edit_trip(session: Session, voucher: str, values: dict[str, Any], batch: ImportBatch | None = None) -> list[FieldChange]:
    """Change only the fields in ``values`` (from ``trip_values``); returns what changed.

    The old values go to the trip's history in a batch (``batch``, or a new one of kind
    ``trip``), which ``tourdesk batches undo`` takes back. Nothing changed, no batch.
    """
    serialize_writers(session)
    trip = find_trip(session, voucher)
    changes = _apply(trip, values)
    _check_dates(trip)
    if changes:
        batch = batch or trip_batch(session, f"trips edit {trip.voucher}")
        _record(session, batch, trip, changes)
    return changes


def save_trip(session: Session, data: dict[str, Any]) -> Trip:
    """Create the trip ``data["voucher"]``, or change the fields ``data`` gives on the existing one
    (the others stay as they are)."""
    voucher = str(data.get("voucher") or "").strip()
    if not voucher:
        raise BadTripValue("a trip needs a voucher number")
    values = trip_values(data)
    if session.scalar(select(Trip.id).where(Trip.voucher == voucher)) is None:
        return create_trip(session, voucher, values)
    edit_trip(session, voucher, values)
    return find_trip(session, voucher)


def trip_batch(session: Session, source: str) -> ImportBatch:
    """A batch for a change to a trip: undone as one (``tourdesk batches undo``)."""
    batch = ImportBatch(source=source[:300], sha256="", kind="trip")
    session.add(batch)
    session.flush()
    return batch


def check_voucher(voucher: str | None) -> str:
    text = " ".join(str(voucher or "").split())
    if not text:
        raise BadTripValue("a trip needs a voucher number")
    if len(text) > _LIMITS["voucher"]:
        raise BadTripValue(f"the voucher {text[:50]!r} is longer than {_LIMITS['voucher']} characters")
    return text


def load_trip_file(path: str | Path) -> dict[str, Any]:
    """A trip file (YAML): a mapping of trip fields, as ``trip_values`` reads them."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CannotRead(f"{path}: cannot read the trip file ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise CannotRead(f"{path}: a trip file holds voucher, title, country, arrival, departure, hotel, services")
    return {str(k): v for k, v in data.items()}


def trip_info(session: Session, voucher: str) -> TripInfo:
    """The trip ``voucher`` as plain data."""
    trip = find_trip(session, voucher)
    count = len(session.scalars(select(TripTourist.id).where(TripTourist.trip_id == trip.id)).all())
    return info_of(trip, count)


def info_of(trip: Trip, tourists: int = 0) -> TripInfo:
    hotel = Party(trip.hotel_name, trip.hotel_address, trip.hotel_phone)
    inviting = Party(trip.inviting_name, trip.inviting_address, trip.inviting_phone, trip.inviting_kind)
    return TripInfo(
        id=trip.id, voucher=trip.voucher, title=trip.title, country=trip.country, arrival=trip.arrival,
        departure=trip.departure, created_on=trip.created_on, hotel=hotel if str(hotel) else None,
        inviting=inviting if str(inviting) else None, entries=trip.entries, purpose=trip.purpose,
        destinations=list(trip.destinations or []),
        services=[s.get("name", "") if isinstance(s, dict) else str(s) for s in trip.services or []],
        details=dict(trip.details or {}), tourists=tourists,
    )  # fmt: skip


def trip_dict(trip: Trip) -> dict[str, Any]:
    """The trip as the forms see it: dates in ISO; ``hotel`` and ``inviting_person`` or
    ``inviting_company`` as mappings of ``name``, ``address``, ``phone`` (``None`` when the trip
    has none); the flat ``hotel_name``, ``hotel_address``, ``hotel_phone`` too; then ``details``."""
    info = info_of(trip)
    inviting = info.inviting.as_dict() if info.inviting else None
    return {
        **(trip.details or {}),
        "voucher": trip.voucher,
        "title": trip.title,
        "country": trip.country,
        "arrival": plain(trip.arrival),
        "departure": plain(trip.departure),
        "created": plain(trip.created_on),
        "services": trip.services or [],
        "hotel": info.hotel.as_dict() if info.hotel else None,
        "hotel_name": trip.hotel_name,
        "hotel_address": trip.hotel_address,
        "hotel_phone": trip.hotel_phone,
        "inviting_person": inviting if trip.inviting_kind == "person" else None,
        "inviting_company": inviting if trip.inviting_kind == "organisation" else None,
        "entries": trip.entries,
        "purpose": trip.purpose,
        "destinations": list(trip.destinations or []),
    }


def trip_history(session: Session, trip: Trip) -> list[tuple[TripChange, ImportBatch]]:
    """Every recorded change to the trip itself, oldest first, with its batch."""
    rows = session.execute(
        select(TripChange, ImportBatch)
        .join(ImportBatch, ImportBatch.id == TripChange.batch_id)
        .where(TripChange.trip_id == trip.id)
        .order_by(TripChange.id)
    ).all()
    return [(c, b) for c, b in rows]


def _apply(trip: Trip, values: dict[str, Any]) -> list[FieldChange]:
    changes = []
    details = dict(trip.details or {})
    for name, new in values.items():
        if name.startswith("details."):
            key = name.partition(".")[2]
            old = details.get(key)
            if new is None:
                details.pop(key, None)
            else:
                details[key] = new
        elif name in TRIP_FIELDS:
            old = getattr(trip, name)
            if name in ("destinations", "services"):
                old, new = list(old or []), list(new or [])
            elif name == "created_on" and new is None:
                continue  # a trip always has a creation date
            setattr(trip, name, new)
        else:
            raise ValueError(f"{name!r} is not a trip field")
        if plain(old) != plain(new):
            changes.append(FieldChange(name, old, new))
    if details != (trip.details or {}):
        trip.details = details  # a new dict, so the JSON column sees the change
    return changes


def _record(session: Session, batch: ImportBatch, trip: Trip, changes: list[FieldChange]) -> None:
    session.flush()
    session.execute(
        insert(TripChange),
        [dict(trip_id=trip.id, batch_id=batch.id, field=c.field, old_value=trip_text(c.old),
              new_value=trip_text(c.new)) for c in changes],
    )  # fmt: skip


def _check_dates(trip: Trip) -> None:
    if trip.arrival and trip.departure and trip.departure < trip.arrival:
        raise BadTripValue(
            f"the departure date {trip.departure:%d.%m.%Y} is before the arrival date {trip.arrival:%d.%m.%Y}"
        )


def _text(value: Any, name: str) -> str | None:
    if isinstance(value, dict | list):
        raise BadTripValue(f"the trip's {_WORDS.get(name, name)} is one line of text, not {type(value).__name__}")
    text = " ".join(str(value).split()) if value is not None else ""
    limit = _LIMITS.get(name)
    if limit and len(text) > limit:
        raise BadTripValue(f"the trip's {_WORDS.get(name, name)} is longer than {limit} characters: {text[:40]!r}...")
    return text or None


def _country(value: Any) -> str | None:
    text = _text(value, "country")
    if text is None:
        return None
    code = citizenship(text)
    if not code:
        raise BadTripValue(f"the trip's country {text!r} is not a country I know (FRA, Франция, France)")
    return code


def _date(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value, kind="expiry")
    except BadDate:
        raise BadTripValue(f"the trip's {what} {value!r} is not a date (12.03.2027)") from None


def _party(value: Any, prefix: str) -> dict[str, Any]:
    """``hotel: {name, address, phone}`` or ``hotel: NAME`` as the three columns it sets."""
    if isinstance(value, list):
        if len(value) > 1:
            raise BadTripValue(f"the trip has one {prefix if prefix == 'hotel' else 'inviting party'}; "
                               "the others can go in the services")  # fmt: skip
        value = value[0] if value else None
    if isinstance(value, dict):
        unknown = set(value) - {"name", "address", "phone"}
        if unknown:
            raise BadTripValue(f"{prefix}: {', '.join(sorted(map(str, unknown)))} is not one of name, address, phone")
        return {f"{prefix}_{k}": _text(value[k], f"{prefix}_{k}") for k in ("name", "address", "phone") if k in value}
    name = _text(value, f"{prefix}_name")
    if name is None:  # the whole party cleared
        return dict.fromkeys((f"{prefix}_name", f"{prefix}_address", f"{prefix}_phone"))
    return {f"{prefix}_name": name}


def _inviting_kind(value: Any) -> str | None:
    text = _text(value, "inviting_kind")
    if text is None:
        return None
    kind = {"organization": "organisation", "company": "organisation"}.get(text.lower(), text.lower())
    if kind not in INVITING_KINDS:
        raise BadTripValue(f"the inviting party is a person or an organisation, not {text!r}")
    return kind


def _entries(value: Any) -> str | None:
    text = _text(value, "entries")
    if text is None:
        return None
    found = ENTRIES.get(text.lower())
    if found is None:
        raise BadTripValue(f"entries {text!r}: say single, two or multiple")
    return found


def _list(value: Any, what: str) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        text = " ".join(str(item).split()) if item is not None else ""
        if len(text) > 300:
            raise BadTripValue(f"one of the trip's {what} is longer than 300 characters: {text[:40]!r}...")
        if text:
            out.append(text)
    return out


def _plain_tree(value: Any) -> Any:
    """A trip file's value as JSON holds it (YAML reads 2027-03-12 as a date)."""
    if isinstance(value, dict):
        return {str(k): _plain_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_tree(v) for v in value]
    return plain(value)
