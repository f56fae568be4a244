"""The Word reader: tables among paragraphs, merged cells, old .doc files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline import CannotRead, Source
from plugins.importers import _convert, _word_reader, word
from plugins.importers._docx_tables import document_tables

DATA = Path(__file__).parents[1] / "data" / "importers"
HEADER = [
    "№", "Фамилия", "Имя", "Фамилия (лат.)", "Имя (лат.)", "Пол", "Дата рожд.",
    "Загранпаспорт", "Действителен до", "Гражданство",
]  # fmt: skip
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HAS_OFFICE = _convert.office_binary() is not None


def rows(table) -> list[list]:  # noqa: ANN001
    return table.frame.values.tolist()


def check_tourists(tables) -> None:  # noqa: ANN001
    assert [t.name for t in tables] == ["table 1", "table 2"]
    grid = rows(tables[0])
    assert len(grid) == 10
    assert grid[0] == HEADER  # bold header text reads as plain text
    assert grid[1] == [
        "1", "Иванов", "Иван", "IVANOV MR", "IVAN", "М", "01.05.1980", "751234567",
        "14.03.2031", "RUS",
    ]  # fmt: skip
    assert grid[2][2] == "Мария Александровна"  # two paragraphs in one cell
    assert grid[2][9] == "RUS"  # merged down from the row above
    assert grid[3][1] == "Петрова*"
    assert grid[7][7] == "0012345"
    assert grid[9] == [None, "Трансфер: встреча в аэропорту"] + [None] * 8
    assert rows(tables[1]) == [
        ["Отель", "Номер", "Даты"],
        ["Sunrise 5*", "DBL", "12.07–22.07"],
        ["Sunrise 5*", "SGL", "12.07–22.07"],
    ]
    assert tables[0].origins is not None and tables[0].origins[1] == "table 1, row 2"


def test_docx_tables_in_document_order() -> None:
    check_tourists(word.read(Source.from_path(DATA / "tourists.docx")))


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", ["tourists.doc", "tourists.rtf", "tourists.odt"])
def test_other_word_formats_through_libreoffice(name: str) -> None:
    check_tourists(word.read(Source.from_path(DATA / name)))


@pytest.mark.parametrize(
    ("name", "kind"),
    [("tourists.doc", "old Word format"), ("tourists.rtf", "RTF"), ("tourists.odt", "OpenDocument")],
)
def test_without_libreoffice_says_how_to_fix(monkeypatch: pytest.MonkeyPatch, name: str, kind: str) -> None:
    monkeypatch.setattr(_word_reader, "office_binary", lambda: None)
    with pytest.raises(CannotRead, match=rf"{name}: [^:]*{kind}.* save it as \.docx"):
        word.read(Source.from_path(DATA / name))


def _docx(body: str, ns: str = W) -> bytes:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_grid_span_header_block_grid_before_and_nested_tables() -> None:
    nested = f"<w:tbl><w:tr>{_tc('внутри')}</w:tr></w:tbl>"
    restart, cont, span2 = '<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:gridSpan w:val="2"/>'
    body = (
        "<w:p><w:r><w:t>Список</w:t></w:r></w:p><w:tbl>"
        f"<w:tr>{_tc('№', restart)}"
        f"{_tc('Фамилия', span2)}{_tc('Имя')}</w:tr>"
        f"<w:tr>{_tc('', cont)}{_tc('рус')}{_tc('лат')}{_tc('')}</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc("Орлов")
        + f"<w:sdt><w:sdtContent>{_tc('ORLOV')}</w:sdtContent></w:sdt>"
        f"<w:tc><w:p><w:r><w:t>Глеб</w:t><w:tab/><w:t>Г.</w:t></w:r></w:p>{nested}</w:tc></w:tr>"
        "</w:tbl>"
    )
    assert document_tables(_docx_xml(body)) == [
        [
            ["№", "Фамилия", "Фамилия", "Имя"],
            ["№", "рус", "лат", None],
            [None, "Орлов", "ORLOV", "Глеб Г. внутри"],
        ]
    ]


def _docx_xml(body: str, ns: str = W) -> bytes:
    return f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode()


def test_strict_ooxml_namespace() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = f"<w:tbl><w:tr>{_tc('a')}{_tc('b')}</w:tr></w:tbl>"
    (table,) = word.read(Source(name="s.docx", data=_docx(body, strict)))
    assert rows(table) == [["a", "b"]]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"PK\x03\x04garbage", "damaged"),
        (b"just text", "not a Word document"),
        (_docx("<w:p><w:r><w:t>Нет таблицы</w:t></w:r></w:p>"), "no table"),
        (_docx("<w:tbl><w:tr>"), "damaged"),
        ((DATA / "corrupt.docx").read_bytes(), "damaged"),
        ((DATA / "protected.docx").read_bytes(), "protected with a password; open it in Word"),
    ],
)
def test_unreadable_documents(data: bytes, words: str) -> None:
    with pytest.raises(CannotRead, match=words) as err:
        word.read(Source(name="list.docx", data=data))
    assert str(err.value).startswith("list.docx: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tourists.docx", True),
        ("tourists.doc", True),
        ("tourists.rtf", True),
        ("tourists.odt", True),
        ("tourists.xlsx", False),
        ("tourists.ods", False),
        ("tourists.pdf", False),
    ],
)
def test_sniff(name: str, expected: bool) -> None:
    assert word.sniff((DATA / name).read_bytes()) is expected


def test_thousand_rows_read_whole() -> None:
    # the speed is measured by `python -m benchmarks importers_office`, not asserted here
    row = "".join(_tc(v) for v in ["1", "Иванов", "Иван", "IVANOV", "IVAN", "М", "01.05.1980"])
    data = _docx("<w:tbl>" + f"<w:tr>{row}</w:tr>" * 1000 + "</w:tbl>")
    (table,) = word.read(Source(name="big.docx", data=data))
    assert table.frame.shape == (1000, 7)
    assert table.frame.iloc[999].tolist() == ["1", "Иванов", "Иван", "IVANOV", "IVAN", "М", "01.05.1980"]
