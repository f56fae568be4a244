"""Tourdesk core. A plugin author needs only what is re-exported here."""

from pipeline.forms.errors import FormTemplateError
from pipeline.forms.files import AtomicWriter
from pipeline.hooks.hookspecs import hookimpl
from pipeline.hooks.registry import Register
from pipeline.limits import Limits, TooBig, limits, too_big
from pipeline.types import CannotRead, Exporter, Importer, RawTable, Source, Translator

__all__ = [
    "AtomicWriter", "CannotRead", "Exporter", "FormTemplateError", "Importer", "Limits", "RawTable", "Register",
    "Source", "TooBig", "Translator", "hookimpl", "limits", "too_big",
]  # fmt: skip
