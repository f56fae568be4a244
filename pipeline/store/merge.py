"""Merge normalized tourists into the client store: match, survive, record, never guess.

Each row is put to the matching model (``pipeline.store.matching``) against every client it
could be. In the ``merge`` band it is merged into that client; in the ``review`` band it
becomes a client of its own and the pair goes to the review queue (one item per pair of
clients, never asked again once decided); otherwise it is a new client. A passport is never
given to a second client: a row that carries another client's passport and is not merged into
them is such a review pair.

Survivorship on a merge: a gap is filled, what a source said beats what the pipeline inferred,
and the rest of the contradictions of one row go to a person as one item. Another Cyrillic
spelling of a name is recorded as a known variant, not asked about, and so is a slip of the keys
in a Latin one (SREGEI). The same name in another Latin scheme (JULIA where the file holds
IULIIA) is asked about with both values and never written over the stored one, however the
client was matched: a passport prints one Latin spelling, so one of the two is wrong, or the
passport was reissued under the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.record import FIELD_LABELS, RowResult
from pipeline.store.candidates import CandidateIndex
from pipeline.store.db import serialize_writers
from pipeline.store.evidence import decide, distance
from pipeline.store.history import refresh_keys, to_db, to_text
from pipeline.store.ids import ClientIds
from pipeline.store.keys import name_key
from pipeline.store.matching import doc_key, index_for, row_doc_keys, score_candidates
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


_row_doc_keys = row_doc_keys
NAMES = ("surname_lat", "name_lat", "surname_ru", "name_ru")


def _keys(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    return name_key(rec["surname_lat"] or rec["surname_ru"]), name_key(rec["name_lat"] or rec["name_ru"])


def _index(session: Session, rows: list[RowResult]) -> CandidateIndex:
    index = index_for(session, [r.record for r in rows if not r.rejected])
    # whole clients for the ones holding the batch's passports: a few statements, not one each
    index.prefetch(set(index.docs.values()))
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
    merger = _Merger(session, batch, source, on_conflict, ask, bulk=True, owners=index.docs)
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
    batch.clients_new += report.count("new") + report.count("review")  # a row in review is a client too
    batch.clients_merged += report.count("merged")
    batch.sent_to_review += merger.reviews + merger.conflicts
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
                 bulk: bool = False, owners: dict[str, int] | None = None):  # fmt: skip
        self.session, self.batch, self.source, self.policy, self.ask = session, batch, source, policy, ask
        #: who holds each passport the batch has seen (the store's and the batch's own), so that a
        #: passport is never given to a second client; without it the store is asked per passport
        self.owners = owners
        #: ``bulk``: new clients are plain objects until ``write_new`` (see pipeline.store.pending)
        self.bulk = bulk
        self.new_clients: list[NewClient] = []
        self.conflicts = 0
        self.reviews = 0
        self.conflict_keys: set[str] = set()
        self.variants: dict[int, set[tuple[str, str]]] = {}
        self.changes: list[dict[str, Any]] = []
        self.ids = ClientIds(session)
        self.links: dict[int, TripTourist] = {}
        self.links_trip: int | None = None
        self.now = utc_now()

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
        holders = [h for h in dict.fromkeys(index.docs.get(k) for k in (foreign, internal) if k) if h is not None]
        _, scored = score_candidates(index, rec)
        match = decide(scored, index.prior, index.known_pairs())
        if match.band == "merge" and set(holders) <= {match.client_id}:
            client = index.client(match.client_id)
            best = next(s for cid, s in scored if cid == match.client_id)
            if best.swapped:
                _swap_names(rec, row)
            self.apply(client, row)
            index.add_client(client)
            return self._merged(client, row, f"{', '.join(match.reasons)} as client {client.id} "
                                             f"(likelihood {match.score:.3f})")  # fmt: skip
        others = [match.client_id] if match.band in ("merge", "review") else []
        others += [h for h in holders if h not in others]
        client = self.create(row)
        index.add_client(client)
        if not others:
            why = "no client with this passport, or this name and date of birth"
            if match.client_id is None and match.reasons:
                why = f"no client close enough (the nearest: {', '.join(match.reasons)})"
            return Outcome(row.source_row, "new", client.id, why)
        reasons = []
        for other in others:
            s = next((s for cid, s in scored if cid == other), None)
            words = ", ".join(s.reasons()) if s else "same passport"
            probability = s.probability(index.prior) if s else 0.5
            if other in holders:
                words += "; the passport stays with client " + str(other)
            reasons.append(self.pair(client.id, other, row, f"{words}", probability, index))
        return Outcome(row.source_row, "review", client.id, "; ".join(r for r in reasons if r))

    def pair(self, new_id: int, other: int, row: RowResult, words: str, probability: float,
             index: CandidateIndex | None = None) -> str:  # fmt: skip
        """A review item for two clients who may be one person, unless that pair is already known."""
        low, high = min(new_id, other), max(new_id, other)
        reason = f"client {new_id} (row {row.source_row}) may be client {other}: {words} (likelihood {probability:.3f})"
        if index is not None:
            if (low, high) in index.known_pairs():
                return reason
            index.remember_pair(low, high)
        self.session.add(
            ReviewItem(kind="duplicate", client_id=other, other_client_id=new_id, batch_id=self.batch.id,
                       source=self.source, source_row=row.source_row, incoming=_jsonable(row), reason=reason,
                       score=round(probability, 6), pair_key=f"{low}:{high}")
        )  # fmt: skip
        self.reviews += 1
        return reason

    def _merged(self, client: Client | NewClient, row: RowResult, why: str) -> Outcome:
        return Outcome(row.source_row, "merged", client.id, why)

    def note_merge(self, client_id: int, row: RowResult, mark: int) -> None:
        """Keep the incoming tourist with the changes it made, so a wrong merge can be split off."""
        if len(self.changes) > mark:
            self._change(client_id, "merge", None, None, json.dumps(_jsonable(row), ensure_ascii=False), row)

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

    def apply(self, client: Client | NewClient, row: RowResult) -> None:
        """Survivorship: gaps filled, a source's value over a derived one, contradictions to a person."""
        rec = row.record
        derived = set(client.derived or [])
        contradictions: dict[str, tuple[Any, Any]] = {}
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
            elif f in NAMES and self._variant(f, old, new):
                self._note_variant(client, f, new, row)
            else:
                contradictions[f] = (old, new)
        if contradictions:
            self._contradict(client, contradictions, row)
        if sorted(derived) != sorted(client.derived or []):
            self._change(client.id, "update", "derived", json.dumps(sorted(client.derived or [])),
                         json.dumps(sorted(derived)), row)  # fmt: skip
            client.derived = sorted(derived)
        refresh_keys(client)
        self._documents(client, row)

    @staticmethod
    def _variant(f: str, old: str, new: str) -> bool:
        """Another spelling of the same name, recorded without asking: a Cyrillic slip
        (Смернова for Смирнова), or a slip of the keys in a Latin one (SREGEI for SERGEI) — not
        another name (a marriage). But the same Latin name written by another scheme (JULIA for
        IULIIA: the same key) may be a reissued passport's spelling, which the forms must
        print: that is put to a person with both values."""
        a, b = name_key(old), name_key(new)
        if a is None or b is None:
            return False
        if f.endswith("_lat"):
            return a != b and distance(a, b) <= 2
        if old.replace("ё", "е").replace("Ё", "Е") == new.replace("ё", "е").replace("Ё", "Е"):
            return True
        return distance(a, b) <= 2

    def _note_variant(self, client: Client | NewClient, f: str, value: str, row: RowResult) -> None:
        known = self.variants.setdefault(client.id, self._known_variants(client.id))
        if (f, value) in known:
            return
        known.add((f, value))
        self._change(client.id, "variant", f, None, value, row)

    def _known_variants(self, client_id: int) -> set[tuple[str, str]]:
        if isinstance(client_id, int) and any(c.id == client_id for c in self.new_clients):
            return set()
        q = select(Change.field, Change.new_value).where(Change.client_id == client_id, Change.action == "variant")
        return {(f, v) for f, v in self.session.execute(q)}

    def _set(self, client: Client | NewClient, f: str, old: Any, new: Any, row: RowResult) -> None:
        setattr(client, f, new)
        self._change(client.id, "update", f, old, new, row)

    def _contradict(self, client: Client | NewClient, found: dict[str, tuple[Any, Any]], row: RowResult) -> None:
        """What the row says against the file, handled by the policy; for review, one item for the
        row (not one per field), never queued again once a person decided it."""
        if self.policy in ("ask", "overwrite", "keep"):
            for f, (old, new) in found.items():
                overwrite = self.policy == "overwrite" or (self.policy == "ask" and self.ask is not None
                                                           and self.ask(client, f, old, new))  # fmt: skip
                if overwrite:
                    self._set(client, f, old, new, row)
            return
        differences = {f: [to_text(old), to_text(new)] for f, (old, new) in found.items()}
        key = "conflict:" + hashlib.sha1(
            json.dumps([client.id, differences], sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:28]  # fmt: skip
        # a question closed by an undo was never answered: the list brought back is asked again
        asked = select(ReviewItem.id).where(ReviewItem.pair_key == key, ReviewItem.resolution.is_(None)
                                            | ~ReviewItem.resolution.startswith("undone by"))  # fmt: skip
        if key in self.conflict_keys or self.session.scalar(asked.limit(1)):
            return
        self.conflict_keys.add(key)
        self.conflicts += 1
        fields = sorted(found)
        words = "; ".join(f"{FIELD_LABELS.get(f, f)}: the list says {new!r}, the client file {old!r}"
                          for f, (old, new) in differences.items())  # fmt: skip
        single = found[fields[0]] if len(fields) == 1 else (None, None)
        self.session.add(
            ReviewItem(kind="conflict", client_id=client.id, batch_id=self.batch.id, source=self.source,
                       source_row=row.source_row, field=", ".join(fields), stored_value=to_text(single[0]),
                       incoming_value=to_text(single[1]), incoming={**_jsonable(row), "differences": differences},
                       reason=words, pair_key=key)
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
            holder = self._holder(key)
            if holder is not None and holder != client.id:
                continue  # another client's passport: the reason of the row says so, it is never taken
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
            if self.owners is not None:
                self.owners[key] = client.id
            old = f"{current.series or ''}{current.number}" if current else None
            self._change(client.id, "document", kind, old, f"{series or ''}{number}", row, ref=key)

    def _holder(self, key: str) -> int | None:
        if self.owners is not None:
            return self.owners.get(key)
        return self.session.scalar(select(Document.client_id).where(Document.doc_key == key))

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
    out = {**row.record, "derived": sorted(row.derived)}
    if row.latin_rule is not None:  # which scheme wrote the derived Latin (ukraine2010, icao...)
        out["latin_rule"] = row.latin_rule
    return out
