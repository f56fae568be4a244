"""The starter dictionary as shipped, and the dictionary-en / dictionary-fr plugin over it (no store)."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.dictionary.model import DATA, key, read_csv, starter
from plugins.translators import dictionary as plugin


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Москва", "en", "Moscow"),
        ("  москва. ", "fr", "Moscou"),
        ("г. Москва", "fr", "Moscou"),
        ("САНКТ-ПЕТЕРБУРГ", "fr", "Saint-Pétersbourg"),
        ("Ростов на Дону", "en", "Rostov-on-Don"),
        ("Орел", "en", "Oryol"),
        ("замужем", "fr", "mariée"),
        ("женат", "fr", "marié"),
        ("Разведен", "en", "divorced"),
        ("бухгалтер", "fr", "comptable"),
        ("Пенсионерка", "fr", "retraitée"),
        ("учеба", "fr", "études"),
        ("ООО", "en", "LLC"),
        ("внучка", "fr", "petite-fille"),
        ("Германия", "fr", "Allemagne"),
        ("Российская Федерация", "en", "Russia"),
        ("США", "fr", "États-Unis"),
        ("женский", "en", "female"),
        ("engineer", "fr", "ingénieur"),
    ],
)
def test_starter_translates(text, language, expected):
    assert plugin.translate(text, language) == expected


def test_unknown_value_is_not_copied_through():
    assert plugin.translate("тракторист-машинист", "en") == ""
    assert plugin.translate("Gazprom", "fr") == ""


def test_plugin_registers_both_languages():
    from pipeline.hooks.registry import Register

    register = Register()
    plugin.register_translators(register=register)
    translators = register.translators
    en, fr = translators["dictionary-en"], translators["dictionary-fr"]
    assert (en.source, en.target, fr.target) == ("ru", "en", "fr")
    assert en.translate("Врач") == "doctor"
    assert fr.scored("Врач") == ("médecin", 1.0)
    assert fr.scored("нет такого") == ("", 0.0)


@pytest.mark.parametrize("name", ["dictionary.csv", "dictionary_countries.csv"])
def test_starter_files_are_complete_and_have_no_duplicate_keys(name):
    rows = read_csv(DATA / name)
    assert len(rows) > 200
    assert all(r.en and r.fr and r.kind for r in rows), [r.ru for r in rows if not (r.en and r.fr and r.kind)]
    dupes = [k for k, n in Counter(key(r.ru) for r in rows).items() if n > 1]
    assert not dupes


def test_starter_covers_the_kinds_the_forms_need():
    kinds = Counter(e.kind for e in starter().values())
    assert kinds["city"] >= 60 and kinds["country"] >= 240 and kinds["occupation"] >= 80
    for kind in ("employer", "civil_status", "purpose", "relation", "document", "sex"):
        assert kinds[kind] >= 5, kind
