"""Write the partner lists under tests/data/partner/: the shapes partners send that the
importers once misread (issue 22, items 1 and 2, and the headerless SURNAME MR list).

Run from the repository root: ``.venv/bin/python -m tests.data.make_partner_lists``.
The files are committed; this script says how they were made and rebuilds them.

- ``two_level.xlsx``: a title banner, then a two-row header: "Турист" merged over Фамилия /
  Имя / Отчество, "Загранпаспорт" merged over Серия / Номер / Действителен до, "№", "Дата
  рождения", "Пол" and "Прим." merged down over both rows; a blank line, a total, a signature.
- ``two_level_repeated.csv``: the same shape as a booking system writes it: the parent label
  repeated over each of its columns, ``;``, cp1251.
- ``two_level_parent_once.txt``: a merged header copied out of Excel: the parent once, blanks
  beside it (tabs).
- ``abbreviated.xlsx``: "Фам.", "Им.", "Д.р.", "Гражд.", "№ загран.", "Срок д-ия", a column
  "Обр." holding MR/MRS (read by its values), and "Прим." (not used, and said so).
- ``mail_tabs.txt``: a list pasted from an e-mail, tab-separated, a greeting before it and a
  signature with a phone number after it.
- ``mail_semicolons.txt``: the same with ``;``, a total and a signature of several lines.
- ``mail_commas.txt``: the same with ``,``, where "С уважением, Марина" splits into two cells.
- ``mail_spaces.txt``: an English letter, the table in columns of spaces, a page footer.
- ``surname_mr.txt``: no header; ``SURNAME MR`` in one column and the first name in the next.
- ``name_first.txt``: no header; the first name before ``SURNAME MRS``, as some partners write.
- ``mail_headerless.txt``: a headerless SURNAME MR list (``;``) in a letter: the greeting in the
  names' column must not make it a column of Cyrillic names.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

OUT = Path(__file__).parent / "partner"

# (surname, name, patronymic, birth, series, number, expiry, sex, note)
TWO_LEVEL = [
    ("Иванов", "Сергей", "Петрович", dt.date(1980, 2, 1), "75", "1234567", dt.date(2031, 3, 14), "М", None),
    ("Иванова", "Елена", "Викторовна", dt.date(1983, 7, 19), "75", "1234568", dt.date(2031, 3, 14), "Ж",
     "вегетарианское питание"),
    ("Иванова", "Дарья", "Сергеевна", dt.date(2014, 12, 30), "76", "2345678", dt.date(2029, 1, 9), "Ж", None),
    ("Ёлкин", "Пётр", "Ильич", dt.date(1959, 10, 5), "72", "9876543", dt.date(2030, 6, 1), "М", "место у окна"),
]  # fmt: skip


def _dmy(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def write_two_level_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Группа"
    ws.append(["Список туристов: Анталья, 12.07.2026"])
    ws.merge_cells("A1:K1")
    ws.append(["№", "Турист", None, None, "Дата рождения", "Пол", "Загранпаспорт", None, None, "Прим."])
    ws.append([None, "Фамилия", "Имя", "Отчество", None, None, "Серия", "Номер", "Действителен до", None])
    for rng in ("A2:A3", "B2:D2", "E2:E3", "F2:F3", "G2:I2", "J2:J3"):
        ws.merge_cells(rng)
    for i, (sur, name, patr, birth, series, number, expiry, sex, note) in enumerate(TWO_LEVEL, start=1):
        ws.append([i, sur, name, patr, birth, sex, series, int(number), expiry, note])
        ws.cell(ws.max_row, 5).number_format = "DD.MM.YYYY"
        ws.cell(ws.max_row, 9).number_format = "DD.MM.YYYY"
    ws.append([])
    ws.append(["Итого: 4 туриста"])
    ws.append(["Менеджер: Марина Петрова"])
    wb.save(path)


def write_two_level_repeated(path: Path) -> None:
    lines = [
        "Турист;Турист;Турист;Дата рождения;Загранпаспорт;Загранпаспорт;Загранпаспорт;Гражд.",
        "Фамилия;Имя;Отчество;Дата рождения;Серия;Номер;Действителен до;Гражд.",
    ]
    for sur, name, patr, birth, series, number, expiry, _sex, _note in TWO_LEVEL:
        lines.append(";".join([sur, name, patr, _dmy(birth), series, number, _dmy(expiry), "Россия"]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))


def write_two_level_parent_once(path: Path) -> None:
    lines = [
        "№\tТурист\t\t\tДата рождения\tЗагранпаспорт\t",
        "\tФамилия\tИмя\tОтчество\t\tНомер\tСрок действия",
    ]
    for i, (sur, name, patr, birth, series, number, expiry, _sex, _note) in enumerate(TWO_LEVEL, start=1):
        lines.append("\t".join([str(i), sur, name, patr, _dmy(birth), f"{series} {number}", _dmy(expiry)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# (surname, name, birth, citizenship, passport, expiry, title, note)
ABBREVIATED = [
    ("Смирнов", "Алексей", dt.date(1977, 4, 12), "РФ", "751112233", dt.date(2032, 5, 1), "MR", "VIP"),
    ("Смирнова", "Юлия", dt.date(1979, 8, 3), "РФ", "751112234", dt.date(2032, 5, 1), "MRS", None),
    ("Ахмедова", "Зарина", dt.date(1990, 1, 25), "Узбекистан", "FA1234567", dt.date(2030, 9, 9), "MS", "трансфер"),
]  # fmt: skip


def write_abbreviated_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Фам.", "Им.", "Д.р.", "Гражд.", "№ загран.", "Срок д-ия", "Обр.", "Прим."])
    for sur, name, birth, country, passport, expiry, title, note in ABBREVIATED:
        ws.append([sur, name, birth, country, passport, expiry, title, note])
    wb.save(path)


MAIL_TABS = (
    "Добрый день!\n"
    "Направляем список туристов на тур.\n"
    "\n"
    "Фамилия\tИмя\tДата рождения\tЗагранпаспорт\n"
    "Иванов\tСергей\t01.02.1980\t75 1234567\n"
    "Петрова\tАнна\t03.04.1985\t76 7654321\n"
    "\n"
    "С уважением, Марина\n"
    "+7 900 123-45-67\n"
)
MAIL_SEMICOLONS = (
    "Здравствуйте, коллеги!\n"
    "Высылаем список группы на 12.07, как договаривались:\n"
    "ФИО;Дата рождения;Паспорт;Срок действия\n"
    "Кузнецов Андрей Игоревич;14.05.1978;75 3456789;20.10.2030\n"
    "Кузнецова Ольга Николаевна;02.11.1981;75 3456790;20.10.2030\n"
    "Итого: 2 человека\n"
    "\n"
    "С уважением,\n"
    "Марина Петрова\n"
    "ООО «Солнечный берег»\n"
    "тел. 8 (495) 123-45-67\n"
)
MAIL_COMMAS = (
    "Добрый день, Ольга!\n"
    "\n"
    "Фамилия,Имя,Дата рождения,Паспорт\n"
    "Орлов,Глеб,09.09.1999,71 2345678\n"
    "Орлова,Вера,02.01.2000,71 2345679\n"
    "\n"
    "С уважением, Марина\n"
    "marina@sun-tours.ru\n"
)
MAIL_SPACES = (
    "Dear colleagues,\n"
    "Please find below the list of tourists for the Antalya tour.\n"
    "\n"
    "SURNAME      NAME       DATE OF BIRTH   PASSPORT\n"
    "SMIRNOV      OLEG       11.11.1971      75 5556667\n"
    "SMIRNOVA     IRINA      12.12.1972      75 5556668\n"
    "\n"
    "Best regards,\n"
    "John Smith\n"
    "Sunny Tours Ltd\n"
    "Page 1 of 1\n"
)
SURNAME_MR = (
    "IVANOV MR\tIVAN\t01.02.1980\t75 1234567\n"
    "PETROVA MRS\tANNA\t03.04.1985\t76 7654321\n"
    "SIDOROV MR\tPETR\t05.06.1970\t75 1111111\n"
    "SIDOROVA MS\tIULIIA\t15.01.2012\t75 1111112\n"
)
NAME_FIRST = (
    "ELENA;KOROLEVA MRS;22.02.1988;75 2223334\n"
    "MAKSIM;KOROLEV MR;23.03.1986;75 2223335\n"
    "ALEKSANDR;KOROLEV MSTR;24.04.2016;76 2223336\n"
)
MAIL_HEADERLESS = (
    "Здравствуйте!\n"
    "IVANOV MR;IVAN;01.02.1980;75 1234567\n"
    "PETROVA MRS;ANNA;03.04.1985;76 7654321\n"
    "Спасибо!\n"
    "Ольга, Пегас Туристик\n"
)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    write_two_level_xlsx(OUT / "two_level.xlsx")
    write_two_level_repeated(OUT / "two_level_repeated.csv")
    write_two_level_parent_once(OUT / "two_level_parent_once.txt")
    write_abbreviated_xlsx(OUT / "abbreviated.xlsx")
    for name, text in (
        ("mail_tabs.txt", MAIL_TABS),
        ("mail_semicolons.txt", MAIL_SEMICOLONS),
        ("mail_commas.txt", MAIL_COMMAS),
        ("mail_spaces.txt", MAIL_SPACES),
        ("surname_mr.txt", SURNAME_MR),
        ("name_first.txt", NAME_FIRST),
        ("mail_headerless.txt", MAIL_HEADERLESS),
    ):
        (OUT / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
