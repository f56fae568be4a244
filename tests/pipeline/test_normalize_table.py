"""Whole tables through normalization: every row accounted for, messages a clerk can act on."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.importing.sources import normalize_source
from pipeline.normalize.rows import Transliterators, normalize_table
from pipeline.types import RawTable, Source

TODAY = dt.date(2026, 11, 27)


def _table(rows):
    return RawTable(frame=pd.DataFrame(rows, dtype=object))


def test_sample_booking_every_row_accounted(sample_csv):
    result = normalize_source(Source.from_path(sample_csv), travel_date=dt.date(2027, 3, 12))
    rows = result.rows
    assert len(rows) == 26  # title lines, blank line and the manager's footer are not rows
    assert [r.source_row for r in rows] == list(range(1, 27))
    first = rows[0].record
    assert first["surname_lat"] == "IVANOV" and first["name_lat"] == "SERGEI"
    assert first["surname_ru"] == "Иванов" and first["patronymic_ru"] == "Петрович"
    assert first["gender"] == "M"  # from "IVANOV MR"
    assert first["passport_series"] == "75" and first["passport_number"] == "1234567"
    assert first["ticket_number"] == "5552123456781"
    assert rows[1].record["gender"] == "F"  # IVANOVA MRS
    assert rows[3].record["surname_lat"] == "SMIRNOVA"  # stray * removed, and said so
    assert any("removed '*'" in m for m in rows[3].messages)
    assert rows[4].record["birth_date"] == "1980-02-01"  # 01FEB80
    assert rows[6].record["surname_ru"] == "Римская-Корсакова"
    assert rows[7].record["surname_ru"] == "Ёлкин"  # ё kept as written
    assert rows[8].record["gender"] == "F" and "gender" in rows[8].derived  # from the patronymic
    assert rows[17].record["gender"] == "M"  # VOLKOV MSTR
    assert rows[24].record["passport_series"] is None and rows[24].record["passport_number"] == "MP1234567"


def test_sample_booking_statuses(sample_csv):
    rows = normalize_source(Source.from_path(sample_csv), travel_date=dt.date(2027, 3, 12)).rows
    by_row = {r.source_row: r for r in rows}
    assert by_row[14].status == "rejected"
    assert by_row[14].messages == [
        'Row 14, column "Дата рожд.", value "31.02.1985": is not a real date; the tourist is not imported'
    ]
    assert by_row[15].status == "warning"  # 75 888999: kept as typed for a clerk to check (issue 22)
    assert (by_row[15].record["passport_series"], by_row[15].record["passport_number"]) == (None, "75 888999")
    assert '"75 888999"' in by_row[15].messages[0] and "kept as typed" in by_row[15].messages[0]
    assert by_row[10].status == "warning" and "before the trip starts" in by_row[10].messages[0]
    assert by_row[6].status == "warning" and "six months" in by_row[6].messages[0]
    assert by_row[26].status == "rejected" and "no surname" in by_row[26].messages[0]
    assert sum(r.status == "ok" for r in rows) == 21


def test_latin_filled_from_cyrillic_is_marked_derived():
    t = _table([["ФИО", "Дата рождения"], ["Подъячева Юлия Игоревна", "01.02.1980"], ["Цой Виктор", "21.06.1962"]])
    rows = normalize_table(t, today=TODAY).rows
    assert rows[0].record["surname_lat"] == "PODIEIACHEVA" and rows[0].record["name_lat"] == "IULIIA"
    assert {"surname_lat", "name_lat"} <= rows[0].derived
    assert rows[1].record["surname_lat"] == "TSOI"


def test_airline_style_and_mixed_scripts_in_one_column():
    t = _table([
        ["Passenger", "DOB", "Passport No"],
        ["IVANOV/IVAN MR", "14MAY78", "751234567"],
        ["Петрова Анна", "02.11.1980", "75 1234568"],
    ])  # fmt: skip
    rows = normalize_table(t, today=TODAY, translit=Transliterators()).rows
    assert rows[0].record | {} == rows[0].record
    assert (rows[0].record["surname_lat"], rows[0].record["name_lat"], rows[0].record["gender"]) == ("IVANOV", "IVAN", "M")
    assert rows[0].record["birth_date"] == "1978-05-14"
    assert (rows[1].record["surname_ru"], rows[1].record["name_ru"]) == ("Петрова", "Анна")


def test_no_header_columns_guessed_from_values():
    t = _table([
        ["IVANOV", "SERGEI", "M", "14.05.1978", "75 1234567", "14.05.2031", "5552123456781"],
        ["PETROVA", "ANNA", "F", "02.11.1980", "75 1234568", "02.11.2031", "5552123456782"],
    ])  # fmt: skip
    rows = normalize_table(t, today=TODAY, translit=Transliterators()).rows
    rec = rows[1].record
    assert (rec["surname_lat"], rec["name_lat"], rec["gender"]) == ("PETROVA", "ANNA", "F")
    assert rec["birth_date"] == "1980-11-02" and rec["passport_expiry"] == "2031-11-02"
    assert rec["passport_number"] == "1234568" and rec["ticket_number"] == "5552123456782"


def test_unknown_values_are_null_not_empty_strings():
    t = _table([["Фамилия", "Имя", "Гражданство"], ["Иванов", "Иван", ""]])
    rec = normalize_table(t, today=TODAY, translit=Transliterators()).rows[0].record
    assert rec["citizenship"] is None and rec["birth_date"] is None and rec["surname_lat"] is None


def test_the_first_column_that_gives_a_field_wins_on_either_path():
    # a list with the birth date, citizenship and ticket twice (a partner's copy pasted beside)
    t = _table([
        ["Фамилия", "Имя", "Дата рожд.", "Гражданство", "Билет", "Дата рождения", "Nationality", "Ticket"],
        ["Иванов", "Иван", "14.05.1978", "РФ", "5552123456781", "15.05.1978", "Беларусь", "5552123456789"],
        ["Петрова*", "Анна", "02.11.1980", "РФ", "5552123456782", "03.11.1980", "KAZ", "5552123456788"],
    ])  # fmt: skip
    for fast in (True, False):
        rows = normalize_table(t, today=TODAY, translit=Transliterators(), fast=fast).rows
        got = [(r.record["birth_date"], r.record["citizenship"], r.record["ticket_number"]) for r in rows]
        assert got == [("1978-05-14", "RUS", "5552123456781"), ("1980-11-02", "RUS", "5552123456782")]


def test_latin_only_list_gets_cyrillic_guessed_once_per_spelling():
    calls: list[tuple[str, str | None]] = []

    def to_ru(text: str, gender: str | None) -> tuple[str, float]:
        calls.append((text, gender))
        return {"IVANOV": ("Иванов", 0.99), "IVAN": ("Иван", 0.99)}.get(text, ("Кьюфикс", 0.2))

    t = _table([["Surname", "Name", "Sex"], *[["IVANOV", "IVAN", "M"]] * 50, ["QWFX", "IVAN", "M"]])
    rows = normalize_table(t, today=TODAY, translit=Transliterators(to_ru=to_ru)).rows
    assert sorted(set(calls)) == sorted(calls)  # each spelling and sex asked once
    assert rows[0].record["surname_ru"] == "Иванов" and rows[0].derived == {"surname_ru", "name_ru"}
    assert rows[0].status == "ok" and rows[-1].status == "warning"
    assert rows[-1].messages == ['Row 51: the Russian spelling "Кьюфикс" of "QWFX" is a guess; please check it']
