"""Built-in plugin: passport Latin by the rules of the countries whose own passports do not follow
ICAO 9303 letter for letter (Ukraine, Belarus) or add letters to it (Kazakhstan).

- ``ukraine2010``: the table of Cabinet of Ministers resolution No. 55 of 27.01.2010 (Г as H,
  И as Y; Є Ї Й Ю Я as YE YI Y YU YA at the start of a word, IE I I IU IA inside it; ЗГ as ZGH).
- ``belarus``: MVD resolution No. 288 of 09.10.2008 without its diacritics, Y for its J (Г as H,
  Ў as U; Е Ё Ю Я as YE YO YU YA at the start of a word and after a vowel, Ь, Ў or an
  apostrophe, else E IO IU IA).
- ``kazakhstan``: ICAO 9303 with Ә Ғ Қ Ң Ө Ұ Ү Һ as A G K N O U U H.

Each scheme names the citizenships it is for (``Translator.countries``): normalization uses it
for a tourist of that citizenship, and ICAO 9303 for everyone else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline import Translator, hookimpl
from plugins.translators.schemes import CENTRAL_ASIAN, ICAO

if TYPE_CHECKING:
    from pipeline import Register

#: what marks the end of a sound inside a word without being a letter: the apostrophe (and the
#: signs typed for it) and the soft sign are written by none of these schemes
_APOSTROPHES = "'\u2019\u02bc\u2018`"


@dataclass(frozen=True, eq=False)  # hashed by identity, for the cache
class NationalScheme:
    """A per-letter table, the letters spelled otherwise at the start of a word, and letter pairs."""

    name: str
    description: str
    countries: tuple[str, ...]
    letters: dict[str, str]
    #: spelling of a letter at the start of a word (Ukrainian Є -> YE, inside a word IE)
    initial: dict[str, str] = field(default_factory=dict)
    #: two Cyrillic letters spelled together (Ukrainian ЗГ -> ZGH, so as not to read ZH)
    pairs: dict[str, str] = field(default_factory=dict)
    #: letters and signs after which ``initial`` applies too (Belarus: after a vowel, Ь, Ў or
    #: the apostrophe, Сяргееў -> SIARHEYEU); Ukraine's table has none
    initial_after: str = ""

    def translate(self, text: str) -> str:
        """One value, upper-case Latin, single spaces, no leading or trailing space."""
        return _translate(self, text)

    def translate_many(self, texts: Iterable[str]) -> list[str]:
        """:meth:`translate` for each of ``texts`` (a list of one country's tourists is short)."""
        return [_translate(self, t) for t in texts]


def _other(char: str) -> str:
    # Latin letters are kept without accents, any space is a space, signs and digits go.
    if char.isspace():
        return " "
    if char == "-":
        return "-"
    if char.isalpha():
        return "".join(c for c in unicodedata.normalize("NFKD", char.upper()) if "A" <= c <= "Z")
    return ""


@lru_cache(maxsize=65536)
def _translate(scheme: NationalScheme, text: str) -> str:
    upper = text.upper()
    out: list[str] = []
    i = 0
    while i < len(upper):
        ch = upper[i]
        pair = upper[i : i + 2]
        if pair in scheme.pairs:
            out.append(scheme.pairs[pair])
            i += 2
            continue
        # After an apostrophe a letter is inside its word for Ukraine (Мар'яна -> MARIANA).
        prev = upper[i - 1] if i else " "
        at_start = not (prev.isalpha() or prev in _APOSTROPHES) or prev in scheme.initial_after
        if at_start and ch in scheme.initial:
            out.append(scheme.initial[ch])
        elif ch in scheme.letters:
            out.append(scheme.letters[ch])
        elif ch not in _APOSTROPHES:
            out.append(_other(ch))
        i += 1
    return re.sub(" {2,}", " ", "".join(out)).strip(" ")


# Letters a table does not list (a Russian Ы or Э in a Ukrainian citizen's Russian spelling) are
# written as ICAO writes them.
_UKRAINE = {
    **ICAO,
    "А": "A", "Б": "B", "В": "V", "Г": "H", "Ґ": "G", "Д": "D", "Е": "E", "Є": "IE", "Ж": "ZH",
    "З": "Z", "И": "Y", "І": "I", "Ї": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N",
    "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ь": "", "Ю": "IU", "Я": "IA",
}  # fmt: skip
_BELARUS = {
    **ICAO,
    "Г": "H", "Ґ": "G", "Е": "E", "Ё": "IO", "И": "I", "І": "I", "Й": "I", "Ў": "U", "Ы": "Y",
    "Ъ": "", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
}  # fmt: skip

SCHEMES: tuple[NationalScheme, ...] = (
    NationalScheme(
        "ukraine2010",
        "Ukraine's passport table of 2010 (Cabinet of Ministers resolution No. 55 of 27.01.2010)",
        ("UKR",), _UKRAINE,
        initial={"Є": "YE", "Ї": "YI", "Й": "Y", "Ю": "YU", "Я": "YA"},
        pairs={"ЗГ": "ZGH"},
    ),
    NationalScheme(
        "belarus",
        "Belarus's passport rules (MVD resolution No. 288 of 09.10.2008, without diacritics)",
        ("BLR",), _BELARUS,
        initial={"Е": "YE", "Ё": "YO", "Ю": "YU", "Я": "YA"},
        initial_after="АЕЁИОУЭЮЯЬЎ" + _APOSTROPHES,
    ),
    NationalScheme(
        "kazakhstan",
        "Kazakhstan's passport rules (ICAO 9303; Ә Ғ Қ Ң Ө Ұ Ү Һ as A G K N O U U H)",
        ("KAZ",), {**ICAO, **CENTRAL_ASIAN, "І": "I"},
    ),
)  # fmt: skip


@hookimpl
def register_translators(register: Register) -> None:
    """Register ``ukraine2010``, ``belarus`` and ``kazakhstan``, each for its own citizens."""
    for scheme in SCHEMES:
        register.translator(
            Translator(
                name=scheme.name,
                description=scheme.description,
                source="ru",
                target="lat",
                translate=scheme.translate,
                translate_many=scheme.translate_many,
                countries=scheme.countries,
            )
        )
