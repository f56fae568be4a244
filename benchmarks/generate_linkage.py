"""Records of people with known duplicates, corrupted the way partner lists corrupt them.

People come from the bundled names list (``plugins/translators/data/russian_names.csv``, by
real frequency: surnames, first names and patronymics by sex). Each person has one to four
records; every record but the first is written the way another list would write it, with one to
three of these corruptions:

- a typo in the surname or the first name (a letter changed, dropped, added, or two swapped),
  in the Latin or the Cyrillic;
- the surname replaced after marriage (women);
- surname and first name swapped;
- the first name missing; the birth date missing; the patronymic missing;
- day and month of the birth date swapped; one digit of the birth date wrong;
- the Latin in another transliteration scheme (GOST 52535, MVD 310, DS-160 instead of ICAO);
- with documents: a new passport, none, or one digit of its number wrong.

``dataset(n, documents=...)`` returns ``n`` canonical records (``RowResult``) in random order and,
for each, the id of the person it belongs to: the true pairs are the records sharing a person.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from itertools import combinations

from benchmarks.generate_store import SCHEMES, Person, _pick, latin, people, typo
from pipeline.record import CANONICAL_FIELDS, RowResult

CORRUPTIONS = ("typo_surname", "typo_name", "typo_surname", "typo_name", "married", "swapped", "no_name",
               "no_birth", "no_patronymic", "day_month", "date_digit", "scheme", "scheme")  # fmt: skip
DOC_CORRUPTIONS = ("new_passport", "no_passport", "passport_digit")


@dataclass
class Dataset:
    rows: list[RowResult]
    person: list[int]  # per row

    def true_pairs(self) -> set[tuple[int, int]]:
        """Pairs of row indexes (low, high) that are one person."""
        by_person: dict[int, list[int]] = {}
        for i, p in enumerate(self.person):
            by_person.setdefault(p, []).append(i)
        return {pair for rows in by_person.values() for pair in combinations(sorted(rows), 2)}


def record(p: Person, rnd: random.Random, documents: bool, scheme: str = "icao") -> tuple[dict, set[str]]:
    """A clean record of ``p`` in one of the shapes lists come in: passport Latin only, both
    scripts, or Cyrillic only (the Latin then derived, as the importer does)."""
    rec = dict.fromkeys(CANONICAL_FIELDS)
    style = rnd.random()
    derived: set[str] = set()
    if style < 0.45:  # a passport list: Latin only
        rec.update(surname_lat=latin(p.surname_ru, scheme), name_lat=latin(p.name_ru, scheme))
    elif style < 0.8:
        rec.update(surname_lat=latin(p.surname_ru, scheme), name_lat=latin(p.name_ru, scheme),
                   surname_ru=p.surname_ru, name_ru=p.name_ru, patronymic_ru=p.patronymic_ru)  # fmt: skip
    else:
        rec.update(surname_ru=p.surname_ru, name_ru=p.name_ru, patronymic_ru=p.patronymic_ru,
                   surname_lat=latin(p.surname_ru), name_lat=latin(p.name_ru))  # fmt: skip
        derived = {"surname_lat", "name_lat"}
    rec.update(gender=p.gender if rnd.random() > 0.1 else None, birth_date=p.birth.isoformat(), citizenship="RUS")
    if documents:
        rec.update(passport_series=p.series, passport_number=p.number, passport_expiry=p.expiry.isoformat())
    return rec, derived


def corrupt(p: Person, rnd: random.Random, documents: bool) -> tuple[dict, set[str]]:
    """Another list's record of ``p``: one to three corruptions."""
    scheme = "icao"
    kinds = rnd.sample(CORRUPTIONS + (DOC_CORRUPTIONS if documents else ()), rnd.choice((1, 1, 2, 2, 3)))
    if "scheme" in kinds:
        scheme = rnd.choice(SCHEMES[3:])
    if "married" in kinds and p.gender == "F":
        p = replace(p, surname_ru=_pick(rnd, "S", "F"))
    rec, derived = record(p, rnd, documents, scheme)
    for kind in kinds:
        if kind in ("typo_surname", "typo_name"):
            f = "surname" if kind == "typo_surname" else "name"
            if rec[f"{f}_lat"] and not derived and (not rec[f"{f}_ru"] or rnd.random() < 0.5):
                rec[f"{f}_lat"] = typo(rec[f"{f}_lat"], rnd)
            elif rec[f"{f}_ru"]:
                rec[f"{f}_ru"] = typo(rec[f"{f}_ru"], rnd)
                if derived:
                    rec[f"{f}_lat"] = latin(rec[f"{f}_ru"])
        elif kind == "swapped":
            rec["surname_lat"], rec["name_lat"] = rec["name_lat"], rec["surname_lat"]
            rec["surname_ru"], rec["name_ru"] = rec["name_ru"], rec["surname_ru"]
        elif kind == "no_name":
            rec["name_lat"] = rec["name_ru"] = None
        elif kind == "no_birth":
            rec["birth_date"] = None
        elif kind == "no_patronymic":
            rec["patronymic_ru"] = None
        elif kind == "day_month" and p.birth.day <= 12 and p.birth.day != p.birth.month:
            rec["birth_date"] = dt.date(p.birth.year, p.birth.day, p.birth.month).isoformat()
        elif kind == "date_digit":
            rec["birth_date"] = _digit_slip(p.birth, rnd) or rec["birth_date"]
        elif kind == "new_passport" and rec["passport_number"]:
            rec.update(passport_series="77", passport_number=p.number[::-1],
                       passport_expiry=(p.expiry + dt.timedelta(days=3650)).isoformat())  # fmt: skip
        elif kind == "no_passport":
            rec["passport_series"] = rec["passport_number"] = rec["passport_expiry"] = None
        elif kind == "passport_digit" and rec["passport_number"]:
            i = rnd.randrange(7)
            n = rec["passport_number"]
            rec["passport_number"] = n[:i] + str((int(n[i]) + rnd.randrange(1, 10)) % 10) + n[i + 1 :]
    return rec, derived


