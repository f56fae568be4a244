"""A greeting's words: the template in the client's language, the name in the right form, Russian dates.

Names are declined with ``pymorphy3``'s dictionary where it knows the name (it gets male names in
-а right: «Никите»), else with ``petrovich``'s rules; both work offline. «Анне Ивановне» in a
subject line; the address stays in the nominative: «Дорогая Анна Ивановна».
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import yaml

from pipeline.settings import agency_name

TEMPLATES = Path(__file__).resolve().parent / "data" / "greetings.yaml"
_CYRILLIC = re.compile(r"^[А-ЯЁа-яё]+(?:[- ][А-ЯЁа-яё]+)*$")


@functools.cache
def templates() -> dict:
    return yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))


def text_or_none(value: object) -> str | None:
    """A name or contact as text, or None: pandas gives NaN (a float) for a missing one."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def is_cyrillic(word: str | None) -> bool:
    return bool(word) and bool(_CYRILLIC.match(word))


def gender_of(gender: str | None, patronymic: str | None) -> str | None:
    """M or F from the record, else guessed from the patronymic (-вна / -ич)."""
    if gender in ("M", "F"):
        return gender
    p = (text_or_none(patronymic) or "").lower()
    if p.endswith(("вна", "чна", "кызы")):
        return "F"
    if p.endswith(("вич", "ич", "оглы")):
        return "M"
    return None


@functools.cache
def _petrovich():
    # why here: the declension libraries load with the first name declined, not with the module
    from petrovich.main import Petrovich

    return Petrovich()


@functools.cache
def _morph():
    # why here: pymorphy3 and its dictionaries load with the first name declined (tens of ms)
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _dictionary_dative(word: str, tag: str, gender: str | None) -> str | None:
    want = {"M": "masc", "F": "femn"}.get(gender or "")
    for parse in _morph().parse(word):
        if tag in parse.tag.grammemes and "nomn" in parse.tag.grammemes and (want is None or want in parse.tag):
            form = parse.inflect({"datv"})
            if form:
                return "-".join(part.capitalize() for part in form.word.split("-"))
    return None


@functools.lru_cache(maxsize=4096)  # names repeat: a holiday list declines each one once
def dative(first: str, patronymic: str | None, gender: str | None) -> str:
    """«Анне Ивановне», «Петру Ильичу», «Никите Сергеевичу»; a Latin name («Jane») stays as it is."""
    # why here: the declension libraries load with the first name declined, not with the module
    from petrovich.enums import Case, Gender

    g = {"M": Gender.MALE, "F": Gender.FEMALE}.get(gender or "", Gender.ANDRGN)
    p = _petrovich()
    if not is_cyrillic(first):
        return " ".join(filter(None, [first, patronymic]))
    words = [_dictionary_dative(first, "Name", gender) or p.firstname(first, Case.DATIVE, g)]
    if is_cyrillic(patronymic):
        words.append(_dictionary_dative(patronymic, "Patr", gender) or p.middlename(patronymic, Case.DATIVE, g))
    return " ".join(words)


@functools.lru_cache(maxsize=512)
def russian_date(day: dt.date, language: str = "ru") -> str:
    """«8 марта» (Russian) or «March 8» (English), as people write a greeting's date."""
    # why here: babel's locale data loads with the first date written out (tens of ms)
    from babel.dates import format_date

    return format_date(day, "d MMMM" if language == "ru" else "MMMM d", locale=language)


def compose(occasion: str, language: str, *, first: str | None, patronymic: str | None, gender: str | None,
            day: dt.date, holiday: str | None = None, label: str | None = None,
            agency: str | None = None) -> tuple[str, str]:  # fmt: skip
    """(subject, text) of one greeting, signed by ``agency`` (default: the agency's name setting).

    Any name part may be missing (None, or NaN from a frame): no patronymic, no Cyrillic name.
    """
    if agency is None:
        agency = agency_name()
    first, patronymic = text_or_none(first), text_or_none(patronymic)
    lang = language if language in templates() else "ru"
    t = templates()[lang]
    g = gender_of(text_or_none(gender), patronymic)
    if lang == "ru":
        name = " ".join(filter(None, [first, patronymic])) or "клиент"
        name_dat = dative(first, patronymic, g) if first else "Вам"
        dear = {"M": "Дорогой", "F": "Дорогая"}.get(g or "", "Уважаемый(ая)")
    else:
        name = first or "friend"
        name_dat, dear = name, "Dear"
    fields = {"dear": dear, "name": name, "name_dat": name_dat, "date": russian_date(day, lang),
              "holiday": holiday or "", "label": label or "", "agency": agency}  # fmt: skip
    return t["subject"][occasion].format(**fields), t["body"][occasion].format(**fields)
