"""The client store's tables (SQLAlchemy 2). Changes to the schema go through Alembic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pipeline.store.actor import current_actor

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    """Now in UTC, without a time zone, as every timestamp column stores it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Client(Base):
    """A regular client: one person, whatever lists they arrived in."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    surname_lat: Mapped[str | None] = mapped_column(String(100))
    name_lat: Mapped[str | None] = mapped_column(String(100))
    surname_ru: Mapped[str | None] = mapped_column(String(100))
    name_ru: Mapped[str | None] = mapped_column(String(100))
    patronymic_ru: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    citizenship: Mapped[str | None] = mapped_column(String(3))
    #: canonical fields the pipeline inferred (Latin from Cyrillic, ...), not read from a source
    derived: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: spelling-independent keys for matching and search (see pipeline.store.keys)
    surname_key: Mapped[str | None] = mapped_column(String(100), index=True)
    name_key: Mapped[str | None] = mapped_column(String(100))
    search_ru: Mapped[str | None] = mapped_column(String(100), index=True)
    search_lat: Mapped[str | None] = mapped_column(String(100), index=True)
    card_last4: Mapped[str | None] = mapped_column(String(4))
    is_regular: Mapped[bool] = mapped_column(Boolean, default=True)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)

    documents: Mapped[list[Document]] = relationship(back_populates="client", order_by="Document.id")

    __table_args__ = (
        Index("ix_clients_surname_key_birth_date", "surname_key", "birth_date"),
        # the matching model's namesakes whatever their birth date (a slip in the date, or none)
        Index("ix_clients_name_keys", "surname_key", "name_key", "birth_date"),
        # A merge looks at everyone born on its tourists' birth dates; this index holds all it
        # reads about them, so a million-client file answers without touching the table.
        Index("ix_clients_birth_candidates", "birth_date", "id", "surname_key", "name_key", "gender",
              "patronymic_ru", "surname_lat", "name_lat"),  # fmt: skip
        # prefix search (LIKE 'ив%') on PostgreSQL whatever the database's collation
        Index("ix_clients_search_ru_prefix", "search_ru", postgresql_ops={"search_ru": "varchar_pattern_ops"}),
        Index("ix_clients_search_lat_prefix", "search_lat", postgresql_ops={"search_lat": "varchar_pattern_ops"}),
        Index("ix_clients_surname_key_prefix", "surname_key", postgresql_ops={"surname_key": "varchar_pattern_ops"}),
        # a client number is never given out twice, not even after the client was removed (undo)
        {"sqlite_autoincrement": True},
    )


class Document(Base):
    """A passport the client has held; several over time, one of each kind current."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # foreign_passport | internal_passport
    series: Mapped[str | None] = mapped_column(String(4))
    number: Mapped[str] = mapped_column(String(20), index=True)
    expiry: Mapped[dt.date | None] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    #: kind + series + number in one string, so uniqueness holds with an empty series too
    doc_key: Mapped[str] = mapped_column(String(40))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    client: Mapped[Client] = relationship(back_populates="documents")

    __table_args__ = (
        UniqueConstraint("doc_key"),
        Index("ix_documents_number_prefix", "number", postgresql_ops={"number": "varchar_pattern_ops"}),
    )


