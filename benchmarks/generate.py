"""Seeded generators of realistic tourist lists, so anyone can reproduce the figures."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

SURNAMES_M = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
              "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
              "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
              "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
              "Подъячев", "Цой", "Щукин", "Дьяков", "Юдин", "Ёлкин", "Журавлёв", "Римский-Корсаков"]  # fmt: skip
NAMES_M = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил",
           "Артём", "Никита", "Илья", "Павел", "Юрий", "Виктор", "Пётр", "Игорь", "Олег", "Роман", "Николай"]  # fmt: skip
NAMES_F = ["Анна", "Елена", "Ольга", "Наталья", "Юлия", "Мария", "Татьяна", "Ирина", "Екатерина",
           "Светлана", "Ксения", "Дарья", "Алёна", "Вера", "Наталия", "Софья", "Полина", "Людмила"]  # fmt: skip
HEADER = ["№", "ФИО", "Фамилия (лат.)", "Имя (лат.)", "Пол", "Дата рожд.", "Загранпаспорт",
          "Действителен до", "Гражданство", "Билет"]  # fmt: skip

_ICAO = str.maketrans({
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH", "З": "Z", "И": "I",
    "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T",
    "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y",
    "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
})  # fmt: skip


def _female(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    if "-" in surname:
        return "-".join(_female(p) for p in surname.split("-"))
    return surname


def tourists(n: int, seed: int = 7) -> Iterator[list[str]]:
    """Rows as an agency's list has them: ФИО, Latin, sex, dates in mixed forms, passports."""
    rnd = random.Random(seed)
    issued: set[str] = set()
    for i in range(1, n + 1):
        female = rnd.random() < 0.5
        surname = rnd.choice(SURNAMES_M)
        surname = _female(surname) if female else surname
        name = rnd.choice(NAMES_F if female else NAMES_M)
        father = rnd.choice(NAMES_M)
        patronymic = father + ("овна" if female else "ович") if father[-1] not in "йь" else father[:-1] + ("евна" if female else "евич")
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randrange(0, 30000))
        expiry = dt.date(2027, 6, 1) + dt.timedelta(days=rnd.randrange(0, 3600))
        lat = surname.upper().translate(_ICAO)
        if rnd.random() < 0.05:
            lat += "*"
        title = " MRS" if female and rnd.random() < 0.1 else ""
        born_text = born.strftime("%d.%m.%Y") if rnd.random() < 0.8 else born.isoformat()
        # a passport number belongs to one person: a second draw only where two would collide,
        # so every other row stays what it was for a given seed
        passport = f"{rnd.randrange(70, 80)} {rnd.randrange(0, 10**7):07d}"
        while passport in issued:
            passport = f"{rnd.randrange(70, 80)} {rnd.randrange(0, 10**7):07d}"
        issued.add(passport)
        yield [
            str(i), f"{surname} {name} {patronymic}", lat + title, name.upper().translate(_ICAO),
            "F" if female else "M", born_text, passport, expiry.strftime("%d.%m.%Y"),
            rnd.choice(["РФ", "Россия", "RUS"]), f"555{rnd.randrange(0, 10**10):010d}",
        ]  # fmt: skip


def write_csv(path, n: int, seed: int = 7, encoding: str = "cp1251") -> None:
    import csv

    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Список туристов"] + [""] * (len(HEADER) - 1))
        w.writerow(HEADER)
        w.writerows(tourists(n, seed))


def write_latin_csv(path, n: int, seed: int = 7) -> None:
    """An airline-style list in Latin only (``SMIRNOVA MRS``), comma-separated UTF-8: the
    Cyrillic spelling has to be guessed for every tourist."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Surname", "Given name", "Sex", "DOB", "Passport No", "Expiry", "Nationality", "Ticket"])
        for r in tourists(n, seed):
            w.writerow([r[2], r[3], r[4], r[5], r[6], r[7], "RUS", r[9]])
