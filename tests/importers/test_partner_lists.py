"""Partner lists in the shapes that once lost data: two-level and abbreviated headers, lists
pasted from an e-mail, headerless SURNAME MR lists. Every field of every row, and what the
clerk is told about the lines skipped and the columns not used.

The files are made by ``tests/data/make_partner_lists.py``.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import DATA

PARTNER = DATA / "partner"
F = ("surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
     "passport_series", "passport_number", "passport_expiry", "internal_series", "internal_number",
     "citizenship", "ticket_number")  # fmt: skip

_FAMILY = [
    ("IVANOV", "SERGEI", "Иванов", "Сергей", "Петрович", "M", "1980-02-01", "75", "1234567", "2031-03-14",
     None, None, None, None),
    ("IVANOVA", "ELENA", "Иванова", "Елена", "Викторовна", "F", "1983-07-19", "75", "1234568", "2031-03-14",
     None, None, None, None),
    ("IVANOVA", "DARIA", "Иванова", "Дарья", "Сергеевна", "F", "2014-12-30", "76", "2345678", "2029-01-09",
     None, None, None, None),
    ("ELKIN", "PETR", "Ёлкин", "Пётр", "Ильич", "M", "1959-10-05", "72", "9876543", "2030-06-01",
     None, None, None, None),
]  # fmt: skip


def _with(rows, **fields):
    index = {f: i for i, f in enumerate(F)}
    out = []
    for row in rows:
        row = list(row)
        for key, value in fields.items():
            row[index[key]] = value
        out.append(tuple(row))
    return out


CASES = {
    # "Турист" merged over Фамилия/Имя/Отчество, "Загранпаспорт" over Серия/Номер/Действителен до,
    # №, Дата рождения, Пол and Прим. merged down; a title above, a total and a manager below
    "two_level.xlsx": (
        _FAMILY,
        ["line 1 skipped, not a tourist: «Список туристов: Анталья, 12.07.2026»",
         "line 9 skipped, not a tourist: «Итого: 4 туриста»",
         "line 10 skipped, not a tourist: «Менеджер: Марина Петрова»",
         "column «Прим.» not used"],
    ),
    # the parent label repeated over each of its columns, ';', cp1251, "Гражд." merged down
    "two_level_repeated.csv": (_with(_FAMILY, citizenship="RUS"), []),
    # a merged header copied from Excel: the parent once, blanks beside it
    "two_level_parent_once.txt": (_FAMILY, []),
    # "Фам.", "Им.", "Д.р.", "Гражд.", "№ загран.", "Срок д-ия"; "Обр." read by its values (MR/MRS)
    "abbreviated.xlsx": (
        [
            ("SMIRNOV", "ALEKSEI", "Смирнов", "Алексей", None, "M", "1977-04-12", "75", "1112233", "2032-05-01",
             None, None, "RUS", None),
            ("SMIRNOVA", "IULIIA", "Смирнова", "Юлия", None, "F", "1979-08-03", "75", "1112234", "2032-05-01",
             None, None, "RUS", None),
            ("AKHMEDOVA", "ZARINA", "Ахмедова", "Зарина", None, "F", "1990-01-25", None, "FA1234567",
             "2030-09-09", None, None, "UZB", None),
        ],
        ["column «Прим.» not used"],
    ),
    "mail_tabs.txt": (
        [
            ("IVANOV", "SERGEI", "Иванов", "Сергей", None, None, "1980-02-01", "75", "1234567", None,
             None, None, None, None),
            ("PETROVA", "ANNA", "Петрова", "Анна", None, None, "1985-04-03", "76", "7654321", None,
             None, None, None, None),
        ],
        ["line 1 skipped, not a tourist: «Добрый день!»",
         "line 2 skipped, not a tourist: «Направляем список туристов на тур.»",
         "line 8 skipped, not a tourist: «С уважением, Марина»",
         "line 9 skipped, not a tourist: «+7 900 123-45-67»"],
    ),
    "mail_semicolons.txt": (
        [
            ("KUZNETSOV", "ANDREI", "Кузнецов", "Андрей", "Игоревич", "M", "1978-05-14", "75", "3456789",
             "2030-10-20", None, None, None, None),
            ("KUZNETSOVA", "OLGA", "Кузнецова", "Ольга", "Николаевна", "F", "1981-11-02", "75", "3456790",
             "2030-10-20", None, None, None, None),
        ],
        ["line 1 skipped, not a tourist: «Здравствуйте, коллеги!»",
         "line 2 skipped, not a tourist: «Высылаем список группы на 12.07, как договаривались:»",
         "line 6 skipped, not a tourist: «Итого: 2 человека»",
         "line 8 skipped, not a tourist: «С уважением,»",
         "line 9 skipped, not a tourist: «Марина Петрова»",
         "line 10 skipped, not a tourist: «ООО «Солнечный берег»»",
         "line 11 skipped, not a tourist: «тел. 8 (495) 123-45-67»"],
    ),
    # "С уважением, Марина" split by the comma into two cells is still no tourist
    "mail_commas.txt": (
        [
            ("ORLOV", "GLEB", "Орлов", "Глеб", None, None, "1999-09-09", "71", "2345678", None,
             None, None, None, None),
            ("ORLOVA", "VERA", "Орлова", "Вера", None, None, "2000-01-02", "71", "2345679", None,
             None, None, None, None),
        ],
        ["line 1 skipped, not a tourist: «Добрый день Ольга!»",
         "line 7 skipped, not a tourist: «С уважением Марина»",
         "line 8 skipped, not a tourist: «marina@sun-tours.ru»"],
    ),
    "mail_spaces.txt": (
        [
            ("SMIRNOV", "OLEG", "Смирнов", "Олег", None, None, "1971-11-11", "75", "5556667", None,
             None, None, None, None),
            ("SMIRNOVA", "IRINA", "Смирнова", "Ирина", None, None, "1972-12-12", "75", "5556668", None,
             None, None, None, None),
        ],
        ["line 1 skipped, not a tourist: «Dear colleagues,»",
         "line 2 skipped, not a tourist: «Please find below the list of tourists for the Antalya tour.»",
         "line 8 skipped, not a tourist: «Best regards,»",
         "line 9 skipped, not a tourist: «John Smith»",
         "line 10 skipped, not a tourist: «Sunny Tours Ltd»",
         "line 11 skipped, not a tourist: «Page 1 of 1»"],
    ),
    # no header: SURNAME MR, then the first name
    "surname_mr.txt": (
        [
            ("IVANOV", "IVAN", "Иванов", "Иван", None, "M", "1980-02-01", "75", "1234567", None,
             None, None, None, None),
            ("PETROVA", "ANNA", "Петрова", "Анна", None, "F", "1985-04-03", "76", "7654321", None,
             None, None, None, None),
            ("SIDOROV", "PETR", "Сидоров", "Петр", None, "M", "1970-06-05", "75", "1111111", None,
             None, None, None, None),
            ("SIDOROVA", "IULIIA", "Сидорова", "Юлия", None, "F", "2012-01-15", "75", "1111112", None,
             None, None, None, None),
        ],
        [],
    ),
    # no header, the first name first: the names dictionary tells which column is which
    "name_first.txt": (
        [
            ("KOROLEVA", "ELENA", "Королева", "Елена", None, "F", "1988-02-22", "75", "2223334", None,
             None, None, None, None),
            ("KOROLEV", "MAKSIM", "Королев", "Максим", None, "M", "1986-03-23", "75", "2223335", None,
             None, None, None, None),
            ("KOROLEV", "ALEKSANDR", "Королев", "Александр", None, "M", "2016-04-24", "76", "2223336", None,
             None, None, None, None),
        ],
        [],
    ),
    # a letter around a headerless list: its greeting is no column of names
    "mail_headerless.txt": (
        [
            ("IVANOV", "IVAN", "Иванов", "Иван", None, "M", "1980-02-01", "75", "1234567", None,
             None, None, None, None),
            ("PETROVA", "ANNA", "Петрова", "Анна", None, "F", "1985-04-03", "76", "7654321", None,
             None, None, None, None),
        ],
        ["line 1 skipped, not a tourist: «Здравствуйте!»",
         "line 4 skipped, not a tourist: «Спасибо!»",
         "line 5 skipped, not a tourist: «Ольга, Пегас Туристик»"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_field_of_every_row_and_what_was_left_out(name):
    rows, notices = CASES[name]
    result = CliRunner().invoke(cli, ["import", str(PARTNER / name), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [tuple(r[f] for f in F) for r in got] == rows
    assert [r["source_row"] for r in got] == list(range(1, len(rows) + 1))
    assert all(r["status"] == "ok" and r["messages"] == [] for r in got), got
    assert result.stderr.splitlines() == [f"tourdesk: {name}: {line}" for line in notices]


def test_the_clerk_reads_the_skipped_lines_and_unused_columns_under_the_summary():
    result = CliRunner().invoke(cli, ["import", str(PARTNER / "two_level.xlsx"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "two_level.xlsx: 4 tourists read",
        "  line 1 skipped, not a tourist: «Список туристов: Анталья, 12.07.2026»",
        "  line 9 skipped, not a tourist: «Итого: 4 туриста»",
        "  line 10 skipped, not a tourist: «Менеджер: Марина Петрова»",
        "  column «Прим.» not used",
    ]


def test_preview_names_each_column_with_its_parent_header():
    result = CliRunner().invoke(cli, ["import", str(PARTNER / "two_level.xlsx"), "--preview"])
    assert result.exit_code == 0, result.output
    for label, field in (("Турист / Имя", "name"), ("Турист / Отчество", "patronymic_ru"),
                         ("Загранпаспорт / Серия", "passport_series"), ("Загранпаспорт / Номер", "passport_number"),
                         ("Пол", "gender")):  # fmt: skip
        assert any(
            f"'{label}'" in line and line.endswith(f"-> {field}") for line in result.stdout.splitlines()
        ), label


def test_the_issue_paste_from_standard_input():
    text = (PARTNER / "mail_tabs.txt").read_bytes()
    result = CliRunner().invoke(cli, ["import", "-", "--dry-run"], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "standard input: 2 tourists read"
    assert "  line 8 skipped, not a tourist: «С уважением, Марина»" in result.stdout.splitlines()


def test_a_partner_mapping_kept_by_two_level_header_words_reads_the_list_again():
    from pipeline.importing.sources import normalize_source, preview_source
    from pipeline.types import Source

    source = Source.from_path(PARTNER / "two_level.xlsx")
    kept = preview_source(source).partner_mapping()
    assert (
        kept.columns["Турист / Имя"] == "name" and kept.columns["Загранпаспорт / Серия"] == "passport_series"
    )
    again = normalize_source(source, mapping=kept)
    assert [(r.record["name_ru"], r.record["patronymic_ru"], r.record["passport_series"]) for r in again.rows] == [
        ("Сергей", "Петрович", "75"), ("Елена", "Викторовна", "75"), ("Дарья", "Сергеевна", "76"),
        ("Пётр", "Ильич", "72"),
    ]  # fmt: skip
