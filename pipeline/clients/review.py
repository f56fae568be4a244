"""The review queue: what the merge and the cleanup left for a person, and their decisions.

Kinds of item and the decisions each takes:

- ``conflict`` (the list contradicts the file on one field): ``accept`` the incoming value
  (written with history) or ``keep`` the file's.
- ``possible_match`` (an incoming tourist who may be client N): ``merge`` into client N (the
  one proposed, or another), or ``new`` client.
- ``duplicate`` (two clients in the file who may be one person): ``merge`` (the other client
  is folded into client N) or ``reject`` (never proposed again).
- ``flag`` (a passport expiring before the trip, an impossible value, an empty client):
  ``done`` once seen to.

Every decision is a batch of kind ``review``, so it shows in the history and can be undone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.record import RowResult
from pipeline.store.db import serialize_writers
from pipeline.store.history import refresh_keys, to_db, to_text
from pipeline.store.merge import create_client, drop_taken_documents, merge_into
from pipeline.store.models import Change, Client, ImportBatch, ReviewItem, Trip, utc_now

DECISIONS = {
    "conflict": ("accept", "keep"),
    "possible_match": ("merge", "new"),
    "duplicate": ("merge", "reject"),
    "flag": ("done",),
}


class ReviewError(ValueError):
    """The decision does not fit the item; the message says what would."""


@dataclass
class Decision:
    item_id: int
    outcome: str
    client_id: int | None = None


def open_items(session: Session, kind: str | None = None, limit: int = 50) -> list[ReviewItem]:
    """Open items, best-scored duplicates first, then oldest first."""
    query = select(ReviewItem).where(ReviewItem.status == "open")
    if kind:
        query = query.where(ReviewItem.kind == kind)
    query = query.order_by(ReviewItem.score.desc().nulls_last(), ReviewItem.id).limit(limit)
    return list(session.scalars(query))


def resolve(session: Session, item_id: int, decision: str, client_id: int | None = None) -> Decision:
    """Carry out ``decision`` on item ``item_id``; ``client_id`` names the client to merge into."""
    serialize_writers(session)
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise ReviewError(f"there is no review item {item_id} (see: tourdesk review list)")
    if item.status != "open":
        raise ReviewError(f"review item {item_id} is already {item.status}: {item.resolution or ''}".strip())
    allowed = DECISIONS.get(item.kind, ())
    if decision not in allowed:
        raise ReviewError(f"review item {item_id} ({item.kind}) takes: {' or '.join(allowed)}")
    batch = ImportBatch(source=f"review item {item_id}", sha256="", kind="review")
    session.add(batch)
    session.flush()
    outcome = _DO[(item.kind, decision)](session, item, batch, client_id)
    item.status = "rejected" if decision == "reject" else "resolved"
    item.resolution = outcome.outcome
    item.resolved_at = utc_now()
    session.flush()
    return outcome


def _accept(session: Session, item: ReviewItem, batch: ImportBatch, _client: int | None) -> Decision:
    client = _client_or_fail(session, item.client_id)
    old, new = getattr(client, item.field), to_db(item.field, item.incoming_value)
    setattr(client, item.field, new)
    derived = set(client.derived or [])
    if item.field in set(item.incoming.get("derived") or []):
        derived.add(item.field)
    else:
        derived.discard(item.field)
    client.derived = sorted(derived)
    refresh_keys(client)
    session.flush()
    _history(session, batch, item, client.id, "update", item.field, old, new)
    return Decision(item.id, f"{item.field} set to {to_text(new)!r} (was {to_text(old)!r})", client.id)


def _keep(session: Session, item: ReviewItem, batch: ImportBatch, _client: int | None) -> Decision:
    if item.kind == "flag":
        return Decision(item.id, "seen to", item.client_id)
    return Decision(item.id, f"kept {item.stored_value!r}", item.client_id)


def _merge_incoming(session: Session, item: ReviewItem, batch: ImportBatch, client_id: int | None) -> Decision:
    target = _client_or_fail(session, client_id or item.client_id)
    row = _incoming_row(item)
    merge_into(session, batch, item.source or batch.source, "review", target, row, _trip_of(session, item))
    return Decision(item.id, f"merged into client {target.id}", target.id)


def _new_client(session: Session, item: ReviewItem, batch: ImportBatch, _client: int | None) -> Decision:
    row = _incoming_row(item)
    notes = drop_taken_documents(session, row.record)
    client = create_client(session, batch, item.source or batch.source, "review", row, _trip_of(session, item))
    return Decision(item.id, "; ".join([f"made new client {client.id}", *notes]), client.id)


def _merge_duplicate(session: Session, item: ReviewItem, batch: ImportBatch, client_id: int | None) -> Decision:
    from pipeline.store.absorb import absorb

    pair = {item.client_id, item.other_client_id}
    keep = client_id or min(pair)
    if keep not in pair:
        raise ReviewError(f"review item {item.id} is about clients {' and '.join(map(str, sorted(pair)))}")
    (drop,) = pair - {keep}
    absorb(session, batch, keep, drop, item)
    return Decision(item.id, f"client {drop} merged into client {keep}", keep)


def _reject(session: Session, item: ReviewItem, batch: ImportBatch, _client: int | None) -> Decision:
    return Decision(item.id, "not the same person", None)


_DO = {
    ("conflict", "accept"): _accept,
    ("conflict", "keep"): _keep,
    ("possible_match", "merge"): _merge_incoming,
    ("possible_match", "new"): _new_client,
    ("duplicate", "merge"): _merge_duplicate,
    ("duplicate", "reject"): _reject,
    ("flag", "done"): _keep,
}


def _client_or_fail(session: Session, client_id: int | None) -> Client:
    client = session.get(Client, client_id) if client_id else None
    if client is None:
        raise ReviewError(f"there is no client {client_id}; give one with --client N")
    return client


def _incoming_row(item: ReviewItem) -> RowResult:
    record = dict(item.incoming or {})
    derived = set(record.pop("derived", []) or [])
    return RowResult(source_row=item.source_row or 0, record=record, derived=derived)


def _trip_of(session: Session, item: ReviewItem) -> Trip | None:
    """A tourist waiting for review still belongs on the trip their list was for."""
    origin = session.get(ImportBatch, item.batch_id) if item.batch_id else None
    if origin is None or origin.trip_id is None:
        return None
    return session.get(Trip, origin.trip_id)


def _history(session: Session, batch: ImportBatch, item: ReviewItem, client_id: int, action: str, f: str,
             old: object, new: object) -> None:  # fmt: skip
    session.execute(
        insert(Change),
        [dict(client_id=client_id, batch_id=batch.id, action=action, field=f, old_value=to_text(old),
              new_value=to_text(new), source=item.source, source_row=item.source_row)],
    )  # fmt: skip


def age(item: ReviewItem, today: dt.date | None = None) -> int:
    """Days the item has waited, for the listing."""
    return ((today or dt.date.today()) - item.created_at.date()).days
