"""Name cells in every shape agencies use: ``IVANOV MR``, ``IVANOV/IVAN MR``, ФИО in one cell."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.normalize.text import script_of

#: passenger titles and what they say about the person
TITLES: dict[str, str | None] = {
    "MR": "M", "MSTR": "M", "MASTER": "M", "MISTER": "M",
    "MRS": "F", "MS": "F", "MISS": "F", "MSS": "F",
    "CHD": None, "CHILD": None, "INF": None, "INFANT": None,
    "Г-Н": "M", "Г-ЖА": "F", "ГОСПОДИН": "M", "ГОСПОЖА": "F",
}  # fmt: skip
CHILD_MARKERS = {"MSTR", "MASTER", "CHD", "CHILD", "INF", "INFANT"}

GENDER_WORDS: dict[str, str] = {
    "M": "M", "F": "F", "MALE": "M", "FEMALE": "F", "MAN": "M", "WOMAN": "F",
    "М": "M", "Ж": "F", "МУЖ": "M", "ЖЕН": "F", "МУЖСКОЙ": "M", "ЖЕНСКИЙ": "F",
    "МУЖ.": "M", "ЖЕН.": "F", "M.": "M", "F.": "F",
    **{k: v for k, v in TITLES.items() if v},
}  # fmt: skip

_PATRONYMIC_M = re.compile(r"(вич|ьич|ич|оглы|улы|ұлы)$", re.IGNORECASE)
_PATRONYMIC_F = re.compile(r"(вна|чна|кызы|гызы|қызы)$", re.IGNORECASE)
_LAT_PATRONYMIC = re.compile(r"(OVICH|EVICH|ICH|OVNA|EVNA|ICHNA|INICHNA)$")


@dataclass
class SplitName:
    surname: str | None = None
    name: str | None = None
    patronymic: str | None = None
    title: str | None = None
    dropped: str | None = None  # a Latin patronymic left out: foreign passports have none


def title_gender(token: str) -> tuple[bool, str | None]:
    """Whether ``token`` is a passenger title, and the gender it gives."""
    key = token.upper().strip(".")
    return key in TITLES, TITLES.get(key)


def gender_word(value: str) -> str | None:
    return GENDER_WORDS.get(value.strip().upper().replace("Ё", "Е"))


def patronymic_gender(patronymic: str | None) -> str | None:
    if not patronymic:
        return None
    if _PATRONYMIC_F.search(patronymic):
        return "F"
    if _PATRONYMIC_M.search(patronymic):
        return "M"
    return None


def strip_title(text: str) -> tuple[str, str | None]:
    """Remove a trailing (or leading) passenger title: ``IVANOV MR`` → ``("IVANOV", "MR")``."""
    parts = text.split()
    for idx in (-1, 0):
        if len(parts) > 1:
            is_title, _ = title_gender(parts[idx])
            if is_title:
                title = parts.pop(idx).upper().strip(".")
                return " ".join(parts), title
    return text, None


def split_full_name(text: str) -> SplitName:
    """Split one cleaned cell holding a whole name. Airline ``SURNAME/NAME TITLE`` is honoured."""
    if "/" in text:
        surname, _, rest = text.partition("/")
        rest, title = strip_title(rest.strip())
        if title is None:
            surname, title = strip_title(surname.strip())
        given = rest.split()
        return SplitName(surname.strip() or None, " ".join(given) or None, None, title)
    text, title = strip_title(text.strip())
    words = text.split()
    if not words:
        return SplitName(title=title)
    out = SplitName(surname=words[0], title=title)
    rest = words[1:]
    if script_of(text) == "ru":
        out.name = rest[0] if rest else None
        out.patronymic = " ".join(rest[1:]) or None
    else:
        if len(rest) >= 2 and _LAT_PATRONYMIC.search(rest[-1].upper()):
            out.dropped = rest.pop()
        out.name = " ".join(rest) or None
    return out
