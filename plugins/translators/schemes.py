"""Cyrillic -> passport Latin by the schemes Russian foreign passports have used.

Each scheme is a per-letter table; two of them also spell Е as YE in some positions,
done by a regex pre-pass that swaps those letters for private marker characters, so the
letter-by-letter work is always one ``str.translate`` call.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_LATIN = "A B V G D E E ZH Z I I K L M N O P R S T U F KH TS CH SH SHCH IE Y _ E IU IA"
_BASE = dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", _LATIN.split(" "), strict=True))
_BASE["Ь"] = ""  # "_" above only holds its place

#: ICAO Doc 9303 (7th ed.), used in Russian foreign passports since 2014; the Ukrainian,
#: Belarusian, Serbian and Macedonian letters are from the same ICAO table, for names spelled in
#: those alphabets.
ICAO = {
    **_BASE, "І": "I", "Ї": "I", "Є": "IE", "Ґ": "G", "Ў": "U",
    "Ђ": "D", "Ѓ": "G", "Ѕ": "DZ", "Ј": "J", "Љ": "LJ", "Њ": "NJ", "Ћ": "C", "Ќ": "K", "Џ": "DZ",
}  # fmt: skip
#: Letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic that ICAO's table lacks: their base letter,
#: as these countries' own passports write them, so that a name never loses a letter.
CENTRAL_ASIAN = {
    "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H",
    "Ӣ": "I", "Ӯ": "U", "Ҳ": "H", "Ҷ": "J",
}  # fmt: skip
ICAO.update(CENTRAL_ASIAN)
# The older Russian schemes had no table for the other alphabets' letters: ICAO's, rather
# than dropping them.
_OTHER_ALPHABETS = {k: v for k, v in ICAO.items() if k not in _BASE}
#: GOST R 52535.1-2006, in passports 2010-2013.
GOST52535 = {**_OTHER_ALPHABETS, **_BASE, "Ц": "TC", "Ъ": ""}
#: MVD order 310 (1997-2010); the apostrophes it prints for Ь and Ъ are not letters, so dropped.
MVD310 = {**_OTHER_ALPHABETS, **_BASE, "Й": "Y", "Ъ": "", "Ю": "YU", "Я": "YA"}
#: BGN/PCGN without diacritics, the usual spelling on US forms such as DS-160 (ё -> e).
DS160 = {**MVD310}

# Stands for "Е/Ё spelled YE here"; a control character, so cp1251 can carry it (see below).
_YE = "\x01"
_VOWELS = "АЕЁИОУЫЭЮЯ"
# MVD 310 writes YE only after the soft and hard signs (ЬЕ, ЪЕ).
_MVD_YE = re.compile("(?<=[ЬЪ])Е")
# BGN/PCGN writes YE at the start of a word and after a vowel, Й, Ъ or Ь.
_BGN_YE = re.compile(f"(?:(?<=[{_VOWELS}ЙЪЬ])|(?<![А-ЯЁ]))[ЕЁ]")
_CODEC_ERRORS = "tourdesk-translit"


def _other(char: str) -> str | None:
    """What a character outside the scheme's letters becomes.

    Latin letters (accents stripped) are kept in upper case, any space becomes a space,
    everything else (digits, signs, other scripts) is dropped.
    """
    if char.isspace():
        return " "
    if char.isalpha():
        base = unicodedata.normalize("NFKD", char.upper())
        return "".join(c for c in base if "A" <= c <= "Z") or None
    return None


def _replace_unencodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return "".join(_other(c) or "" for c in chunk), exc.end


codecs.register_error(_CODEC_ERRORS, _replace_unencodable)


class _Table(dict):
    """A ``str.translate`` table that works out an unlisted character once, then remembers it."""

    def __missing__(self, code: int) -> str | None:
        value = _other(chr(code))
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
    # By cp1251 byte value, newline kept: the table for the joined text of ``translate_many``.
    _bytes: dict[int, str | None] = field(default_factory=dict, repr=False, compare=False)
    # The scheme's letters cp1251 cannot carry (Kazakh Ә, Қ...): put into Latin before encoding.
    _wide: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _wide_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for cyr, lat in self.letters.items():
            self._table[ord(cyr)] = lat
            # Lower-case input maps directly, so the common path needs no ``upper()``.
            if self.ye_rule is None:
                self._table[ord(cyr.lower())] = lat
        self._table[ord("-")] = "-"
        if self.ye_rule is not None:
            self._table[ord(_YE)] = "YE"
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            self._table[ord(c)] = c
            self._table[ord(c.lower())] = c
        for byte in range(256):
            char = bytes([byte]).decode("cp1251", errors="replace")
            self._bytes[byte] = None if char == "\ufffd" else self._table[ord(char)]
        self._bytes[ord("\n")] = "\n"
        for cyr, lat in self.letters.items():
            for ch in {cyr, cyr.lower()}:
                try:
                    ch.encode("cp1251")
                except UnicodeEncodeError:
                    self._wide[ord(ch)] = lat
        if self._wide:
            # a search for them is far cheaper than translating the whole joined text twice
            object.__setattr__(self, "_wide_re", re.compile("[" + "".join(map(chr, self._wide)) + "]"))

    def _prepare(self, text: str) -> str:
        if self.ye_rule is None:
            return text
        if _YE in text:
            text = text.replace(_YE, "")
        return self.ye_rule.sub(_YE, text.upper())

    def translate(self, text: str) -> str:
        """One value, upper-case Latin, single spaces, no leading or trailing space."""
        out = self._prepare(text).translate(self._table)
        if "  " in out:
            out = _SPACES.sub(" ", out)
        return out.strip(" ")

    def translate_many(self, texts: Iterable[str]) -> list[str]:
        """Many values in one ``translate`` call over the joined text (the fast path).

        The joined text goes through cp1251 first: every Russian letter becomes a code
        point below 256, which ``str.translate`` looks up without allocating, about twice
        as fast; characters cp1251 lacks are settled by the codec error handler.
        """
        items = texts if isinstance(texts, list) else list(texts)
        if not items:
            return []
        joined = "\n".join(items)
        if joined.count("\n") != len(items) - 1 or "\r" in joined:
            # A value holding a line break would shift the split; do those one by one.
            return [self.translate(t) for t in items]
        prepared = self._prepare(joined)
        if self._wide_re is not None and self._wide_re.search(prepared):
            prepared = prepared.translate(self._wide)
        narrow = prepared.encode("cp1251", _CODEC_ERRORS).decode("latin-1")
        out = narrow.translate(self._bytes)
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
