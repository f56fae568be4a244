"""The client file as an Arrow table for the duplicate search: what the matching model compares.

Names as spelling-independent keys, sex, birth date, citizenship, the current foreign and
internal passports, phone and e-mail (from the client's extra information). Read in one query,
streamed into Arrow a slice at a time: a million clients take about 100 MB this way, where as
Python objects they would take most of a gigabyte.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from pipeline.store.evidence import email_key, phone_key
from pipeline.store.keys import name_key
from pipeline.store.models import Client, Document

COLUMNS = ["unique_id", "surname_key", "name_key", "patronymic_key", "gender", "birth_date", "citizenship",
           "passport", "internal", "phone", "email"]  # fmt: skip
SLICE = 100_000


def clients_table(session: Session) -> pa.Table:
    """One row per client (``unique_id`` is the client id)."""
    foreign, internal = aliased(Document), aliased(Document)
    query = (
        select(Client.id, Client.surname_key, Client.name_key, Client.patronymic_ru, Client.gender, Client.birth_date,
               Client.citizenship, func.coalesce(foreign.series, "") + foreign.number,
               func.coalesce(internal.series, "") + internal.number,
               Client.extra["phone"].as_string(), Client.extra["email"].as_string())
        .outerjoin(foreign, and_(foreign.client_id == Client.id, foreign.kind == "foreign_passport",
                                 foreign.is_current.is_(True)))
        .outerjoin(internal, and_(internal.client_id == Client.id, internal.kind == "internal_passport",
                                  internal.is_current.is_(True)))
    )  # fmt: skip
    sql = str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
    # plain tuples from the driver: a million SQLAlchemy Row objects cost more than the query
    cursor = session.connection().exec_driver_sql(sql).cursor
    batches = []
    while rows := cursor.fetchmany(SLICE):
        columns = list(zip(*rows, strict=True))
        columns[3] = [name_key(p) for p in columns[3]]
        columns[5] = [_iso(d) for d in columns[5]]
        columns[9] = [phone_key(p) for p in columns[9]]
        columns[10] = [email_key(e) for e in columns[10]]
        batches.append(pa.record_batch([pa.array(c, pa.int64() if i == 0 else pa.string())
                                        for i, c in enumerate(columns)], names=COLUMNS))  # fmt: skip
    if not batches:
        return pa.table({c: pa.array([], pa.int64() if c == "unique_id" else pa.string()) for c in COLUMNS})
    return pa.Table.from_batches(batches)


def _iso(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, dt.date) else None
