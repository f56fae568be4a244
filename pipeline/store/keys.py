"""Spelling-independent keys: IULIIA, YULIYA, JULIJA and Юлия give the same key.

Cyrillic is first written in ICAO Latin, then the letters on which the transliteration
schemes disagree are folded together. The key is for finding candidates; a match is never
made on a name alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYR_TO_LAT = str.maketrans(
    {
        "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
        "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
        "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
        "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
        "Я": "IA",
        # Ukrainian, Belarusian and Central Asian letters, so that Іваненко keys as IVANENKO
        "І": "I", "Ї": "I", "Є": "IE", "Ґ": "G", "Ў": "U", "Ә": "A", "Ғ": "G", "Қ": "K",
        "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H", "Ӣ": "I", "Ӯ": "U", "Ҳ": "H", "Ҷ": "J",
    }
)  # fmt: skip
# Ordered: longer spellings first. Each folds what the schemes (ICAO, GOST 52535, MVD 310,
# DS-160) or English habits write differently for the same Russian letter.
_FOLDS = (
    (re.compile(r"SHCH|SCH|SHTCH"), "Щ"),
    (re.compile(r"TCH"), "Ч"),
    (re.compile(r"ZH"), "Ж"),
    (re.compile(r"CH"), "Ч"),
    (re.compile(r"SH"), "Ш"),
    (re.compile(r"KH"), "Х"),
    (re.compile(r"TS|TC|TZ"), "Ц"),
    (re.compile(r"H"), "Х"),
    (re.compile(r"X"), "KS"),
    (re.compile(r"[YJ]"), "I"),
    (re.compile(r"^IE"), "E"),
    (re.compile(r"IE"), "I"),
    # Ё after a consonant: ICAO writes E, older schemes YO (FEDOROV, FYODOROV)
    (re.compile(r"(?<=[BDFGKLMNPRSTVZЖЧШЩЦХ])IO"), "E"),
    (re.compile(r"(.)\1+"), r"\1"),
)
_NOT_LETTER = re.compile(r"[^A-ZА-ЯЁ]")


@lru_cache(maxsize=200_000)
def name_key(text: str | None) -> str | None:
    """The folded key of one name (surname or first name), or ``None`` for an empty one."""
    if not text:
        return None
    upper = text.upper().translate(_CYR_TO_LAT)
    upper = _NOT_LETTER.sub("", upper)
    for pattern, repl in _FOLDS:
        upper = pattern.sub(repl, upper)
    return upper or None


def search_form(text: str | None) -> str | None:
    """Lower case, ё as е: the form a clerk's query is compared in."""
    if not text:
        return None
    return text.lower().replace("ё", "е")
