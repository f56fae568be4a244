"""Money spent to win clients (advertising, fairs, events) or to keep them (discounts, greetings, gifts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import EXPENSE_KINDS, Expense


def kind_of(category: str) -> str:
    """acquisition or retention, from the category."""
    for kind, categories in EXPENSE_KINDS.items():
        if category in categories:
            return kind
    known = ", ".join(c for cs in EXPENSE_KINDS.values() for c in cs)
    raise CrmInputError(f"unknown expense category {category!r}; use one of: {known}")


def record_expense(session: Session, spent_on: dt.date, category: str, amount: float,
                   note: str | None = None) -> Expense:  # fmt: skip
    if amount <= 0:
        raise CrmInputError("an expense is a positive amount")
    row = Expense(spent_on=spent_on, kind=kind_of(category), category=category, amount=amount, note=note)
    session.add(row)
    session.flush()
    return row
