"""Registers the excel reader; the reader itself (python-calamine) loads on first use."""

from __future__ import annotations

from typing import Any

from pipeline import hookimpl
from plugins.importers._lazy import lazy_importer

reader = lazy_importer(
    "excel",
    "plugins.importers._excel_reader",
    "Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods; also web pages and Excel 2003 XML saved as .xls), one table per sheet",
    (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"),
)
read, sniff = reader.read, reader.sniff


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(reader)
