"""Tourdesk core. A plugin author needs only what is re-exported here."""

from pipeline.hookspecs import hookimpl
from pipeline.types import CannotRead, Exporter, Importer, RawTable, Source, Translator

__all__ = ["CannotRead", "Exporter", "Importer", "RawTable", "Source", "Translator", "hookimpl"]
