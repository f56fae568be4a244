"""What the store holds that a batch's tourists could be: fetched once per batch, in bulk.

Three lookups find every client the matching model needs to see: passports by key, people
born on a tourist's birth date (a typo in a name, a surname changed at marriage), and people
with a tourist's name keys whatever their birth date, also with surname and first name swapped
(a slip in the date, or no date). Only small tuples are fetched; whole clients are loaded, with
their documents, for the ones a row merges into.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from pipeline.store.evidence import Profile, email_key, phone_key, prior_bits, surname_u
from pipeline.store.keys import name_key
from pipeline.store.models import Client, Document, ReviewItem
from pipeline.store.pending import NewClient

_FOREIGN, _INTERNAL = aliased(Document), aliased(Document)
_CAND_COLS = (Client.id, Client.surname_key, Client.name_key, Client.patronymic_ru, Client.gender, Client.birth_date,
              Client.citizenship, func.coalesce(_FOREIGN.series, "") + _FOREIGN.number,
              func.coalesce(_INTERNAL.series, "") + _INTERNAL.number)  # fmt: skip


def chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _candidates_query(where: Any) -> Any:
    """Clients with their current passports (one of each kind at most is current)."""
    return (
        select(*_CAND_COLS)
        .outerjoin(_FOREIGN, and_(_FOREIGN.client_id == Client.id, _FOREIGN.kind == "foreign_passport",
                                  _FOREIGN.is_current.is_(True)))
        .outerjoin(_INTERNAL, and_(_INTERNAL.client_id == Client.id, _INTERNAL.kind == "internal_passport",
                                   _INTERNAL.is_current.is_(True)))
        .where(where)
    )  # fmt: skip


def profile_of(row: Any) -> Profile:
    cid, sk, nk, patronymic, gender, birth, citizenship, foreign, internal = row
    birth_iso = birth if isinstance(birth, str) or birth is None else birth.isoformat()
    return Profile(cid, sk, nk, name_key(patronymic), gender, birth_iso, citizenship,
                   (foreign,) if foreign else (), (internal,) if internal else ())  # fmt: skip


def client_profile(client: Client | NewClient) -> Profile:
    """A client as the model sees it, with every passport it has held."""
    foreign = tuple(f"{d.series or ''}{d.number}" for d in client.documents if d.kind == "foreign_passport")
    internal = tuple(f"{d.series or ''}{d.number}" for d in client.documents if d.kind == "internal_passport")
    extra = client.extra or {}
    return Profile(client.id, client.surname_key, client.name_key, name_key(client.patronymic_ru), client.gender,
                   client.birth_date.isoformat() if client.birth_date else None, client.citizenship, foreign,
                   internal, phone_key(extra.get("phone")), email_key(extra.get("email")))  # fmt: skip


class CandidateIndex:
    """The batch's view of the store, kept current as the batch creates clients."""

    def __init__(self, session: Session, doc_keys: set[str], births: set[dt.date],
                 names: set[tuple[str, str]]):  # fmt: skip
        self.session = session
        self.docs: dict[str, int] = {}
        for chunk in chunks(sorted(doc_keys)):
            q = select(Document.doc_key, Document.client_id).where(Document.doc_key.in_(chunk))
            self.docs.update((k, c) for k, c in session.execute(q))
        self.by_birth: dict[str, list[Profile]] = defaultdict(list)
        self.by_name: dict[tuple[str | None, str | None], list[Profile]] = defaultdict(list)
        seen: set[int] = set()
        for chunk in chunks(sorted(births)):
            for p in map(profile_of, session.execute(_candidates_query(Client.birth_date.in_(chunk)))):
                self._add(p, seen)
        wanted = sorted(names | {(n, s) for s, n in names})
        for chunk in chunks(wanted, 200):
            where = or_(*(and_(Client.surname_key == s, Client.name_key == n) for s, n in chunk))
            for p in map(profile_of, session.execute(_candidates_query(where))):
                self._add(p, seen)
        self.clients: dict[int, Client | NewClient] = {}
        self.size = session.scalar(select(func.count()).select_from(Client)) or 0
        self.prior = prior_bits(self.size)
        surnames = sorted({k for pair in names for k in pair})
        self.surname_counts: dict[str, int] = {}
        for chunk in chunks(surnames):
            q = select(Client.surname_key, func.count()).where(Client.surname_key.in_(chunk)).group_by(Client.surname_key)
            self.surname_counts.update((k, n) for k, n in session.execute(q))
        self._known: frozenset[tuple[int, int]] | None = None

    def _add(self, p: Profile, seen: set[int]) -> None:
        if p.id in seen:
            return
        seen.add(p.id)
        if p.birth_date:
            self.by_birth[p.birth_date].append(p)
        self.by_name[(p.surname_key, p.name_key)].append(p)

    def surname_share(self, key: str | None) -> float | None:
        return surname_u(self.surname_counts.get(key, 0), self.size) if key else None

    def known_pairs(self) -> frozenset[tuple[int, int]]:
        """Pairs of clients already put to a person (open, merged or rejected)."""
        if self._known is None:
            q = select(ReviewItem.client_id, ReviewItem.other_client_id).where(
                ReviewItem.kind == "duplicate", ReviewItem.other_client_id.is_not(None))
            self._known = frozenset((min(a, b), max(a, b)) for a, b in self.session.execute(q) if a is not None)
        return self._known

    def remember_pair(self, a: int, b: int) -> None:
        self._known = self.known_pairs() | {(min(a, b), max(a, b))}

    def candidates(self, birth: str | None, sk: str | None, nk: str | None, doc_keys: list[str]) -> dict[int, Profile]:
        """Everyone the row could be: passport holders, people born that day, namesakes."""
        out: dict[int, Profile] = {}
        for p in self.by_birth.get(birth, []) if birth else []:
            out[p.id] = p
        for key in ((sk, nk), (nk, sk)):
            for p in self.by_name.get(key, []):
                out[p.id] = p
        for k in doc_keys:
            holder = self.docs.get(k)
            if holder is not None:
                self.client(holder)
                out[holder] = None  # type: ignore[assignment]  # read below
        for cid in out:
            if cid in self.clients:
                out[cid] = client_profile(self.clients[cid])
        return out

    def prefetch(self, ids: set[int]) -> None:
        """Load these clients with their documents in a few statements, not one each."""
        wanted = sorted(ids - set(self.clients))
        for chunk in chunks(wanted):
            query = select(Client).where(Client.id.in_(chunk)).options(selectinload(Client.documents))
            self.clients.update((c.id, c) for c in self.session.scalars(query))

    def client(self, client_id: int) -> Client | NewClient:
        if client_id not in self.clients:
            self.prefetch({client_id})
        return self.clients[client_id]

    def add_client(self, client: Client | NewClient) -> None:
        """A client the batch made or changed: later rows find it under its keys as they are now
        (``candidates`` reads a loaded client itself, never a stale copy)."""
        self.clients[client.id] = client
        p = client_profile(client)
        for bucket in (self.by_birth[p.birth_date] if p.birth_date else None, self.by_name[(p.surname_key, p.name_key)]):
            if bucket is not None and all(q.id != p.id for q in bucket):
                bucket.append(p)
