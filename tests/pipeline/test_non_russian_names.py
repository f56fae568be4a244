"""Ukrainian, Belarusian and Kazakh names on import (issue 22 item 3): every letter kept in
Cyrillic, the Latin by the citizen's own passport rules (ICAO 9303 otherwise), and the rule said."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.normalize.rows import Transliterators, normalize_table
from pipeline.record import CANONICAL_FIELDS
from pipeline.types import RawTable

TODAY = dt.date(2026, 12, 2)
HEADER = ["№", "Фамилия", "Имя", "Отчество", "Фамилия (лат.)", "Имя (лат.)", "Дата рождения", "Гражданство",
          "Загранпаспорт"]  # fmt: skip
# A partner's list as it comes: gaps, an apostrophe typed as ’, a stray *, no citizenship.
ROWS = [
    ["1", "Шевченко", "Наталія", "Олексіївна", "", "", "01.02.1980", "Украина", "FE123456"],
    ["2", "Мар'яненко", "Дар’я", "", "", "", "", "Украина", ""],
    ["3", "Сяргееў", "Яўген", "", "", "", "14.07.1988", "Беларусь", "MP1234567"],
    ["4", "Лукашевич", "Алеся", "", "LUKASHEVICH", "ALESIA", "", "Беларусь", ""],
    ["5", "Әлиев", "Қанат", "Серікұлы", "", "", "05.06.1990", "Казахстан", "N12345678"],
    ["6", "Іваненко", "Юрій", "Петрович", "", "", "03.04.1975", "Россия", "75 1234567"],
    ["7", "Ґудзь", "Євген*", "", "", "", "", "", ""],
]
UA = "Ukraine's passport table of 2010 (Cabinet of Ministers resolution No. 55 of 27.01.2010)"
BY = "Belarus's passport rules (MVD resolution No. 288 of 09.10.2008, without diacritics)"
KZ = "Kazakhstan's passport rules (ICAO 9303; Ә Ғ Қ Ң Ө Ұ Ү Һ as A G K N O U U H)"


def _row(**given):
    out = dict.fromkeys(CANONICAL_FIELDS)
    out.update(given)
    return out


EXPECTED = [
    (
        "ok", [f'Row 1: the Latin name "SHEVCHENKO NATALIIA" follows {UA}, as the citizenship is UKR'],
        _row(surname_lat="SHEVCHENKO", name_lat="NATALIIA", surname_ru="Шевченко", name_ru="Наталія",
             patronymic_ru="Олексіївна", gender="F", birth_date="1980-02-01", passport_number="FE123456",
             citizenship="UKR"),
        ["gender", "name_lat", "surname_lat"], "ukraine2010",
    ),
    (
        "ok", [f'Row 2: the Latin name "MARIANENKO DARIA" follows {UA}, as the citizenship is UKR'],
        _row(surname_lat="MARIANENKO", name_lat="DARIA", surname_ru="Мар'яненко", name_ru="Дар'я", citizenship="UKR"),
        ["name_lat", "surname_lat"], "ukraine2010",
    ),
    (
        "ok", [f'Row 3: the Latin name "SIARHEYEU YAUHEN" follows {BY}, as the citizenship is BLR'],
        _row(surname_lat="SIARHEYEU", name_lat="YAUHEN", surname_ru="Сяргееў", name_ru="Яўген",
             birth_date="1988-07-14", passport_number="MP1234567", citizenship="BLR"),
        ["name_lat", "surname_lat"], "belarus",
    ),
    (
        # the list's own Latin is kept as it is: nothing derived, no rule to name
        "ok", [],
        _row(surname_lat="LUKASHEVICH", name_lat="ALESIA", surname_ru="Лукашевич", name_ru="Алеся", citizenship="BLR"),
        [], None,
    ),
    (
        "ok", [f'Row 5: the Latin name "ALIEV KANAT" follows {KZ}, as the citizenship is KAZ'],
        _row(surname_lat="ALIEV", name_lat="KANAT", surname_ru="Әлиев", name_ru="Қанат", patronymic_ru="Серікұлы",
             gender="M", birth_date="1990-06-05", passport_number="N12345678", citizenship="KAZ"),
        ["gender", "name_lat", "surname_lat"], "kazakhstan",
    ),
    (
        # a Russian citizen with a Ukrainian surname: ICAO, which has І too
        "ok", [],
        _row(surname_lat="IVANENKO", name_lat="IURII", surname_ru="Іваненко", name_ru="Юрій", patronymic_ru="Петрович",
             gender="M", birth_date="1975-04-03", passport_series="75", passport_number="1234567", citizenship="RUS"),
        ["gender", "name_lat", "surname_lat"], "icao",
    ),
    (
        # citizenship unknown: ICAO; the * goes, Є stays
        "ok", ['Row 7, column "Имя", value "Євген*": removed \'*\' from the name'],
        _row(surname_lat="GUDZ", name_lat="IEVGEN", surname_ru="Ґудзь", name_ru="Євген"),
        ["name_lat", "surname_lat"], "icao",
    ),
]  # fmt: skip


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "row rules"])
def test_every_field_of_ukrainian_belarusian_and_kazakh_rows(fast: bool) -> None:
    table = RawTable(frame=pd.DataFrame([HEADER, *ROWS], dtype=object))
    rows = normalize_table(table, today=TODAY, translit=Transliterators.from_registry(), fast=fast).rows
    assert len(rows) == len(EXPECTED)
    for row, (status, messages, record, derived, rule) in zip(rows, EXPECTED, strict=True):
        got = row.to_json()
        assert got["status"] == status, row.source_row
        assert got["messages"] == messages, row.source_row
        for field in CANONICAL_FIELDS:
            assert got[field] == record[field], (row.source_row, field)
        assert got["derived"] == derived, row.source_row
        assert got["latin_rule"] == rule, row.source_row


def test_no_letter_is_cut_from_a_whole_name_cell() -> None:
    table = RawTable(frame=pd.DataFrame([["ФИО", "Гражданство"], ["Коваль Мар'яна Ігорівна", "UKR"],
                                         ["Жұмабаев Әлібек", "Казахстан"]], dtype=object))  # fmt: skip
    rows = normalize_table(table, today=TODAY, translit=Transliterators.from_registry()).rows
    first, second = (r.record for r in rows)
    assert (first["surname_ru"], first["name_ru"], first["patronymic_ru"]) == (
        "Коваль",
        "Мар'яна",
        "Ігорівна",
    )
    assert (first["surname_lat"], first["name_lat"]) == ("KOVAL", "MARIANA")
    assert (second["surname_ru"], second["name_ru"], second["surname_lat"], second["name_lat"]) == (
        "Жұмабаев", "Әлібек", "ZHUMABAEV", "ALIBEK")  # fmt: skip
    assert [r.status for r in rows] == ["ok", "ok"]
    assert all("removed" not in m for r in rows for m in r.messages)


def test_without_translators_nothing_is_derived_and_no_rule_is_named() -> None:
    table = RawTable(frame=pd.DataFrame([HEADER, ROWS[0]], dtype=object))
    (row,) = normalize_table(table, today=TODAY, translit=Transliterators()).rows
    assert (row.record["surname_ru"], row.record["name_ru"], row.record["surname_lat"]) == (
        "Шевченко",
        "Наталія",
        None,
    )
    assert row.to_json()["latin_rule"] is None and row.messages == ()
