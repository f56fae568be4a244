"""The scored step for typos: same birth date, names a keystroke apart; never on a name alone."""

from __future__ import annotations

import pytest

from pipeline.store.fuzzy import distance
from tests.store.helpers import counts, merge, row

KUZNETSOVA = dict(surname_lat="KUZNETSOVA", name_lat="EKATERINA", surname_ru="Кузнецова", name_ru="Екатерина",
                  patronymic_ru="Андреевна", gender="F", birth_date="1983-09-17", passport_series="75",
                  passport_number="3456789")  # fmt: skip
RENEWED = {"passport_series": "77", "passport_number": "1928374"}  # a new passport: no strong key


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("KUZNETSOVA", "KUZNETSOVA", 0), ("KUZNETSOVA", "KUZNESTOVA", 1), ("KUZNETSOVA", "KUZNECOVA", 2),
     ("EKATERINA", "EKATRINA", 1), ("IVANOV", "PETROV", 3)],
)  # fmt: skip
def test_distance(a, b, expected):
    assert distance(a, b) == expected


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ({"surname_lat": "KUZNESTOVA", "surname_ru": None}, "merged"),  # letters swapped
        ({"name_lat": "EKATRINA", "name_ru": None}, "merged"),  # a letter left out
        ({"surname_lat": "KUZNETSOWA", "name_lat": "EKATERINA"}, "merged"),
        ({"surname_lat": "KUZMETSOVA", "name_lat": "EKATEPINA", "surname_ru": None, "name_ru": None}, "review"),
        ({"surname_lat": "KUZNETSOVA", "name_lat": "ELENA", "surname_ru": None, "name_ru": None}, "new"),
        ({"surname_lat": "KUZNESTOV", "name_lat": "EKATERINA", "gender": "M", "surname_ru": None}, "new"),
        ({"name_lat": "EKATRINA", "name_ru": None, "patronymic_ru": "Олеговна"}, "new"),  # another father
    ],
)
def test_typo_with_the_same_birth_date(db_url, typo, expected):
    merge(db_url, [row(1, **KUZNETSOVA)])
    report = merge(db_url, [row(2, **(KUZNETSOVA | RENEWED | typo))])
    outcome = report.outcomes[0]
    assert outcome.action == expected, outcome.reason
    if expected == "merged":
        assert "one letter" in outcome.reason
        assert counts(db_url)["documents"] == 2


def test_typo_never_merges_without_the_birth_date(db_url):
    merge(db_url, [row(1, **KUZNETSOVA)])
    other_day = KUZNETSOVA | RENEWED | {"surname_lat": "KUZNESTOVA", "surname_ru": None, "birth_date": "1983-09-18"}
    assert merge(db_url, [row(2, **other_day)]).outcomes[0].action == "new"
    no_birth = KUZNETSOVA | {"surname_lat": "KUZNESTOVA", "surname_ru": None, "birth_date": None,
                             "passport_number": "1112223"}
    assert merge(db_url, [row(3, **no_birth)]).outcomes[0].action == "review"  # a namesake: a person decides


def test_the_files_spelling_stands_after_a_typo_merge(db_url):
    merge(db_url, [row(1, **KUZNETSOVA)])
    merge(db_url, [row(2, **(KUZNETSOVA | RENEWED | {"surname_lat": "KUZNESTOVA"}))])
    from sqlalchemy import select

    from pipeline.store.db import session_scope
    from pipeline.store.models import Client, ReviewItem

    with session_scope(db_url) as s:
        assert s.scalars(select(Client.surname_lat)).all() == ["KUZNETSOVA"]
        assert s.scalars(select(ReviewItem)).all() == []
