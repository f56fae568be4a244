"""Catch the damage in an .xls that makes python-calamine abort the whole process.

calamine sizes a sheet's grid from its DIMENSIONS record before reading a cell; one
flipped byte there asks for billions of cells and the allocation kills the program
(no exception to catch). The record is cheap to check first with xlrd's pure-Python
reader of the OLE2 container.
"""

from __future__ import annotations

import io
import struct

from xlrd import compdoc

_DIMENSIONS = 0x0200
#: BIFF8 limits (BIFF5 is smaller still)
MAX_ROWS, MAX_COLUMNS = 65536, 256


def _workbook_stream(data: bytes) -> bytes | None:
    doc = compdoc.CompDoc(data, logfile=io.StringIO())
    for name in ("Workbook", "Book"):
        mem, base, size = doc.locate_named_stream(name)
        if mem is not None:
            return bytes(mem[base : base + size])
    return None


def _bad_dimensions(record: bytes) -> bool:
    if len(record) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", record)
    elif len(record) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", record)
    else:
        return False
    return last_row > MAX_ROWS or last_col > MAX_COLUMNS or first_row > last_row or first_col > last_col


def _records(data: bytes, kind: int) -> list[bytes]:
    try:
        stream = _workbook_stream(data)
    except Exception:  # noqa: BLE001 - an unreadable container is calamine's to report
        return []
    out = []
    pos = 0
    while stream is not None and pos + 4 <= len(stream):
        found, length = struct.unpack_from("<HH", stream, pos)
        if found == kind:
            out.append(stream[pos + 4 : pos + 4 + length])
        pos += 4 + length
    return out


def xls_areas(data: bytes) -> dict[str, int]:
    """``sheet N`` -> rows x columns its DIMENSIONS record states (calamine allocates that)."""
    areas = {}
    for n, record in enumerate(_records(data, _DIMENSIONS), start=1):
        if len(record) in (10, 14):
            first_row, last_row, first_col, last_col = struct.unpack_from(
                "<IIHH" if len(record) == 14 else "<HHHH", record
            )
            areas[f"sheet {n}"] = max(0, last_row) * max(0, last_col)
    return areas


def xls_damaged(data: bytes) -> bool:
    """True when a sheet's stated size is impossible; False when fine or not checkable."""
    try:
        stream = _workbook_stream(data)
    except Exception:  # noqa: BLE001 - an unreadable container is calamine's to report
        return False
    if stream is None:
        return False
    pos = 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        if kind == _DIMENSIONS and _bad_dimensions(stream[pos + 4 : pos + 4 + length]):
            return True
        pos += 4 + length
    return False
