"""The questionnaire dictionary in the store: Russian values in English and French.

The shipped starter entries are copied into the store on first use; clerks add and correct
entries (``tourdesk dictionary add``), and every value a questionnaire needed but the
dictionary lacked waits in ``dictionary_missing`` until someone adds it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pipeline.dictionary.files import read_table, write_table
from pipeline.dictionary.model import Entry, has_cyrillic, key, starter
from pipeline.store.dictionary_models import DictionaryChange, DictionaryEntry, DictionaryMissing
from pipeline.store.models import utc_now

LANGUAGES = ("en", "fr")
Translate = Callable[[str, str], str | None]

_seeded: set[str] = set()


def _insert(session: Session, table: Any) -> Any:
    # ON CONFLICT lets two desks seed or queue the same value at once without an error.
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)


def ensure_starter(session: Session) -> int:
    """Copy the starter entries the store lacks; never touches an existing entry. Returns the count."""
    url = session.get_bind().url.render_as_string(hide_password=False)
    if url in _seeded:
        return 0
    have = set(session.scalars(select(DictionaryEntry.ru_key)))
    now = utc_now()
    rows = [
        {"ru": e.ru, "ru_key": k, "en": e.en, "fr": e.fr, "kind": e.kind, "origin": "starter", "updated_at": now}
        for k, e in starter().items()
        if k not in have
    ]
    if rows:
        session.execute(_insert(session, DictionaryEntry).on_conflict_do_nothing(index_elements=["ru_key"]), rows)
    # remembered only once committed: a rolled-back seed must be tried again
    event.listen(session, "after_commit", lambda _s: _seeded.add(url), once=True)
    return len(rows)


def lookup(session: Session, text: str, language: str) -> str | None:
    """``text`` in ``language`` ("en"/"fr"), or None when the dictionary lacks it."""
    if language not in LANGUAGES or not text.strip():
        return None
    ensure_starter(session)
    entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.ru_key == key(text))).first()
    if entry is None and not has_cyrillic(text):
        entry = _by_english(session, text)
    return getattr(entry, language) if entry is not None else None


def _by_english(session: Session, text: str) -> DictionaryEntry | None:
    # Latin input ("engineer") still needs French on a French form.
    wanted = key(text)
    for entry in session.scalars(select(DictionaryEntry).where(DictionaryEntry.en.is_not(None))):
        if key(entry.en or "") == wanted:
            return entry
    return None


def add_entry(
    session: Session,
    ru: str,
    en: str | None = None,
    fr: str | None = None,
    kind: str | None = None,
    *,
    origin: str = "clerk",
) -> tuple[DictionaryEntry, str, DictionaryChange | None]:
    """Add or correct an entry; returns it, "added"/"updated"/"unchanged", and the old values.

    A value left out (None) keeps what the entry had. Waiting missing values it now answers
    leave the queue.
    """
    ensure_starter(session)
    k = key(ru)
    if not k:
        raise ValueError("the Russian value is empty")
    entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.ru_key == k)).first()
    entry, status, change = _apply(session, entry, ru, en, fr, kind, origin)
    session.flush()
    resolve_missing(session, k, [lang for lang in LANGUAGES if getattr(entry, lang)])
    return entry, status, change


def _apply(
    session: Session, entry: DictionaryEntry | None, ru: str, en: str | None, fr: str | None,
    kind: str | None, origin: str,
) -> tuple[DictionaryEntry, str, DictionaryChange | None]:
    if entry is None:
        entry = DictionaryEntry(ru=ru.strip(), ru_key=key(ru), en=en, fr=fr, kind=kind, origin=origin)
        session.add(entry)
        return entry, "added", None
    new = (en or entry.en, fr or entry.fr, kind or entry.kind)
    if new == (entry.en, entry.fr, entry.kind):
        return entry, "unchanged", None
    change = DictionaryChange(
        ru_key=entry.ru_key, old_en=entry.en, old_fr=entry.fr, old_kind=entry.kind,
        new_en=new[0], new_fr=new[1], new_kind=new[2], origin=origin, changed_at=utc_now(),
    )
    session.add(change)
    entry.en, entry.fr, entry.kind, entry.origin = *new, origin
    return entry, "updated", change


def resolve_missing(session: Session, ru_key: str | list[str], languages: list[str]) -> int:
    """Take the values now answered off the missing list; returns how many queue lines went."""
    keys = [ru_key] if isinstance(ru_key, str) else ru_key
    if not languages or not keys:
        return 0
    result = session.execute(
        delete(DictionaryMissing).where(DictionaryMissing.ru_key.in_(keys), DictionaryMissing.language.in_(languages))
    )
    return result.rowcount or 0


def list_entries(session: Session, kind: str | None = None, search: str | None = None) -> list[DictionaryEntry]:
    """Entries by kind and Russian value; ``search`` matches any part of ru, en or fr."""
    ensure_starter(session)
    query = select(DictionaryEntry).order_by(DictionaryEntry.kind, DictionaryEntry.ru_key)
    if kind:
        query = query.where(DictionaryEntry.kind == kind)
    entries = list(session.scalars(query))
    if search:
        # filtered here, not in SQL: SQLite's LOWER() leaves Cyrillic upper case alone
        wanted = key(search)
        entries = [e for e in entries if any(wanted in key(v or "") for v in (e.ru, e.en, e.fr))]
    return entries


def missing_entries(session: Session, language: str | None = None) -> list[DictionaryMissing]:
    """The queue: most often needed first."""
    query = select(DictionaryMissing).order_by(
        DictionaryMissing.times.desc(), DictionaryMissing.last_seen.desc(), DictionaryMissing.ru_key
    )
    if language:
        query = query.where(DictionaryMissing.language == language)
    return list(session.scalars(query))


def record_missing(
    session: Session, text: str, language: str, form_id: str | None = None, client_id: object = None
) -> None:
    """Queue ``text`` as needed in ``language``, counting how often it was needed."""
    now = utc_now()
    stmt = _insert(session, DictionaryMissing).values(
        ru=text.strip(), ru_key=key(text), language=language, form_id=form_id or "",
        client_id="" if client_id is None else str(client_id), first_seen=now, last_seen=now, times=1,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["ru_key", "language", "form_id", "client_id"],
        set_={"last_seen": now, "times": DictionaryMissing.times + 1},
    )
    session.execute(stmt)


def import_entries(session: Session, path: str | Path) -> dict[str, int]:
    """Add or correct every entry of a CSV/XLSX file; returns counts by outcome.

    A row with a blank cell keeps what the entry had; a later row with the same key wins.
    """
    rows = read_table(Path(path))
    ensure_starter(session)
    # one read and one flush for the whole file: a file is hundreds of rows
    existing = {e.ru_key: e for e in session.scalars(select(DictionaryEntry))}
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        k = key(row.ru)
        if not k:
            continue
        entry, status, _ = _apply(session, existing.get(k), row.ru, row.en, row.fr, row.kind, "import")
        existing[k] = entry
        counts[status] += 1
    session.flush()
    for language in LANGUAGES:
        resolve_missing(session, [k for k, e in existing.items() if getattr(e, language)], [language])
    return counts


def export_entries(session: Session, path: str | Path, kind: str | None = None) -> int:
    """Write the dictionary (or one kind of it) to CSV/XLSX; returns the number of entries."""
    entries = list_entries(session, kind=kind)
    return write_table(Path(path), (Entry(e.ru, e.en, e.fr, e.kind) for e in entries))
