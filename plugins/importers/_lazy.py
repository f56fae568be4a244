"""An importer whose reader module loads on first use, so registering it costs nothing."""

from __future__ import annotations

import importlib

from pipeline import Importer, RawTable, Source


def lazy_importer(name: str, module: str, description: str, extensions: tuple[str, ...]) -> Importer:
    """``module`` holds the real ``read(source)`` and ``sniff(head)``; it is imported on first call."""

    def read(source: Source) -> list[RawTable]:
        return importlib.import_module(module).read(source)

    def sniff(head: bytes) -> bool:
        return importlib.import_module(module).sniff(head)

    return Importer(name=name, description=description, read=read, extensions=extensions, sniff=sniff)
