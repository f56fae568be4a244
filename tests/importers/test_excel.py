"""The Excel reader on workbooks written the way agencies' tools write them."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path

import pytest

from pipeline import CannotRead, Source
from pipeline.normalize.text import is_blank
from plugins.importers import excel
from plugins.importers._grid import clean_cell, clean_row
from plugins.importers._merged import fill_merged

DATA = Path(__file__).parents[1] / "data" / "importers"
HEADER = [
    "№", "Фамилия", "Имя", "Фамилия (лат.)", "Имя (лат.)", "Пол", "Дата рожд.",
    "Загранпаспорт", "Действителен до", "Гражданство",
]  # fmt: skip


def rows(table) -> list[list]:  # noqa: ANN001
    """The grid with every blank cell as None (text columns hold them as NaN or "")."""
    return [[None if is_blank(v) else v for v in row] for row in table.frame.values.tolist()]


@pytest.mark.parametrize("name", ["tourists.xlsx", "tourists.xls", "tourists.ods"])
def test_first_sheet_keeps_title_rows_and_typed_cells(name: str) -> None:
    tables = excel.read(Source.from_path(DATA / name))
    first = tables[0]
    assert first.name == "Туристы"
    assert first.frame.shape == (15, 12)  # empty formatted rows/columns at the end dropped
    assert list(first.frame.columns) == list(range(12))
    grid = rows(first)
    assert grid[0][0].startswith("Список туристов / Tour:")
    assert grid[0][1:] == [None] * 11  # a lone merged title is not copied across
    assert grid[2] == [None] * 12
    assert grid[3][:10] == HEADER
    assert grid[4] == [
        1, "Иванов", "Иван", "IVANOV MR", "IVAN", "М", dt.date(1980, 5, 1),
        751234567, dt.date(2031, 3, 14), "RUS", None, "*",
    ]  # fmt: skip
    assert grid[8] == [None] * 12  # the blank line between families is kept
    assert grid[11][7] == "0012345"  # text keeps its leading zeros
    assert grid[14][1] == "Итого: 8 чел."
    passports = [r[7] for r in grid[4:13] if r[7] is not None]
    assert all(type(p) is int for p in passports if p != "0012345" and p != "533380006")
    assert type(grid[4][0]) is int and type(grid[4][7]) is int
    assert type(grid[4][6]) is dt.date
    assert first.origins is not None and first.origins[3] == "row 4"


@pytest.mark.parametrize("name", ["tourists.xlsx", "tourists.xls", "tourists.ods"])
def test_merged_header_block_and_group_column_are_filled(name: str) -> None:
    tables = excel.read(Source.from_path(DATA / name))
    assert [t.name for t in tables] == ["Туристы", "Группа 2"]  # hidden and empty sheets skipped
    assert rows(tables[1]) == [
        ["№", "Фамилия", "Фамилия", "Имя", "Имя", "Дата рожд.", "Группа"],
        ["№", "рус", "лат", "рус", "лат", "Дата рожд.", "Группа"],
        [1, "Орлов", "ORLOV", "Глеб", "GLEB", dt.date(1999, 9, 9), "Группа А"],
        [2, "Орлова", "ORLOVA", "Вера", "VERA", dt.date(2000, 1, 2), "Группа А"],
        [3, "Орлова", "ORLOVA", "Ева", "EVA", dt.date(2020, 4, 30), "Группа А"],
    ]


def test_openpyxl_export_and_bytes_without_a_name() -> None:
    data = (DATA / "export_openpyxl.xlsx").read_bytes()
    (table,) = excel.read(Source(name="stdin", data=data))
    assert table.name == "Export"
    assert table.frame.shape == (4, 10)  # the trailing empty row is dropped
    assert rows(table)[1][7] == 751234567 and type(rows(table)[1][7]) is int


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("protected.xlsx", "protected with a password"),
        ("corrupt.xlsx", "not a readable Excel file"),
        ("empty.xlsx", "empty"),
        ("no-such-file.xlsx", "not found"),
    ],
)
def test_unreadable_workbooks(name: str, words: str) -> None:
    with pytest.raises(CannotRead, match=words) as err:
        excel.read(Source.from_path(DATA / name))
    assert str(err.value).startswith(f"{name}: ")
    assert "\n" not in str(err.value)


def test_garbage_and_other_formats_raise_cannot_read() -> None:
    for data in (b"\x00" * 10, b"hello;world\n", (DATA / "tourists.docx").read_bytes()):
        with pytest.raises(CannotRead):
            excel.read(Source(name="x.xlsx", data=data))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tourists.xlsx", True),
        ("tourists.xls", True),
        ("tourists.ods", True),
        ("protected.xlsx", True),
        ("tourists.docx", False),
        ("tourists.doc", False),
        ("tourists.pdf", False),
    ],
)
def test_sniff(name: str, expected: bool) -> None:
    # An OLE2 file's directory may sit at its end: only the whole file tells .doc from .xls.
    assert excel.sniff((DATA / name).read_bytes()) is expected
    if not name.endswith(".doc"):
        assert excel.sniff(Source.from_path(DATA / name).head()) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (751234567.0, 751234567),
        (1.5, 1.5),
        ("", None),
        ("  ", None),
        ("0012345", "0012345"),
        (True, "TRUE"),
        (math.nan, None),
        (dt.time(10, 30), "10:30:00"),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
    ],
)
def test_clean_cell(value: object, expected: object) -> None:
    got = clean_cell(value)
    assert got == expected and type(got) is type(expected)


def test_fill_merged_leaves_banners_and_fills_blocks() -> None:
    grid = [
        ["Список", None, None],
        ["Фамилия", None, "Имя"],
        ["рус", "лат", None],
    ]
    fill_merged(grid, [((0, 0), (0, 2)), ((1, 0), (1, 1)), ((1, 2), (2, 2))])
    assert grid == [["Список", None, None], ["Фамилия", "Фамилия", "Имя"], ["рус", "лат", "Имя"]]


def test_clean_row_agrees_with_clean_cell() -> None:
    values = [751234567.0, 1.5, "", " ", "x", True, math.nan, 7, dt.date(2020, 1, 2), None]
    values += [dt.datetime(2020, 1, 2, 3, 4), dt.time(1, 2), 1e300, -0.0]
    got = clean_row(values)
    assert got == [clean_cell(v) for v in values]
    assert [type(v) for v in got] == [type(clean_cell(v)) for v in values]


def test_excel_2003_xml_saved_as_xls() -> None:
    (table,) = excel.read(Source.from_path(DATA / "excel2003_xml.xls"))  # hidden sheet skipped
    grid = rows(table)
    assert table.name == "Туристы"
    assert grid[0][0].startswith("Список туристов") and grid[0][1:] == [None] * 9
    assert grid[1] == [None] * 10  # the row ss:Index skipped
    assert grid[2] == HEADER
    assert grid[3] == [
        1, "Иванов", "Иван", "IVANOV MR", "IVAN", "М", dt.date(1980, 5, 1),
        751234567, dt.date(2031, 3, 14), "RUS",
    ]  # fmt: skip
    assert grid[6][:2] == [None, "Итого: 3"]
    assert excel.sniff((DATA / "excel2003_xml.xls").read_bytes()[:8192])


def test_web_page_saved_as_xls_in_windows_1251() -> None:
    (table,) = excel.read(Source.from_path(DATA / "web_export.xls"))
    grid = rows(table)
    assert grid[0][0].startswith("Список туристов") and grid[0][1:] == [None] * 9
    assert grid[1] == HEADER
    assert grid[2][:3] == ["1", "Иванов", "Иван"]
    assert grid[3][1] == "Иванова"  # a trailing <br> is not text
    assert grid[3][9] == "RUS"  # a family's rowspan cell repeats down
    assert grid[6] == ["Всего: 4 туриста"] + [None] * 9  # a colspan note is not copied
    assert len(grid) == 7


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        b"<html><body><p>no table here</p></body></html>",
    ],
)
def test_damaged_or_empty_markup(data: bytes) -> None:
    with pytest.raises(CannotRead, match=r"^list\.xls: "):
        excel.read(Source(name="list.xls", data=data))


def test_a_stray_far_away_value_is_refused_with_the_fix(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "far.xlsx"
    with xlsxwriter.Workbook(str(path)) as wb:
        ws = wb.add_worksheet("Лист1")
        ws.write_row(0, 0, ["№", "Фамилия"])
        ws.write(1048575, 16383, "x")
    with pytest.raises(CannotRead, match=r"far\.xlsx: sheet 'Лист1' has a value far away"):
        excel.read(Source.from_path(path))


def test_damage_that_would_abort_calamine_is_refused() -> None:
    """Without the checks these files kill the process (a failed huge allocation in Rust)."""
    xls = bytearray((DATA / "tourists.xls").read_bytes())
    at = xls.find(b"\x00\x02\x0e\x00")  # the first sheet's DIMENSIONS record
    xls[at + 4 + 3] = 0xC8  # first row becomes 3.3 billion
    with pytest.raises(CannotRead, match="not a readable Excel file"):
        excel.read(Source(name="bad.xls", data=bytes(xls)))

    src = zipfile.ZipFile(DATA / "tourists.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in src.namelist():
            part = src.read(name)
            if name == "xl/sharedStrings.xml":
                part = re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4000000000"', part)
            zf.writestr(name, part)
    with pytest.raises(CannotRead, match="not a readable Excel file"):
        excel.read(Source(name="bad.xlsx", data=out.getvalue()))


def test_many_uses_of_few_strings_are_not_damage(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "same.xlsx"
    with xlsxwriter.Workbook(str(path)) as wb:
        ws = wb.add_worksheet()
        for r in range(3000):
            ws.write_row(r, 0, ["RUS", "Ж"])  # count="6000" in a table of two strings
    (table,) = excel.read(Source.from_path(path))
    assert table.frame.shape == (3000, 2)
