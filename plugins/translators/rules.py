"""Rule-based passport Latin -> Cyrillic, for names the dictionary does not know.

Greedy longest match with a little context. Several Cyrillic spellings give the same Latin
(ICAO writes Е and Э as E, drops Ь), so this is a guess; callers give it a low confidence.
"""

from __future__ import annotations

import re

_VOWELS = set("AEIOUY")

# Longest first, so SHCH wins over SH and CH.
_MULTI: tuple[tuple[str, str], ...] = (
    ("SHCH", "щ"),
    ("SCH", "щ"),
    ("ZH", "ж"),
    ("KH", "х"),
    ("TS", "ц"),
    ("TC", "ц"),
    ("CH", "ч"),
    ("SH", "ш"),
    ("YU", "ю"),
    ("YA", "я"),
    ("YO", "ё"),
    ("JU", "ю"),
    ("JA", "я"),
    ("JO", "ё"),
    ("IU", "ю"),
    ("IA", "я"),
)
_SINGLE = dict(zip("ABVGDEZIKLMNOPRSTUFHCQW", "абвгдезиклмнопрстуфхцкв", strict=True))
_SINGLE["X"] = "кс"
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("IIA", "ия"),
    ("IY", "ий"),
    ("II", "ий"),
    ("YY", "ый"),
    ("YI", "ый"),
)
_PART = re.compile(r"[A-Z]+|[^A-Z]+")


def _word(latin: str) -> str:
    ending = ""
    for lat, cyr in _ENDINGS:
        if latin.endswith(lat) and len(latin) > len(lat) + 1:
            latin, ending = latin[: -len(lat)], cyr
            break
    else:
        # A final IA after a consonant is ЬЯ far more often than Я (DARIA, NATALIA).
        if latin.endswith("IA") and len(latin) > 3 and latin[-3] not in _VOWELS:
            latin, ending = latin[:-2], "ья"
    out: list[str] = []
    i, n = 0, len(latin)
    while i < n:
        for lat, cyr in _MULTI:
            if latin.startswith(lat, i):
                prev = latin[i - 1] if i else ""
                # After a consonant, YA marks a soft sign before the vowel (NATALYA); YU
                # mostly does not (LYUDMILA, LYUBOV).
                if lat == "YA" and prev and prev not in _VOWELS:
                    out.append("ь")
                out.append(cyr)
                i += len(lat)
                break
        else:
            c = latin[i]
            prev = latin[i - 1] if i else ""
            nxt = latin[i + 1] if i + 1 < n else ""
            if c == "Y":
                if nxt == "E":
                    out.append("ье" if prev and prev not in _VOWELS else "е")
                    i += 2
                    continue
                # Й after a vowel (MAYKOV, SERGEY), otherwise Ы (RYBAKOV).
                out.append("й" if prev in _VOWELS and prev else "ы")
            elif (
                c == "I"
                and prev in _VOWELS
                and prev not in ("", "I")
                and (not nxt or nxt not in _VOWELS)
                and latin[i + 1 :] != "L"  # MIKHAIL, SAMUIL
            ):
                out.append("й")  # ICAO writes Й as I: SERGEI, TSOI, KAIDALOV
            elif c == "E" and not prev:
                out.append("е")
            elif c == "J":
                out.append("й")
            else:
                out.append(_SINGLE.get(c, c.lower()))
            i += 1
    return "".join(out) + ending


def reverse_rules(latin: str) -> str:
    """Best-effort Cyrillic for passport Latin, each word capitalised (``IVANOV`` -> ``Иванов``)."""
    parts = []
    for piece in _PART.findall(latin.upper()):
        if piece[0].isalpha():
            word = _word(piece)
            parts.append(word[:1].upper() + word[1:])
        else:
            parts.append(piece)
    return "".join(parts)


def looks_cyrillic(text: str) -> bool:
    """True when ``text`` has any Cyrillic letter (then there is nothing to reverse)."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


_LOOSE = (
    (re.compile("X"), "KS"),  # ALEXEY, MAXIM
    (re.compile("(?<!S)SCH"), "SHCH"),  # SCHERBAKOV
    (re.compile("C(?![HK])(?<!TC)"), "K"),  # VICTORIA; TC is GOST's Ц, so kept
    (re.compile("W"), "V"),
    (re.compile("(?<=[^AEIOUY])Y$"), "IY"),  # DMITRY, EVGENY: English -ий
    (re.compile("(?<=[^AEIOUY])I$"), "IY"),  # YURI
)


def loosen(latin: str) -> str:
    """Rewrite English-style spellings no passport scheme produces into MVD/ICAO-like ones."""
    for pattern, repl in _LOOSE:
        latin = pattern.sub(repl, latin)
    return latin
