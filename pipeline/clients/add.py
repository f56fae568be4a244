"""A client typed in at the desk: matched against the file as an import row is, before anyone is added.

- the import would merge the record into a client: that client is shown, nobody is added;
- the import would ask a person (a likely match): the record waits in the review queue, or,
  with ``force``, becomes a new client at once;
- the passport is already another client's: refused, naming that client;
- otherwise: a new client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.clients.edit import PassportTaken, add_client, edit_batch
from pipeline.record import CANONICAL_FIELDS, RowResult
from pipeline.store.db import serialize_writers
from pipeline.store.merge import doc_key, merge_rows
from pipeline.store.models import Client, Document, ReviewItem

SOURCE = "added at the desk"


@dataclass
class ClientMatch:
    """Which client a record is, as the matching says: ``band`` ``merge`` (it is client
    ``client_id``), ``review`` (a person should decide), ``none``; ``reasons`` in words."""

    band: str
    client_id: int | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Added:
    """What ``add_typed_client`` did: ``added``, ``exists`` (nobody added) or ``review``."""

    status: str
    client_id: int | None
    reason: str = ""
    review_item: int | None = None


def match_record(session: Session, record: dict[str, Any]) -> ClientMatch:
    """The import's matching for one canonical record, writing nothing.

    The one place ``clients add`` asks "who is this?": when the import's matching model offers
    a function for one record (``match_client(session, record)``), this line calls it instead.
    """
    return _as_import_would(session, record)


def add_typed_client(
    session: Session,
    values: dict[str, Any],
    passport: tuple[str | None, str, dt.date | None] | None = None,
    *,
    force: bool = False,
) -> Added:
    """Add the client a clerk typed in (``values`` as ``clients edit`` takes them), unless the
    file already has them; see the module's docstring for what happens when."""
    serialize_writers(session)
    record = _record(values, passport)
    holder = _holder(session, passport)
    match = match_record(session, record)
    why = "; ".join(r for r in match.reasons if r)
    if match.band == "merge" and holder in (None, match.client_id):
        return Added("exists", match.client_id, why)
    if holder is not None:
        series, number, _ = passport  # type: ignore[misc]  # a holder means a passport was given
        raise PassportTaken(
            f"passport {f'{series} ' if series else ''}{number} is on file for client {holder} "
            f"({_who(session.get(Client, holder))}); see: tourdesk clients show {holder}"
        )
    if match.band == "review" and not force:
        batch = edit_batch(session, SOURCE)
        item = ReviewItem(kind="possible_match", client_id=match.client_id, batch_id=batch.id, source=SOURCE,
                          incoming={**record, "derived": []}, reason=why or "a likely match in the file")  # fmt: skip
        session.add(item)
        session.flush()
        return Added("review", match.client_id, why, item.id)
    client = add_client(session, values, passport)
    return Added("added", client.id, why if match.band != "none" else "")


def _as_import_would(session: Session, record: dict[str, Any]) -> ClientMatch:
    """Run the import's merge on the record inside a savepoint, read its verdict, roll it back."""
    row = RowResult(source_row=1, record=dict(record), derived=set())
    nested = session.begin_nested()
    try:
        report = merge_rows(session, [row], source=f"{SOURCE} (matching only)", sha256="", on_conflict="keep")
        outcome = report.outcomes[0]
        client_id = outcome.client_id
        if outcome.action == "review":
            client_id = session.scalar(select(ReviewItem.client_id).where(ReviewItem.batch_id == report.batch_id))
    finally:
        nested.rollback()
    band = {"merged": "merge", "review": "review"}.get(outcome.action, "none")
    if band == "merge" and "differs by one letter" in outcome.reason:
        band = "review"  # a typo merge is sure enough for a list, not for a person standing at the desk
    return ClientMatch(band, client_id if band != "none" else None, [outcome.reason])


def _record(values: dict[str, Any], passport: tuple[str | None, str, dt.date | None] | None) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(CANONICAL_FIELDS)
    record.update({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items() if k in record})
    if passport:
        series, number, expiry = passport
        record.update(passport_series=series, passport_number=number,
                      passport_expiry=expiry.isoformat() if expiry else None)  # fmt: skip
    return record


def _holder(session: Session, passport: tuple[str | None, str, dt.date | None] | None) -> int | None:
    if not passport:
        return None
    series, number, _ = passport
    return session.scalar(select(Document.client_id).where(Document.doc_key == doc_key("foreign_passport", series, number)))


def _who(client: Client | None) -> str:
    if client is None:
        return "?"
    name = " ".join(filter(None, [client.surname_lat or client.surname_ru, client.name_lat or client.name_ru]))
    born = f", born {client.birth_date:%d.%m.%Y}" if client.birth_date else ""
    return f"{name or 'no name'}{born}"
