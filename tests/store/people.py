"""A reproducible group of distinct, realistic tourists for store tests."""

from __future__ import annotations

import datetime as dt
import random

from pipeline.record import RowResult
from tests.store.helpers import row

_SURNAMES = [("Иванов", "IVANOV"), ("Смирнов", "SMIRNOV"), ("Кузнецов", "KUZNETSOV"), ("Попов", "POPOV"),
             ("Соколов", "SOKOLOV"), ("Лебедев", "LEBEDEV"), ("Козлов", "KOZLOV"), ("Новиков", "NOVIKOV"),
             ("Морозов", "MOROZOV"), ("Волков", "VOLKOV"), ("Фёдоров", "FEDOROV"), ("Журавлёв", "ZHURAVLEV")]  # fmt: skip
_NAMES_M = [("Сергей", "SERGEI"), ("Дмитрий", "DMITRII"), ("Андрей", "ANDREI"), ("Алексей", "ALEKSEI"),
            ("Михаил", "MIKHAIL"), ("Пётр", "PETR")]  # fmt: skip
_NAMES_F = [("Юлия", "IULIIA"), ("Наталья", "NATALIA"), ("Ольга", "OLGA"), ("Мария", "MARIIA"),
            ("Ксения", "KSENIIA"), ("Алёна", "ALENA")]  # fmt: skip


def people(n: int, seed: int = 11) -> list[RowResult]:
    """``n`` different people, each with a Russian foreign passport and a birth date."""
    rnd = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        female = rnd.random() < 0.5
        sur_ru, sur_lat = rnd.choice(_SURNAMES)
        if female:
            sur_ru, sur_lat = sur_ru + "а", sur_lat + "A"
        name_ru, name_lat = rnd.choice(_NAMES_F if female else _NAMES_M)
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(0, 25000))
        if (sur_lat, name_lat, born) in seen:
            continue
        seen.add((sur_lat, name_lat, born))
        out.append(
            row(len(out) + 1, surname_lat=sur_lat, name_lat=name_lat, surname_ru=sur_ru, name_ru=name_ru,
                gender="F" if female else "M", birth_date=born.isoformat(), passport_series=str(rnd.randrange(70, 80)),
                passport_number=f"{rnd.randrange(10**6, 10**7):07d}", citizenship="RUS",
                passport_expiry=(born.replace(year=2030) if born.month != 2 else dt.date(2030, 3, 1)).isoformat())
        )  # fmt: skip
    return out
