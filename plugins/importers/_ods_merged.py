"""Merged cells of an OpenDocument spreadsheet, which python-calamine does not report, and the
size each sheet unfolds to: a cell or row "repeated" a million times is one tag in the file
and a million in calamine's grid."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from plugins.importers._grid import ZIP_ERRORS
from plugins.importers._merged import Range

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_t = f"{{{TABLE}}}".__add__
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_ROW, _CELL, _COVERED = _t("table-row"), _t("table-cell"), _t("covered-table-cell")
_OFFICE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"


def _count(el: etree._Element, name: str) -> int:
    try:
        return max(1, int(el.get(_t(name), "1")))
    except ValueError:
        return 1


def _sheet_ranges(table: etree._Element) -> list[Range]:
    ranges: list[Range] = []
    r = 0
    for row in table.iter(_ROW):
        c = 0
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            across = _count(cell, "number-columns-spanned")
            down = _count(cell, "number-rows-spanned")
            if cell.tag == _CELL and (across > 1 or down > 1):
                ranges.append(((r, c), (r + down - 1, c + across - 1)))
            c += _count(cell, "number-columns-repeated")
        r += _count(row, "number-rows-repeated")
    return ranges


def _filled(cell: etree._Element) -> bool:
    return len(cell) > 0 or cell.get(_OFFICE_TYPE) is not None


def _sheet_area(table: etree._Element) -> int:
    """Rows x columns up to the last filled cell, repeats unfolded (empty trailing ones are free)."""
    r = rows = columns = 0
    for row in table.iter(_ROW):
        c = width = 0
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            c += _count(cell, "number-columns-repeated")
            if _filled(cell):
                width = c
        r += _count(row, "number-rows-repeated")
        if width:
            rows, columns = r, max(columns, width)
    return rows * columns


def ods_layout(data: bytes) -> tuple[dict[str, list[Range]], dict[str, int]]:
    """Per sheet name: merged ranges as (top-left, bottom-right), 0-based, and the number of
    cells it unfolds to; ({}, {}) if unreadable (calamine then says what is wrong)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("content.xml"), _PARSER)
    except (*ZIP_ERRORS, etree.XMLSyntaxError):
        return {}, {}
    tables = list(root.iter(_t("table")))
    return (
        {t.get(_t("name"), ""): _sheet_ranges(t) for t in tables},
        {t.get(_t("name"), ""): _sheet_area(t) for t in tables},
    )


def ods_merged_ranges(data: bytes) -> dict[str, list[Range]]:
    """Sheet name -> merged ranges as (top-left, bottom-right), 0-based; {} if unreadable."""
    return ods_layout(data)[0]
