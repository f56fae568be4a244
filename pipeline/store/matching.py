"""Is this tourist already a client? The one question the import, ``clients add`` and the desk ask.

``match_client(session, record)`` answers it for one canonical record (see CONTRACT.md) with a
``Match``: ``band`` ``merge`` (client ``client_id`` is this person), ``review`` (a person should
decide between the record and ``client_id``), or ``none``; ``score`` is the probability and
``reasons`` the evidence in words. The model itself is ``pipeline.store.evidence``; the import
(``pipeline.store.merge``) asks it for every row of a list at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from pipeline.store.candidates import CandidateIndex
from pipeline.store.evidence import Match, Profile, Score, compare, decide, email_key, phone_key
from pipeline.store.keys import name_key

__all__ = ["Match", "match_client", "record_profile", "row_doc_keys", "doc_key", "name_keys", "score_candidates"]


def doc_key(kind: str, series: str | None, number: str) -> str:
    return f"{'F' if kind == 'foreign_passport' else 'I'}:{series or ''}{number}"


def row_doc_keys(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    """The keys of the record's foreign and internal passports (``None`` where it has none)."""
    foreign = doc_key("foreign_passport", rec.get("passport_series"), rec["passport_number"]) if rec.get(
        "passport_number") else None  # fmt: skip
    internal = doc_key("internal_passport", rec.get("internal_series"), rec["internal_number"]) if rec.get(
        "internal_number") else None  # fmt: skip
    return foreign, internal


def name_keys(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    return name_key(rec.get("surname_lat") or rec.get("surname_ru")), name_key(rec.get("name_lat") or rec.get("name_ru"))


def record_profile(rec: dict[str, Any]) -> Profile:
    """A canonical record as the model sees it."""
    sk, nk = name_keys(rec)
    birth = rec.get("birth_date")
    if isinstance(birth, dt.date):
        birth = birth.isoformat()
    foreign = f"{rec.get('passport_series') or ''}{rec['passport_number']}" if rec.get("passport_number") else None
    internal = f"{rec.get('internal_series') or ''}{rec['internal_number']}" if rec.get("internal_number") else None
    return Profile(None, sk, nk, name_key(rec.get("patronymic_ru")), rec.get("gender"), birth, rec.get("citizenship"),
                   (foreign,) if foreign else (), (internal,) if internal else (), phone_key(rec.get("phone")),
                   email_key(rec.get("email")))  # fmt: skip


def score_candidates(index: CandidateIndex, rec: dict[str, Any]) -> tuple[Profile, list[tuple[int, Score]]]:
    """Every candidate of the record in the batch's index, scored."""
    me = record_profile(rec)
    keys = [k for k in row_doc_keys(rec) if k]
    found = index.candidates(me.birth_date, me.surname_key, me.name_key, keys)
    share = index.surname_share(me.surname_key)
    scored = []
    for cid, p in found.items():
        s = compare(me, p, share)
        if s.swapped:  # the exact-surname level of a swapped pair is the first name's surname share
            s = compare(me, p, index.surname_share(me.name_key))
        scored.append((cid, s))
    return me, scored


def index_for(session: Session, records: list[dict[str, Any]]) -> CandidateIndex:
    """The candidates of ``records`` in the store, fetched in a few statements."""
    births = {dt.date.fromisoformat(str(r["birth_date"])[:10]) for r in records if r.get("birth_date")}
    names = {(sk, nk) for r in records for sk, nk in [name_keys(r)] if sk and nk}
    docs = {k for r in records for k in row_doc_keys(r) if k}
    return CandidateIndex(session, docs, births, names)


def match_client(session: Session, record: dict[str, Any]) -> Match:
    """Which client, if any, ``record`` (a canonical record) is: ``Match(band, client_id, score,
    reasons)``, with the same model and bands as the import."""
    index = index_for(session, [record])
    _, scored = score_candidates(index, record)
    return decide(scored, index.prior, index.known_pairs())