def _digit_slip(born: dt.date, rnd: random.Random) -> str | None:
    text = born.isoformat()
    for _ in range(10):
        i = rnd.choice((2, 3, 6, 8, 9))
        slipped = text[:i] + str(rnd.randrange(10)) + text[i + 1 :]
        if slipped == text:
            continue
        try:
            dt.date.fromisoformat(slipped)
        except ValueError:
            continue
        return slipped
    return None


def dataset(n: int, documents: bool = False, seed: int = 7, duplicate_share: float = 0.4) -> Dataset:
    """``n`` records; about ``duplicate_share`` of them are further records of someone already in."""
    rnd = random.Random(seed)
    originals = round(n * (1 - duplicate_share))
    crowd = people(originals, seed=seed, start=seed * 1_000_000)
    rows: list[tuple[dict, set[str], int]] = []
    for i, p in enumerate(crowd):
        rec, derived = record(p, rnd, documents)
        rows.append((rec, derived, i))
    while len(rows) < n:
        i = rnd.randrange(originals)
        rec, derived = corrupt(crowd[i], rnd, documents)
        rows.append((rec, derived, i))
    rnd.shuffle(rows)
    return Dataset([RowResult(source_row=k + 1, record=rec, derived=derived) for k, (rec, derived, _) in enumerate(rows)],
                   [who for _, _, who in rows])  # fmt: skip


def planted(store: list[Person], count: int, seed: int = 9) -> list[tuple[int, RowResult]]:
    """``count`` second records of people of a stored file (client id = index + 1), corrupted."""
    rnd = random.Random(seed)
    out = []
    for i in rnd.sample(range(len(store)), count):
        rec, derived = corrupt(store[i], rnd, documents=True)
        if rec["passport_number"] == store[i].number and rec["passport_series"] == store[i].series:
            # a file never holds one passport twice: the second record came with another one
            rec.update(passport_series="77", passport_number=store[i].number[::-1])
        out.append((i + 1, RowResult(source_row=len(out) + 1, record=rec, derived=derived)))
    return out
