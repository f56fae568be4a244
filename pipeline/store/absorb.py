"""Fold one client into another (two records of one person), reversibly.

The kept client's values stand; its gaps are filled from the other. The other's passports and
trip places move over, and the other's row is kept whole in the change history, so undo can
put it back exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, delete, insert, select, update
from sqlalchemy.orm import Session

from pipeline.store.history import refresh_keys, to_text
from pipeline.store.models import Change, Client, Document, ImportBatch, ReviewItem, TripTourist, utc_now

FILLED = (
    "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
    "citizenship", "card_last4",
)  # fmt: skip


def absorb(session: Session, batch: ImportBatch, keep_id: int, drop_id: int, item: ReviewItem | None = None) -> None:
    keep, drop = session.get(Client, keep_id), session.get(Client, drop_id)
    if keep is None or drop is None:
        raise LookupError(f"client {keep_id if keep is None else drop_id} is no longer in the file")
    source = item.source if item else batch.source
    history: list[dict[str, Any]] = []

    def record(action: str, f: str | None, old: Any, new: Any, ref: str | None = None) -> None:
        history.append(dict(client_id=keep_id, batch_id=batch.id, action=action, field=f, old_value=to_text(old),
                            new_value=to_text(new), source=source, source_row=None, ref=ref))  # fmt: skip

    for f in FILLED:
        if getattr(keep, f) is None and getattr(drop, f) is not None:
            record("update", f, None, getattr(drop, f))
            setattr(keep, f, getattr(drop, f))
    derived = sorted(set(keep.derived or []) | (set(drop.derived or []) & {f for f in FILLED if _filled(history, f)}))
    if derived != sorted(keep.derived or []):
        record("update", "derived", json.dumps(sorted(keep.derived or [])), json.dumps(derived))
        keep.derived = derived
    refresh_keys(keep)
    _move_documents(session, keep, drop, record)
    _move_trips(session, keep_id, drop_id, record)
    record("absorb", "client", json.dumps(row_of(drop), ensure_ascii=False), None, ref=str(drop_id))
    session.flush()
    session.execute(delete(Client).where(Client.id == drop_id))
    session.execute(
        update(ReviewItem)
        .where(ReviewItem.status == "open", (ReviewItem.client_id == drop_id) | (ReviewItem.other_client_id == drop_id))
        .where(ReviewItem.id != (item.id if item else -1))
        .values(status="closed", resolution=f"client {drop_id} merged into client {keep_id}", resolved_at=utc_now())
    )
    session.execute(insert(Change), history)


def _filled(history: list[dict[str, Any]], f: str) -> bool:
    return any(h["field"] == f and h["action"] == "update" for h in history)


def _move_documents(session: Session, keep: Client, drop: Client, record) -> None:
    current = {d.kind: d for d in keep.documents if d.is_current}
    for doc in list(drop.documents):
        record("move", "document", drop.id, keep.id, ref=doc.doc_key)
        mine = current.get(doc.kind)
        if doc.is_current and mine is not None:
            # one current passport of each kind: the one valid longer
            older = doc if (doc.expiry or dt.date.min) <= (mine.expiry or dt.date.min) else mine
            record("move", "is_current", True, False, ref=older.doc_key)
            older.is_current = False
        session.execute(update(Document).where(Document.id == doc.id).values(client_id=keep.id))
    session.expire(keep, ["documents"])
    session.expire(drop, ["documents"])


def _move_trips(session: Session, keep_id: int, drop_id: int, record) -> None:
    kept_trips = set(session.scalars(select(TripTourist.trip_id).where(TripTourist.client_id == keep_id)))
    for link in session.scalars(select(TripTourist).where(TripTourist.client_id == drop_id)).all():
        if link.trip_id in kept_trips:
            record("move", "trip_drop", json.dumps(row_of(link)), None, ref=str(link.trip_id))
            session.execute(delete(TripTourist).where(TripTourist.id == link.id))
        else:
            record("move", "trip", drop_id, keep_id, ref=str(link.trip_id))
            session.execute(update(TripTourist).where(TripTourist.id == link.id).values(client_id=keep_id))


def row_of(obj: Any) -> dict[str, Any]:
    """Every column of an ORM row as JSON-ready values."""
    out = {}
    for col in obj.__table__.columns:
        v = getattr(obj, col.key)
        out[col.key] = v.isoformat() if isinstance(v, dt.date | dt.datetime) else v
    return out


def restore_row(session: Session, model: type, data: dict[str, Any]) -> None:
    """Insert a row saved by ``row_of`` back, with its own id."""
    values = {}
    for col in model.__table__.columns:
        v = data.get(col.key)
        if v is not None and isinstance(col.type, DateTime):
            v = dt.datetime.fromisoformat(v)
        elif v is not None and isinstance(col.type, Date):
            v = dt.date.fromisoformat(v)
        elif v is not None and isinstance(col.type, Boolean):
            v = bool(v)
        values[col.key] = v
    session.execute(insert(model), [values])
