"""Registers the word reader; the reader itself (lxml and friends) loads on first use, so that
``tourdesk --help`` and listing plugins stay instant."""

from __future__ import annotations

from typing import Any

from pipeline import Importer, RawTable, Source, hookimpl


def read(source: Source) -> list[RawTable]:
    from plugins.importers._word_reader import read as read_tables

    return read_tables(source)


def sniff(head: bytes) -> bool:
    from plugins.importers._word_reader import sniff as looks_like

    return looks_like(head)


@hookimpl
def register_importers(register: Any) -> None:
    register.importer(
        Importer(
            name="word",
            description=(
                "Word documents (.docx; .doc, .rtf and .odt through LibreOffice), one table per Word table"
            ),
            read=read,
            extensions=(".docx", ".docm", ".doc", ".rtf", ".odt"),
            sniff=sniff,
        )
    )
