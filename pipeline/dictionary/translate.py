"""``translate(text, language)`` for questionnaires: the store's dictionary, read once per render.

Made through ``form_translator``; a Cyrillic value it lacks goes to the
queue of missing entries with the form and the client that needed it.
"""

from __future__ import annotations

from sqlalchemy import func, select

from pipeline.dictionary.entries import LANGUAGES, ensure_starter, record_missing
from pipeline.dictionary.model import Entry, has_cyrillic, key
from pipeline.store.db import resolve_url, session_scope
from pipeline.store.dictionary_models import DictionaryEntry

#: kinds of entries translated as words inside a transliterated text ("Иванов Сергей, отец",
#: "ООО Ромашка"): they are never someone's name, so they must not be spelled out in Latin
WORD_KINDS = frozenset({"relation", "occupation", "employer", "civil_status"})
#: the last snapshot read of each store: (count, latest change) -> (by Russian key, by English key)
_SNAPSHOTS: dict[str, tuple[tuple, tuple[dict[str, Entry], dict[str, Entry]]]] = {}


class DictionaryTranslate:
    """``translate(text, language)`` over a snapshot of the dictionary, queueing what it lacks.

    The dictionary is read once, when the object is made; each value it lacks is queued once
    per form and client, so ``times`` counts renders, not fields.
    """

    def __init__(
        self,
        db_url: str | None,
        form_id: str | None = None,
        client_id: object = None,
        _table: tuple[dict[str, Entry], dict[str, Entry]] | None = None,
        _queued: set[tuple[str, str, str | None, str]] | None = None,
    ) -> None:
        self.db_url = resolve_url(db_url)
        self.form_id = form_id
        self.client_id = client_id
        self._table = _table if _table is not None else self._load()
        self._queued = _queued if _queued is not None else set()

    def _load(self) -> tuple[dict[str, Entry], dict[str, Entry]]:
        with session_scope(self.db_url) as session:
            ensure_starter(session)
            # entries are only added and changed (each change moves updated_at): the same
            # count and latest change mean the same dictionary, and the snapshot is reused
            stamp = tuple(session.execute(
                select(func.count(DictionaryEntry.id), func.max(DictionaryEntry.updated_at))
            ).one())  # fmt: skip
            cached = _SNAPSHOTS.get(self.db_url)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            rows = session.scalars(select(DictionaryEntry)).all()
            by_ru = {r.ru_key: Entry(r.ru, r.en, r.fr, r.kind) for r in rows}
        by_en = {key(e.en): e for e in by_ru.values() if e.en}
        _SNAPSHOTS[self.db_url] = (stamp, (by_ru, by_en))
        return by_ru, by_en

    def for_client(self, client_id: object) -> DictionaryTranslate:
        """The same snapshot, queueing misses under another client."""
        return DictionaryTranslate(self.db_url, self.form_id, client_id, self._table, self._queued)

    def __call__(self, text: str, language: str) -> str | None:
        if language not in LANGUAGES or not text or not text.strip():
            return None
        by_ru, by_en = self._table
        k = key(text)
        cyrillic = has_cyrillic(text)
        entry = by_ru.get(k) if cyrillic else (by_ru.get(k) or by_en.get(k))
        found = getattr(entry, language) if entry is not None else None
        if found is None and cyrillic:
            # Latin text is printed as it is by the form; only Cyrillic needs a clerk's answer.
            self._queue(text, k, language)
        return found

    def phrase(self, text: str, language: str) -> str | None:
        """``text`` in ``language`` when it is a word of WORD_KINDS (a relation, an occupation,
        a company form, a civil status); None otherwise. Nothing is queued: the rest of the
        text is a name or an address, which is transliterated."""
        if language not in LANGUAGES or not text or not text.strip():
            return None
        entry = self._table[0].get(key(text))
        if entry is None or entry.kind not in WORD_KINDS:
            return None
        return getattr(entry, language)

    def _queue(self, text: str, k: str, language: str) -> None:
        client = "" if self.client_id is None else str(self.client_id)
        mark = (k, language, self.form_id, client)
        if mark in self._queued:
            return
        self._queued.add(mark)
        with session_scope(self.db_url) as session:
            record_missing(session, text, language, self.form_id, self.client_id)


def translator_for(db_url: str | None, form_id: str | None = None, client_id: object = None) -> DictionaryTranslate:
    """A ``translate(text, language)`` reading the dictionary once and queueing what it lacks."""
    return DictionaryTranslate(db_url, form_id, client_id)


def form_translator(db_url: str | None, form_id: str, client_id: object = None) -> DictionaryTranslate:
    """What ``pipeline.forms.render.render_forms(translate=...)`` takes, for one form (and client).

    For a whole trip, make one and call ``.for_client(person["client_id"])`` per tourist, so
    that the missing list names the tourist who needed each value.
    """
    return translator_for(db_url, form_id, client_id)
