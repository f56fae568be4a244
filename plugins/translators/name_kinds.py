"""Built-in plugin: ``name-kind``, which tells a first name from a surname or a patronymic.

A list with no header, or a column whose header says nothing, is read by its values: a
column of IVAN, ANNA, PETR is the first names, whatever column it stands in. The answer
comes from the bundled names list (``data/russian_names.csv``), by the Cyrillic spelling or
by any passport Latin spelling of it (ICAO, GOST, MVD 310, BGN and the J/YO/H variants).
Built on first use (half a second) and kept in the user's cache folder beside the names
index, so that later processes load it in a few milliseconds.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pipeline import Translator, hookimpl
from plugins.translators.names import DATA, cached
from plugins.translators.rules import loosen
from plugins.translators.schemes import SCHEMES, VARIANTS

if TYPE_CHECKING:
    from pipeline import Register

FIRST, PATRONYMIC, SURNAME = "first", "patronymic", "surname"
_KINDS = {"F": 0, "P": 1, "S": 2}
_NAMES = (FIRST, PATRONYMIC, SURNAME)


def _key(text: str) -> str:
    return text.strip().upper().replace("Ё", "Е")


@cache
def _table() -> dict[str, tuple[int, int, int]]:
    """The table from the cache folder when it is there and current, else built (and saved)."""
    return cached("name-kinds", _build)


def _build() -> dict[str, tuple[int, int, int]]:
    """Every first name and patronymic, in Cyrillic and every Latin spelling, with how many
    people had it as a first name, a patronymic and a surname."""
    # why here: pyarrow loads only when the table is built (once, then cached)
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv

    rows = csv.read_csv(DATA, convert_options=csv.ConvertOptions(column_types={"count": pa.int64()}))
    keys = pc.replace_substring(pc.utf8_upper(rows["text"]), "Ё", "Е")
    given = pc.unique(pc.filter(keys, pc.is_in(rows["kind"], pa.array(["F", "P"]))))
    # Surnames alone need no entry: a word the table lacks is no first name nor patronymic.
    mine = pc.is_in(keys, given)
    sums = (
        pa.table({"key": pc.filter(keys, mine), "kind": pc.filter(rows["kind"], mine),
                  "count": pc.filter(rows["count"], mine)})
        .group_by(["key", "kind"]).aggregate([("count", "sum")])
    )  # fmt: skip
    counts: dict[str, list[int]] = {}
    for key, kind, n in zip(*(sums[c].to_pylist() for c in ("key", "kind", "count_sum")), strict=True):
        counts.setdefault(key, [0, 0, 0])[_KINDS.get(kind, 2)] += n
    out = {k: (v[0], v[1], v[2]) for k, v in counts.items()}
    texts = list(out)
    for scheme in (*SCHEMES.values(), *VARIANTS.values()):
        for cyrillic, latin in zip(texts, scheme.translate_many(texts), strict=True):
            had = out.setdefault(latin, out[cyrillic])
            if had is not out[cyrillic]:
                out[latin] = (max(had[0], out[cyrillic][0]), max(had[1], out[cyrillic][1]),
                              max(had[2], out[cyrillic][2]))  # fmt: skip
    return out


def kind_scored(text: str, _gender: str | None = None) -> tuple[str, float]:
    """``("first", share)``, ``("patronymic", share)`` or ``("surname", share)`` for one name
    word, the share being how many of the people in the names list who had that spelling had it
    as that; ``("", 0.0)`` for a word the list does not know as a first name nor a patronymic."""
    key = _key(text)
    found = _table().get(key) or _table().get(loosen(key))
    if not found:
        return "", 0.0
    total = sum(found)
    best = max(range(3), key=found.__getitem__)
    return _NAMES[best], round(found[best] / total, 3)


def kind(text: str) -> str:
    """``first``, ``patronymic``, ``surname`` or ``""`` (see :func:`kind_scored`)."""
    return kind_scored(text)[0]


@hookimpl
def register_translators(register: Register) -> None:
    """Register ``name-kind``: a name word to ``first``, ``patronymic`` or ``surname``."""
    register.translator(
        Translator(
            name="name-kind",
            description="Tells a first name from a surname or a patronymic (Cyrillic or passport Latin)",
            source="name",
            target="kind",
            translate=kind,
            translate_scored=kind_scored,
        )
    )
