"""Building rows and reading the store back, for store tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from pipeline.record import CANONICAL_FIELDS, RowResult
from pipeline.store.db import session_scope
from pipeline.store.merge import MergeReport, merge_rows
from pipeline.store.models import Change, Client, Document, ReviewItem, TripTourist


def row(n: int = 1, derived: set[str] | None = None, **fields: Any) -> RowResult:
    record = dict.fromkeys(CANONICAL_FIELDS)
    record.update(fields)
    return RowResult(source_row=n, record=record, derived=set(derived or ()))


IVANOV = dict(
    surname_lat="IVANOV", name_lat="SERGEI", surname_ru="Иванов", name_ru="Сергей", patronymic_ru="Петрович",
    gender="M", birth_date="1978-05-14", passport_series="75", passport_number="1234567",
    passport_expiry="2031-05-14", citizenship="RUS",
)  # fmt: skip


def merge(url: str, rows: list[RowResult], **kw: Any) -> MergeReport:
    with session_scope(url) as session:
        return merge_rows(session, rows, source=kw.pop("source", "test.csv"), sha256="0" * 64, **kw)


def counts(url: str) -> dict[str, int]:
    with session_scope(url) as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Client, Document, Change, ReviewItem, TripTourist)
        }


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of the client tables, to compare the store before and after."""
    with session_scope(url) as s:
        out = {}
        for m in (Client, Document, TripTourist):
            cols = [c for c in m.__table__.columns if c.name not in ("created_at", "updated_at")]
            out[m.__tablename__] = sorted(tuple(r) for r in s.execute(select(*cols)))
        return out
