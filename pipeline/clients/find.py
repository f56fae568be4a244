"""Finding regular clients and showing them as canonical records."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from pipeline.record import CANONICAL_FIELDS
from pipeline.store.keys import name_key, search_form
from pipeline.store.models import Change, Client, Document, ImportBatch, Trip, TripTourist


class BadCard(ValueError):
    """The card digits given are not usable; the message says why."""


def card_last4(value: str) -> tuple[str, bool]:
    """The last four digits of what a clerk typed, and whether more than four were given.

    A full card number is cut here, before it can reach the store, a log or the screen.
    """
    digits = re.sub(r"\D", "", value or "")
    if len(digits) < 4:
        raise BadCard("give the last four digits of the card")
    return digits[-4:], len(digits) > 4


def client_record(client: Client, ticket: str | None = None) -> dict[str, Any]:
    """``client_id`` plus every canonical field, from the client and their current documents."""
    out: dict[str, Any] = {"client_id": client.id}
    for f in CANONICAL_FIELDS:
        value = getattr(client, f, None)
        out[f] = value.isoformat() if isinstance(value, dt.date) else value
    for doc in client.documents:
        if not doc.is_current:
            continue
        if doc.kind == "foreign_passport":
            out["passport_series"], out["passport_number"] = doc.series, doc.number
            out["passport_expiry"] = doc.expiry.isoformat() if doc.expiry else None
        elif doc.kind == "internal_passport":
            out["internal_series"], out["internal_number"] = doc.series, doc.number
    out["ticket_number"] = ticket
    out["derived"] = list(client.derived or [])
    return out


def find_clients(
    session: Session,
    surname: str | None,
    *,
    name: str | None = None,
    birth_date: dt.date | None = None,
    passport: str | None = None,
    card_last4: str | None = None,
    limit: int = 50,
) -> list[Client]:
    """Clients whose surname starts with ``surname``: Latin or Cyrillic, any case, ё = е, and
    any transliteration scheme (FYODOROV finds FEDOROV and Фёдоров). Without a surname, the
    other criteria alone (a passport, a card) choose."""
    pg = session.get_bind().dialect.name == "postgresql"
    query = select(Client).options(selectinload(Client.documents))
    if surname and surname.strip():
        query = query.where(surname_matches(surname, pg))
    if birth_date:
        query = query.where(Client.birth_date == birth_date)
    if passport:
        query = query.where(Client.id.in_(_passport_holders(passport, pg)))
    if card_last4:
        query = query.where(Client.card_last4 == card_last4)
    if name and name.strip():
        query = query.where(_first_name(name.strip(), pg))
    query = query.order_by(Client.surname_key, Client.name_key, Client.birth_date, Client.id).limit(limit)
    return list(session.scalars(query))


def surname_matches(surname: str, pg: bool) -> ColumnElement[bool]:
    """The client's surname starts with ``surname`` as typed, or in any transliteration."""
    typed = search_form(surname.strip()) or ""
    key = name_key(surname) or ""
    conditions = [_prefix(Client.search_ru, typed, pg), _prefix(Client.search_lat, typed, pg)]
    if key:
        conditions.append(_prefix(Client.surname_key, key, pg))
    return or_(*conditions)


def _first_name(name: str, pg: bool) -> ColumnElement[bool]:
    """The first name starts with ``name`` as typed (Latin or Cyrillic) or in any spelling."""
    typed = name.replace("ё", "е").replace("Ё", "Е")
    clauses = [_prefix(Client.name_lat, typed.upper(), pg), _prefix(Client.name_ru, typed[:1].upper() + typed[1:].lower(), pg)]
    key = name_key(name)
    if key:
        clauses.append(_prefix(Client.name_key, key, pg))
    return or_(*clauses)


def _prefix(column: Any, prefix: str, pg: bool) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, in a form each database answers from an index."""
    if pg:  # LIKE with a varchar_pattern_ops index, right whatever the database's collation
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column.like(escaped + "%", escape="\\")
    # SQLite's LIKE ignores case and skips the index; a range over the binary order does not
    return and_(column >= prefix, column < prefix + "\U0010ffff")


def _passport_holders(passport: str, pg: bool):
    """Holders of a passport whose series, number, or series and number together begin with
    what was typed: ``75``, ``75 12``, ``1234567``, ``751234567`` and ``123`` all find 75 1234567."""
    digits = re.sub(r"[\s\-№]", "", passport).upper()
    # doc_key is kind + series + number: its beginning is a series, or a series and a number
    clauses = [_prefix(Document.doc_key, f"F:{digits}", pg), _prefix(Document.doc_key, f"I:{digits}", pg),
               _prefix(Document.number, digits, pg)]  # fmt: skip
    return select(Document.client_id).where(or_(*clauses))


def client_trips(session: Session, client_id: int) -> list[tuple[str, dt.date | None, str | None]]:
    """The client's trips as (voucher, arrival, country), earliest first."""
    rows = session.execute(
        select(Trip.voucher, Trip.arrival, Trip.country)
        .join(TripTourist, TripTourist.trip_id == Trip.id)
        .where(TripTourist.client_id == client_id)
        .order_by(Trip.arrival)
    )
    return [(voucher, arrival, country) for voucher, arrival, country in rows]


@dataclass(frozen=True)
class HistoryLine:
    """One recorded change to a client, with who made it."""

    changed_at: dt.datetime
    batch_id: int | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    source: str | None
    source_row: int | None
    user_name: str | None


def client_history(session: Session, client_id: int) -> list[HistoryLine]:
    """Every recorded change to the client, oldest first (merges of keys left out)."""
    rows = session.execute(
        select(Change, ImportBatch.user_name)
        .outerjoin(ImportBatch, ImportBatch.id == Change.batch_id)
        .where(Change.client_id == client_id, Change.action != "merge")
        .order_by(Change.id)
    )
    return [
        HistoryLine(c.changed_at, c.batch_id, c.action, c.field, c.old_value, c.new_value, c.source,
                    c.source_row, user)  # fmt: skip
        for c, user in rows
    ]
