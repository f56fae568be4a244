"""Registers the word reader; the reader itself (lxml, LibreOffice for old formats) loads on first use."""

from __future__ import annotations

from typing import Any

from pipeline import hookimpl
from plugins.importers._lazy import lazy_importer

reader = lazy_importer(
    "word",
    "plugins.importers._word_reader",
    "Word documents (.docx; .doc, .rtf and .odt through LibreOffice), one table per Word table",
    (".docx", ".docm", ".doc", ".rtf", ".odt"),
)
read, sniff = reader.read, reader.sniff


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(reader)
