"""A seeded synthetic client file and incoming groups with known truth, for the store benchmarks.

People are drawn from real Russian name frequencies (the translators' names file). The file
holds them as an agency's years of imports would: Latin in the passport scheme of the day
(ICAO, GOST 52535, MVD 310, DS-160), some without Cyrillic or without Latin, patronymics and
sex sometimes missing. An incoming group mixes people already on file, written the way partner
lists write them (typos, another scheme, surname and name swapped, fields missing, a new
passport), with people who are not on file.

``python -m benchmarks.generate_store URL N`` loads an N-client store at URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from pipeline.record import CANONICAL_FIELDS, RowResult

SCHEMES = ("icao", "icao", "icao", "gost52535", "mvd310", "ds160")
_LETTERS = "ABCDEFGHIKLMNOPRSTUVYZ"


@dataclass(frozen=True)
class Person:
    surname_ru: str
    name_ru: str
    patronymic_ru: str
    gender: str
    birth: dt.date
    series: str
    number: str
    expiry: dt.date
    internal: tuple[str, str] | None


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, str], tuple[list[str], list[int]]]:
    """(kind, gender) -> values and cumulative weights, from the translators' names file."""
    table: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
    path = resources.files("plugins.translators.data").joinpath("russian_names.csv")
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["gender"] in ("M", "F") and "-" not in r["text"]]
    for key, group in itertools.groupby(sorted(rows, key=lambda r: (r["kind"], r["gender"])),
                                        key=lambda r: (r["kind"], r["gender"])):  # fmt: skip
        values = list(group)
        weights = itertools.accumulate(int(v["count"]) for v in values)
        table[key] = ([v["text"] for v in values], list(weights))
    return table


def _pick(rnd: random.Random, kind: str, gender: str) -> str:
    values, cum = _names()[(kind, gender)]
    return rnd.choices(values, cum_weights=cum)[0]


def people(n: int, seed: int = 1, start: int = 0) -> list[Person]:
    """``n`` people; passport numbers are unique across every ``start`` offset used together.

    Series 70-76 are on file; a renewed passport is 77, a newcomer's 78, so no two collide.
    """
    rnd = random.Random(seed)
    out = []
    for i in range(start, start + n):
        gender = "F" if rnd.random() < 0.52 else "M"
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randrange(0, 30_000))
        # a bijection of the index onto 7 digits: unique numbers without a set of the used ones
        number = f"{(i * 2_654_435_761 + 12_345) % 10**7:07d}"
        internal = (f"{rnd.randrange(1000, 9999)}", f"{(i * 48_271 + 7) % 10**6:06d}") if rnd.random() < 0.4 else None
        out.append(Person(_pick(rnd, "S", gender), _pick(rnd, "F", gender), _pick(rnd, "P", gender), gender,
                          born, str(70 + rnd.randrange(7)), number,
                          dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(0, 3650)), internal))  # fmt: skip
    return out


def latin(text: str, scheme: str = "icao") -> str:
    from plugins.translators.schemes import transliterate

    return transliterate(text, scheme).upper()


def stored_record(p: Person, rnd: random.Random) -> dict:
    """The person as the file holds them after years of imports."""
    scheme = rnd.choice(SCHEMES)
    rec = dict.fromkeys(CANONICAL_FIELDS)
    roll = rnd.random()
    has_ru, has_lat = roll >= 0.12, not (0.12 <= roll < 0.22)
    rec.update(
        surname_ru=p.surname_ru if has_ru else None, name_ru=p.name_ru if has_ru else None,
        patronymic_ru=p.patronymic_ru if has_ru and rnd.random() > 0.2 else None,
        surname_lat=latin(p.surname_ru, scheme) if has_lat else None,
        name_lat=latin(p.name_ru, scheme) if has_lat else None,
        gender=p.gender if rnd.random() > 0.05 else None, birth_date=p.birth.isoformat(),
        citizenship="RUS" if rnd.random() > 0.1 else None,
        passport_series=p.series, passport_number=p.number, passport_expiry=p.expiry.isoformat(),
    )  # fmt: skip
    if p.internal:
        rec["internal_series"], rec["internal_number"] = p.internal
    return rec


def typo(word: str, rnd: random.Random) -> str:
    """One slip of the keyboard: a letter changed, dropped, doubled into another, or two swapped."""
    if len(word) < 4:
        return word
    i = rnd.randrange(1, len(word) - 1)
    kind = rnd.choice(("change", "drop", "insert", "swap"))
    alphabet = "АБВГДЕИКЛМНОПРСТУ" if "А" <= word[0] <= "я" else _LETTERS
    if kind == "change":
        return word[:i] + rnd.choice([c for c in alphabet if c != word[i].upper()]) + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rnd.choice(alphabet) + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


@dataclass
class Rates:
    """How often each way of writing a known person differently occurs in an incoming list."""

    typo: float = 0.15
    old_scheme: float = 0.25
    swapped: float = 0.03
    missing: float = 0.25
    new_passport: float = 0.2
    no_passport: float = 0.03
    no_birth: float = 0.01


