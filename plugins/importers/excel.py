"""Registers the excel reader; the reader itself (python-calamine and friends) loads on first use, so that
``tourdesk --help`` and listing plugins stay instant."""

from __future__ import annotations

from typing import Any

from pipeline import Importer, RawTable, Source, hookimpl


def read(source: Source) -> list[RawTable]:
    from plugins.importers._excel_reader import read as read_tables

    return read_tables(source)


def sniff(head: bytes) -> bool:
    from plugins.importers._excel_reader import sniff as looks_like

    return looks_like(head)


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(
        Importer(
            name="excel",
            description=(
                "Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods; also web pages and "
                "Excel 2003 XML saved as .xls), one table per sheet"
            ),
            read=read,
            extensions=(".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"),
            sniff=sniff,
        )
    )
