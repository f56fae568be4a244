"""The store's CRM figures read in bulk as DataFrames: one query per table, the shape ``figures`` wants.

Dates come out of the database as ISO text and amounts as floats, converted by pandas in one
vectorized step: per-row conversion to ``date`` and ``Decimal`` objects cost more than the
whole report. The managers' activities are counted per manager, kind and day in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Float, String, cast, func, select
from sqlalchemy.orm import Session

from pipeline.crm.models import Activity, Expense, Incident, Manager, NpsAnswer, Purchase


@dataclass
class Frames:
    purchases: pd.DataFrame
    answers: pd.DataFrame
    incidents: pd.DataFrame
    expenses: pd.DataFrame
    activities: pd.DataFrame


def _read(session: Session, query, dates: tuple[str, ...]) -> pd.DataFrame:
    # straight from the driver's cursor, inside the session's transaction: SQLAlchemy's Row
    # objects cost more than the report itself on a million rows. No user value is in the SQL.
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        names = [d[0] for d in cursor.description]
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names)
    finally:
        cursor.close()
    for c in dates:
        frame[c] = pd.to_datetime(frame[c].astype("string").str[:10], format="%Y-%m-%d")
    return frame


def _day(column, name: str):
    return cast(column, String).label(name)


def _money(column, name: str):
    return cast(column, Float).label(name)


def load(session: Session, start: dt.date | None = None, end: dt.date | None = None) -> Frames:
    """Everything the control report needs; personal fields are not read.

    Purchases are read whole (a client's first trip decides whether they are new). With a
    period, the rest is read for that period only (the control report asks from the start of
    the previous period, which it compares with). The managers' activities come counted per
    manager, kind and day by the database (``n``), which is all their figures need.
    """
    answers = _answers()
    incidents = select(Incident.client_id, Incident.kind, Incident.category,
                       _day(Incident.occurred_on, "occurred_on"))  # fmt: skip
    expenses = select(_day(Expense.spent_on, "spent_on"), Expense.kind, Expense.category,
                      _money(Expense.amount, "amount"))  # fmt: skip
    counted = (select(Activity.manager_id, Activity.kind, _day(Activity.happened_on, "happened_on"),
                      func.count().label("n"))
               .group_by(Activity.manager_id, Activity.kind, Activity.happened_on))  # fmt: skip
    if start and end:
        answers = answers.where(NpsAnswer.answered_on.between(start, end))
        incidents = incidents.where(Incident.occurred_on.between(start, end))
        expenses = expenses.where(Expense.spent_on.between(start, end))
        counted = counted.where(Activity.happened_on.between(start, end))
    return Frames(
        purchases=read_purchases(session),
        answers=_read(session, answers, ("answered_on",)),
        incidents=_read(session, incidents, ("occurred_on",)),
        expenses=_read(session, expenses, ("spent_on",)),
        activities=_named(_read(session, counted, ("happened_on",)), session),
    )  # fmt: skip


def read_answers(session: Session, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The survey answers given in [start, end]: what ``tourdesk crm nps report`` counts, and the
    control report's NPS for the same days (see ``nps.answers_in``)."""
    return _read(session, _answers().where(NpsAnswer.answered_on.between(start, end)), ("answered_on",))


def _answers():
    return (select(NpsAnswer.client_id, _day(NpsAnswer.answered_on, "answered_on"), NpsAnswer.score,
                   NpsAnswer.destination, Manager.name.label("manager"))
            .outerjoin(Manager, Manager.id == NpsAnswer.manager_id))  # fmt: skip


def read_purchases(session: Session) -> pd.DataFrame:
    """Every purchase: client, day, amount, margin, paid, destination, manager."""
    query = (select(Purchase.client_id, _day(Purchase.bought_on, "bought_on"), _money(Purchase.amount, "amount"),
                    _money(Purchase.margin, "margin"), _money(Purchase.paid, "paid"), Purchase.destination,
                    Manager.name.label("manager"))
             .outerjoin(Manager, Manager.id == Purchase.manager_id))  # fmt: skip
    return _read(session, query, ("bought_on",))


def _named(counts: pd.DataFrame, session: Session) -> pd.DataFrame:
    # the managers' names joined in pandas: a join in the GROUP BY doubles its cost
    names = dict(session.execute(select(Manager.id, Manager.name)).all())
    return counts.assign(manager=counts["manager_id"].map(names)).drop(columns="manager_id")


def from_history(h) -> Frames:
    """Frames from a generated history (benchmarks.generate_crm), without a store."""
    return Frames(purchases=h.purchases, answers=h.answers, incidents=h.incidents, expenses=h.expenses,
                  activities=h.activities)  # fmt: skip
