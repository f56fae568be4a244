"""Country names as embassy forms print them, by ISO 3166-1 alpha-3 code.

Only the countries our tourists hold passports of or travel to; an unknown code prints as
it is (still readable to a consulate) rather than as a guess.
"""

from __future__ import annotations

import re

# code: (English, French, Russian)
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "RUS": ("Russian Federation", "Fédération de Russie", "Российская Федерация"),
    # ISO 3166-3 code of the Soviet Union, which passports use for nationality at birth
    "SUN": ("USSR", "URSS", "СССР"),
    "BLR": ("Belarus", "Biélorussie", "Беларусь"),
    "UKR": ("Ukraine", "Ukraine", "Украина"),
    "KAZ": ("Kazakhstan", "Kazakhstan", "Казахстан"),
    "ARM": ("Armenia", "Arménie", "Армения"),
    "AZE": ("Azerbaijan", "Azerbaïdjan", "Азербайджан"),
    "GEO": ("Georgia", "Géorgie", "Грузия"),
    "KGZ": ("Kyrgyzstan", "Kirghizistan", "Киргизия"),
    "MDA": ("Moldova", "Moldavie", "Молдова"),
    "TJK": ("Tajikistan", "Tadjikistan", "Таджикистан"),
    "TKM": ("Turkmenistan", "Turkménistan", "Туркмения"),
    "UZB": ("Uzbekistan", "Ouzbékistan", "Узбекистан"),
    "ISR": ("Israel", "Israël", "Израиль"),
    "AUT": ("Austria", "Autriche", "Австрия"),
    "BEL": ("Belgium", "Belgique", "Бельгия"),
    "BGR": ("Bulgaria", "Bulgarie", "Болгария"),
    "CHE": ("Switzerland", "Suisse", "Швейцария"),
    "CYP": ("Cyprus", "Chypre", "Кипр"),
    "CZE": ("Czech Republic", "République tchèque", "Чехия"),
    "DEU": ("Germany", "Allemagne", "Германия"),
    "DNK": ("Denmark", "Danemark", "Дания"),
    "ESP": ("Spain", "Espagne", "Испания"),
    "EST": ("Estonia", "Estonie", "Эстония"),
    "FIN": ("Finland", "Finlande", "Финляндия"),
    "FRA": ("France", "France", "Франция"),
    "GRC": ("Greece", "Grèce", "Греция"),
    "HRV": ("Croatia", "Croatie", "Хорватия"),
    "HUN": ("Hungary", "Hongrie", "Венгрия"),
    "ISL": ("Iceland", "Islande", "Исландия"),
    "ITA": ("Italy", "Italie", "Италия"),
    "LIE": ("Liechtenstein", "Liechtenstein", "Лихтенштейн"),
    "LTU": ("Lithuania", "Lituanie", "Литва"),
    "LUX": ("Luxembourg", "Luxembourg", "Люксембург"),
    "LVA": ("Latvia", "Lettonie", "Латвия"),
    "MLT": ("Malta", "Malte", "Мальта"),
    "NLD": ("Netherlands", "Pays-Bas", "Нидерланды"),
    "NOR": ("Norway", "Norvège", "Норвегия"),
    "POL": ("Poland", "Pologne", "Польша"),
    "PRT": ("Portugal", "Portugal", "Португалия"),
    "ROU": ("Romania", "Roumanie", "Румыния"),
    "SVK": ("Slovakia", "Slovaquie", "Словакия"),
    "SVN": ("Slovenia", "Slovénie", "Словения"),
    "SWE": ("Sweden", "Suède", "Швеция"),
    "GBR": ("United Kingdom", "Royaume-Uni", "Великобритания"),
    "USA": ("United States of America", "États-Unis", "США"),
    "TUR": ("Turkey", "Turquie", "Турция"),
    "CHN": ("China", "Chine", "Китай"),
    "JPN": ("Japan", "Japon", "Япония"),
}

#: the states of the Schengen area (2025: Bulgaria and Romania in full)
SCHENGEN = frozenset(
    {
        "AUT", "BEL", "BGR", "CHE", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "ISL",
        "ITA", "LIE", "LTU", "LUX", "LVA", "MLT", "NLD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "SWE",
    }
)  # fmt: skip

_LANG_INDEX = {"en": 0, "fr": 1, "ru": 2}
#: any spelling a clerk may type (code or a name in one of our languages) -> code
_BY_NAME = {name.casefold(): code for code, names in COUNTRIES.items() for name in names}
_BY_NAME.update({"россия": "RUS", "russia": "RUS", "ссср": "SUN", "ussr": "SUN", "рф": "RUS"})
_BY_NAME.update({"рсфср": "SUN", "rsfsr": "SUN"})
# a Soviet republic as it was called then (РСФСР, Узбекская ССР, Ukrainian SSR): the country
# of birth was the USSR
_SOVIET_REPUBLIC = re.compile(r"(?i)(?<![^\W\d_])(?:[а-яё]*сср|[a-z]*ssr)(?![^\W\d_])")


def country_code(value: str) -> str | None:
    """The alpha-3 code for a code or a country name we know, else None."""
    text = value.strip()
    if text.upper() in COUNTRIES:
        return text.upper()
    found = _BY_NAME.get(text.casefold())
    if found is None and _SOVIET_REPUBLIC.search(text):
        return "SUN"
    return found


def country_name(value: str, lang: str) -> str | None:
    """The printed name of a country in ``lang``, or None when we do not know it."""
    code = country_code(value)
    if code is None:
        return None
    return COUNTRIES[code][_LANG_INDEX.get(lang, 0)]
