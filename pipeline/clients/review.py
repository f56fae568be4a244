"""The review queue: what the merge and the cleanup left for a person, and their decisions.

Kinds of item and the decisions each takes:

- ``duplicate`` (two clients who may be one person: a tourist of a list the matching model was
  not sure of, who became a client of their own, or a pair the cleanup found): ``merge`` (the
  other client is folded into client N) or ``reject`` (never proposed again, by the import or
  the cleanup). One item per pair of clients, ranked by the model's likelihood.
- ``conflict`` (a list contradicts the client's file: one item per row, with every field it
  contradicts, both values): ``accept`` the list's values (written with history) or ``keep``
  the file's; either way the same contradiction is not asked again.
- ``possible_match`` (left by earlier versions: an incoming tourist who may be client N):
  ``merge`` into client N (the one proposed, or another), or ``new`` client.
- ``flag`` (a passport expiring before the trip, an impossible value, an empty client):
  ``done`` once seen to.

Every decision is a batch of kind ``review``, so it shows in the history and can be undone.
``open_items`` and ``item_view`` give plain data (what ``review list --json`` prints, and what
the desk page shows side by side).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.record import RowResult
from pipeline.store.absorb import absorb, row_of
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


VIEW_FIELDS = ("id", "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
               "citizenship", "derived")  # fmt: skip


class ReviewError(ValueError):
    """The decision does not fit the item; the message says what would."""


@dataclass
class Decision:
    item_id: int
    outcome: str
    client_id: int | None = None


def open_items(session: Session, kind: str | None = None, limit: int | None = 50) -> list[ReviewItem]:
    """Open items, the likeliest duplicates first, then the rest oldest first."""
    query = select(ReviewItem).where(ReviewItem.status == "open")
    if kind:
        query = query.where(ReviewItem.kind == kind)
    query = query.order_by(ReviewItem.score.desc().nulls_last(), ReviewItem.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def client_ids(item: ReviewItem) -> list[int]:
    """The clients an item concerns (one, or the pair)."""
    return [c for c in (item.client_id, item.other_client_id) if c is not None]


def item_view(session: Session, item: ReviewItem) -> dict[str, Any]:
    """One item as plain data: what it is, the clients side by side, and the decisions it takes."""
    clients = {}
    for cid in client_ids(item):
        client = session.get(Client, cid)
        if client is not None:
            record = {f: row_of(client)[f] for f in VIEW_FIELDS}
            record["passports"] = [f"{d.series or ''}{d.number}" + ("" if d.is_current else " (older)")
                                   for d in client.documents if d.kind == "foreign_passport"]  # fmt: skip
            record["internal_passports"] = [f"{d.series or ''}{d.number}" for d in client.documents
                                            if d.kind == "internal_passport"]  # fmt: skip
            record["variants"] = known_variants(session, cid)
            clients[str(cid)] = record
    incoming = dict(item.incoming or {})
    differences = incoming.pop("differences", None)
    if differences is None and item.kind == "conflict" and item.field:
        differences = {item.field: [item.stored_value, item.incoming_value]}
    return {
        "id": item.id, "kind": item.kind, "status": item.status, "client_ids": client_ids(item),
        "client_id": item.client_id, "other_client_id": item.other_client_id,
        "score": item.score, "reason": item.reason, "source": item.source, "source_row": item.source_row,
        "batch_id": item.batch_id, "created_at": item.created_at.isoformat(timespec="seconds") if item.created_at else None,
        "clients": clients, "differences": differences,
        "incoming": incoming if item.kind == "possible_match" else None,
        "decisions": list(DECISIONS.get(item.kind, ())),
    }  # fmt: skip


def known_variants(session: Session, client_id: int) -> list[dict[str, str]]:
    """Other Cyrillic spellings of the client's names seen in lists (a Latin one is put to review,
    and earlier versions recorded some here too)."""
    query = select(Change.field, Change.new_value, Change.source).where(
        Change.client_id == client_id, Change.action == "variant").order_by(Change.id)  # fmt: skip
    return [{"field": f, "value": v, "source": src} for f, v, src in session.execute(query)]


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
    differences = (item.incoming or {}).get("differences") or {item.field: [item.stored_value, item.incoming_value]}
    derived = set(client.derived or [])
    said = []
    for f, (_stored, incoming) in differences.items():
        old, new = getattr(client, f), to_db(f, incoming)
        setattr(client, f, new)
        if f in set(item.incoming.get("derived") or []):
            derived.add(f)
        else:
            derived.discard(f)
        _history(session, batch, item, client.id, "update", f, old, new)
        said.append(f"{f} set to {to_text(new)!r} (was {to_text(old)!r})")
    client.derived = sorted(derived)
    refresh_keys(client)
    session.flush()
    return Decision(item.id, "; ".join(said), client.id)


def _keep(session: Session, item: ReviewItem, batch: ImportBatch, _client: int | None) -> Decision:
    if item.kind == "flag":
        return Decision(item.id, "seen to", item.client_id)
    differences = (item.incoming or {}).get("differences") or {item.field: [item.stored_value, item.incoming_value]}
    kept = ", ".join(f"{f} {stored!r}" for f, (stored, _new) in differences.items())
    return Decision(item.id, f"kept {kept}", item.client_id)


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
    rule = record.pop("latin_rule", None)
    return RowResult(source_row=item.source_row or 0, record=record, derived=derived, latin_rule=rule)


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
