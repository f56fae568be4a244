"""Closing the loop: every detractor gets a call back from their manager within 7 days."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import FollowUp, Manager, NpsAnswer, Profile

CALL_BACK_DAYS = 7


def open_followups(session: Session) -> int:
    """Put every detractor (score 0-6) without a follow-up on their manager's list; returns how many.

    The manager is the one the answer names, else the client's account manager.
    """
    query = (
        select(NpsAnswer.id, NpsAnswer.client_id, NpsAnswer.answered_on, NpsAnswer.manager_id,
               Profile.manager_id.label("account_manager"))
        .outerjoin(FollowUp, FollowUp.nps_id == NpsAnswer.id)
        .outerjoin(Profile, Profile.client_id == NpsAnswer.client_id)
        .where(NpsAnswer.score <= 6, FollowUp.id.is_(None))
    )  # fmt: skip
    rows = [
        {"nps_id": r.id, "client_id": r.client_id, "manager_id": r.manager_id or r.account_manager,
         "due_on": r.answered_on + dt.timedelta(days=CALL_BACK_DAYS)}
        for r in session.execute(query)
    ]  # fmt: skip
    if rows:
        session.execute(FollowUp.__table__.insert(), rows)
    return len(rows)


def record_outcome(session: Session, followup_id: int, learnt: str, action: str,
                   done_on: dt.date | None = None) -> FollowUp:  # fmt: skip
    """Close a follow-up with what the call taught and what was done about it."""
    row = session.get(FollowUp, followup_id)
    if row is None:
        raise CrmInputError(f"there is no follow-up {followup_id} (see: tourdesk crm followups)")
    if not learnt.strip() or not action.strip():
        raise CrmInputError("write down both what was learnt and what was done")
    row.learnt, row.action_taken, row.done_on = learnt.strip(), action.strip(), done_on or dt.date.today()
    return row


def followup_list(session: Session, today: dt.date, include_done: bool = False) -> pd.DataFrame:
    """The follow-ups with their manager, score, reason, due date and an ``overdue`` flag."""
    query = (
        select(FollowUp.id, FollowUp.client_id, Manager.name.label("manager"), NpsAnswer.answered_on,
               NpsAnswer.score, NpsAnswer.reason, FollowUp.due_on, FollowUp.done_on, FollowUp.learnt,
               FollowUp.action_taken)
        .join(NpsAnswer, NpsAnswer.id == FollowUp.nps_id)
        .outerjoin(Manager, Manager.id == FollowUp.manager_id)
        .order_by(FollowUp.due_on, FollowUp.id)
    )  # fmt: skip
    if not include_done:
        query = query.where(FollowUp.done_on.is_(None))
    frame = pd.DataFrame(session.execute(query).all(), columns=[
        "id", "client_id", "manager", "answered_on", "score", "reason", "due_on", "done_on", "learnt", "action_taken"])
    late = frame["done_on"].isna() & (pd.to_datetime(frame["due_on"]) < pd.Timestamp(today))
    frame["overdue"] = late.astype(bool)
    return frame
