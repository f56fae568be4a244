"""Passport Latin by the citizen's own country (issue 22 item 3): Ukraine's 2010 table, Belarus,
Kazakhstan; and ICAO 9303 keeping every Cyrillic letter of the languages our tourists write in."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.hooks.manager import registry
from plugins.translators.schemes import transliterate, transliterate_many

# The examples printed in Cabinet of Ministers resolution No. 55 of 27.01.2010, typed from it.
UKRAINE_2010 = [
    ("Алушта", "ALUSHTA"), ("Борщагівка", "BORSHCHAHIVKA"), ("Вінниця", "VINNYTSIA"), ("Гадяч", "HADIACH"),
    ("Згорани", "ZGHORANY"), ("Ґалаґан", "GALAGAN"), ("Єнакієве", "YENAKIIEVE"), ("Гаєвич", "HAIEVYCH"),
    ("Короп'є", "KOROPIE"), ("Житомир", "ZHYTOMYR"), ("Закарпаття", "ZAKARPATTIA"), ("Іршава", "IRSHAVA"),
    ("Їжакевич", "YIZHAKEVYCH"), ("Кадиївка", "KADYIVKA"), ("Йосипівка", "YOSYPIVKA"), ("Стрий", "STRYI"),
    ("Олексій", "OLEKSII"), ("Миколаїв", "MYKOLAIV"), ("Ужгород", "UZHHOROD"), ("Харків", "KHARKIV"),
    ("Біла Церква", "BILA TSERKVA"), ("Гоща", "HOSHCHA"), ("Юрій", "YURII"), ("Корюківка", "KORIUKIVKA"),
    ("Яготин", "YAHOTYN"), ("Костянтин", "KOSTIANTYN"), ("Знам'янка", "ZNAMIANKA"), ("Феодосія", "FEODOSIIA"),
    ("Русь", "RUS"), ("Львів", "LVIV"),
]  # fmt: skip
# Names as Ukrainian lists write them, apostrophe typed three ways.
UKRAINE_NAMES = [
    ("Шевченко", "SHEVCHENKO"), ("Наталія", "NATALIIA"), ("Євгенія", "YEVHENIIA"), ("Мар'яна", "MARIANA"),
    ("Мар’яна", "MARIANA"), ("Марʼяна", "MARIANA"), ("Соловйова", "SOLOVIOVA"), ("Іваненко-Гнатюк", "IVANENKO-HNATIUK"),
]  # fmt: skip
BELARUS = [
    ("Аляксандр", "ALIAKSANDR"), ("Сяргей", "SIARHEI"), ("Яўген", "YAUHEN"), ("Вольга", "VOLHA"),
    ("Кацярына", "KATSIARYNA"), ("Марыя", "MARYIA"), ("Пётр", "PIOTR"), ("Алёна", "ALIONA"),
    ("Сяргееў", "SIARHEYEU"), ("Дар'я", "DARYA"), ("Ева", "YEVA"),
]  # fmt: skip
KAZAKHSTAN = [
    ("Әлиев", "ALIEV"), ("Қанат", "KANAT"), ("Нұрсұлтан", "NURSULTAN"), ("Жаңар", "ZHANAR"),
    ("Өмірзақ", "OMIRZAK"), ("Ғалия", "GALIIA"), ("Үмбетәлі", "UMBETALI"), ("Һидаят", "HIDAIAT"),
]  # fmt: skip


def _scheme(name: str):
    return registry().translators[name]


@pytest.mark.parametrize(("cyrillic", "latin"), UKRAINE_2010 + UKRAINE_NAMES)
def test_ukraine_2010_table(cyrillic: str, latin: str) -> None:
    assert _scheme("ukraine2010").translate(cyrillic) == latin
    assert _scheme("ukraine2010").translate(cyrillic.lower()) == latin


@pytest.mark.parametrize(("cyrillic", "latin"), BELARUS)
def test_belarus_passport_rules(cyrillic: str, latin: str) -> None:
    assert _scheme("belarus").translate(cyrillic) == latin


@pytest.mark.parametrize(("cyrillic", "latin"), KAZAKHSTAN)
def test_kazakhstan_passport_rules(cyrillic: str, latin: str) -> None:
    assert _scheme("kazakhstan").translate(cyrillic) == latin


def test_each_scheme_says_whose_passports_it_writes() -> None:
    schemes = registry().translators
    assert {n: (t.source, t.target, t.countries) for n, t in schemes.items() if t.countries} == {
        "ukraine2010": ("ru", "lat", ("UKR",)),
        "belarus": ("ru", "lat", ("BLR",)),
        "kazakhstan": ("ru", "lat", ("KAZ",)),
    }
    assert schemes["icao"].countries == ()
    assert "resolution No. 55" in schemes["ukraine2010"].description


def test_many_at_once_equals_one_by_one() -> None:
    names = [c for c, _ in UKRAINE_NAMES + BELARUS + KAZAKHSTAN] + ["Иванов", "", "Шевченко Наталія"]
    for name in ("ukraine2010", "belarus", "kazakhstan", "icao"):
        scheme = _scheme(name)
        assert scheme.many(names) == [scheme.translate(n) for n in names], name


# Every letter of the alphabets our tourists write in, and the Serbian and Macedonian letters
# of ICAO's table: none may come out empty (only the soft sign has no Latin).
LETTERS = "ІЇЄҐЎӘҒҚҢӨҰҮҺЂЃЅЈЉЊЋЌЏ"
ICAO_EXTRA = {
    "І": "I", "Ї": "I", "Є": "IE", "Ґ": "G", "Ў": "U", "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O",
    "Ұ": "U", "Ү": "U", "Һ": "H", "Ђ": "D", "Ѓ": "G", "Ѕ": "DZ", "Ј": "J", "Љ": "LJ", "Њ": "NJ", "Ћ": "C",
    "Ќ": "K", "Џ": "DZ",
}  # fmt: skip


@pytest.mark.parametrize("letter", list(LETTERS))
def test_icao_keeps_every_letter_one_by_one_and_many_at_once(letter: str) -> None:
    assert transliterate(letter) == ICAO_EXTRA[letter]
    assert transliterate(letter.lower()) == ICAO_EXTRA[letter]
    # the fast path goes through cp1251, which lacks the Kazakh letters
    assert transliterate_many([f"А{letter.lower()}А", "Иванов"]) == [f"A{ICAO_EXTRA[letter]}A", "IVANOV"]


def test_icao_without_citizenship_never_cuts_a_name() -> None:
    assert transliterate_many(["Наталія", "Іваненко", "Әлиев Қанат", "Мар'яна"]) == [
        "NATALIIA", "IVANENKO", "ALIEV KANAT", "MARIANA",
    ]  # fmt: skip


def test_translit_command_takes_a_country_scheme() -> None:
    result = CliRunner().invoke(
        cli, ["translit", "--to", "lat", "--scheme", "ukraine2010", "Наталія", "Євген"]
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == ["NATALIIA", "YEVHEN"]


@pytest.mark.parametrize(
    ("scheme", "latin"),
    [("gost52535", "ALIEV NATALIIA"), ("mvd310", "ALIEV NATALIYA"), ("ds160", "ALIYEV NATALIYA")],
)
def test_older_russian_schemes_write_the_other_alphabets_letters_as_icao(scheme: str, latin: str) -> None:
    assert transliterate("Әлиев Наталія", scheme) == latin
    assert transliterate_many(["Әлиев Наталія"], scheme) == [latin]