class Trip(Base):
    """A travel package: voucher, dates, country, where the group stays and who invites it.

    The hotel and the inviting party are structured (name, address, phone), each part a
    column of its own; ``pipeline.trips.trip`` shows them as ``Party`` values. Anything else
    a trip file says (``destination_state``, ``cost_covered_by``, ...) is kept in ``details``.
    """

    __tablename__ = "trips"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    voucher: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(String(200))
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    arrival: Mapped[dt.date | None] = mapped_column(Date)
    departure: Mapped[dt.date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(3))
    hotel_name: Mapped[str | None] = mapped_column(String(200))
    hotel_address: Mapped[str | None] = mapped_column(String(300))
    hotel_phone: Mapped[str | None] = mapped_column(String(40))
    #: ``person`` (an inviting private person) or ``organisation`` (an inviting company)
    inviting_kind: Mapped[str | None] = mapped_column(String(12))
    inviting_name: Mapped[str | None] = mapped_column(String(200))
    inviting_address: Mapped[str | None] = mapped_column(String(300))
    inviting_phone: Mapped[str | None] = mapped_column(String(40))
    #: visa entries asked for: ``single``, ``two`` or ``multiple``
    entries: Mapped[str | None] = mapped_column(String(10))
    #: purpose of the journey (``tourism``, ``business``, ...), as the forms' choices spell it
    purpose: Mapped[str | None] = mapped_column(String(60))
    #: the cities and places the trip goes to, in order
    destinations: Mapped[list[str] | None] = mapped_column(JSON, default=list, nullable=True)
    services: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    tourists: Mapped[list[TripTourist]] = relationship(back_populates="trip", order_by="TripTourist.position")

    # a trip number is never given out twice
    __table_args__ = (UniqueConstraint("voucher"), {"sqlite_autoincrement": True})


class TripTourist(Base):
    """A client on a trip, with what is particular to that trip (the ticket)."""

    __tablename__ = "trip_tourists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    ticket_number: Mapped[str | None] = mapped_column(String(13))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    #: what this trip's papers say differently from the client file (a clerk chose to change
    #: only the trip); forms for this trip use these values
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    #: the hotel room (or cabin, seat) for the roster
    room: Mapped[str | None] = mapped_column(String(40))
    #: what the hotel or the guide should know about this tourist (roster's last column)
    notes: Mapped[str | None] = mapped_column(Text)

    trip: Mapped[Trip] = relationship(back_populates="tourists")
    client: Mapped[Client] = relationship()

    __table_args__ = (UniqueConstraint("trip_id", "client_id"),)


class ImportBatch(Base):
    """One run of ``tourdesk import`` over one file: what came in and what it did."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    trip_id: Mapped[int | None] = mapped_column(ForeignKey("trips.id"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    clients_new: Mapped[int] = mapped_column(Integer, default=0)
    clients_merged: Mapped[int] = mapped_column(Integer, default=0)
    sent_to_review: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="done")  # done | undone
    #: import | edit | review | undo | unmerge | cleanup: every write to clients belongs to a batch
    kind: Mapped[str] = mapped_column(String(20), default="import", server_default="import")
    undone_by: Mapped[int | None] = mapped_column(Integer)
    #: who ran it: the desk's logged-in user, or the system login of whoever ran the command
    user_name: Mapped[str | None] = mapped_column(String(100), default=current_actor)

    # a batch number is never given out twice (undo and the history name batches by number)
    __table_args__ = ({"sqlite_autoincrement": True},)


class Change(Base):
    """Every value written to a client, with the value it replaced and where it came from."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # create | update | document | link | edit | trip | ...
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    source_row: Mapped[int | None] = mapped_column(Integer)
    #: what the change is about beyond the client: the document's key, for undo
    ref: Mapped[str | None] = mapped_column(String(60))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class TripChange(Base):
    """Every value written to a trip itself (title, dates, hotel, ...), with the value it replaced.

    Values are JSON text, so a date, a list of destinations or a missing value each come back
    as they were when the batch is undone. ``field`` ``created`` marks the batch that made the trip.
    """

    __tablename__ = "trip_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ReviewItem(Base):
    """Something a person must decide: a contradiction, or a possible duplicate."""

    __tablename__ = "review_queue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # conflict | possible_match
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    source: Mapped[str | None] = mapped_column(String(300))
    source_row: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(300))  # every field one item asks about (0012)
    stored_value: Mapped[str | None] = mapped_column(Text)
    incoming_value: Mapped[str | None] = mapped_column(Text)
    incoming: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | resolved | rejected | closed
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    #: a possible duplicate's second client, the match score, and "low id:high id" of the pair
    other_client_id: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    pair_key: Mapped[str | None] = mapped_column(String(40), index=True)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
