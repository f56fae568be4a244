"""Was a tourist born in the USSR? From the place or country of birth as a clerk typed them.

Passports of everyone born in the Soviet Union before it ended (26.12.1991) give USSR as the
nationality at birth, whatever the republic: a woman born in Tashkent in 1950, a man born in
Ukraine in 1983. Clerks type the place as the passport or the client says it, in old names
(Ленинград, Фрунзе, Узбекская ССР) or new ones (Санкт-Петербург, Бишкек, Узбекистан).
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.forms.countries import country_code

#: the day the USSR ceased to exist
USSR_END = dt.date(1991, 12, 26)
#: the fifteen republics, by the codes of the states that followed them
REPUBLICS = frozenset(
    {"RUS", "UKR", "BLR", "KAZ", "UZB", "TJK", "TKM", "KGZ", "ARM", "AZE", "GEO", "MDA", "LTU", "LVA", "EST"}
)

# Soviet-era and present names of the republics, their capitals and large cities, as a
# clerk types them (Russian or Latin); compared on case-folded words, ё as е
_PLACES = """
ссср ussr sssr советский союз soviet union рсфср rsfsr ссср
россия russia рф украина ukraine украинская усср ukrainian беларусь белоруссия белорусская бсср
belarus byelorussia казахстан казахская казсср kazakhstan узбекистан узбекская узсср uzbekistan
таджикистан таджикская tajikistan туркмения туркменистан туркменская turkmenistan киргизия
кыргызстан киргизская kyrgyzstan kirghizia армения армянская armenia азербайджан азербайджанская
azerbaijan грузия грузинская georgia молдавия молдова молдавская moldova moldavia литва литовская
lithuania латвия латвийская latvia эстония эстонская estonia
москва moscow moskva ленинград leningrad санкт петербург петербург saint petersburg st petersburg
свердловск екатеринбург горький нижний новгород куйбышев самара калинин тверь новосибирск
омск челябинск пермь молотов казань уфа ростов волгоград сталинград воронеж красноярск иркутск
хабаровск владивосток мурманск архангельск калининград кёнигсберг ярославль тула рязань
ташкент tashkent самарканд бухара андижан наманган фергана
киев kiev kyiv київ харьков kharkiv kharkov одесса odessa odesa днепропетровск днепр дніпро
донецк сталино луганск ворошиловград запорожье львов lviv винница полтава житомир черновцы
ужгород севастополь симферополь ялта кривой рог николаев херсон
минск minsk гомель брест гродно витебск могилёв могилев
алма ата алматы almaty alma ata целиноград астана акмолинск караганда шымкент чимкент
усть каменогорск семипалатинск павлодар
фрунзе бишкек bishkek frunze ош душанбе сталинабад dushanbe ходжент ленинабад худжанд
ашхабад ashgabat полторацк красноводск туркменбаши
ереван yerevan ленинакан гюмри кировакан ванадзор баку baku сумгаит гянджа кировабад
тбилиси tbilisi тифлис кутаиси батуми сухуми
кишинёв кишинев chisinau kishinev бельцы тирасполь
вильнюс vilnius каунас клайпеда рига riga даугавпилс лиепая таллин таллинн tallinn тарту нарва
"""
# states that were never Soviet, by the names of the time (born to a Soviet family posted there)
_ABROAD = frozenset({"гдр", "gdr", "фрг", "чехословакия", "югославия", "czechoslovakia", "yugoslavia"})
_WORDS = re.compile(r"[^\W\d_]+")
_KNOWN = frozenset(w for w in _WORDS.findall(_PLACES.casefold().replace("ё", "е")))
# two-word names: a lone "нижний" or "saint" is no place
_PAIRS = frozenset(
    {
        ("санкт", "петербург"), ("нижний", "новгород"), ("алма", "ата"), ("кривой", "рог"),
        ("усть", "каменогорск"), ("saint", "petersburg"), ("st", "petersburg"), ("alma", "ata"),
        ("советский", "союз"), ("soviet", "union"),
    }
)  # fmt: skip
_HALVES = frozenset(w for pair in _PAIRS for w in pair)
# a Soviet administrative word in a place of birth: ССР, АССР, обл., край, р-н
_SOVIET_UNITS = re.compile(r"(?i)(?<![^\W\d_])(?:а?сср|обл|область|край|р-н|район|губерния)(?![^\W\d_])")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold().replace("ё", "е"))


def place_in_ussr(text: str | None) -> bool | None:
    """True when ``text`` (a place or country of birth) lies in the former USSR, False when it
    names a country that was never Soviet, None when it cannot tell."""
    if not text or not str(text).strip():
        return None
    text = str(text).strip()
    code = country_code(text)
    if code is not None:
        return code == "SUN" or code in REPUBLICS
    words = _words(text)
    if _ABROAD.intersection(words):
        return False
    pairs = set(zip(words, words[1:], strict=False))
    if pairs & _PAIRS or any(w in _KNOWN and w not in _HALVES for w in words):
        return True
    if _SOVIET_UNITS.search(text):
        return True
    # "Дрезден, Германия": the last part is the country when it is one we know
    last = re.split(r"[,;()]", text)[-1].strip() or text
    code = country_code(last)
    if code is not None:
        return code == "SUN" or code in REPUBLICS
    return None


def born_in_ussr(
    birth_date: dt.date | None,
    country_of_birth: str | None,
    place_of_birth: str | None,
    citizenship: str | None,
) -> bool:
    """Whether the nationality at birth is USSR: born before 26.12.1991 in a Soviet republic.

    The country of birth decides when it is given, then the place; with neither telling, a
    citizen of Russia born then is taken to be born in the USSR (the form asks for the place
    anyway, so a clerk sees it).
    """
    if birth_date is None or birth_date >= USSR_END:
        return False
    for typed in (country_of_birth, place_of_birth):
        found = place_in_ussr(typed)
        if found is not None:
            return found
    return citizenship == "RUS"
