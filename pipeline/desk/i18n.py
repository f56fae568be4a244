"""The desk's languages: Russian (the clerks') by default, English on request.

Messages are written in English in the templates and the routes (``_("...")``) and translated
through Babel message catalogs, ``locale/<lang>/LC_MESSAGES/messages.po``. The catalogs are
compiled in memory when the desk starts, so there is no compiled file to forget to rebuild.
Dates are shown as ДД.ММ.ГГГГ in either language: the clerks' habit and the forms'.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalog of ``language`` (English: the messages as written)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language not in LANGUAGES or not po.is_file():
        return NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(language: str, message: str, **values: Any) -> str:
    text = translations(language).gettext(message)
    return text % values if values else text


def ddmmyyyy(value: Any) -> str:
    """A date as ДД.ММ.ГГГГ; ISO text is read first; anything else is shown as it is."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; it is translated where shown."""
    return message
