"""Each partner's column mapping, kept in the store: a list from the same partner reads the
same way next time, whoever imports it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.desk_models import PartnerMapping


def partner_key(partner: str) -> str:
    return " ".join(partner.casefold().replace("ё", "е").split())


def save_partner_mapping(session: Session, partner: str, columns: dict[str, str], header_row: int | None) -> None:
    """Keep ``columns`` (header text or 1-based column number -> field) for ``partner``."""
    key = partner_key(partner)
    if not key:
        raise ValueError("a partner needs a name")
    row = session.scalar(select(PartnerMapping).where(PartnerMapping.partner_key == key))
    if row is None:
        row = PartnerMapping(partner_key=key)
        session.add(row)
    row.partner, row.columns, row.header_row = " ".join(partner.split()), dict(columns), header_row
    session.flush()


def partner_mapping(session: Session, partner: str) -> tuple[dict[str, Any], int | None] | None:
    """The saved ``(columns, header_row)`` for ``partner``, or None."""
    row = session.scalar(select(PartnerMapping).where(PartnerMapping.partner_key == partner_key(partner)))
    return None if row is None else (dict(row.columns), row.header_row)


def partners(session: Session) -> list[str]:
    """Partners with a saved mapping, by name."""
    return list(session.scalars(select(PartnerMapping.partner).order_by(PartnerMapping.partner_key)))
