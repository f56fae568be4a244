"""A client's important dates besides the birthday: name day (when not the calendar's), anniversaries,
a partner company's events. Kept as day and month, the year when known."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import DATE_KINDS, ImportantDate


def parse_day(text: str) -> tuple[int, int, int | None]:
    """(month, day, year or None) from «08.03», «8.3.2010», «2010-03-08»."""
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?", text) or re.fullmatch(
        r"(\d{4})-(\d{2})-(\d{2})", text)  # fmt: skip
    if not m:
        raise CrmInputError(f"{text!r} is not a day: write it as 08.03 or 08.03.2010")
    if len(m.group(1)) == 4:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29.02 is a day
    except ValueError:
        raise CrmInputError(f"{text!r} is not a day of the calendar") from None
    return month, day, year


def add_date(session: Session, client_id: int, kind: str, day: str, label: str | None = None) -> ImportantDate:
    if kind not in DATE_KINDS:
        raise CrmInputError(f"unknown date kind {kind!r}; use one of: {', '.join(DATE_KINDS)}")
    get_client(session, client_id)
    month, d, year = parse_day(day)
    row = ImportantDate(client_id=client_id, kind=kind, month=month, day=d, year=year, label=label)
    session.add(row)
    session.flush()
    return row


def dates_of(session: Session, client_id: int) -> list[ImportantDate]:
    get_client(session, client_id)
    query = select(ImportantDate).where(ImportantDate.client_id == client_id)
    return list(session.scalars(query.order_by(ImportantDate.month, ImportantDate.day)))
