"""What the store holds that a batch's tourists could be: fetched once per batch, in bulk.

Three lookups cover every matching step: passports by key, people by birth date (the exact
name key and the fuzzy step both look only among those born the same day), and, for the few
tourists without a birth date, people by name key. Only small tuples are fetched; whole
clients are loaded, with their documents, for the ids that matched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.store.fuzzy import Candidate
from pipeline.store.keys import name_key
from pipeline.store.models import Client, Document

_CAND_COLS = (Client.id, Client.surname_key, Client.name_key, Client.gender, Client.patronymic_ru,
              Client.surname_lat, Client.name_lat)  # fmt: skip


def chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class CandidateIndex:
    """The batch's view of the store, kept current as the batch creates clients."""

    def __init__(self, session: Session, doc_keys: set[str], births: set[dt.date], nameless: set[str]):
        self.session = session
        self.docs: dict[str, int] = {}
        for chunk in chunks(sorted(doc_keys)):
            q = select(Document.doc_key, Document.client_id).where(Document.doc_key.in_(chunk))
            self.docs.update((k, c) for k, c in session.execute(q))
        self.by_birth: dict[dt.date, list[Candidate]] = defaultdict(list)
        for chunk in chunks(sorted(births)):
            for row in session.execute(select(Client.birth_date, *_CAND_COLS).where(Client.birth_date.in_(chunk))):
                self.by_birth[row[0]].append(_candidate(row[1:]))
        self.by_name: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
        for chunk in chunks(sorted(nameless)):
            for cid, sk, nk in session.execute(
                select(Client.id, Client.surname_key, Client.name_key).where(Client.surname_key.in_(chunk))
            ):
                self.by_name[(sk, nk)].append(cid)
        self.clients: dict[int, Client] = {}

    def prefetch(self, ids: set[int]) -> None:
        """Load these clients with their documents in a few statements, not one each."""
        wanted = sorted(ids - set(self.clients))
        for chunk in chunks(wanted):
            query = select(Client).where(Client.id.in_(chunk)).options(selectinload(Client.documents))
            self.clients.update((c.id, c) for c in self.session.scalars(query))

    def client(self, client_id: int) -> Client:
        if client_id not in self.clients:
            self.prefetch({client_id})
        return self.clients[client_id]

    def add_client(self, client: Client) -> None:
        self.clients[client.id] = client
        cand = Candidate(client.id, client.surname_key, client.name_key, client.gender, name_key(client.patronymic_ru),
                         client.surname_lat, client.name_lat)  # fmt: skip
        if client.birth_date is not None:
            self.by_birth[client.birth_date].append(cand)
        self.by_name[(client.surname_key, client.name_key)].append(client.id)

    def same_name(self, sk: str | None, nk: str | None, birth: dt.date) -> tuple[list[int], bool]:
        """Clients with this name key and birth date; the flag says surname and name were swapped."""
        here = self.by_birth.get(birth, [])
        direct = [c.id for c in here if c.surname_key == sk and c.name_key == nk]
        if direct:
            return direct, False
        swapped = [c.id for c in here if c.surname_key == nk and c.name_key == sk]
        return swapped, bool(swapped)

    def born(self, birth: dt.date) -> list[Candidate]:
        return self.by_birth.get(birth, [])

    def named(self, sk: str | None, nk: str | None) -> list[int]:
        return list(self.by_name.get((sk, nk), []))


def _candidate(row: Any) -> Candidate:
    cid, sk, nk, gender, patronymic, sl, nl = row
    return Candidate(cid, sk, nk, gender, name_key(patronymic), sl, nl)
