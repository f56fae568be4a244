"""Headers as partners write them: over two or three rows, abbreviated, or saying nothing we
know (then the column's values decide, or the clerk is told the column is not used)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.normalize.columns import classify_header, settle_unknown
from pipeline.normalize.headers import find_header_block
from pipeline.normalize.rows import detect, normalize_table
from pipeline.types import RawTable

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Гражд.", "citizenship"), ("Гр-во", "citizenship"), ("Граж-во", "citizenship"), ("Нац.", "citizenship"),
        ("Д.р.", "birth_date"), ("Д/р", "birth_date"), ("Дата рожд.", "birth_date"),
        ("№ загран.", "passport"), ("Загр. п-т", "passport"), ("Пасп.", "passport"),
        ("Сер. загр.", "passport_series"), ("Пасп. РФ", "internal_passport"),
        ("Срок д-ия", "passport_expiry"), ("Действ. до", "passport_expiry"), ("Годен до", "passport_expiry"),
        ("Фам.", "surname"), ("Фам. (лат.)", "surname_lat"), ("Им.", "name"), ("Отч.", "patronymic_ru"),
        ("Прим.", None), ("Тел.", None), ("Иванов", None),
    ],
)  # fmt: skip
def test_abbreviated_headers(header, field):
    assert classify_header(header) == field


def _block(rows):
    found = find_header_block(rows)
    assert found is not None
    return found


def test_merged_parents_over_their_columns():
    # as the Excel reader gives them: a merged value repeated over its area
    rows = [
        ["№", "Турист", "Турист", "Турист", "Дата рождения", "Загранпаспорт", "Загранпаспорт"],
        ["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Номер", "Действителен до"],
        [1, "Иванов", "Иван", "Иванович", dt.date(1980, 1, 2), "75 1234567", dt.date(2031, 1, 1)],
    ]
    found = _block(rows)
    assert (found.first, found.last) == (0, 1)
    assert found.mapping == {0: "ignore", 1: "surname", 2: "name", 3: "patronymic_ru", 4: "birth_date",
                             5: "passport_number", 6: "passport_expiry"}  # fmt: skip
    assert found.labels[2] == "Турист / Имя" and found.labels[4] == "Дата рождения"


def test_the_parent_says_which_passport():
    rows = [
        ["Паспорт РФ", "Паспорт РФ", "Загранпаспорт", "Загранпаспорт", "Загранпаспорт"],
        ["Серия", "Номер", "Серия", "Номер", "Кем выдан"],
    ]
    assert _block(rows).mapping == {0: "internal_series", 1: "internal_number", 2: "passport_series",
                                    3: "passport_number", 4: "ignore"}  # fmt: skip


def test_the_parent_gives_the_script():
    rows = [["Фамилия", "Фамилия", "Имя", "Имя", "Д.р."], ["рус", "лат", "рус", "лат", None]]
    assert _block(rows).mapping == {0: "surname_ru", 1: "surname_lat", 2: "name_ru", 3: "name_lat",
                                    4: "birth_date"}  # fmt: skip


def test_three_levels():
    rows = [
        ["Туристы", "Туристы", "Туристы", "Документы", "Документы", "Документы"],
        ["Фамилия", "Фамилия", "Имя", "Загранпаспорт", "Загранпаспорт", "Загранпаспорт"],
        ["рус", "лат", "лат", "Серия", "Номер", "Срок действия"],
        ["Иванов", "IVANOV", "IVAN", "75", "1234567", "01.01.2031"],
    ]
    found = _block(rows)
    assert (found.first, found.last) == (0, 2)
    assert found.mapping == {0: "surname_ru", 1: "surname_lat", 2: "name_lat", 3: "passport_series",
                             4: "passport_number", 5: "passport_expiry"}  # fmt: skip


def test_an_unknown_column_under_a_parent_is_unknown_not_the_parents_field():
    rows = [["Турист", "Турист", "Турист"], ["Фамилия", "Имя", "Прим."]]
    assert _block(rows).mapping == {0: "surname", 1: "name"}


def test_a_group_label_that_names_no_field_is_still_a_parent():
    rows = [
        ["Данные туриста", "Данные туриста", "Данные туриста", "Прочее"],
        ["Фамилия", "Имя", "Дата рождения", "Прим."],
        ["Иванов", "Иван", "01.02.1980", "VIP"],
    ]
    found = _block(rows)
    assert (found.first, found.last) == (0, 1)
    assert found.mapping == {0: "surname", 1: "name", 2: "birth_date"}
    assert found.labels == ["Данные туриста / Фамилия", "Данные туриста / Имя", "Данные туриста / Дата рождения",
                            "Прочее / Прим."]  # fmt: skip


def test_a_title_above_the_header_is_no_parent():
    rows = [
        ["Список туристов", None, None],
        ["Фамилия", "Имя", "Дата рождения"],
        ["Иванов", "Иван", "01.02.1980"],
    ]
    found = _block(rows)
    assert (found.first, found.last) == (1, 1)
    assert found.labels == ["Фамилия", "Имя", "Дата рождения"]


def test_a_data_row_is_never_taken_for_a_header_row():
    rows = [["Фамилия", "Имя", "Паспорт"], ["Иванов", "Иван", "75 1234567"], ["Петров", "Пётр", "75 1234568"]]
    found = _block(rows)
    assert (found.first, found.last) == (0, 0)


def test_unknown_headers_are_read_by_their_values():
    data = [
        ["Иванов", "Иван", "01.02.1980", "75 1234567", "15.05.2031", "M", "+7 900 123-45-67", "Петрович"],
        ["Петрова", "Анна", "03.04.1985", "76 7654321", "16.06.2032", "F", "+7 900 765-43-21", "Сергеевна"],
    ]
    mapping = {0: "surname", 1: "name"}
    assert settle_unknown(mapping, data, TODAY) == {0: "surname", 1: "name", 2: "birth_date", 3: "passport",
                                                    4: "passport_expiry", 5: "gender", 7: "patronymic_ru"}  # fmt: skip


def test_a_column_of_first_names_under_an_unknown_header_is_the_first_names():
    data = [["Иванов", "Сергей", "заметка"], ["Петрова", "Анна", "ещё одна"], ["Сидоров", "Пётр", None]]
    assert settle_unknown({0: "surname"}, data, TODAY) == {0: "surname", 1: "name"}


def test_a_field_given_twice_is_not_taken_from_the_values():
    data = [["Иванов", "01.02.1980", "02.03.1990"], ["Петрова", "03.04.1985", "04.05.1995"]]
    assert settle_unknown({0: "surname", 1: "birth_date"}, data, TODAY) == {0: "surname", 1: "birth_date"}


def test_unused_columns_are_named_whether_or_not_there_is_a_header():
    frame = pd.DataFrame(
        [["Фамилия", "Имя", "Прим.", None], ["Иванов", "Иван", "VIP", "x"], ["Петров", "Пётр", None, None]],
        dtype=object,
    )
    result = normalize_table(RawTable(frame=frame), today=TODAY)
    assert result.unused == ["column «Прим.» not used", "column 4 not used"]
    headerless = pd.DataFrame([["IVANOV", "IVAN", "01.02.1980", "+7 900 123-45-67"],
                               ["PETROV", "PETR", "02.03.1981", "+7 900 765-43-21"]], dtype=object)  # fmt: skip
    assert normalize_table(RawTable(frame=headerless), today=TODAY).unused == ["column 4 not used"]


def test_headerless_surname_with_title_then_first_name():
    frame = pd.DataFrame(
        [["IVANOV MR", "IVAN", "01.02.1980"], ["PETROVA MRS", "ANNA", "03.04.1985"]], dtype=object
    )
    header_row, mapping = detect(RawTable(frame=frame), TODAY)
    assert header_row is None
    assert mapping == {0: "surname_lat", 1: "name_lat", 2: "birth_date"}


def test_headerless_cyrillic_first_name_and_patronymic_told_by_the_dictionary():
    frame = pd.DataFrame(
        [["Иван", "Иванович", "Иванов", "01.02.1980"], ["Анна", "Сергеевна", "Петрова", "03.04.1985"],
         ["Олег", "Петрович", "Сидоров", "05.06.1970"]],
        dtype=object,
    )  # fmt: skip
    _, mapping = detect(RawTable(frame=frame), TODAY)
    assert mapping == {0: "name_ru", 1: "patronymic_ru", 2: "surname_ru", 3: "birth_date"}


@pytest.mark.parametrize(
    ("under", "labels"),
    [
        (["Surname", "Name", "Date of birth"], ["Фамилия / Surname", "Имя / Name", "Дата рождения / Date of birth"]),
        (["(как в паспорте)", None, "(ДД.ММ.ГГГГ)"],
         ["Фамилия / (как в паспорте)", "Имя", "Дата рождения / (ДД.ММ.ГГГГ)"]),
    ],
)  # fmt: skip
def test_a_second_row_of_header_words_is_header_not_a_tourist(under, labels):
    frame = pd.DataFrame(
        [["Фамилия", "Имя", "Дата рождения"], under, ["IVANOV", "IVAN", "01.02.1980"]], dtype=object
    )
    result = normalize_table(RawTable(frame=frame), today=TODAY)
    assert result.header_row == 1 and result.header == labels
    assert result.mapping == {0: "surname", 1: "name", 2: "birth_date"}
    assert [(r.record["surname_lat"], r.record["name_lat"], r.record["birth_date"]) for r in result.rows] == [
        ("IVANOV", "IVAN", "1980-02-01")
    ]


def test_a_first_tourist_without_digits_is_not_taken_for_a_header_row():
    frame = pd.DataFrame([["Фамилия", "Имя"], ["Иванов", "Иван"], ["Петров", "Пётр"]], dtype=object)
    result = normalize_table(RawTable(frame=frame), today=TODAY)
    assert result.header_row == 0
    assert [r.record["surname_ru"] for r in result.rows] == ["Иванов", "Петров"]
