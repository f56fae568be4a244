"""Cyrillic -> passport Latin by the schemes Russian foreign passports have used.

Each scheme is a per-letter table; two of them also spell Е as YE in some positions,
done by a regex pre-pass that swaps those letters for private marker characters, so the
letter-by-letter work is always one ``str.translate`` call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_LATIN = "A B V G D E E ZH Z I I K L M N O P R S T U F KH TS CH SH SHCH IE Y _ E IU IA"
_BASE = dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", _LATIN.split(" "), strict=True))
_BASE["Ь"] = ""  # "_" above only holds its place

#: ICAO Doc 9303 (7th ed.), used in Russian foreign passports since 2014; the Ukrainian and
#: Belarusian letters are from the same ICAO table, for names spelled in those alphabets.
ICAO = {**_BASE, "І": "I", "Ї": "I", "Є": "IE", "Ґ": "G", "Ў": "U"}
#: GOST R 52535.1-2006, in passports 2010-2013.
GOST52535 = {**_BASE, "Ц": "TC", "Ъ": ""}
#: MVD order 310 (1997-2010); the apostrophes it prints for Ь and Ъ are not letters, so dropped.
MVD310 = {**_BASE, "Й": "Y", "Ъ": "", "Ю": "YU", "Я": "YA"}
#: BGN/PCGN without diacritics, the usual spelling on US forms such as DS-160 (ё -> e).
DS160 = {**MVD310}

# Private-use characters standing for "Е/Ё spelled YE here".
_YE = "\ue000"
_VOWELS = "АЕЁИОУЫЭЮЯ"
# MVD 310 writes YE only after the soft and hard signs (ЬЕ, ЪЕ).
_MVD_YE = re.compile("(?<=[ЬЪ])Е")
# BGN/PCGN writes YE at the start of a word and after a vowel, Й, Ъ or Ь.
_BGN_YE = re.compile(f"(?:(?<=[{_VOWELS}ЙЪЬ])|(?<![А-ЯЁ]))[ЕЁ]")


class _Table(dict):
    """A ``str.translate`` table that decides, once per character, what an unlisted one becomes.

    Latin letters (accents stripped) are kept in upper case, any space becomes a space,
    everything else (digits, signs, other scripts) is dropped.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value: str | None = None
        if char.isspace():
            value = " "
        elif char.isalpha():
            base = unicodedata.normalize("NFKD", char.upper())
            base = "".join(c for c in base if "A" <= c <= "Z")
            value = base or None
        self[code] = value
        return value


@dataclass(frozen=True)
class Scheme:
    """One transliteration scheme: its letter table and optional YE rule."""

    name: str
    description: str
    letters: dict[str, str]
    ye_rule: re.Pattern[str] | None = None
    _table: _Table = field(default_factory=_Table, repr=False, compare=False)
    # The same table keeping newlines, for the joined text of ``translate_many``.
    _lines: _Table = field(default_factory=_Table, repr=False, compare=False)

    def __post_init__(self) -> None:
        for cyr, lat in self.letters.items():
            self._table[ord(cyr)] = lat
            # Lower-case input maps directly, so the common path needs no ``upper()``.
            if self.ye_rule is None:
                self._table[ord(cyr.lower())] = lat
        self._table[ord("-")] = "-"
        self._table[ord(_YE)] = "YE"
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            self._table[ord(c)] = c
            self._table[ord(c.lower())] = c
        self._lines.update(self._table)
        self._lines[ord("\n")] = "\n"

    def _prepare(self, text: str) -> str:
        if self.ye_rule is None:
            return text
        return self.ye_rule.sub(_YE, text.upper())

    def translate(self, text: str) -> str:
        """One value, upper-case Latin, single spaces, no leading or trailing space."""
        out = self._prepare(text).translate(self._table)
        if "  " in out:
            out = _SPACES.sub(" ", out)
        return out.strip(" ")

    def translate_many(self, texts: Iterable[str]) -> list[str]:
        """Many values in one ``translate`` call over the joined text (the fast path)."""
        items = texts if isinstance(texts, list) else list(texts)
        if not items:
            return []
        joined = "\n".join(items)
        if joined.count("\n") != len(items) - 1 or "\r" in joined:
            # A value holding a line break would shift the split; do those one by one.
            return [self.translate(t) for t in items]
        out = self._prepare(joined).translate(self._lines)
        if "  " in out:
            out = _SPACES.sub(" ", out)
        if " \n" in out or "\n " in out or out[:1] == " " or out[-1:] == " ":
            return [line.strip(" ") for line in out.split("\n")]
        return out.split("\n")


_SPACES = re.compile(" {2,}")

SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        Scheme("icao", "ICAO Doc 9303: Russian foreign passports since 2014", ICAO),
        Scheme("gost52535", "GOST R 52535.1-2006: Russian foreign passports 2010-2013", GOST52535),
        Scheme("mvd310", "MVD order 310: Russian foreign passports 1997-2010", MVD310, _MVD_YE),
        Scheme("ds160", "BGN/PCGN without diacritics, as on US visa forms (DS-160)", DS160, _BGN_YE),
    )
}


def transliterate(text: str, scheme: str = "icao") -> str:
    """``text`` in passport Latin by ``scheme`` (a key of ``SCHEMES``)."""
    return SCHEMES[scheme].translate(text)


def transliterate_many(texts: Iterable[str], scheme: str = "icao") -> list[str]:
    """Each of ``texts`` in passport Latin by ``scheme``; much faster than one by one."""
    return SCHEMES[scheme].translate_many(texts)

#: Spellings seen in older passports, tickets and hand-typed lists; used only to recognise
#: names when reversing, never to write them.
VARIANTS: dict[str, Scheme] = {
    s.name: s
    for s in (
        Scheme("j", "J for Й, Ю, Я (JULIJA)", {**MVD310, "Й": "J", "Ю": "JU", "Я": "JA"}, _MVD_YE),
        Scheme("yo", "YO for Ё (ARTYOM, PYOTR)", {**DS160, "Ё": "YO"}, _MVD_YE),
        Scheme("h", "H for Х (MIHAIL)", {**MVD310, "Х": "H"}, _MVD_YE),
    )
}
