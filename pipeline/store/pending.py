"""Clients an import creates, held as plain objects until the batch writes them all at once.

The ORM's bookkeeping per object (attribute events, the unit of work) cost most of a big
import; a new client needs none of it, since nothing else refers to it before the batch ends.
``NewClient`` answers to the same attribute names as ``Client``, so matching and survivorship
treat both alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pipeline.store.models import Client, Document


@dataclass(eq=False)
class NewDocument:
    kind: str
    series: str | None
    number: str
    expiry: dt.date | None
    is_current: bool
    doc_key: str
    batch_id: int

    def row(self, client_id: int) -> dict[str, Any]:
        return {"client_id": client_id, **vars(self)}


@dataclass(eq=False)
class NewClient:
    id: int
    surname_lat: str | None = None
    name_lat: str | None = None
    surname_ru: str | None = None
    name_ru: str | None = None
    patronymic_ru: str | None = None
    gender: str | None = None
    birth_date: dt.date | None = None
    citizenship: str | None = None
    derived: list[str] = field(default_factory=list)
    surname_key: str | None = None
    name_key: str | None = None
    search_ru: str | None = None
    search_lat: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    is_regular: bool = True
    documents: list[NewDocument] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "documents"}


def write_clients(session: Session, clients: list[NewClient]) -> None:
    """The batch's new clients and their passports, in multi-row INSERTs ("insertmanyvalues")."""
    if not clients:
        return
    connection = session.connection()
    connection.execute(insert(Client.__table__), [c.row() for c in clients])
    documents = [d.row(c.id) for c in clients for d in c.documents]
    if documents:
        connection.execute(insert(Document.__table__), documents)
