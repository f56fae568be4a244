"""Excel and OpenDocument spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) through python-calamine."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

import python_calamine as pc
from lxml import etree

from pipeline import CannotRead, RawTable, Source, limits, too_big
from plugins.importers._grid import (
    OLE2_MAGIC,
    ZIP_ERRORS,
    ZIP_MAGIC,
    clean_row,
    head_mentions,
    make_table,
    sheet_table,
)
from plugins.importers._html_tables import html_tables, looks_like_html
from plugins.importers._merged import Range, fill_merged
from plugins.importers._ods_merged import ods_layout
from plugins.importers._spreadsheetml import looks_like_spreadsheetml, spreadsheetml_sheets
from plugins.importers._xls_check import xls_areas, xls_damaged
from plugins.importers._xlsx_size import shared_strings_damaged, sheet_areas
from plugins.importers._zip_limits import check_zip

PROTECTED = "this workbook is protected with a password; open it in Excel, remove the password and save again"

DAMAGED = (
    "this is not a readable Excel file (damaged or another format); "
    "open it in Excel and save it again as .xlsx"
)

if TYPE_CHECKING:
    pass


def sniff(head: bytes) -> bool:
    """A zip with ``xl/`` parts, an ODF spreadsheet, or an OLE2 file that is not a Word one."""
    if head.startswith(ZIP_MAGIC):
        return head_mentions(head, "xl/", "opendocument.spreadsheet")
    if looks_like_spreadsheetml(head):
        return True
    if head.startswith(OLE2_MAGIC):
        # .xls, and encrypted .xlsx (which lives in an OLE2 box); Word's .doc says so.
        return not head_mentions(head, "WordDocument")
    return False


def _is_encrypted_ooxml(data: bytes) -> bool:
    # An OLE2 box holding EncryptionInfo + EncryptedPackage streams is an encrypted OOXML
    # file; Excel puts the directory anywhere, so look through the whole (small) file.
    return (
        data.startswith(OLE2_MAGIC)
        and head_mentions(data, "EncryptionInfo")
        and head_mentions(data, "EncryptedPackage")
    )


def _open(source: Source, data: bytes) -> tuple[dict[str, list[Range]], pc.CalamineWorkbook]:
    """The merged ranges of an .ods (calamine does not give them) and the opened workbook."""
    if not data.strip(b"\0 \r\n\t"):
        raise CannotRead(f"{source.name}: the file is empty")
    if _is_encrypted_ooxml(data):
        raise CannotRead(f"{source.name}: {PROTECTED}")
    if data.startswith(OLE2_MAGIC) and head_mentions(data, "WordDocument"):
        raise CannotRead(f"{source.name}: this is a Word document, not an Excel workbook")
    if data.startswith(ZIP_MAGIC):
        check_zip(source.name, data, DAMAGED)
    # Damage that would make calamine abort the process instead of raising.
    damaged = xls_damaged(data) if data.startswith(OLE2_MAGIC) else shared_strings_damaged(data)
    if damaged:
        raise CannotRead(f"{source.name}: {DAMAGED}")
    # calamine reads an .ods whole when it opens it: every sheet's size is checked before
    ods, areas = ({}, xls_areas(data) if data.startswith(OLE2_MAGIC) else {})
    if data.startswith(ZIP_MAGIC):
        # by its parts, not its mimetype: a file may pack that too, and still open as an .ods
        ods, areas = ods_layout(data) if _zip_names(data) & {"content.xml"} else ({}, sheet_areas(data))
    for name in areas:
        _check_size(source, name, areas)
    return ods, _open_book(source, data)


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return set(zf.namelist())
    except ZIP_ERRORS:
        return set()


def _open_book(source: Source, data: bytes) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise CannotRead(f"{source.name}: {PROTECTED}") from None
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # noqa: B036 - the Rust reader panics with a BaseException
        raise CannotRead(f"{source.name}: {DAMAGED}") from None


def _merged_ranges(sheet: pc.CalamineSheet, ods: dict[str, list[Range]]) -> list[Range]:
    # python-calamine has merged ranges since 0.4, for xlsx/xls only (None for ods, which
    # we read from its XML); a sheet whose merge records are odd reads without the fill.
    if sheet.name in ods:
        return ods[sheet.name]
    try:
        return getattr(sheet, "merged_cell_ranges", None) or []
    except pc.CalamineError:
        return []


def _check_size(source: Source, name: str, areas: dict[str, int]) -> None:
    # One stray value in cell XFD1048576 makes the grid 17 billion cells: refuse with the
    # fix before calamine tries to allocate it.
    if areas.get(name, 0) > limits().sheet_cells:
        raise too_big(
            source.name,
            f"sheet {name!r} has a value far away from the list ({areas[name]:,} cells from A1 to it); "
            "press Ctrl+End in Excel to find it, delete it and save again",
            "sheet_cells",
        )


def _sheet_table(sheet: pc.CalamineSheet, ods: dict[str, list[Range]]) -> RawTable | None:
    # Keep the absolute grid (no skipped leading area) so merged ranges and the row
    # numbers a clerk sees in Excel line up with ours.
    rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    if not rows:
        return None
    ranges = _merged_ranges(sheet, ods)
    # merged areas are filled over cleaned cells; the rest is cleaned column by column
    for r in sorted({r for (r0, _), (r1, _) in ranges for r in range(r0, min(r1, len(rows) - 1) + 1)}):
        rows[r] = clean_row(rows[r])
    fill_merged(rows, ranges)
    origins = [f"row {i + 1}" for i in range(len(rows))]
    return sheet_table(rows, name=sheet.name, origins=origins)


def _from_markup(source: Source, data: bytes) -> list[RawTable] | None:
    """Web pages and Excel 2003 XML saved with an Excel name, or None for a real workbook."""
    try:
        if looks_like_spreadsheetml(data):
            sheets = spreadsheetml_sheets(data, source.name)
        elif looks_like_html(data):
            sheets = [(f"table {i}", g) for i, g in enumerate(html_tables(data, source.name), start=1)]
        else:
            return None
    except (etree.XMLSyntaxError, ValueError):
        raise CannotRead(f"{source.name}: this Excel XML file is damaged") from None
    tables = []
    for name, rows in sheets:
        origins = [f"row {i + 1}" for i in range(len(rows))]
        table = make_table(rows, name=name, origins=origins) if rows else None
        if table is not None:
            tables.append(table)
    return tables


def read(source: Source) -> list[RawTable]:
    """Every visible sheet that holds data, in workbook order."""
    data = source.read_bytes()
    tables = _from_markup(source, data)
    if tables is not None:
        if not tables:
            raise CannotRead(f"{source.name}: the file has no table")
        return tables
    ods, book = _open(source, data)
    tables: list[RawTable] = []
    try:
        with book:
            for index, meta in enumerate(book.sheets_metadata):
                if meta.visible != pc.SheetVisibleEnum.Visible:
                    continue
                if meta.typ not in (pc.SheetTypeEnum.WorkSheet,):
                    continue
                table = _sheet_table(book.get_sheet_by_index(index), ods)
                if table is not None:
                    tables.append(table)
    except CannotRead:
        raise
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # noqa: B036 - a damaged sheet fails only when it is read
        raise CannotRead(
            f"{source.name}: part of this Excel file is damaged; open it in Excel and save it again as .xlsx"
        ) from None
    if not tables:
        raise CannotRead(f"{source.name}: the workbook has no filled-in sheet")
    return tables
