"""Cleaning of name cells: stray characters out, the right case, the script told apart."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: every Cyrillic letter (Russian, Ukrainian, Belarusian, Kazakh, Serbian...), without the
#: combining marks and the thousands sign of the same Unicode block
CYRILLIC_LETTERS = "\u0400-\u0481\u048a-\u04ff"
_CYR = re.compile(f"[{CYRILLIC_LETTERS}]")
_LAT = re.compile(r"[A-Za-z]")
# The apostrophe of Ukrainian and Belarusian names (Мар'яна, Дар'я) is part of the word, typed
# in any of these ways; it is kept, as "'", between two Cyrillic letters only.
_CYR_APOSTROPHE = re.compile(f"(?<=[{CYRILLIC_LETTERS}])['\u2019\u02bc\u2018`](?=[{CYRILLIC_LETTERS}])")
_KEPT_APOSTROPHE = "\x02"  # stands for it while stray signs are removed
# Everything a name may not hold. Hyphens inside a word stay; spaces are collapsed below.
_STRAY = re.compile(f"[^A-Za-z{CYRILLIC_LETTERS}\\- {_KEPT_APOSTROPHE}]")
_SPACES = re.compile(r"\s+")
_HYPHEN_SPACES = re.compile(r"\s*-\s*")


_ACCENTED = re.compile(r"[\u00c0-\u024f]")


def _unaccent(ch: str) -> str:
    # Passports print Latin names without diacritics (MRZ); Cyrillic letters are left alone,
    # since NFKD would split Й and Ё into a base letter and a mark.
    if "\u00c0" <= ch <= "\u024f":
        return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch


def script_of(text: str) -> str | None:
    """``"ru"`` for Cyrillic, ``"lat"`` for Latin, ``"mixed"``, or ``None`` without letters."""
    cyr = bool(_CYR.search(text))
    lat = bool(_LAT.search(text))
    if cyr and lat:
        return "mixed"
    if cyr:
        return "ru"
    if lat:
        return "lat"
    return None


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> tuple[str, str | None]:
    """Strip what cannot be part of a name; return the cleaned text and what was removed.

    ``"IVANOV*"`` gives ``("IVANOV", "*")``; hyphens of double surnames are kept.
    """
    text = raw.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2013", "-")
    if _ACCENTED.search(text):
        text = "".join(_unaccent(ch) for ch in text)
    text = _CYR_APOSTROPHE.sub(_KEPT_APOSTROPHE, text)
    removed = "".join(sorted(set(_STRAY.findall(text)) - {" ", "\t", "\n", "\r"}))
    text = _STRAY.sub(" ", text)
    text = _HYPHEN_SPACES.sub("-", _SPACES.sub(" ", text)).strip(" -").replace(_KEPT_APOSTROPHE, "'")
    if "  " in raw.replace("\u00a0", " ") and not removed:
        removed = "double spaces"
    return text, (removed or None)


def latin_upper(text: str) -> str:
    return text.upper()


def cyrillic_title(text: str) -> str:
    """``РИМСКАЯ-КОРСАКОВА`` → ``Римская-Корсакова``; ``ё`` is kept as given."""
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in text.split(" "))


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value: object) -> str:
    """A cell as text: integral floats lose their ``.0`` (Excel stores passports as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()
