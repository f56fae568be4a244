"""The client file's CRM tables: contacts, dates, consents, purchases, NPS, follow-ups, expenses.

Kept apart from ``pipeline.store.models`` so the core store does not grow with every desk feature;
they share its ``Base`` (and so its naming convention and Alembic metadata). Personal text lives
only in columns that ``pipeline.crm.forget`` knows how to blank; figures (amounts, dates, scores)
stay after an erasure so the reports still add up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.models import Base, utc_now

MONEY = Numeric(14, 2)

CONTACT_KINDS = ("phone", "email", "social")
CONSENT_KINDS = ("personal_data", "advertising")
DATE_KINDS = ("name_day", "anniversary", "partner_event")
INCIDENT_KINDS = ("refusal", "return", "complaint")
EXPENSE_KINDS = {
    "acquisition": ("advertising", "fairs", "events"),
    "retention": ("discounts", "greetings", "gifts"),
}
ACTIVITY_KINDS = ("call", "meeting", "offer", "contract")


class Manager(Base):
    """An account manager at the agency."""

    __tablename__ = "crm_managers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Profile(Base):
    """What the CRM keeps per client beyond the passport: manager, language, erasure mark."""

    __tablename__ = "crm_profiles"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("crm_managers.id", ondelete="SET NULL"), index=True)
    #: language of greetings and letters (ru, en)
    language: Mapped[str] = mapped_column(String(5), default="ru")
    #: set by ``clients forget``: the row stays so the anonymous figures keep their client
    forgotten_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Contact(Base):
    """A phone (E.164), an e-mail (normalized) or a social account (network + handle)."""

    __tablename__ = "crm_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    network: Mapped[str | None] = mapped_column(String(30))
    value: Mapped[str] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    __table_args__ = (UniqueConstraint("client_id", "kind", "value"),)


class Note(Base):
    """A note or preference: hobbies, family, what they liked (kind says which)."""

    __tablename__ = "crm_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="note")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class Tag(Base):
    """A free label for segments (``vip``, ``ski``, ``family``)."""

    __tablename__ = "crm_tags"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True)


class ImportantDate(Base):
    """A date to greet on besides the birthday (which is read from the passport data)."""

    __tablename__ = "crm_dates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(200))


class Consent(Base):
    """One consent given or withdrawn; the latest row per client and kind is in force."""

    __tablename__ = "crm_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    granted: Mapped[bool] = mapped_column(Boolean)
    given_on: Mapped[dt.date] = mapped_column(Date)
    #: where it was given: signed form, website, e-mail, phone call
    source: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class Unsubscribe(Base):
    """The client asked to receive no more of one mailing list."""

    __tablename__ = "crm_unsubscribes"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    list_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class Purchase(Base):
    """A trip bought: the figures reports are made of. Survives an erasure of the client."""

    __tablename__ = "crm_purchases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    trip_id: Mapped[int | None] = mapped_column(ForeignKey("trips.id", ondelete="SET NULL"), index=True)
    bought_on: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[float] = mapped_column(MONEY)
    margin: Mapped[float] = mapped_column(MONEY, default=0)
    paid: Mapped[float] = mapped_column(MONEY, default=0)
    destination: Mapped[str | None] = mapped_column(String(3))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("crm_managers.id", ondelete="SET NULL"))

    __table_args__ = (UniqueConstraint("client_id", "trip_id"),)


class Incident(Base):
    """A refusal, a return or a complaint, with the short form: what they disliked and why."""

    __tablename__ = "crm_incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    trip_id: Mapped[int | None] = mapped_column(ForeignKey("trips.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    #: reason category for the "why clients leave" table (price, hotel, flight, staff, ...)
    category: Mapped[str] = mapped_column(String(40))
    disliked_product: Mapped[str | None] = mapped_column(Text)
    disliked_staff: Mapped[str | None] = mapped_column(Text)
    disliked_sale: Mapped[str | None] = mapped_column(Text)
    refunded: Mapped[float] = mapped_column(MONEY, default=0)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("crm_managers.id", ondelete="SET NULL"))


class NpsAnswer(Base):
    """One answer to "would you recommend us" (0-10) with its reason."""

    __tablename__ = "crm_nps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    answered_on: Mapped[dt.date] = mapped_column(Date, index=True)
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("crm_managers.id", ondelete="SET NULL"))
    destination: Mapped[str | None] = mapped_column(String(3))
    source: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("client_id", "answered_on", "score"),)


class FollowUp(Base):
    """A detractor's call back: due within 7 days, what was learnt and what was done."""

    __tablename__ = "crm_followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nps_id: Mapped[int] = mapped_column(ForeignKey("crm_nps.id", ondelete="CASCADE"), unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("crm_managers.id", ondelete="SET NULL"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    learnt: Mapped[str | None] = mapped_column(Text)
    action_taken: Mapped[str | None] = mapped_column(Text)


class Expense(Base):
    """Money spent to win clients (acquisition) or to keep them (retention)."""

    __tablename__ = "crm_expenses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spent_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    amount: Mapped[float] = mapped_column(MONEY)
    note: Mapped[str | None] = mapped_column(String(300))


class Activity(Base):
    """A manager's logged work with a client: call, meeting, offer sent, contract signed."""

    __tablename__ = "crm_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("crm_managers.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[dt.date] = mapped_column(Date, index=True)


