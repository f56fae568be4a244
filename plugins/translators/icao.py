"""Built-in plugin: Cyrillic -> passport Latin (ICAO Doc 9303 and the older passport schemes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import Translator, hookimpl
from plugins.translators.schemes import SCHEMES

if TYPE_CHECKING:
    from pipeline import Register


@hookimpl
def register_translators(register: Register) -> None:
    """Register ``icao`` (the default for ``translit --to lat``) and the older schemes."""
    for scheme in SCHEMES.values():
        register.translator(
            Translator(
                name=scheme.name,
                description=scheme.description,
                source="ru",
                target="lat",
                translate=scheme.translate,
                translate_many=scheme.translate_many,
            )
        )
