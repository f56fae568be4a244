"""Excel 2003 XML ("XML Spreadsheet"), still written by 1C and older booking systems."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from pipeline import CannotRead, limits, too_big
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


def _sheet(table: etree._Element, name: str) -> list[list[Cell]]:
    # ss:Index and ss:MergeAcross place a cell anywhere: the grid is checked before it grows
    lim = limits()
    rows: list[list[Cell]] = []
    merges: list[Range] = []
    for row_el in table.iterchildren(_q("Row")):
        r = _index(row_el, len(rows))
        if r >= lim.rows:
            raise too_big(name, f"a row is numbered {r + 1:,}", "rows")
        while len(rows) < r:
            rows.append([])
        row: list[Cell] = []
        for cell in row_el.iterchildren(_q("Cell")):
            c = _index(cell, len(row))
            across = int(cell.get(_q("MergeAcross"), 0) or 0)
            down = int(cell.get(_q("MergeDown"), 0) or 0)
            if c + across >= lim.columns or c < 0 or across < 0 or down < 0:
                raise too_big(name, f"row {r + 1} reaches column {c + across + 1:,}", "columns")
            row.extend([None] * (c - len(row)))
            row.append(_value(cell))
            if across or down:
                merges.append(((r, c), (r + down, c + across)))
                row.extend([None] * across)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    if width * len(rows) > lim.sheet_cells:
        raise too_big(name, f"a sheet spans {width * len(rows):,} cells", "sheet_cells")
    rows = [r + [None] * (width - len(r)) for r in rows]
    fill_merged(rows, merges)
    return rows


def _hidden(sheet: etree._Element) -> bool:
    visible = sheet.find(f"{{{X}}}WorksheetOptions/{{{X}}}Visible")
    return visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")


def spreadsheetml_sheets(data: bytes, name: str = "") -> list[tuple[str, list[list[Cell]]]]:
    """(name, rows) of each visible worksheet, in workbook order; ``name`` is the file's, for refusals."""
    if b"<!ENTITY" in data:
        raise CannotRead(f"{name}: this Excel XML file declares XML entities, which Excel never does; not read")
    root = etree.fromstring(data, _PARSER)
    out = []
    for sheet in root.iterchildren(_q("Worksheet")):
        table = sheet.find(_q("Table"))
        if table is not None and not _hidden(sheet):
            out.append((sheet.get(_q("Name"), ""), _sheet(table, name)))
    return out
