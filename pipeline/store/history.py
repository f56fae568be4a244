"""Values as the change history writes them, and back; the search keys kept beside a name."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pipeline.store.keys import name_key, search_form
from pipeline.store.models import Client

_DATES = {"birth_date"}
_BOOLS = {"is_regular"}
_LISTS = {"derived"}


def plain(value: Any) -> Any:
    """A client value as a trip place keeps it: ISO dates, everything else as it is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def to_text(value: Any) -> str | None:
    """A value as the change history keeps it: ISO dates, everything else as text."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_db(field: str, value: Any) -> Any:
    """A canonical record's value (ISO text for dates) as the client table holds it."""
    if field in _DATES and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def from_text(field: str, text: str | None) -> Any:
    """The inverse of ``to_text`` for a client field, for undo."""
    if text is None:
        return [] if field in _LISTS else None
    if field in _DATES:
        return dt.date.fromisoformat(text)
    if field in _BOOLS:
        return text == "True"
    if field in _LISTS:
        return json.loads(text)
    return text


def refresh_keys(client: Client) -> None:
    """Recompute the matching and search keys after a name changed."""
    keys = {
        "surname_key": name_key(client.surname_lat or client.surname_ru),
        "name_key": name_key(client.name_lat or client.name_ru),
        "search_ru": search_form(client.surname_ru),
        "search_lat": search_form(client.surname_lat),
    }
    for attr, value in keys.items():
        # an unchanged key is not set again: the ORM would count the client as changed
        if getattr(client, attr) != value:
            setattr(client, attr, value)


#: the trip columns that hold dates (``pipeline.store.models.Trip``)
TRIP_DATES = {"arrival", "departure", "created_on"}


def trip_text(value: Any) -> str | None:
    """A trip value as the trip history keeps it: JSON (dates in ISO), so lists and mappings
    come back whole; a missing value stays ``None``."""
    if value is None:
        return None
    return json.dumps(plain(value), ensure_ascii=False, default=str)


def trip_value(field: str, text: str | None) -> Any:
    """The inverse of ``trip_text`` for one trip field, for undo."""
    if text is None:
        return None
    value = json.loads(text)
    if field in TRIP_DATES and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
