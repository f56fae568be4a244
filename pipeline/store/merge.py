"""Merge normalized tourists into the client store: match, survive, record, never guess.

Matching, strongest first: the foreign passport, the internal passport, then the
spelling-independent name key together with the birth date (surname and first name
swapped also caught). A name alone never merges: such a tourist goes to the review queue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.record import RowResult
from pipeline.store.candidates import CandidateIndex
from pipeline.store.db import serialize_writers
from pipeline.store.fuzzy import Incoming, decide, score
from pipeline.store.history import refresh_keys, to_db, to_text
from pipeline.store.ids import ClientIds
from pipeline.store.keys import name_key
from pipeline.store.models import (
    Change,
    Client,
    Document,
    ImportBatch,
    ReviewItem,
    Trip,
    TripTourist,
    utc_now,
)
from pipeline.store.pending import NewClient, NewDocument, write_clients
from pipeline.store.queue import ReviewQueue

PERSON_FIELDS = (
    "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru",
    "gender", "birth_date", "citizenship",
)  # fmt: skip
POLICIES = ("review", "keep", "overwrite", "ask")

#: asked for each contradiction under ``--on-conflict ask``: (client, field, stored, incoming) → overwrite?
AskFn = Callable[[Client, str, Any, Any], bool]


@dataclass
class Outcome:
    source_row: int
    action: str  # new | merged | review | rejected
    client_id: int | None = None
    reason: str = ""


@dataclass
class MergeReport:
    batch_id: int | None
    outcomes: list[Outcome] = field(default_factory=list)
    batch: ImportBatch | None = field(default=None, repr=False)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)


def doc_key(kind: str, series: str | None, number: str) -> str:
    return f"{'F' if kind == 'foreign_passport' else 'I'}:{series or ''}{number}"


def _row_doc_keys(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    foreign = (
        doc_key("foreign_passport", rec["passport_series"], rec["passport_number"])
        if rec["passport_number"]
        else None
    )
    internal = (
        doc_key("internal_passport", rec["internal_series"], rec["internal_number"])
        if rec["internal_number"]
        else None
    )
    return foreign, internal


def _keys(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    return name_key(rec["surname_lat"] or rec["surname_ru"]), name_key(rec["name_lat"] or rec["name_ru"])


def _index(session: Session, rows: list[RowResult]) -> CandidateIndex:
    live = [r.record for r in rows if not r.rejected]
    births = {to_db("birth_date", r["birth_date"]) for r in live if r["birth_date"]}
    nameless = {sk for r in live if not r["birth_date"] for sk in _keys(r) if sk}
    index = CandidateIndex(session, {k for r in live for k in _row_doc_keys(r) if k}, births, nameless)
    # whole clients for the ones matched by passport or exact name: a few statements, not one each
    ids = set(index.docs.values())
    for r in live:
        if r["birth_date"]:
            sk, nk = _keys(r)
            ids.update(index.same_name(sk, nk, to_db("birth_date", r["birth_date"]))[0])
    index.prefetch(ids)
    return index


def merge_rows(
    session: Session,
    rows: list[RowResult],
    *,
    source: str,
    sha256: str,
    trip: Trip | None = None,
    on_conflict: str = "review",
    ask: AskFn | None = None,
    batch: ImportBatch | None = None,
) -> MergeReport:
    """Merge ``rows`` into the store inside the caller's transaction; returns what happened.

    A big list is merged chunk by chunk into one ``batch`` (pass the report's batch back in),
    all in the same transaction, so the import is still whole or absent.
    """
    if on_conflict not in POLICIES:
        raise ValueError(f"unknown conflict policy {on_conflict!r}; use one of {', '.join(POLICIES)}")
    serialize_writers(session)
    if batch is None:
        batch = ImportBatch(source=source, sha256=sha256, trip_id=trip.id if trip else None, rows_total=0)
        batch.rows_rejected = batch.clients_new = batch.clients_merged = batch.sent_to_review = 0
        session.add(batch)
    batch.rows_total += len(rows)
    session.flush()
    report = MergeReport(batch.id, batch=batch)
    index = _index(session, rows)
    merger = _Merger(session, batch, source, on_conflict, ask, bulk=True)
    position = _next_position(session, trip)
    # New clients, passports and trip places are written together at the end, not row by row:
    # client numbers are handed out beforehand and the batch's lookups see its own pending rows.
    with session.no_autoflush:
        for row in rows:
            if row.rejected:
                report.outcomes.append(Outcome(row.source_row, "rejected", reason="; ".join(row.messages)))
                continue
            mark = len(merger.changes)
            outcome = merger.place(row, index)
            report.outcomes.append(outcome)
            if trip is not None and outcome.client_id is not None:
                position = merger.link(trip, outcome.client_id, row, position)
            if outcome.action == "merged":
                merger.note_merge(outcome.client_id, row, mark)
    batch.rows_rejected += report.count("rejected")
    batch.clients_new += report.count("new")
    batch.clients_merged += report.count("merged")
    batch.sent_to_review += report.count("review") + merger.conflicts
    merger.write_new()
    session.flush()
    merger.write_changes()
    return report


def _next_position(session: Session, trip: Trip | None) -> int:
    if trip is None:
        return 0
    last = session.scalar(
        select(TripTourist.position)
        .where(TripTourist.trip_id == trip.id)
        .order_by(TripTourist.position.desc())
        .limit(1)
    )
    return (last or 0) + 1


class _Merger:
    def __init__(self, session: Session, batch: ImportBatch, source: str, policy: str, ask: AskFn | None,
                 bulk: bool = False):  # fmt: skip
        self.session, self.batch, self.source, self.policy, self.ask = session, batch, source, policy, ask
        #: ``bulk``: new clients are plain objects until ``write_new`` (see pipeline.store.pending)
        self.bulk = bulk
        self.new_clients: list[NewClient] = []
        self.conflicts = 0
        self.changes: list[dict[str, Any]] = []
        self.ids = ClientIds(session)
        self.links: dict[int, TripTourist] = {}
        self.links_trip: int | None = None
        self.now = utc_now()
        self.queue = ReviewQueue(session)

    def write_new(self) -> None:
        """The clients this batch created, before anything that refers to them is flushed."""
        write_clients(self.session, self.new_clients)
        self.new_clients = []

    def write_changes(self) -> None:
        """The batch's history in a few multi-row INSERTs rather than one per value."""
        if self.changes:
            # Core executemany: SQLAlchemy batches it into multi-row INSERTs ("insertmanyvalues")
            self.session.connection().execute(insert(Change.__table__), self.changes)
        self.changes = []

    def links_of(self, trip: Trip) -> None:
        """Who is already on the trip, looked up once for the batch."""
        query = select(TripTourist).where(TripTourist.trip_id == trip.id)
        self.links = {t.client_id: t for t in self.session.scalars(query)}
        self.links_trip = trip.id

    def place(self, row: RowResult, index: CandidateIndex) -> Outcome:
        rec = row.record
        foreign, internal = _row_doc_keys(rec)
        by_foreign = index.docs.get(foreign) if foreign else None
        by_internal = index.docs.get(internal) if internal else None
        if by_foreign and by_internal and by_foreign != by_internal:
            return self._review(
                row,
                None,
                f"the passport belongs to client {by_foreign} but the internal passport to client {by_internal}",
            )
        birth = dt.date.fromisoformat(rec["birth_date"]) if rec["birth_date"] else None
        if by_foreign or by_internal:
            client = index.client(by_foreign or by_internal)
            why = "same foreign passport" if by_foreign else "same internal passport"
            if birth and client.birth_date and birth != client.birth_date and _names_differ(client, rec):
                return self._review(
                    row, client.id, f"{why} as client {client.id}, but another name and date of birth"
                )
            self.apply(client, row)
            return self._merged(client, row, f"{why} as client {client.id}")
        sk, nk = _keys(rec)
        if birth is not None:
            found, swapped = index.same_name(sk, nk, birth)
            if len(found) == 1:
                client = index.client(found[0])
                if swapped:
                    _swap_names(rec, row)
                self.apply(client, row)
                why = "same name and date of birth" + (
                    " (surname and first name were swapped in the list)" if swapped else ""
                )
                return self._merged(client, row, f"{why} as client {client.id}")
            if len(found) > 1:
                ids = ", ".join(str(c) for c in found)
                return self._review(row, found[0], f"several clients have this name and date of birth ({ids})")
            fuzzy = self._fuzzy(row, index, sk, nk, birth)
            if fuzzy is not None:
                return fuzzy
        else:
            same = index.named(sk, nk)
            if same:
                ids = ", ".join(str(c) for c in same)
                return self._review(
                    row,
                    same[0],
                    f"clients {ids} have this name, but the list gives no date of birth or passport to be sure",
                )
        client = self.create(row)
        index.add_client(client)
        for key in (foreign, internal):
            if key:
                index.docs[key] = client.id
        return Outcome(
            row.source_row, "new", client.id, "no client with this passport, or this name and date of birth"
        )

    def _fuzzy(self, row: RowResult, index: CandidateIndex, sk: str | None, nk: str | None,
               birth: dt.date) -> Outcome | None:  # fmt: skip
        """Born the same day, names a typo or two apart: merge when clear, else ask a person."""
        rec = row.record
        inc = Incoming(sk, nk, rec["gender"], name_key(rec["patronymic_ru"]), rec["surname_lat"], rec["name_lat"])
        scored = [s for c in index.born(birth) if (s := score(inc, c)) is not None]
        verdict, best = decide(scored, sk or "", nk or "")
        if verdict == "new":
            return None
        cid = best.candidate.id
        if verdict == "merge":
            client = index.client(cid)
            self.apply_typo(client, row)
            return self._merged(client, row, f"same date of birth and the name differs by one letter "
                                             f"(score {best.score:.2f}) from client {cid}")  # fmt: skip
        return self._review(row, cid, f"client {cid} has the same date of birth and a name "
                                      f"{best.typos} letter(s) apart (score {best.score:.2f})", best.score)  # fmt: skip

    def _merged(self, client: Client, row: RowResult, why: str) -> Outcome:
        return Outcome(row.source_row, "merged", client.id, why)

    def note_merge(self, client_id: int, row: RowResult, mark: int) -> None:
        """Keep the incoming tourist with the changes it made, so a wrong merge can be split off."""
        if len(self.changes) > mark:
            self._change(client_id, "merge", None, None, json.dumps(_jsonable(row), ensure_ascii=False), row)

    def _review(self, row: RowResult, client_id: int | None, reason: str, score_: float | None = None) -> Outcome:
        self.queue.add(
            ReviewItem(kind="possible_match", client_id=client_id, batch_id=self.batch.id, source=self.source,
                       source_row=row.source_row, incoming=_jsonable(row), reason=reason, score=score_)
        )  # fmt: skip
        return Outcome(row.source_row, "review", None, reason)

    def create(self, row: RowResult) -> Client | NewClient:
        rec = row.record
        values = {f: to_db(f, rec[f]) for f in PERSON_FIELDS}
        derived = sorted(row.derived & set(PERSON_FIELDS))
        client: Client | NewClient
        if self.bulk:
            client = NewClient(id=self.ids.next(), derived=derived, **values)
            self.new_clients.append(client)
        else:
            client = Client(id=self.ids.next(), derived=derived, extra={}, is_regular=True, documents=[], **values)
            self.session.add(client)
        refresh_keys(client)
        self._change(client.id, "create", None, None, _describe(client), row)
        self._documents(client, row)
        return client

    def apply_typo(self, client: Client, row: RowResult) -> None:
        """A merge through a misspelt name: the file's spelling of the names stands."""
        names = ("surname_lat", "name_lat", "surname_ru", "name_ru")
        kept = {f: row.record[f] for f in names if getattr(client, f) is not None}
        row.record.update(dict.fromkeys(kept))
        self.apply(client, row)
        row.record.update(kept)

    def apply(self, client: Client, row: RowResult) -> None:
        rec = row.record
        derived = set(client.derived or [])
        for f in PERSON_FIELDS:
            new = to_db(f, rec[f])
            old = getattr(client, f)
            if new is None or new == old:
                continue
            incoming_derived, stored_derived = f in row.derived, f in derived
            if old is None or (stored_derived and not incoming_derived):
                self._set(client, f, old, new, row)
                derived.discard(f)
                if incoming_derived:
                    derived.add(f)
            elif incoming_derived and not stored_derived:
                continue  # what a source said beats what the pipeline inferred
            else:
                self._conflict(client, f, old, new, row)
        if sorted(derived) != sorted(client.derived or []):
            self._change(client.id, "update", "derived", json.dumps(sorted(client.derived or [])),
                         json.dumps(sorted(derived)), row)  # fmt: skip
            client.derived = sorted(derived)
        refresh_keys(client)
        self._documents(client, row)

    def _set(self, client: Client, f: str, old: Any, new: Any, row: RowResult) -> None:
        setattr(client, f, new)
        self._change(client.id, "update", f, old, new, row)

    def _conflict(self, client: Client, f: str, old: Any, new: Any, row: RowResult) -> None:
        decision = self.policy
        if decision == "ask":
            decision = "overwrite" if self.ask and self.ask(client, f, old, new) else "keep"
        if decision == "overwrite":
            self._set(client, f, old, new, row)
        elif decision == "review":
            self.conflicts += 1
            self.queue.add(
                ReviewItem(kind="conflict", client_id=client.id, batch_id=self.batch.id, source=self.source,
                           source_row=row.source_row, field=f, stored_value=to_text(old), incoming_value=to_text(new),
                           incoming=_jsonable(row),
                           reason=f"the list says {f} is {to_text(new)!r}, the client file says {to_text(old)!r}")
            )  # fmt: skip

    def _documents(self, client: Client, row: RowResult) -> None:
        rec = row.record
        for kind, series, number, expiry in (
            ("foreign_passport", rec["passport_series"], rec["passport_number"], rec["passport_expiry"]),
            ("internal_passport", rec["internal_series"], rec["internal_number"], None),
        ):
            if not number:
                continue
            key = doc_key(kind, series, number)
            expiry_d = dt.date.fromisoformat(expiry) if expiry else None
            docs = [d for d in client.documents if d.kind == kind]
            existing = next((d for d in docs if d.doc_key == key), None)
            if existing is not None:
                if existing.expiry is None and expiry_d is not None:
                    self._change(client.id, "document", f"{kind}.expiry", None, expiry, row, ref=key)
                    existing.expiry = expiry_d
                continue
            current = next((d for d in docs if d.is_current), None)
            # A newer passport replaces the older one as current; the older one stays on file.
            newer = current is None or (
                expiry_d is not None and (current.expiry is None or expiry_d > current.expiry)
            )
            if newer and current is not None:
                current.is_current = False
            if isinstance(client, NewClient):
                client.documents.append(NewDocument(kind, series, number, expiry_d, newer, key, self.batch.id))
            else:
                self.session.add(Document(client=client, kind=kind, series=series, number=number, expiry=expiry_d,
                                          is_current=newer, doc_key=key, batch_id=self.batch.id))  # fmt: skip
            old = f"{current.series or ''}{current.number}" if current else None
            self._change(client.id, "document", kind, old, f"{series or ''}{number}", row, ref=key)

    def link(self, trip: Trip, client_id: int, row: RowResult, position: int) -> int:
        if self.links_trip != trip.id:
            self.links_of(trip)
        existing = self.links.get(client_id)
        ticket = row.record["ticket_number"]
        if existing is None:
            place = TripTourist(trip_id=trip.id, client_id=client_id, position=position, ticket_number=ticket,
                                batch_id=self.batch.id)  # fmt: skip
            self.session.add(place)
            self.links[client_id] = place
            self._change(client_id, "link", "trip", None, trip.voucher, row, ref=str(trip.id))
            return position + 1
        if ticket and existing.ticket_number != ticket:
            self._change(client_id, "link", "ticket_number", existing.ticket_number, ticket, row, ref=str(trip.id))
            existing.ticket_number = ticket
        return position

    def _change(
        self, client_id: int, action: str, f: str | None, old: Any, new: Any, row: RowResult, ref: str | None = None
    ) -> None:
        self.changes.append(
            dict(client_id=client_id, batch_id=self.batch.id, action=action, field=f, old_value=to_text(old),
                 new_value=to_text(new), source=self.source, source_row=row.source_row, ref=ref, changed_at=self.now)
        )  # fmt: skip


def merge_into(session: Session, batch: ImportBatch, source: str, policy: str, client: Client, row: RowResult,
               trip: Trip | None = None) -> None:  # fmt: skip
    """Merge ``row`` into ``client`` as a person decided, putting them on ``trip`` when given;
    every change is recorded in ``batch`` (review and undo call this, not the merger itself)."""
    merger = _Merger(session, batch, source, policy, None)
    mark = len(merger.changes)
    merger.apply(client, row)
    if trip is not None:
        merger.link(trip, client.id, row, _next_position(session, trip))
    merger.note_merge(client.id, row, mark)
    session.flush()
    merger.write_changes()


def create_client(session: Session, batch: ImportBatch, source: str, policy: str, row: RowResult,
                  trip: Trip | None = None) -> Client:  # fmt: skip
    """A new client made from ``row`` (on ``trip`` when given), its history recorded in ``batch``."""
    merger = _Merger(session, batch, source, policy, None)
    client = merger.create(row)
    if trip is not None:
        merger.link(trip, client.id, row, _next_position(session, trip))
    session.flush()
    merger.write_changes()
    return client  # type: ignore[return-value]  # not bulk: always a Client


def drop_taken_documents(session: Session, rec: dict[str, Any]) -> list[str]:
    """Clear from ``rec`` the passports another client already holds; says which, in words."""
    notes = []
    for kind, s, n in (("foreign_passport", "passport_series", "passport_number"),
                       ("internal_passport", "internal_series", "internal_number")):  # fmt: skip
        if rec.get(n):
            holder = session.scalar(select(Document.client_id).where(Document.doc_key == doc_key(kind, rec.get(s), rec[n])))
            if holder:
                notes.append(f"the {kind.replace('_', ' ')} stays with client {holder}")
                rec[s] = rec[n] = None
                if kind == "foreign_passport":
                    rec["passport_expiry"] = None
    return notes


def _names_differ(client: Client, rec: dict[str, Any]) -> bool:
    return (client.surname_key, client.name_key) != _keys(rec)


def _swap_names(rec: dict[str, Any], row: RowResult) -> None:
    for a, b in (("surname_lat", "name_lat"), ("surname_ru", "name_ru")):
        rec[a], rec[b] = rec[b], rec[a]
    row.derived = {
        (
            {
                "surname_lat": "name_lat",
                "name_lat": "surname_lat",
                "surname_ru": "name_ru",
                "name_ru": "surname_ru",
            }
        ).get(f, f)
        for f in row.derived
    }


def _describe(client: Client) -> str:
    return " ".join(
        filter(None, [client.surname_lat or client.surname_ru, client.name_lat or client.name_ru])
    )


def _jsonable(row: RowResult) -> dict[str, Any]:
    return {**row.record, "derived": sorted(row.derived)}
