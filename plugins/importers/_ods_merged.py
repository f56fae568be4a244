"""Merged cells of an OpenDocument spreadsheet, which python-calamine does not report."""

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


def ods_merged_ranges(data: bytes) -> dict[str, list[Range]]:
    """Sheet name -> merged ranges as (top-left, bottom-right), 0-based; {} if unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("content.xml"), _PARSER)
    except (*ZIP_ERRORS, etree.XMLSyntaxError):
        return {}
    return {t.get(_t("name"), ""): _sheet_ranges(t) for t in root.iter(_t("table"))}