def incoming_row(n: int, p: Person, rnd: random.Random, rates: Rates) -> RowResult:
    """The person as a partner's list writes them."""
    rec = dict.fromkeys(CANONICAL_FIELDS)
    derived: set[str] = set()
    style = rnd.random()  # lists with both scripts, passport (Latin) lists, Cyrillic lists
    scheme = rnd.choice(SCHEMES[3:]) if rnd.random() < rates.old_scheme else "icao"
    if style < 0.8:
        rec["surname_lat"], rec["name_lat"] = latin(p.surname_ru, scheme), latin(p.name_ru, scheme)
    if style < 0.5 or style >= 0.8:
        rec.update(surname_ru=p.surname_ru, name_ru=p.name_ru, patronymic_ru=p.patronymic_ru)
    if style >= 0.8:  # the importer writes the Latin from Cyrillic, and marks it derived
        rec["surname_lat"], rec["name_lat"] = latin(p.surname_ru), latin(p.name_ru)
        derived = {"surname_lat", "name_lat"}
    if rnd.random() < rates.typo:
        f = rnd.choice(["surname_lat", "name_lat"]) if rec["surname_lat"] and not derived else rnd.choice(
            ["surname_ru", "name_ru"])  # fmt: skip
        rec[f] = typo(rec[f], rnd)
        if derived:
            rec["surname_lat"], rec["name_lat"] = latin(rec["surname_ru"]), latin(rec["name_ru"])
    if rnd.random() < rates.swapped:
        rec["surname_lat"], rec["name_lat"] = rec["name_lat"], rec["surname_lat"]
        rec["surname_ru"], rec["name_ru"] = rec["name_ru"], rec["surname_ru"]
    rec.update(gender=p.gender, birth_date=p.birth.isoformat(), citizenship="RUS")
    if rnd.random() < rates.missing:
        for f in rnd.sample(["patronymic_ru", "gender", "citizenship"], rnd.randrange(1, 4)):
            rec[f] = None
    if rnd.random() < rates.no_birth:
        rec["birth_date"] = None
    roll = rnd.random()
    if roll < rates.new_passport:
        rec.update(passport_series="77", passport_number=p.number[::-1],
                   passport_expiry=(p.expiry + dt.timedelta(days=3650)).isoformat())  # fmt: skip
    elif roll >= rates.new_passport + rates.no_passport:
        rec.update(passport_series=p.series, passport_number=p.number, passport_expiry=p.expiry.isoformat())
    return RowResult(source_row=n, record=rec, derived=derived)


def incoming_group(store: list[Person], size: int, known_share: float = 0.8, seed: int = 2,
                   rates: Rates | None = None) -> tuple[list[RowResult], list[int | None]]:  # fmt: skip
    """A group list and, for each row, the client id (1-based store index) or ``None`` for a newcomer."""
    rnd = random.Random(seed)
    rates = rates or Rates()
    known = rnd.sample(range(len(store)), round(size * known_share))
    newcomers = people(size - len(known), seed=seed + 1000, start=len(store) + seed * 100_000)
    rows, truth = [], []
    entries = [(store[i], i + 1) for i in known] + [(p, None) for p in newcomers]
    rnd.shuffle(entries)
    for n, (p, client_id) in enumerate(entries, 1):
        if client_id is None:
            p = replace(p, series="78")
        rows.append(incoming_row(n, p, rnd, rates))
        truth.append(client_id)
    return rows, truth


_CLIENT_COLS = ("id", "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
                "citizenship", "derived", "surname_key", "name_key", "search_ru", "search_lat", "card_last4",
                "is_regular", "extra", "created_at", "updated_at")  # fmt: skip
_DOC_COLS = ("id", "client_id", "kind", "series", "number", "expiry", "is_current", "doc_key", "batch_id", "created_at")


def table_rows(store: list[Person], seed: int = 3) -> tuple[list[tuple], list[tuple]]:
    """Client and document rows (ids from 1, in ``store`` order) in the columns' order."""
    from pipeline.store.keys import name_key, search_form

    rnd = random.Random(seed)
    now = dt.datetime(2026, 11, 1, 9, 0)
    clients, docs = [], []
    for cid, p in enumerate(store, 1):
        r = stored_record(p, rnd)
        clients.append((cid, r["surname_lat"], r["name_lat"], r["surname_ru"], r["name_ru"], r["patronymic_ru"],
                        r["gender"], p.birth, r["citizenship"], "[]", name_key(r["surname_lat"] or r["surname_ru"]),
                        name_key(r["name_lat"] or r["name_ru"]), search_form(r["surname_ru"]),
                        search_form(r["surname_lat"]), None, True, "{}", now, now))  # fmt: skip
        docs.append((len(docs) + 1, cid, "foreign_passport", p.series, p.number, p.expiry, True,
                     f"F:{p.series}{p.number}", None, now))  # fmt: skip
        if p.internal:
            docs.append((len(docs) + 1, cid, "internal_passport", p.internal[0], p.internal[1], None, True,
                         f"I:{p.internal[0]}{p.internal[1]}", None, now))  # fmt: skip
    return clients, docs


def load_store(url: str, n: int, seed: int = 1) -> list[Person]:
    """Fill an empty store at ``url`` with ``n`` clients in bulk (COPY on PostgreSQL, one
    executemany per table on SQLite); returns the people, client id = index + 1."""
    from pipeline.store.db import engine_for

    store = people(n, seed)
    clients, docs = table_rows(store)
    engine = engine_for(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                for table, cols, rows in (("clients", _CLIENT_COLS, clients), ("documents", _DOC_COLS, docs)):
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row(r)
                    cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {len(rows)})")
                cur.execute("ANALYZE clients; ANALYZE documents")
        else:
            for table, cols, rows in (("clients", _CLIENT_COLS, clients), ("documents", _DOC_COLS, docs)):
                sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                conn.exec_driver_sql(sql, [tuple(_sqlite(v) for v in r) for r in rows])
            conn.exec_driver_sql("ANALYZE")
    return store


def _sqlite(v: object) -> object:
    # the text forms SQLAlchemy's SQLite types read back
    if isinstance(v, dt.datetime):
        return v.isoformat(" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


if __name__ == "__main__":
    import sys
    import time

    start = time.perf_counter()
    load_store(sys.argv[1], int(sys.argv[2]))
    print(f"{int(sys.argv[2]):,} clients loaded in {time.perf_counter() - start:.1f} s")
