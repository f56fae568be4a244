"""The PDF reader: ruled tables over pages, cut words, typed lists, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import CannotRead, Source
from plugins.importers import pdf
from plugins.importers._pdf_stitch import Piece, join_text, stitch

DATA = Path(__file__).parents[1] / "data" / "importers"
HEADER = [
    "№", "Фамилия", "Имя", "Фамилия (лат.)", "Имя (лат.)", "Пол", "Дата рожд.",
    "Загранпаспорт", "Действителен до", "Гражданство",
]  # fmt: skip


def rows(table) -> list[list]:  # noqa: ANN001
    return table.frame.values.tolist()


def test_ruled_table_over_three_pages() -> None:
    (table,) = pdf.read(Source.from_path(DATA / "tourists.pdf"))
    grid = rows(table)
    assert len(grid) == 41  # header once, 40 tourists
    assert grid[0] == HEADER
    assert sum(r == HEADER for r in grid) == 1  # repeated headers dropped
    assert [r[0] for r in grid[1:]] == [str(i) for i in range(1, 41)]
    # Row 12 was cut by the page break: its second lines opened page 2.
    assert grid[12] == [
        "12", "Морозова-Ким", "Виктория Мария", "MOROZOVA", "VIKTORIIA", "Ж",
        "20.07.2010", "721462037", "10.01.2030", "RUS",
    ]  # fmt: skip
    assert grid[1] == [
        "1", "Новикова", "Ольга", "NOVIKOVA", "OLGA", "Ж", "15.07.1990", "769854682",
        "11.09.2032", "RUS",
    ]  # fmt: skip
    assert table.origins is not None
    assert (table.origins[1], table.origins[12], table.origins[13], table.origins[40]) == (
        "page 1", "page 1", "page 2", "page 4",
    )  # fmt: skip


def test_word_export_with_narrow_columns() -> None:
    """LibreOffice's PDF of a Word list: words cut mid-way in narrow cells, a row split."""
    (table,) = pdf.read(Source.from_path(DATA / "word_export.pdf"))
    grid = rows(table)
    assert len(grid) == 41
    assert grid[0][1:5] == ["Фамилия", "Имя", "Фамилия (лат.)", "Имя (лат.)"]
    assert grid[1] == [
        "1", "Новикова", "Ольга", "NOVIKOVA", "OLGA", "Ж", "15.07.1990", "769854682",
        "11.09.2032", "RUS",
    ]  # fmt: skip
    assert grid[14] == [
        "14", "Иванов", "Александр", "IVANOV", "ALEKSANDR", "М", "18.09.1991", "719383415",
        "17.06.2032", "RUS",
    ]  # fmt: skip
    assert [r[0] for r in grid[1:]] == [str(i) for i in range(1, 41)]


def test_typed_list_without_rules_falls_back_to_text_columns() -> None:
    (table,) = pdf.read(Source.from_path(DATA / "typed_list.pdf"))
    filled = [r for r in rows(table) if any(c is not None for c in r)]
    assert filled[0][0] == "Список туристов"
    assert filled[1] == ["Фамилия", "Имя", "Дата рожд.", "Паспорт", "Гражданство"]
    assert filled[2] == ["IVANOV", "IVAN", "01.05.1980", "751234567", "RUS"]
    assert len(filled) == 7


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("scanned.pdf", "scanned image with no text; type the list in or ask the sender"),
        ("protected.pdf", "protected with a password"),
        ("corrupt.pdf", "not a readable PDF"),
        ("empty.xlsx", "empty"),
        ("no-such.pdf", "not found"),
    ],
)
def test_unreadable_pdfs(name: str, words: str) -> None:
    with pytest.raises(CannotRead, match=words) as err:
        pdf.read(Source.from_path(DATA / name))
    assert str(err.value).startswith(f"{name}: ")


@pytest.mark.parametrize(
    ("head", "expected"),
    [(b"%PDF-1.7\n", True), (b"\xef\xbb\xbf  %PDF-1.4", True), (b"PK\x03\x04", False), (b"", False)],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert pdf.sniff(head) is expected


H1 = ["№", "Фамилия", "Имя", "Пол"]
H2 = ["", "рус", "", ""]


def _row(*cells: str | None) -> list[str | None]:
    return [c or None for c in cells]


def test_stitch_drops_a_two_row_header_and_joins_the_cut_row() -> None:
    header = [_row(*H1), _row(*H2)]
    pieces = [
        Piece(1, [*header, _row("1", "Римская-", "Ольга", "Ж")]),
        Piece(2, [_row("№", "Фа мил ия", "Имя", "Пол"), _row(*H2), _row("", "Корсакова", "", "")]),
        Piece(2, [_row("Отель", "Номер")], first_on_page=False),
    ]
    first, second = stitch(pieces)
    assert first.rows == [*header, _row("1", "Римская-Корсакова", "Ольга", "Ж")]
    assert first.origins == ["page 1", "page 1", "page 1"]
    assert second.rows == [_row("Отель", "Номер")]


def test_stitch_keeps_a_row_that_only_lacks_its_group_value() -> None:
    pieces = [
        Piece(1, [_row("Группа", "Фамилия", "Имя"), _row("A", "Орлов", "Глеб")]),
        Piece(2, [_row("", "Орлова", "Вера")]),
    ]
    (table,) = stitch(pieces)
    assert len(table.rows) == 3


def test_stitch_does_not_continue_across_a_gap_or_another_width() -> None:
    a = Piece(1, [_row("a", "b")])
    assert len(stitch([a, Piece(3, [_row("c", "d")])])) == 2
    assert len(stitch([a, Piece(2, [_row("c", "d", "e")])])) == 2
    assert len(stitch([Piece(1, [_row("a", "b")], last_on_page=False), Piece(2, [_row("c", "d")])])) == 2


@pytest.mark.parametrize(
    ("first", "second", "cut", "expected"),
    [
        ("Римская-", "Корсакова", False, "Римская-Корсакова"),
        ("Виктория", "Мария", True, "Виктория Мария"),
        ("Иван", "ов", True, "Иванов"),
        ("Иван", "ов", False, "Иван ов"),
        ("18.09", ".1991", True, "18.09.1991"),
        ("20.07.2010", "(по паспорту)", True, "20.07.2010 (по паспорту)"),
        (None, "x", False, "x"),
        ("x", None, True, "x"),
    ],
)
def test_join_text(first: str | None, second: str | None, cut: bool, expected: str) -> None:
    assert join_text(first, second, cut) == expected
