"""Plain-text lists as partners send them: every field of every row right, no mapping file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import DATA

TEXT = DATA / "text"
F = ("surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
     "passport_series", "passport_number", "passport_expiry", "internal_series", "internal_number",
     "citizenship", "ticket_number")  # fmt: skip

CASES = {
    # cp1251, ';', CRLF, two title lines, quoted cell, internal passports, a footer, a non-Russian
    # passport, dates as "1 марта 1985 г." and 15/11/2015
    "partner_cp1251.csv": [
        ("KUZNETSOVA", "ALENA", "Кузнецова", "Алёна", "Игоревна", "F", "1988-09-07", "72", "7654321",
         "2031-09-07", "4506", "123456", "RUS", None),
        ("KUZNETSOV", "PETR", "Кузнецов", "Пётр", "Ильич", "M", "1985-03-01", "72", "7654322",
         "2030-03-01", "4510", "654321", "RUS", None),
        ("IUSUPOVA", "ZARINA", "Юсупова", "Зарина", None, "F", "2015-11-15", None, "FA1234567",
         "2028-11-15", None, None, "UZB", None),
    ],
    # UTF-16 with BOM and tabs, as Excel saves "Unicode text"; English headers; a blank last row
    "excel_unicode.txt": [
        ("SMIRNOV", "ALEKSANDR", "Смирнов", "Александр", None, "M", "1975-02-03", "75", "1112233",
         "2030-02-03", None, None, "RUS", "5552123400001"),
        ("SMIRNOVA", "IULIIA", "Смирнова", "Юлия", None, "F", "1979-06-30", "75", "1112234",
         "2031-06-30", None, None, "RUS", "5552123400002"),
    ],
    # an airline manifest pasted from an e-mail: columns of spaces, no header at all
    "email_paste.txt": [
        ("PETROV", "IVAN", "Петров", "Иван", None, "M", "1978-05-14", "75", "1234567", "2031-05-14",
         None, None, None, None),
        ("PETROVA", "ANNA", "Петрова", "Анна", None, "F", "1980-11-02", "75", "1234568", "2031-11-02",
         None, None, None, None),
        ("PETROV", "MAKSIM", "Петров", "Максим", None, "M", "2016-01-05", "76", "1234569", "2029-01-05",
         None, None, None, None),
    ],
    # UTF-8 with BOM, commas, a quoted header with a comma inside, ФИО in one cell
    "bom_comma_quoted.csv": [
        ("ORLOVA", "MARIIA", "Орлова", "Мария", "Сергеевна", "F", "1990-12-12", "71", "2345678",
         "2030-12-12", None, None, None, None),
        ("ORLOV", "DMITRII", "Орлов", "Дмитрий", None, None, "1989-11-11", "71", "2345679",
         "2030-11-11", None, None, None, None),
    ],
    # a DOS export: cp866 and '|'
    "dos_cp866.txt": [
        ("BELOV", "OLEG", "Белов", "Олег", None, "M", "1969-09-09", None, None, None, None, None, None, None),
        ("BELOVA", "OLGA", "Белова", "Ольга", None, "F", "1970-10-10", None, None, None, None, None, None, None),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_field_of_every_row(name):
    result = CliRunner().invoke(cli, ["import", str(TEXT / name), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [tuple(r[f] for f in F) for r in rows] == CASES[name]
    assert all(r["status"] == "ok" and r["messages"] == [] for r in rows)


def test_latin_guessed_from_cyrillic_and_back_is_marked_derived():
    result = CliRunner().invoke(cli, ["import", str(TEXT / "partner_cp1251.csv"), "--dry-run", "--json"])
    first = json.loads(result.stdout.splitlines()[0])
    assert {"surname_lat", "name_lat"} <= set(first["derived"])
    result = CliRunner().invoke(cli, ["import", str(TEXT / "excel_unicode.txt"), "--dry-run", "--json"])
    assert {"surname_ru", "name_ru"} <= set(json.loads(result.stdout.splitlines()[0])["derived"])


def test_preview_shows_the_detected_columns():
    result = CliRunner().invoke(cli, ["import", str(TEXT / "partner_cp1251.csv"), "--preview"])
    assert result.exit_code == 0
    assert "header on line 3" in result.stdout
    assert "'Паспорт РФ'" in result.stdout and "internal_passport" in result.stdout


def test_saved_mapping_is_reused(tmp_path):
    mapping = tmp_path / "partner.yaml"
    CliRunner().invoke(cli, ["import", str(TEXT / "email_paste.txt"), "--preview", "--save-mapping", str(mapping)])
    assert "full_name_lat" in mapping.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(TEXT / "email_paste.txt"), "--mapping", str(mapping), "--dry-run", "--json"])
    assert json.loads(result.stdout.splitlines()[2])["name_lat"] == "MAKSIM"
