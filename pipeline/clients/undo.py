"""Undo an import batch, or split one wrong merge off a client, from the change history.

Every write to a client belongs to a batch (an import, a clerk's edit, a review decision) and
leaves change records with the value it replaced. Undo plays a batch's records backwards:
clients it created are removed, values it overwrote come back, documents and trip places it
added go, trip places it took away come back, its open review items close. A client removed
takes their history, review items, consents and contacts along: their number is never given
out again, and nothing of them stays behind. Changes to a trip itself (``TripChange``) are
played back the same way; a trip the batch created goes. The undo is itself a batch.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from pipeline.record import RowResult
from pipeline.store.absorb import restore_row
from pipeline.store.db import serialize_writers
from pipeline.store.history import from_text, plain, refresh_keys, trip_value
from pipeline.store.merge import create_client, drop_taken_documents
from pipeline.store.models import (
    Change,
    Client,
    Document,
    ImportBatch,
    ReviewItem,
    Trip,
    TripChange,
    TripTourist,
    utc_now,
)


class UndoRefused(Exception):
    """The undo would lose a later change, or there is nothing to undo; the message says why.

    ``later`` lists the later batches that stand in the way (``force`` undoes them too)."""

    def __init__(self, message: str, later: list[int] | None = None) -> None:
        super().__init__(message)
        self.later = later or []


@dataclass
class UndoReport:
    undo_batch: int
    batches: list[int]
    clients_removed: int = 0
    values_restored: int = 0
    documents_removed: int = 0
    trip_places_removed: int = 0
    reviews_closed: int = 0
    trip_places_restored: int = 0
    trip_values_restored: int = 0
    trips_removed: int = 0
    new_client: int | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        done = ", ".join(str(b) for b in self.batches)
        trips = [f"{n} {what}" for n, what in ((self.trip_values_restored, "trip values restored"),
                                               (self.trip_places_restored, "trip places put back"),
                                               (self.trips_removed, "trips removed")) if n]  # fmt: skip
        return (
            f"undone: batch {done} — {self.clients_removed} clients removed, {self.values_restored} values "
            f"restored, {self.documents_removed} passports and {self.trip_places_removed} trip places removed, "
            f"{self.reviews_closed} review items closed{''.join(', ' + t for t in trips)} "
            f"(recorded as batch {self.undo_batch})"
        )


def undo_batch(session: Session, batch_id: int, *, force: bool = False) -> UndoReport:
    """Restore the store as it was before batch ``batch_id``; with ``force``, later batches that
    changed the same clients are undone first, otherwise their presence refuses the undo."""
    serialize_writers(session)
    batch = _undoable(session, batch_id)
    chain = [batch.id]
    later = _later_batches(session, chain)
    while later and force:
        chain += later
        later = _later_batches(session, chain)
    if later:
        raise UndoRefused(_later_message(session, batch.id, later), later)
    undo = _new_batch(session, "undo", f"undo of batch {', '.join(map(str, sorted(chain)))}")
    report = UndoReport(undo.id, sorted(chain, reverse=True))
    for b in report.batches:  # newest first, so each sees the store as its batch left it
        _revert(session, b, undo.id, report)
        session.execute(update(ImportBatch).where(ImportBatch.id == b).values(status="undone", undone_by=undo.id))
    return report


def unmerge(session: Session, client_id: int, batch_id: int) -> UndoReport:
    """Take back what batch ``batch_id`` wrote to client ``client_id`` and make that tourist a
    client of their own (keeping their place on the trip)."""
    serialize_writers(session)
    _undoable(session, batch_id)
    mine = select(Change).where(Change.batch_id == batch_id, Change.client_id == client_id)
    changes = session.scalars(mine.order_by(Change.id)).all()
    if not changes:
        raise UndoRefused(f"batch {batch_id} did not change client {client_id}; nothing to unmerge")
    source = f"unmerge of client {client_id} from batch {batch_id}"
    done = session.scalar(select(ImportBatch.id).where(ImportBatch.kind == "unmerge", ImportBatch.source == source))
    if done:
        raise UndoRefused(f"client {client_id} was already unmerged from batch {batch_id} (batch {done})")
    if any(c.action == "create" for c in changes):
        raise UndoRefused(
            f"client {client_id} was created by batch {batch_id}, not merged; "
            f"to take the whole import back use: tourdesk import undo {batch_id}"
        )
    later = _later_batches(session, [batch_id], only_client=client_id)
    if later:
        raise UndoRefused(_later_message(session, batch_id, later))
    undo = _new_batch(session, "unmerge", source)
    report = UndoReport(undo.id, [batch_id])
    links = session.execute(
        select(TripTourist.trip_id, TripTourist.position, TripTourist.ticket_number).where(
            TripTourist.batch_id == batch_id, TripTourist.client_id == client_id
        )
    ).all()
    _revert(session, batch_id, undo.id, report, only_client=client_id)
    incoming = next((c.new_value for c in changes if c.action == "merge"), None)
    if incoming:
        report.new_client = _split_off(session, undo, json.loads(incoming), links, report)
    return report


def _undoable(session: Session, batch_id: int) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise UndoRefused(f"there is no batch {batch_id} (see: tourdesk batches list)")
    if batch.status == "undone":
        raise UndoRefused(f"batch {batch_id} was already undone (by batch {batch.undone_by})")
    if batch.kind in ("undo", "unmerge"):
        raise UndoRefused(f"batch {batch_id} is itself an undo; import the file again instead")
    if batch.kind == "forget":
        raise UndoRefused(f"batch {batch_id} erased a client's personal data at their request; it cannot be undone")
    return batch


def _later_batches(session: Session, chain: list[int], only_client: int | None = None) -> list[int]:
    """Batches after the first of ``chain`` that wrote to clients ``chain`` touched."""
    touched = select(Change.client_id).where(Change.batch_id.in_(chain))
    if only_client is not None:
        touched = touched.where(Change.client_id == only_client)
    query = (
        select(Change.batch_id)
        .join(ImportBatch, ImportBatch.id == Change.batch_id)
        .where(
            Change.client_id.in_(touched),
            Change.batch_id > min(chain),
            Change.batch_id.not_in(chain),
            ImportBatch.status != "undone",
            ImportBatch.kind.not_in(["undo"]),
        )
        .distinct()
    )
    later = set(session.scalars(query))
    if only_client is None:
        later |= _later_on_trips(session, chain)
    return sorted(later)


def _later_on_trips(session: Session, chain: list[int]) -> set[int]:
    """Batches after the first of ``chain`` that changed trips ``chain`` changed, or, for a trip
    ``chain`` created, put tourists on it or took them off."""
    live = (ImportBatch.status != "undone", ImportBatch.kind != "undo", ImportBatch.id > min(chain),
            ImportBatch.id.not_in(chain))  # fmt: skip
    touched = select(TripChange.trip_id).where(TripChange.batch_id.in_(chain))
    later = set(session.scalars(
        select(TripChange.batch_id).join(ImportBatch, ImportBatch.id == TripChange.batch_id)
        .where(TripChange.trip_id.in_(touched), *live)
    ))  # fmt: skip
    created = [str(t) for t in session.scalars(touched.where(TripChange.field == "created"))]
    if created:
        later |= set(session.scalars(
            select(Change.batch_id).join(ImportBatch, ImportBatch.id == Change.batch_id)
            .where(Change.action.in_(["link", "unlink"]), Change.ref.in_(created), *live)
        ))  # fmt: skip
        later |= set(session.scalars(select(ImportBatch.id).where(ImportBatch.trip_id.in_(map(int, created)), *live)))
    return later


def _later_message(session: Session, batch_id: int, later: list[int]) -> str:
    names = [
        f"batch {b.id} ({b.source}, {b.started_at:%d.%m.%Y %H:%M})"
        for b in session.scalars(select(ImportBatch).where(ImportBatch.id.in_(later)))
    ]
    return (
        f"cannot undo batch {batch_id}: {'; '.join(names)} changed the same clients or trips afterwards. "
        "Undo that first, or add --force to undo it too."
    )


def _new_batch(session: Session, kind: str, source: str) -> ImportBatch:
    batch = ImportBatch(source=source, sha256="", kind=kind)
    session.add(batch)
    session.flush()
    return batch


def _revert(session: Session, batch_id: int, undo_id: int, report: UndoReport, only_client: int | None = None) -> None:
    query = select(Change).where(Change.batch_id == batch_id)
    if only_client is not None:
        query = query.where(Change.client_id == only_client)
    changes = session.scalars(query.order_by(Change.id.desc())).all()
    created = {c.client_id for c in changes if c.action == "create"}
    history: list[dict] = []
    clients = {c.id: c for c in _load(session, {c.client_id for c in changes} - created)}
    for ch in changes:
        if ch.client_id in created or ch.action in ("create", "merge"):
            continue
        client = clients[ch.client_id]
        if ch.action == "edit" and (ch.field or "").startswith("extra."):
            _revert_extra(client, ch)
            report.values_restored += 1
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action == "trip":
            session.flush()
            if undo_trip_change(session, client, ch.ref, ch.old_value):
                report.values_restored += 1
                history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action in ("update", "edit"):
            setattr(client, ch.field, from_text(ch.field, ch.old_value))
            report.values_restored += 1
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action == "document":
            _revert_document(session, client, ch, report)
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action == "link":
            _revert_link(session, ch, batch_id, report)
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action == "unlink":
            session.flush()
            _revert_unlink(session, ch, report)
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
        elif ch.action in ("absorb", "move"):
            session.flush()
            _revert_absorb(session, ch)
            history.append(_undo_record(undo_id, ch, ch.new_value, ch.old_value))
    for client in clients.values():
        refresh_keys(client)
    session.flush()
    if created:
        report.clients_removed += _remove_clients(session, sorted(created))
    if only_client is None:
        _revert_trips(session, batch_id, undo_id, report)
    reviews = update(ReviewItem).where(ReviewItem.batch_id == batch_id, ReviewItem.status == "open")
    if only_client is not None:
        reviews = reviews.where(ReviewItem.client_id == only_client)
    closed = session.execute(
        reviews.values(status="closed", resolution=f"undone by batch {undo_id}", resolved_at=utc_now())
    )
    report.reviews_closed += closed.rowcount or 0
    if history:
        session.execute(insert(Change), history)


def _remove_clients(session: Session, ids: list[int]) -> int:
    """Remove clients a batch created, with everything that hangs on them: passports, trip places,
    their history and their review items (consents, contacts and the rest of the CRM go by the
    tables' ON DELETE CASCADE). No record of them stays: their number is never given again, so
    nobody else can inherit it."""
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        session.execute(delete(TripTourist).where(TripTourist.client_id.in_(chunk)))
        session.execute(delete(Document).where(Document.client_id.in_(chunk)))
        session.execute(delete(Change).where(Change.client_id.in_(chunk)))
        session.execute(delete(ReviewItem).where(ReviewItem.client_id.in_(chunk) | ReviewItem.other_client_id.in_(chunk)))
        session.execute(delete(Client).where(Client.id.in_(chunk)))
    return len(ids)


def _revert_trips(session: Session, batch_id: int, undo_id: int, report: UndoReport) -> None:
    """Put back the trip values batch ``batch_id`` replaced (the undo's own rows in the trip's
    history say so); a trip it created goes."""
    changes = session.scalars(select(TripChange).where(TripChange.batch_id == batch_id).order_by(TripChange.id.desc())).all()
    created = {c.trip_id for c in changes if c.field == "created"}
    history = []
    for trip_id in sorted({c.trip_id for c in changes} - created):
        trip = session.get(Trip, trip_id)
        details = dict(trip.details or {})
        for ch in (c for c in changes if c.trip_id == trip_id):
            if ch.field.startswith("details."):
                key, old = ch.field.partition(".")[2], trip_value(ch.field, ch.old_value)
                if old is None:
                    details.pop(key, None)
                else:
                    details[key] = old
            else:
                setattr(trip, ch.field, trip_value(ch.field, ch.old_value))
            history.append(dict(trip_id=trip_id, batch_id=undo_id, field=ch.field, old_value=ch.new_value,
                                new_value=ch.old_value))  # fmt: skip
            report.trip_values_restored += 1
        trip.details = details
    if history:
        session.flush()
        session.execute(insert(TripChange), history)
    for trip_id in sorted(created):
        voucher = session.scalar(select(Trip.voucher).where(Trip.id == trip_id))
        if session.scalar(select(TripTourist.id).where(TripTourist.trip_id == trip_id).limit(1)) is not None:
            raise UndoRefused(f"trip {voucher} has tourists now; take them off first (tourdesk trips remove "
                              f"{voucher} CLIENT...) or undo the batches that put them on")  # fmt: skip
        used = session.scalar(select(ImportBatch.id).where(ImportBatch.trip_id == trip_id,
                                                           ImportBatch.status != "undone").limit(1))  # fmt: skip
        if used is not None:
            raise UndoRefused(f"trip {voucher} is the trip of import batch {used}; undo that first, or add --force")
        session.execute(update(ImportBatch).where(ImportBatch.trip_id == trip_id).values(trip_id=None))
        session.execute(delete(Trip).where(Trip.id == trip_id))
        report.trips_removed += 1
    session.flush()


def _revert_unlink(session: Session, ch: Change, report: UndoReport) -> None:
    """A tourist taken off a trip comes back, in their place, with what the trip said for them."""
    place = json.loads(ch.old_value)
    taken = select(TripTourist.id).where(TripTourist.trip_id == place["trip_id"], TripTourist.client_id == ch.client_id)
    if session.scalar(taken) is None:
        restore_row(session, TripTourist, place)
        report.trip_places_restored += 1


def _load(session: Session, ids: set[int]) -> list[Client]:
    out: list[Client] = []
    ordered = sorted(ids)
    for i in range(0, len(ordered), 500):
        out += session.scalars(select(Client).where(Client.id.in_(ordered[i : i + 500]))).all()
    return out


def _revert_document(session: Session, client: Client, ch: Change, report: UndoReport) -> None:
    if ch.field.endswith(".expiry"):
        old = dt.date.fromisoformat(ch.old_value) if ch.old_value else None
        session.execute(update(Document).where(Document.doc_key == ch.ref).values(expiry=old))
        report.values_restored += 1
        return
    gone = session.execute(delete(Document).where(Document.doc_key == ch.ref, Document.client_id == client.id))
    report.documents_removed += gone.rowcount or 0
    if ch.old_value:  # the passport that was current before comes back as current
        for doc in session.scalars(select(Document).where(Document.client_id == client.id, Document.kind == ch.field)):
            if f"{doc.series or ''}{doc.number}" == ch.old_value:
                doc.is_current = True


def _revert_extra(client: Client, ch: Change) -> None:
    """An extra key (``clients info``) back to its old value, or gone if it had none."""
    key = ch.ref or ch.field.removeprefix("extra.")
    extra = dict(client.extra or {})
    if ch.old_value is None:
        extra.pop(key, None)
    else:
        extra[key] = ch.old_value
    client.extra = extra  # a new dict, so the JSON column sees the change


def _revert_link(session: Session, ch: Change, batch_id: int, report: UndoReport) -> None:
    where = (TripTourist.trip_id == int(ch.ref), TripTourist.client_id == ch.client_id)
    if ch.field == "trip":
        gone = session.execute(delete(TripTourist).where(*where, TripTourist.batch_id == batch_id))
        report.trip_places_removed += gone.rowcount or 0
    elif ch.field == "ticket_number":
        session.execute(update(TripTourist).where(*where).values(ticket_number=ch.old_value))
        report.values_restored += 1


def _revert_absorb(session: Session, ch: Change) -> None:
    """Take back one step of folding a client into another (see pipeline.store.absorb)."""
    if ch.action == "absorb":
        restore_row(session, Client, json.loads(ch.old_value))
    elif ch.field == "document":
        session.execute(update(Document).where(Document.doc_key == ch.ref).values(client_id=int(ch.old_value)))
    elif ch.field == "is_current":
        session.execute(update(Document).where(Document.doc_key == ch.ref).values(is_current=ch.old_value == "True"))
    elif ch.field == "trip":
        session.execute(
            update(TripTourist)
            .where(TripTourist.trip_id == int(ch.ref), TripTourist.client_id == int(ch.new_value))
            .values(client_id=int(ch.old_value))
        )
    elif ch.field == "trip_drop":
        restore_row(session, TripTourist, json.loads(ch.old_value))


def _undo_record(undo_id: int, ch: Change, was: str | None, now: str | None) -> dict:
    return dict(client_id=ch.client_id, batch_id=undo_id, action="undo", field=ch.field, old_value=was,
                new_value=now, source=ch.source, source_row=ch.source_row, ref=ch.ref)  # fmt: skip


def _split_off(session: Session, undo: ImportBatch, incoming: dict, links: list, report: UndoReport) -> int:
    """The tourist wrongly merged becomes a client of their own, on the trips the merge put them on."""
    derived = set(incoming.pop("derived", []))
    rule = incoming.pop("latin_rule", None)
    report.notes += drop_taken_documents(session, incoming)
    row = RowResult(source_row=0, record=incoming, derived=derived, latin_rule=rule)
    client = create_client(session, undo, undo.source, "keep", row)
    for trip_id, position, ticket in links:
        session.add(TripTourist(trip_id=trip_id, client_id=client.id, position=position,
                                ticket_number=ticket, batch_id=undo.id))  # fmt: skip
    session.flush()
    return client.id


def undo_trip_change(session: Session, client: Client, ref: str, old: str | None) -> bool:
    """Put back what a trip place said before a change (``ref`` is ``TRIP_ID:FIELD``);
    ``False`` when the client is no longer on that trip."""
    trip_id, _, field = ref.partition(":")
    link = session.scalar(
        select(TripTourist).where(TripTourist.trip_id == int(trip_id), TripTourist.client_id == client.id)
    )
    if link is None:
        return False
    if field in ("ticket_number", "room", "notes"):  # the trip place's own columns
        setattr(link, field, old)
        return True
    details = dict(link.details or {})
    if old is None or old == plain(getattr(client, field)):
        details.pop(field, None)
    else:
        details[field] = old
    link.details = details or None
    return True


def recent_batches(session: Session, limit: int = 20) -> list[ImportBatch]:
    """The latest batches (imports, edits, reviews, undos), newest first."""
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)))
