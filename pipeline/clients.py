"""Finding regular clients and showing them as canonical records."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from pipeline.record import CANONICAL_FIELDS
from pipeline.store.keys import search_form
from pipeline.store.models import Client, Document


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
    surname: str,
    *,
    name: str | None = None,
    birth_date: dt.date | None = None,
    passport: str | None = None,
    card_last4: str | None = None,
    limit: int = 50,
) -> list[Client]:
    """Clients whose surname (Latin or Cyrillic, any case, ё = е) starts with ``surname``."""
    prefix = search_form(surname.strip()) or ""
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (
        select(Client)
        .where(or_(Client.search_ru.like(like, escape="\\"), Client.search_lat.like(like, escape="\\")))
        .options(selectinload(Client.documents))
        .order_by(Client.surname_lat, Client.name_lat, Client.id)
    )
    if birth_date:
        query = query.where(Client.birth_date == birth_date)
    if passport:
        digits = re.sub(r"[\s\-№]", "", passport).upper()
        sub = select(Document.client_id).where(
            Document.doc_key.like(f"%:{digits}") | Document.number.like(f"{digits}%")
        )
        query = query.where(Client.id.in_(sub))
    if card_last4:
        query = query.where(Client.card_last4 == card_last4)
    found = session.scalars(query)
    if name:
        # SQLite lower-cases ASCII only, so the first-name filter runs here, on few rows
        n = search_form(name.strip()) or ""
        found = (c for c in found if any((search_form(v) or "").startswith(n) for v in (c.name_ru, c.name_lat)))
    return [c for _, c in zip(range(limit), found, strict=False)]
