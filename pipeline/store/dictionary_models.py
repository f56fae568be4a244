"""Tables of the questionnaire dictionary: entries, the queue of missing values, edit history.

Kept apart from ``models.py`` on the same ``Base``; the schema comes from migration 0004.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.actor import current_actor
from pipeline.store.models import Base, utc_now

#: where an entry came from: the shipped starter data, a clerk, or an imported file
ORIGINS = ("starter", "clerk", "import")


class DictionaryEntry(Base):
    """One Russian value with its English and French."""

    __tablename__ = "dictionary_entries"
    __table_args__ = (UniqueConstraint("ru_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ru: Mapped[str] = mapped_column(String(300))
    #: see pipeline.dictionary.model.key: case, ё/е, dashes, dots do not count
    ru_key: Mapped[str] = mapped_column(String(300))
    en: Mapped[str | None] = mapped_column(String(300))
    fr: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(30), index=True)
    origin: Mapped[str] = mapped_column(String(10), default="clerk")
    #: who added or last changed it
    user_name: Mapped[str | None] = mapped_column(String(100), default=current_actor, onupdate=current_actor)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class DictionaryMissing(Base):
    """A value a questionnaire needed in a language the dictionary lacks: the clerk's queue."""

    __tablename__ = "dictionary_missing"
    # Empty strings, not NULL, for "no form"/"no client": NULLs never collide in a unique key.
    __table_args__ = (UniqueConstraint("ru_key", "language", "form_id", "client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ru: Mapped[str] = mapped_column(String(300))
    ru_key: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(5))
    form_id: Mapped[str] = mapped_column(String(100), default="")
    #: text, as form extras key clients by int or str
    client_id: Mapped[str] = mapped_column(String(40), default="")
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    times: Mapped[int] = mapped_column(Integer, default=1)


class DictionaryChange(Base):
    """The values an entry had before a clerk or an import changed it."""

    __tablename__ = "dictionary_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ru_key: Mapped[str] = mapped_column(String(300), index=True)
    old_en: Mapped[str | None] = mapped_column(String(300))
    old_fr: Mapped[str | None] = mapped_column(String(300))
    old_kind: Mapped[str | None] = mapped_column(String(30))
    new_en: Mapped[str | None] = mapped_column(String(300))
    new_fr: Mapped[str | None] = mapped_column(String(300))
    new_kind: Mapped[str | None] = mapped_column(String(30))
    origin: Mapped[str] = mapped_column(String(10))
    user_name: Mapped[str | None] = mapped_column(String(100), default=current_actor)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
