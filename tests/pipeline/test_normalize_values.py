"""Cell-level cleaning: dates, documents, citizenship, names, headers."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize import documents
from pipeline.normalize.citizenship import citizenship
from pipeline.normalize.columns import classify_header
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.normalize.names import split_full_name
from pipeline.normalize.text import clean_name, cyrillic_title

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("01.02.1980", "birth", "1980-02-01"),
        ("1980-02-01", "birth", "1980-02-01"),
        ("01/02/1980", "birth", "1980-02-01"),  # day first, as in Russia
        ("01FEB80", "birth", "1980-02-01"),
        ("1 февраля 1980 г.", "birth", "1980-02-01"),
        ("15.03.85", "birth", "1985-03-15"),
        ("01.12.26", "birth", "1926-12-01"),  # would be in the future as 2026
        ("01.01.26", "birth", "2026-01-01"),
        ("01.02.30", "expiry", "2030-02-01"),
        (29000, "birth", "1979-05-25"),  # Excel serial
        (dt.datetime(1990, 4, 3, 0, 0), "birth", "1990-04-03"),
    ],
)
def test_dates(raw, kind, expected):
    assert parse_date(raw, kind=kind, today=TODAY).isoformat() == expected


@pytest.mark.parametrize("raw", ["31.02.1985", "30.13.1990", "вчера", ""])
def test_impossible_dates(raw):
    with pytest.raises(BadDate):
        parse_date(raw, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "citizen", "expected"),
    [
        ("75 1234567", "RUS", ("75", "1234567")),
        ("751234567", None, ("75", "1234567")),
        ("№ 75-1234567", "RUS", ("75", "1234567")),
        ("MP1234567", "BLR", (None, "MP1234567")),
        ("n12345678", "KAZ", (None, "N12345678")),
    ],
)
def test_foreign_passport(raw, citizen, expected):
    assert documents.foreign_passport(raw, citizen) == expected


@pytest.mark.parametrize("raw", ["75 888999", "4506 123456", "паспорт"])
def test_bad_foreign_passport(raw):
    with pytest.raises(documents.BadDocument):
        documents.foreign_passport(raw, "RUS")


def test_internal_passport_and_ticket():
    assert documents.internal_passport("45 06 123456") == ("4506", "123456")
    assert documents.ticket("555-2123456789/1") == "5552123456789"
    with pytest.raises(documents.BadDocument):
        documents.ticket("12345")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Россия", "RUS"), ("РФ", "RUS"), ("Russian Federation", "RUS"), ("Russia", "RUS"), ("RUS", "RUS"),
     ("Беларусь", "BLR"), ("Казахстан", "KAZ"), ("гражданин РФ", "RUS"), ("Франция", "FRA"), ("Марс", None)],
)  # fmt: skip
def test_citizenship(raw, expected):
    assert citizenship(raw) == expected


@pytest.mark.parametrize(
    ("raw", "clean", "removed"),
    [("IVANOV*", "IVANOV", "*"), ("Римская - Корсакова", "Римская-Корсакова", None),
     ("Иванов1", "Иванов", "1"), ("IVANOV\u00a0 IVAN", "IVANOV IVAN", "double spaces")],
)  # fmt: skip
def test_clean_name(raw, clean, removed):
    assert clean_name(raw) == (clean, removed)


def test_cyrillic_title_keeps_yo_and_hyphens():
    assert cyrillic_title("РИМСКАЯ-КОРСАКОВА") == "Римская-Корсакова"
    assert cyrillic_title("сЕмЁнова") == "Семёнова"


@pytest.mark.parametrize(
    ("raw", "surname", "name", "patronymic", "title"),
    [
        ("IVANOV MR", "IVANOV", None, None, "MR"),
        ("IVANOV/IVAN MR", "IVANOV", "IVAN", None, "MR"),
        ("IVANOVA/OLGA MRS", "IVANOVA", "OLGA", None, "MRS"),
        ("IVANOV IVAN", "IVANOV", "IVAN", None, None),
        ("Иванов Иван Иванович", "Иванов", "Иван", "Иванович", None),
        ("VOLKOV NIKITA MSTR", "VOLKOV", "NIKITA", None, "MSTR"),
    ],
)
def test_split_full_name(raw, surname, name, patronymic, title):
    s = split_full_name(raw)
    assert (s.surname, s.name, s.patronymic, s.title) == (surname, name, patronymic, title)


@pytest.mark.parametrize(
    ("header", "field"),
    [("Фамилия", "surname"), ("Фамилия (лат.)", "surname_lat"), ("Имя", "name"), ("Отчество", "patronymic_ru"),
     ("ФИО", "full_name"), ("Пол", "gender"), ("Дата рожд.", "birth_date"), ("Загранпаспорт", "passport"),
     ("Паспорт РФ", "internal_passport"), ("Действителен до", "passport_expiry"),
     ("Срок действия", "passport_expiry"), ("Гражданство", "citizenship"), ("Билет", "ticket_number"),
     ("Surname", "surname"), ("Last name", "surname"), ("Given name", "name"), ("Sex", "gender"),
     ("DOB", "birth_date"), ("Passport No", "passport"), ("Expiry", "passport_expiry"),
     ("Nationality", "citizenship"), ("Ticket", "ticket_number"), ("№", "ignore"), ("Примечание", None)],
)  # fmt: skip
def test_header_words(header, field):
    assert classify_header(header) == field
