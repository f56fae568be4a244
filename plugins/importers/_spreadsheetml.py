"""Excel 2003 XML ("XML Spreadsheet"), still written by 1C and older booking systems."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from plugins.importers._grid import Cell, clean_cell
from plugins.importers._merged import Range, fill_merged

SS = "urn:schemas-microsoft-com:office:spreadsheet"
X = "urn:schemas-microsoft-com:office:excel"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_q = f"{{{SS}}}".__add__


def looks_like_spreadsheetml(data: bytes) -> bool:
    return SS.encode() in data[:4096] and b"Workbook" in data[:4096]


def _value(cell: etree._Element) -> Cell:
    data = cell.find(_q("Data"))
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(_q("Type"), "String")
    try:
        if kind == "Number":
            return clean_cell(float(text))
        if kind == "DateTime":
            stamp = dt.datetime.fromisoformat(text.rstrip("Z")[:19])
            return stamp.date() if stamp.time() == dt.time() else stamp
    except ValueError:
        pass
    return clean_cell(text)


def _index(el: etree._Element, default: int) -> int:
    try:
        return int(el.get(_q("Index"), default + 1)) - 1
    except ValueError:
        return default


def _sheet(table: etree._Element) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    merges: list[Range] = []
    for row_el in table.iterchildren(_q("Row")):
        r = _index(row_el, len(rows))
        while len(rows) < r:
            rows.append([])
        row: list[Cell] = []
        for cell in row_el.iterchildren(_q("Cell")):
            c = _index(cell, len(row))
            row.extend([None] * (c - len(row)))
            row.append(_value(cell))
            across = int(cell.get(_q("MergeAcross"), 0) or 0)
            down = int(cell.get(_q("MergeDown"), 0) or 0)
            if across or down:
                merges.append(((r, c), (r + down, c + across)))
                row.extend([None] * across)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]
    fill_merged(rows, merges)
    return rows


def _hidden(sheet: etree._Element) -> bool:
    visible = sheet.find(f"{{{X}}}WorksheetOptions/{{{X}}}Visible")
    return visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")


def spreadsheetml_sheets(data: bytes) -> list[tuple[str, list[list[Cell]]]]:
    """(name, rows) of each visible worksheet, in workbook order."""
    root = etree.fromstring(data, _PARSER)
    out = []
    for sheet in root.iterchildren(_q("Worksheet")):
        table = sheet.find(_q("Table"))
        if table is not None and not _hidden(sheet):
            out.append((sheet.get(_q("Name"), ""), _sheet(table)))
    return out
