"""Built-in plugin: Russian questionnaire values to English (``dictionary-en``) and French (``dictionary-fr``).

Works on the shipped starter dictionary alone, without a store. An unknown value comes back
as ``""`` (score 0), never copied through: the caller decides what a clerk must fill in.
Questionnaires use the store's dictionary instead (``pipeline.dictionary.translate.form_translator``),
which clerks extend and which queues what it lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pipeline import Translator, hookimpl
from pipeline.dictionary.model import has_cyrillic, key, starter, starter_by_english

if TYPE_CHECKING:
    from pipeline import Register

_NAMES = {"en": "English", "fr": "French"}


def translate(text: str, language: str) -> str:
    """``text`` in ``language`` from the starter data, or ``""`` when it lacks the value."""
    k = key(text)
    entry = starter().get(k)
    if entry is None and not has_cyrillic(text):
        entry = starter_by_english().get(k)
    return (getattr(entry, language, None) or "") if entry is not None else ""


def _scored(language: str) -> Callable[[str, str | None], tuple[str, float]]:
    def scored(text: str, _gender: str | None = None) -> tuple[str, float]:
        found = translate(text, language)
        return found, 1.0 if found else 0.0

    return scored


@hookimpl
def register_translators(register: Register) -> None:
    """Register ``dictionary-en`` and ``dictionary-fr``."""
    for language, name in _NAMES.items():
        register.translator(
            Translator(
                name=f"dictionary-{language}",
                description=f"Questionnaire values (cities, occupations, civil status...) from Russian to {name}",
                source="ru",
                target=language,
                translate=lambda text, lang=language: translate(text, lang),
                translate_scored=_scored(language),
            )
        )
