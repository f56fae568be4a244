"""Tables of the desk: the people who log in, and each partner's column mapping.

Kept apart from ``models.py`` on the same ``Base``; the schema comes from migration 0011.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.actor import current_actor
from pipeline.store.models import Base, utc_now

#: what a user may do: a clerk works the desk; an administrator may also forget a client and
#: undo someone else's import
ROLES = ("clerk", "administrator")


class DeskUser(Base):
    """Someone who logs in to the desk (needed once it serves other machines)."""

    __tablename__ = "desk_users"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: an argon2 hash (its own salt and parameters inside); never the password
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class PartnerMapping(Base):
    """How one partner's lists are laid out: column (header text or number) -> field."""

    __tablename__ = "partner_mappings"
    __table_args__ = (UniqueConstraint("partner_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner: Mapped[str] = mapped_column(String(200))
    #: the name folded (case, spaces), so "Pegas Touristik" and "pegas  touristik" are one
    partner_key: Mapped[str] = mapped_column(String(200))
    columns: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    header_row: Mapped[int | None] = mapped_column(Integer)
    user_name: Mapped[str | None] = mapped_column(String(100), default=current_actor, onupdate=current_actor)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
