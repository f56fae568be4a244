"""Cyrillic -> passport Latin: every letter, the awkward names, and the fast path."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.hooks.manager import registry
from plugins.translators.schemes import SCHEMES, transliterate, transliterate_many

# Typed from the table in ICAO Doc 9303 part 3 (Russian Cyrillic), not from the plugin.
ICAO_LETTERS = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
    "Я": "IA",
}  # fmt: skip
# GOST R 52535.1-2006 differs from it in two letters.
GOST_LETTERS = {**ICAO_LETTERS, "Ц": "TC", "Ъ": ""}


@pytest.mark.parametrize("letter", sorted(ICAO_LETTERS))
def test_icao_every_letter_both_cases(letter: str) -> None:
    assert transliterate(letter) == ICAO_LETTERS[letter]
    assert transliterate(letter.lower()) == ICAO_LETTERS[letter]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Римская-Корсакова", "RIMSKAIA-KORSAKOVA"),
        ("Юлия", "IULIIA"),
        ("Подъячева", "PODIEIACHEVA"),
        ("Цой", "TSOI"),
        ("Щукин", "SHCHUKIN"),
        ("Артём Соловьёв", "ARTEM SOLOVEV"),
        ("Эльвира", "ELVIRA"),
        ("Семёнова-Тян-Шанская", "SEMENOVA-TIAN-SHANSKAIA"),
        ("  Анна   Мария ", "ANNA MARIIA"),
        ("Иванов 2-й, (мл.)", "IVANOV -I ML"),
        ("Ivanov", "IVANOV"),
        ("Hélène", "HELENE"),
        ("Олена Ґалаґан", "OLENA GALAGAN"),
        ("", ""),
    ],
)
def test_icao_names(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


@pytest.mark.parametrize(
    ("scheme", "cyrillic", "latin"),
    [
        ("gost52535", "Цой Подъячева", "TCOI PODIACHEVA"),
        ("gost52535", "Юлия", "IULIIA"),
        ("mvd310", "Юлия Щеглова", "YULIYA SHCHEGLOVA"),
        ("mvd310", "Андрей Видный", "ANDREY VIDNYY"),
        ("mvd310", "Гайа Васильева", "GAYA VASILYEVA"),
        ("mvd310", "Подъезжев Елена", "PODYEZZHEV ELENA"),
        ("mvd310", "Цой Хохлов", "TSOY KHOKHLOV"),
        ("ds160", "Елена Фёдоровна Ёлкина", "YELENA FEDOROVNA YELKINA"),
        ("ds160", "Сергеев Юрьевич", "SERGEYEV YURYEVICH"),
        ("ds160", "Римская-Ежова", "RIMSKAYA-YEZHOVA"),
    ],
)
def test_older_schemes(scheme: str, cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme) == latin


_RUSSIAN = st.text(alphabet=sorted(ICAO_LETTERS) + [c.lower() for c in ICAO_LETTERS], max_size=40)


@given(_RUSSIAN)
def test_icao_is_the_per_letter_table(text: str) -> None:
    assert transliterate(text) == "".join(ICAO_LETTERS[c.upper()] for c in text)


@given(_RUSSIAN)
def test_gost_is_the_per_letter_table(text: str) -> None:
    assert transliterate(text, "gost52535") == "".join(GOST_LETTERS[c.upper()] for c in text)


@given(st.lists(st.text(alphabet="АбвЁёЕеЪьйЮя -,.1\t\nZé", max_size=12), max_size=20))
def test_many_equals_one_by_one(texts: list[str]) -> None:
    for name in SCHEMES:
        assert transliterate_many(texts, name) == [transliterate(t, name) for t in texts]


def test_output_alphabet_is_passport_latin() -> None:
    out = transliterate("Жанна д'Арк — O'Brien № 5 ½ ß Straße!")
    assert set(out) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ -")


def test_registered_through_hooks() -> None:
    translators = registry().translators
    assert {"icao", "gost52535", "mvd310", "ds160"} <= set(translators)
    icao = translators["icao"]
    assert (icao.source, icao.target) == ("ru", "lat")
    assert icao.translate("Юлия Подъячева") == "IULIIA PODIEIACHEVA"
    assert icao.many(["Цой", "Щукин"]) == ["TSOI", "SHCHUKIN"]
    assert translators["mvd310"].translate("Юлия") == "YULIYA"


def test_a_long_list_is_transliterated_name_by_name() -> None:
    # the speed of this path is measured by `python -m benchmarks translit`, not asserted here
    names = ["Римская-Корсакова", "Юлия", "Подъячева", "Александрович", "Щукин"] * 20_000
    out = transliterate_many(names)
    assert out[:5] == ["RIMSKAIA-KORSAKOVA", "IULIIA", "PODIEIACHEVA", "ALEKSANDROVICH", "SHCHUKIN"]
    assert out == out[:5] * 20_000
