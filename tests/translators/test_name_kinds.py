"""``name-kind``: the names dictionary tells a first name from a surname or a patronymic, in
Cyrillic and in every passport Latin spelling."""

from __future__ import annotations

import pytest

from pipeline.hooks.manager import registry


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Иван", "first"), ("ИВАН", "first"), ("IVAN", "first"), ("Пётр", "first"), ("PETR", "first"),
        ("IULIIA", "first"), ("YULIYA", "first"), ("JULIJA", "first"), ("DMITRY", "first"), ("Мария", "first"),
        ("Сергеевич", "patronymic"), ("Николаевна", "patronymic"), ("SERGEEVICH", "patronymic"),
        ("Иванов", ""), ("PETROVA", ""), ("SMITH", ""), ("", ""),
    ],
)  # fmt: skip
def test_kind_of_a_name(word, kind):
    assert registry().translators["name-kind"].translate(word) == kind


def test_a_name_that_is_also_a_surname_says_how_sure():
    kind, share = registry().translators["name-kind"].scored("ROMAN")
    assert kind == "first" and 0.5 < share < 1.0
