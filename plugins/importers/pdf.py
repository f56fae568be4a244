"""Registers the pdf reader; the reader itself (pdfplumber and friends) loads on first use, so that
``tourdesk --help`` and listing plugins stay instant."""

from __future__ import annotations

from typing import Any

from pipeline import Importer, RawTable, Source, hookimpl


def read(source: Source) -> list[RawTable]:
    from plugins.importers._pdf_reader import read as read_tables

    return read_tables(source)


def sniff(head: bytes) -> bool:
    from plugins.importers._pdf_reader import sniff as looks_like

    return looks_like(head)


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(
        Importer(
            name="pdf",
            description=("PDF lists with a text layer: ruled tables across pages, or aligned text"),
            read=read,
            extensions=(".pdf",),
            sniff=sniff,
        )
    )
