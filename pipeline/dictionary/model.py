"""The starter dictionary (Russian questionnaire values in English and French) and its keys.

The data lives in ``data/dictionary.csv`` (written by hand) and ``data/dictionary_countries.csv``
(generated from pycountry by ``tools/build_dictionary_countries.py``); a hand-written row wins
over a generated one with the same key.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.outfiles import unquote_cell

DATA = Path(__file__).resolve().parent / "data"
#: later files win: hand-written corrections override generated country names
STARTER_FILES = (DATA / "dictionary_countries.csv", DATA / "dictionary.csv")
COLUMNS = ("ru", "en", "fr", "kind")

_DASHES = re.compile(r"[-‐‑‒–—]")
_SPACES = re.compile(r"\s+")
# Questionnaires often write the city as "г. Москва" or "город Москва".
_CITY_PREFIX = re.compile(r"^(?:г\.?|гор\.|город)\s+(?=\S)")
_CYRILLIC = re.compile(r"[Ѐ-ӿ]")


@dataclass(frozen=True)
class Entry:
    ru: str
    en: str | None
    fr: str | None
    kind: str | None


def key(text: str) -> str:
    """The matching key: case, ``ё``/``е``, dashes, spacing and a trailing dot do not count."""
    k = text.strip().casefold().replace("ё", "е")
    k = _SPACES.sub(" ", _DASHES.sub(" ", k)).strip().rstrip(".").strip()
    return _CITY_PREFIX.sub("", k)


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def read_csv(path: Path) -> list[Entry]:
    """Rows of a ``ru,en,fr,kind`` CSV (UTF-8, with or without BOM); blank cells become None."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("ru", "en", "fr") if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}: no column {', '.join(missing)} (expected ru,en,fr,kind)")
        return [_entry(row) for row in reader if (row.get("ru") or "").strip()]


def _entry(row: dict[str, str | None]) -> Entry:
    def cell(name: str) -> str | None:
        value = unquote_cell((row.get(name) or "").strip())  # a quote our export put before "="
        return value or None

    return Entry(ru=cell("ru") or "", en=cell("en"), fr=cell("fr"), kind=cell("kind"))


@cache
def starter() -> dict[str, Entry]:
    """The starter entries by key, read once per process."""
    out: dict[str, Entry] = {}
    for path in STARTER_FILES:
        if path.is_file():
            for entry in read_csv(path):
                out[key(entry.ru)] = entry
    return out


@cache
def starter_by_english() -> dict[str, Entry]:
    """Starter entries by the key of their English text, for Latin input on French forms."""
    return {key(e.en): e for e in starter().values() if e.en}
