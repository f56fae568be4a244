"""The client file as a table for record linkage: name keys, sex and birth date, no more."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.keys import name_key
from pipeline.store.models import Client

COLUMNS = ["unique_id", "surname_key", "name_key", "patronymic_ru", "gender", "birth_date"]


def clients_frame(session: Session) -> pd.DataFrame:
    """One row per client, read in one query; the linkage needs no passports, so none are read."""
    query = select(Client.id, Client.surname_key, Client.name_key, Client.patronymic_ru, Client.gender,
                   Client.birth_date)  # fmt: skip
    # plain tuples from the driver: a million SQLAlchemy Row objects cost more than the query
    sql = str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
    cursor = session.connection().exec_driver_sql(sql)
    frame = pd.DataFrame(cursor.cursor.fetchall(), columns=COLUMNS)
    frame["patronymic_key"] = frame.pop("patronymic_ru").map(name_key, na_action="ignore")
    # SQLite hands dates back as ISO text already, PostgreSQL as dates
    frame["birth_date"] = frame["birth_date"].map(_iso, na_action="ignore")
    return frame


def _iso(value: object) -> str | None:
    if isinstance(value, str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else None
