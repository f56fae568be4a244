"""Realistic tourists for trip tests: names drawn from the bundled names list, and the gaps and
oddities real lists have (no patronymic, no Latin, ё, double surnames, Ukrainian and Kazakh
tourists, expired passports)."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.generate_store import latin, people
from pipeline.record import RowResult
from tests.store.helpers import row

#: hand-written tourists whose names lists get wrong most often
ODD = [
    dict(surname_ru="Римская-Корсакова", name_ru="Анна", patronymic_ru="Михайловна", gender="F",
         citizenship="RUS"),
    dict(surname_ru="Шевченко", name_ru="Олесь", patronymic_ru="Тарасович", gender="M", citizenship="UKR",
         passport_series=None, passport_number="FE123456"),
    dict(surname_ru="Нурланова", name_ru="Айгерим", patronymic_ru=None, gender="F", citizenship="KAZ",
         passport_series=None, passport_number="N12345678"),
    dict(surname_ru="Семёнов", name_ru="Пётр", patronymic_ru="Семёнович", gender="M", citizenship="RUS"),
    dict(surname_ru="Ким", name_ru="Виктория", patronymic_ru=None, gender="F", citizenship="RUS"),
]  # fmt: skip


def tourists(n: int, *, seed: int = 20, complete: bool = False) -> list[RowResult]:
    """``n`` different tourists as an import would bring them. ``complete``: every roster
    value known; otherwise about a third lack something a list may lack."""
    rnd = random.Random(seed)
    out = []
    for i, p in enumerate(people(n, seed=seed, start=seed * 1000)):
        rec = dict(surname_ru=p.surname_ru, name_ru=p.name_ru, patronymic_ru=p.patronymic_ru, gender=p.gender,
                   citizenship="RUS", passport_series=p.series, passport_number=p.number)  # fmt: skip
        if i < len(ODD):
            rec.update(ODD[i])
        rec.update(surname_lat=latin(rec["surname_ru"]), name_lat=latin(rec["name_ru"]),
                   birth_date=p.birth.isoformat(), passport_expiry=p.expiry.isoformat())  # fmt: skip
        if not complete:
            roll = rnd.random()
            if roll < 0.1:
                rec.update(surname_lat=None, name_lat=None)  # a Cyrillic-only list
            elif roll < 0.2:
                rec["patronymic_ru"] = None
            elif roll < 0.27:
                rec["passport_expiry"] = (dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat()  # expired
            elif roll < 0.32:
                rec.update(passport_series=None, passport_number=None, passport_expiry=None)
        if complete and not rec.get("patronymic_ru"):
            rec["patronymic_ru"] = "Ерланович" if rec["gender"] == "M" else "Ерлановна"
        out.append(row(i + 1, **rec))
    return out
