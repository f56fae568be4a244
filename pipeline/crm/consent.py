"""Consents (personal data; advertising) and per-list unsubscribes, and who may get an offer.

The latest consent recorded per client and kind is the one in force, so a withdrawal is a new
row and the history of what was given, when and how stays. Offers need the advertising consent
and no unsubscribe from that list; service messages about a booked trip need neither.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import CONSENT_KINDS, Consent, Profile, Unsubscribe
from pipeline.store.models import Client


def record_consent(session: Session, client_id: int, kind: str, granted: bool, given_on: dt.date,
                   source: str) -> Consent:  # fmt: skip
    """Record a consent given (or withdrawn) on ``given_on`` through ``source``."""
    if kind not in CONSENT_KINDS:
        raise CrmInputError(f"unknown consent {kind!r}; use one of: {', '.join(CONSENT_KINDS)}")
    if not source.strip():
        raise CrmInputError("say where the consent was given (signed form, website, phone call, ...)")
    get_client(session, client_id)
    row = Consent(client_id=client_id, kind=kind, granted=granted, given_on=given_on, source=source.strip())
    session.add(row)
    session.flush()
    return row


def current(session: Session, client_id: int) -> dict[str, Consent | None]:
    """The consent in force per kind (None: never recorded, which counts as not given)."""
    out: dict[str, Consent | None] = {}
    for kind in CONSENT_KINDS:
        out[kind] = session.scalar(select(Consent).where(Consent.client_id == client_id, Consent.kind == kind)
                                   .order_by(Consent.id.desc()).limit(1))  # fmt: skip
    return out


def unsubscribe(session: Session, client_id: int, list_name: str) -> None:
    """The client gets nothing more from ``list_name`` (from the next run of that mailing)."""
    get_client(session, client_id)
    if session.get(Unsubscribe, (client_id, list_name)) is None:
        session.add(Unsubscribe(client_id=client_id, list_name=list_name))
        session.flush()


def _latest_advertising() -> Select:
    latest = (select(Consent.client_id, func.max(Consent.id).label("id"))
              .where(Consent.kind == "advertising").group_by(Consent.client_id).subquery())  # fmt: skip
    return select(Consent.client_id).join(latest, Consent.id == latest.c.id).where(Consent.granted.is_(True))


def offer_recipients(session: Session, list_name: str) -> set[int]:
    """Clients an offer on ``list_name`` may go to: advertising consent in force, not unsubscribed
    from that list, not erased."""
    query = (
        select(Client.id)
        .where(Client.id.in_(_latest_advertising()))
        .outerjoin(Unsubscribe, and_(Unsubscribe.client_id == Client.id, Unsubscribe.list_name == list_name))
        .outerjoin(Profile, Profile.client_id == Client.id)
        .where(Unsubscribe.client_id.is_(None), Profile.forgotten_at.is_(None))
    )
    return set(session.scalars(query))


def service_recipients(session: Session) -> set[int]:
    """Clients a service message may go to: everyone not erased."""
    query = select(Client.id).outerjoin(Profile, Profile.client_id == Client.id).where(
        Profile.forgotten_at.is_(None)
    )
    return set(session.scalars(query))
