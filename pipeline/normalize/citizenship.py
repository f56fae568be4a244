"""Citizenship words in Russian and English to ISO 3166-1 alpha-3."""

from __future__ import annotations

import gettext
import re
from functools import cache

# What lists say that ISO's names do not: short forms, abbreviations, old names.
_ALIASES = {
    "рф": "RUS", "россия": "RUS", "российская": "RUS", "россии": "RUS", "русский": "RUS",
    "russia": "RUS", "russian": "RUS", "russian federation": "RUS", "rf": "RUS",
    "белоруссия": "BLR", "белорусь": "BLR", "беларусь": "BLR", "рб": "BLR", "belarus": "BLR",
    "казахстан": "KAZ", "рк": "KAZ", "kazakhstan": "KAZ",
    "украина": "UKR", "ukraine": "UKR", "молдова": "MDA", "молдавия": "MDA", "moldova": "MDA",
    "киргизия": "KGZ", "кыргызстан": "KGZ", "kyrgyzstan": "KGZ", "армения": "ARM",
    "грузия": "GEO", "азербайджан": "AZE", "таджикистан": "TJK", "туркмения": "TKM",
    "туркменистан": "TKM", "узбекистан": "UZB", "сша": "USA", "usa": "USA", "us": "USA",
    "великобритания": "GBR", "англия": "GBR", "uk": "GBR", "united kingdom": "GBR",
    "германия": "DEU", "фрг": "DEU", "израиль": "ISR", "латвия": "LVA", "литва": "LTU",
    "эстония": "EST", "china": "CHN", "китай": "CHN", "кнр": "CHN",
    "ссср": "SUN", "ussr": "SUN", "турция": "TUR", "turkey": "TUR", "türkiye": "TUR",
}  # fmt: skip

_PUNCT = re.compile(r"[^\w\s]")


@cache
def _table() -> dict[str, str]:
    # why here: pycountry reads its JSON tables (tens of ms) only when a country is not in the quick table
    import pycountry

    table: dict[str, str] = {}
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}:
            table[name.lower()] = c.alpha_3
            table[ru.gettext(name).lower()] = c.alpha_3
        table[c.alpha_3.lower()] = c.alpha_3
        table[c.alpha_2.lower()] = c.alpha_3
    table.update(_ALIASES)
    return table


@cache
def citizenship(value: str) -> str | None:
    """``"Россия"``, ``"РФ"``, ``"Russian Federation"``, ``"RUS"`` → ``"RUS"``; unknown → ``None``."""
    key = _PUNCT.sub(" ", value.lower().replace("ё", "е"))
    key = " ".join(key.split())
    if not key:
        return None
    table = _table()
    if key in table:
        return table[key]
    # "гражданин РФ", "Russia (RUS)": any known word inside
    for word in key.split():
        if word in _ALIASES:
            return _ALIASES[word]
    return None
