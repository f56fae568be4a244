"""Built-in plugin: passport Latin -> the likeliest Russian (Cyrillic) spelling of a name.

Whatever scheme wrote the Latin (ICAO, GOST, MVD 310, BGN, J-spellings), a name the
dictionary knows comes back as the most frequent Cyrillic spelling that scheme writes that
way; an unknown one is reversed by rules, with a confidence below 0.6.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline import Translator, hookimpl
from plugins.translators.names import best, index
from plugins.translators.rules import looks_cyrillic, loosen, reverse_rules
from plugins.translators.schemes import SCHEMES

if TYPE_CHECKING:
    from pipeline import Register

#: confidence of a rule-based guess; dictionary answers score 0.55 to 0.99
RULES_CONFIDENCE = 0.4
# Below this count an exact hit is checked against the English-style reading.
_RARE = 50
_OUTWEIGH = 20
# Spellings outside every scheme never reach the 0.9 of an unambiguous exact hit.
_LOOSE_FACTOR = 0.88
# "M"/"F" as the contract spells them, plus what lists in Russian write (М/Ж).
_GENDERS = {"M": "M", "F": "F", "М": "M", "Ж": "F"}
_SEPARATOR = re.compile(r"([- ])")
_clean = SCHEMES["icao"].translate  # upper case, accents stripped, signs dropped


def _title(text: str) -> str:
    return "".join(p[:1].upper() + p[1:].lower() for p in _SEPARATOR.split(text))


@lru_cache(maxsize=65536)
def _word(latin: str, gender: str | None) -> tuple[str, float]:
    found = index().candidates(latin)
    if found and found[0].count >= _RARE:
        return best(found, gender)
    # No scheme writes DMITRY or ALEXEY, yet lists do; a rare exact hit for such a spelling
    # is usually a typing error in the dictionary data (Дмитрй), so the English reading wins
    # when it is far more frequent.
    loose = loosen(latin)
    if loose != latin:
        other = index().candidates(loose)
        if other and other[0].count > _OUTWEIGH * (found[0].count if found else 0):
            text, confidence = best(other, gender)
            return text, round(confidence * _LOOSE_FACTOR, 3)
    if found:
        return best(found, gender)
    return reverse_rules(loose), RULES_CONFIDENCE


@lru_cache(maxsize=65536)
def _scored(latin: str, gender: str | None) -> tuple[str, float]:
    if not latin:
        return "", 0.0
    if "-" not in latin and " " not in latin:
        return _word(latin, gender)
    found = index().candidates(latin)
    if found:  # the dictionary knows some double surnames as a whole
        return best(found, gender)
    out, confidence = [], 1.0
    for piece in _SEPARATOR.split(latin):
        if piece in ("-", " ", ""):
            out.append(piece)
            continue
        text, score = _word(piece, gender)
        out.append(text)
        confidence = min(confidence, score)
    return "".join(out), confidence


def translate_scored(text: str, gender: str | None = None) -> tuple[str, float]:
    """The likeliest Cyrillic for a passport name and a confidence in [0, 1].

    ``gender`` (``"M"``/``"F"``, or М/Ж) only breaks ties between names of both sexes that
    share a spelling. Text already in Cyrillic is only title-cased, with confidence 1.
    """
    if looks_cyrillic(text):
        return _title(" ".join(text.split())), 1.0
    return _scored(_clean(text), _GENDERS.get((gender or "").strip().upper()[:1]))


def translate(text: str) -> str:
    """The likeliest Cyrillic spelling of a passport name (``IULIIA`` -> ``Юлия``)."""
    return translate_scored(text)[0]


def translate_many(texts: Iterable[str]) -> list[str]:
    """:func:`translate` for each of ``texts``."""
    return [translate_scored(t)[0] for t in texts]


@hookimpl
def register_translators(register: Register) -> None:
    """Register ``lat2ru``, the reverse used by ``translit --to ru``."""
    register.translator(
        Translator(
            name="lat2ru",
            description="Passport Latin (any scheme) to the likeliest Russian spelling of a name",
            source="lat",
            target="ru",
            translate=translate,
            translate_scored=translate_scored,
            translate_many=translate_many,
        )
    )
