"""The store's CRM figures read in bulk as DataFrames: one query per table, the shape ``figures`` wants."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.crm.models import Activity, Expense, Incident, Manager, NpsAnswer, Purchase


@dataclass
class Frames:
    purchases: pd.DataFrame
    answers: pd.DataFrame
    incidents: pd.DataFrame
    expenses: pd.DataFrame
    activities: pd.DataFrame


def _read(session: Session, query, dates: list[str], money: tuple[str, ...] = ()) -> pd.DataFrame:
    result = session.execute(query)
    frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    for c in dates:
        frame[c] = pd.to_datetime(frame[c])
    for c in money:
        frame[c] = frame[c].astype(float)
    return frame


def load(session: Session) -> Frames:
    """Everything the control report needs; personal fields are not read."""
    m = Manager.name.label("manager")
    return Frames(
        purchases=_read(session, select(Purchase.client_id, Purchase.bought_on, Purchase.amount, Purchase.margin,
                                        Purchase.paid, Purchase.destination, m)
                        .outerjoin(Manager, Manager.id == Purchase.manager_id), ["bought_on"],
                        ("amount", "margin", "paid")),
        answers=_read(session, select(NpsAnswer.client_id, NpsAnswer.answered_on, NpsAnswer.score,
                                      NpsAnswer.destination, m)
                      .outerjoin(Manager, Manager.id == NpsAnswer.manager_id), ["answered_on"]),
        incidents=_read(session, select(Incident.client_id, Incident.kind, Incident.category,
                                        Incident.occurred_on), ["occurred_on"]),
        expenses=_read(session, select(Expense.spent_on, Expense.kind, Expense.category, Expense.amount),
                       ["spent_on"], ("amount",)),
        activities=_read(session, select(Activity.client_id, Activity.kind, Activity.happened_on, m)
                         .join(Manager, Manager.id == Activity.manager_id), ["happened_on"]),
    )  # fmt: skip


def from_history(h) -> Frames:
    """Frames from a generated history (benchmarks.generate_crm), without a store."""
    return Frames(purchases=h.purchases, answers=h.answers, incidents=h.incidents, expenses=h.expenses,
                  activities=h.activities)  # fmt: skip
