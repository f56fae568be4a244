"""Account managers and who looks after which client."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import ACTIVITY_KINDS, Activity, Manager, Profile


def manager_id(session: Session, name: str | None) -> int | None:
    """The manager called ``name``, added on first mention (None for no name)."""
    if not name or not str(name).strip():
        return None
    name = str(name).strip()
    found = session.scalar(select(Manager.id).where(Manager.name == name))
    if found is not None:
        return found
    manager = Manager(name=name)
    session.add(manager)
    session.flush()
    return manager.id


def profile(session: Session, client_id: int) -> Profile:
    """The client's CRM profile, created empty on first use."""
    row = session.get(Profile, client_id)
    if row is None:
        get_client(session, client_id)
        row = Profile(client_id=client_id, language="ru")
        session.add(row)
        session.flush()
    return row


def assign(session: Session, client_id: int, manager: str) -> None:
    """Make ``manager`` the client's account manager."""
    profile(session, client_id).manager_id = manager_id(session, manager)


def log_activity(session: Session, manager: str, kind: str, day: dt.date, client_id: int | None = None) -> None:
    """A call, meeting, offer or contract the manager logs (the managers' figures count them)."""
    if kind not in ACTIVITY_KINDS:
        raise CrmInputError(f"unknown activity {kind!r}; use one of: {', '.join(ACTIVITY_KINDS)}")
    if client_id is not None:
        get_client(session, client_id)
    session.add(Activity(manager_id=manager_id(session, manager), kind=kind, happened_on=day, client_id=client_id))
    session.flush()
