"""Foreign passports on import (issue 22 item 4): a Russian one is 2 + 7 digits; anything else for
a Russian citizen is a warning with the value kept as typed; other countries keep their letters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.normalize.rows import Transliterators, normalize_table
from pipeline.types import RawTable

TODAY = dt.date(2026, 12, 2)
HEADER = ["Фамилия", "Имя", "Дата рождения", "Гражданство", "Загранпаспорт", "Действителен до"]
ROWS = [
    ["Иванов", "Сергей", "14.05.1978", "Россия", "75 12-45", "14.05.2031"],
    ["Петрова", "Анна", "", "РФ", "4506 123456", ""],
    ["Смирнова", "Юлия", "15.03.1985", "Россия", "FE123456", ""],
    ["Соколов", "Игорь", "", "", "75 12-45", ""],  # no citizenship: read as a Russian passport
    ["Шевченко", "Тарас", "", "Украина", "FE 123456", ""],
    ["Әлиев", "Қанат", "", "Казахстан", "N12345678", ""],
    ["Козлов", "Олег", "", "Россия", "75 1234567", "01.01.2032"],
    ["Сидоров", "Павел", "", "Беларусь", "12345", ""],
]
NOT_RUSSIAN = "no valid passport number: a Russian foreign passport has 9 digits (2 + 7); kept as typed, please check it"
# (status, passport_series, passport_number, passport_expiry, citizenship, messages)
EXPECTED = [
    ("warning", None, "75 12-45", "2031-05-14", "RUS", [f'Row 1, column "Загранпаспорт", value "75 12-45": {NOT_RUSSIAN}']),
    ("warning", None, "4506 123456", None, "RUS", [
        'Row 2, column "Загранпаспорт", value "4506 123456": no valid passport number: 10 digits: this looks like '
        "an internal (Russian) passport; kept as typed, please check it"]),
    ("warning", None, "FE123456", None, "RUS", [f'Row 3, column "Загранпаспорт", value "FE123456": {NOT_RUSSIAN}']),
    ("warning", None, "75 12-45", None, None, [f'Row 4, column "Загранпаспорт", value "75 12-45": {NOT_RUSSIAN}']),
    ("ok", None, "FE123456", None, "UKR", []),
    ("ok", None, "N12345678", None, "KAZ", []),
    ("ok", "75", "1234567", "2032-01-01", "RUS", []),
    ("warning", None, "12345", None, "BLR", [
        'Row 8, column "Загранпаспорт", value "12345": no valid passport number: not a passport number; '
        "kept as typed, please check it"]),
]  # fmt: skip


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "row rules"])
def test_passports_field_by_field(fast: bool) -> None:
    table = RawTable(frame=pd.DataFrame([HEADER, *ROWS], dtype=object))
    rows = normalize_table(table, today=TODAY, translit=Transliterators(), fast=fast).rows
    got = [
        (r.status, r.record["passport_series"], r.record["passport_number"], r.record["passport_expiry"],
         r.record["citizenship"], list(r.messages))
        for r in rows
    ]  # fmt: skip
    assert got == EXPECTED
    # the rest of a row with a doubtful passport is read as usual
    assert (rows[0].record["surname_ru"], rows[0].record["birth_date"]) == ("Иванов", "1978-05-14")


def test_series_and_number_in_their_own_columns_are_each_kept_as_typed() -> None:
    table = RawTable(frame=pd.DataFrame([
        ["Фамилия", "Имя", "Гражданство", "Серия", "Номер"],
        ["Иванов", "Сергей", "Россия", "75", "12-45"],
        ["Петров", "Иван", "Россия", "75", "1234567"],
    ], dtype=object))  # fmt: skip
    first, second = normalize_table(table, today=TODAY, translit=Transliterators()).rows
    assert (first.status, first.record["passport_series"], first.record["passport_number"]) == (
        "warning",
        "75",
        "12-45",
    )
    assert first.messages == [f'Row 1, column "Номер", value "75 12-45": {NOT_RUSSIAN}']
    assert (second.status, second.record["passport_series"], second.record["passport_number"]) == (
        "ok",
        "75",
        "1234567",
    )
