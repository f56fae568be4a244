"""Seeded clients with the gaps a real client file has, named from the bundled names list.

Every kind of gap is present whatever the seed or size (from 10 clients up): a patronymic beside
none, no e-mail, neither e-mail nor phone, no advertising consent, a name only in Latin, a
foreign client (another citizenship, Latin only, a foreign passport), no sex recorded, an
English-speaking client, and a name that a spreadsheet would read as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NAMES = ROOT / "plugins" / "translators" / "data" / "russian_names.csv"
KINDS = ("full", "no_patronymic", "latin_only", "foreign", "no_sex", "english")
#: contacts and consent, cycled independently of the kind so that every pair occurs
CONTACTS = ("email", "phone", "both", "none", "email")
FOREIGN = [("SMITH", "JANE", "F", "GBR"), ("MUELLER", "HANS", "M", "DEU"), ("ROSSI", "GIULIA", "F", "ITA"),
           ("NURLANULY", "ASKAR", "M", "KAZ"), ("GARCIA", "LUCIA", "F", "ESP")]  # fmt: skip


@functools.cache
def _names() -> dict[tuple[str, str], list[str]]:
    """(kind, gender) -> the 40 commonest spellings: F first names, P patronymics, S surnames."""
    seen: dict[tuple[str, str], list[tuple[int, str]]] = {}
    with NAMES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] in "FPS" and row["gender"] in ("M", "F"):
                seen.setdefault((row["kind"], row["gender"]), []).append((int(row["count"]), row["text"]))
    return {k: [t for _, t in sorted(v, reverse=True)[:40]] for k, v in seen.items()}


def _lat(text: str) -> str:
    from plugins.translators.schemes import SCHEMES

    return SCHEMES["icao"].translate(text)


def gappy_clients(n: int = 30, seed: int = 17, birthday: tuple[int, int] = (3, 8)) -> list[dict[str, Any]]:
    """``n`` clients; the first six, every other six after, born on ``birthday`` (month, day), so
    that a greeting is due for each kind of gap on that day."""
    rnd = random.Random(seed)
    names = _names()
    out = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        gender = rnd.choice("MF")
        surname, first = rnd.choice(names[("S", gender)]), rnd.choice(names[("F", gender)])
        values: dict[str, Any] = {"surname_ru": surname, "name_ru": first,
                                  "patronymic_ru": rnd.choice(names[("P", gender)]),
                                  "surname_lat": _lat(surname), "name_lat": _lat(first), "gender": gender,
                                  "citizenship": "RUS"}  # fmt: skip
        passport: tuple[str | None, str, dt.date] | None = (str(rnd.randrange(70, 80)), f"{rnd.randrange(10**7):07d}",
                                                            dt.date(2031, 1, 1))  # fmt: skip
        language = None
        if kind == "no_patronymic":
            values["patronymic_ru"] = None
        elif kind == "latin_only":
            values.update(surname_ru=None, name_ru=None, patronymic_ru=None)
        elif kind == "foreign":
            surname_lat, name_lat, gender, country = FOREIGN[(i // len(KINDS)) % len(FOREIGN)]
            values = {"surname_lat": surname_lat, "name_lat": name_lat, "gender": gender, "citizenship": country}
            passport = (None, f"C{rnd.randrange(10**7):07d}", dt.date(2032, 6, 1))
        elif kind == "no_sex":
            values["gender"] = None
            if i % 2:
                values["patronymic_ru"] = None  # no way to tell: greeted «Уважаемый(ая)»
        elif kind == "english":
            language = "en"
        if i == 12:
            values["name_ru"] = "=Мария"  # a typing slip that a spreadsheet would run as a formula
        born = dt.date(1950 + rnd.randrange(55), *birthday) if (i // len(KINDS)) % 2 == 0 else (
            dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(20000)))  # fmt: skip
        if i % 11 == 10:
            born = None  # no birth date known
        values["birth_date"] = born
        contact = CONTACTS[i % len(CONTACTS)]
        out.append({"values": values, "passport": passport, "language": language, "consent": i % 4 != 3,
                    "email": f"client{i}@example.org" if contact in ("email", "both") else None,
                    "phone": f"+7916{1000000 + i:07d}" if contact in ("phone", "both") else None,
                    "kind": kind})  # fmt: skip
    return out


def load_gappy(url: str, clients: list[dict[str, Any]], consent_day: dt.date = dt.date(2026, 1, 10)) -> list[int]:
    """Put ``clients`` into the store at ``url`` with their contacts, consents and languages; their ids."""
    from pipeline.clients.edit import add_client
    from pipeline.crm import consent
    from pipeline.crm.contacts import add_contact
    from pipeline.crm.managers import profile
    from pipeline.store.db import session_scope

    ids = []
    with session_scope(url) as s:
        for c in clients:
            client = add_client(s, c["values"], passport=c["passport"])
            if c["email"]:
                add_contact(s, client.id, "email", c["email"], primary=True)
            if c["phone"]:
                add_contact(s, client.id, "phone", c["phone"])
            if c["consent"]:
                consent.record_consent(s, client.id, "advertising", True, consent_day, "signed form")
            if c["language"]:
                profile(s, client.id).language = c["language"]
            ids.append(client.id)
    return ids


def write_gappy_list(path: Path, n: int = 24, seed: int = 17) -> Path:
    """A tourist list as an agency gets it (cp1251, ';'), with the same gaps: rows without a
    patronymic, Latin-only rows, foreign tourists with their own passports."""
    from benchmarks.generate import HEADER

    rows = []
    for i, c in enumerate(gappy_clients(n, seed), start=1):
        v = c["values"]
        fio = " ".join(filter(None, [v.get("surname_ru"), v.get("name_ru"), v.get("patronymic_ru")]))
        series, number, expiry = c["passport"]
        born = v["birth_date"] or dt.date(1980, 1, 1)
        rows.append([str(i), fio.lstrip("="), v["surname_lat"], v["name_lat"], v["gender"] or "",
                     born.strftime("%d.%m.%Y"), f"{series or ''} {number}".strip(), expiry.strftime("%d.%m.%Y"),
                     v["citizenship"], f"555{i:010d}"])  # fmt: skip
    with open(path, "w", encoding="cp1251", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(HEADER)
        w.writerows(rows)
    return path
