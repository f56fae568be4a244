"""Registers the pdf reader; the reader itself (pdfplumber) loads on first use."""

from __future__ import annotations

from typing import Any

from pipeline import hookimpl
from plugins.importers._lazy import lazy_importer

reader = lazy_importer(
    "pdf",
    "plugins.importers._pdf_reader",
    "PDF lists with a text layer: ruled tables across pages, or aligned text",
    (".pdf",),
)
read, sniff = reader.read, reader.sniff


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(reader)
