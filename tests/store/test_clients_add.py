"""``clients add`` matches as an import does, and ``clients find --passport`` takes a series, a
number or the beginning of either. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from pipeline.cli import cli
from pipeline.store.db import session_scope
from pipeline.store.models import Client, ReviewItem
from tests.store.helpers import IVANOV, merge, row

KIM = dict(surname_lat="KIM", name_lat="VIKTORIIA", surname_ru="Ким", name_ru="Виктория", gender="F",
           birth_date="1987-07-07", passport_series="70", passport_number="2975389", citizenship="RUS")  # fmt: skip
NURLANOVA = dict(surname_lat="NURLANOVA", name_lat="AIGERIM", surname_ru="Нурланова", name_ru="Айгерим",
                 gender="F", birth_date="1992-02-04", passport_number="N12345678", citizenship="KAZ")  # fmt: skip


@pytest.fixture
def store(db_url):
    merge(db_url, [row(1, **IVANOV), row(2, **KIM), row(3, **NURLANOVA)])
    return db_url


def _run(db: str, *args: str):
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert "Traceback" not in result.output, result.output
    return result


def _count(db: str, model=Client) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.count()).select_from(model))


def _id(db: str, surname: str) -> int:
    with session_scope(db) as s:
        return s.scalar(select(Client.id).where(Client.surname_lat == surname))


def test_an_exact_match_shows_the_client_and_adds_nobody(store):
    kim = _id(store, "KIM")
    result = _run(store, "clients", "add", "--surname-ru", "Ким", "--name-ru", "Виктория", "--surname-lat", "KIM",
                  "--name-lat", "VIKTORIIA", "--birth-date", "07.07.1987")  # fmt: skip
    assert result.exit_code == 0
    assert f"client {kim} is already in the file" in result.stdout and "nobody was added" in result.stdout
    assert "70 2975389" in result.stdout or "2975389" in result.stdout  # the card shown
    # the same with the passport, typed another way
    again = _run(store, "clients", "add", "--surname-lat", "KIM", "--name-lat", "VIKTORIIA", "--passport", "70-2975389")
    assert f"client {kim} is already in the file" in again.stdout
    assert _count(store) == 3 and _count(store, ReviewItem) == 0


def test_a_likely_match_goes_to_review_or_needs_force(store):
    kim = _id(store, "KIM")
    typo = ["clients", "add", "--surname-lat", "KIM", "--name-lat", "VIKTORIIA", "--surname-ru", "Ким",
            "--name-ru", "Виктория", "--birth-date", "07.08.1987", "--gender", "F"]  # fmt: skip
    result = _run(store, *typo)
    assert result.exit_code == 0 and "not added" in result.stdout and f"client {kim}" in result.stdout
    assert "--force" in result.stdout
    assert _count(store) == 3
    with session_scope(store) as s:
        item = s.scalars(select(ReviewItem)).one()
        assert (item.kind, item.client_id, item.incoming["name_lat"]) == ("possible_match", kim, "VIKTORIIA")
    forced = _run(store, *typo, "--force")
    assert forced.exit_code == 0 and "added" in forced.stdout
    assert _count(store) == 4


def test_a_passport_another_client_holds_is_one_line_naming_them(store):
    ivanov = _id(store, "IVANOV")
    result = _run(store, "clients", "add", "--surname-lat", "PETROV", "--name-lat", "OLEG", "--birth-date",
                  "01.01.1990", "--passport", "75 1234567")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "IntegrityError" not in result.output
    assert f"client {ivanov}" in result.stderr and "IVANOV SERGEI" in result.stderr
    assert _count(store) == 3


def test_a_new_person_is_added_and_bad_passports_are_refused(store):
    result = _run(store, "clients", "add", "--surname-ru", "Шевченко", "--name-ru", "Олесь", "--citizenship", "UKR",
                  "--passport", "FE123456", "--passport-expiry", "01.02.2031")  # fmt: skip
    assert result.exit_code == 0 and result.stdout.startswith("client ") and "added" in result.stdout
    for passport in ("12", "75 12345678"):
        bad = _run(store, "clients", "add", "--surname-lat", "ZAITSEV", "--passport", passport)
        assert bad.exit_code == 2 and bad.stderr.count("\n") == 1, bad.output
    assert _run(store, "clients", "add", "--surname-lat", "ZAITSEV", "--passport-expiry", "01.01.2030").exit_code == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--passport", "75"], ["IVANOV"]),  # the series alone
        (["--passport", "7"], ["IVANOV", "KIM"]),  # the beginning of a series
        (["--passport", "75 12"], ["IVANOV"]),  # a series and the beginning of the number
        (["--passport", "1234567"], ["IVANOV"]),  # the number alone
        (["--passport", "123"], ["IVANOV"]),  # the beginning of the number
        (["--passport", "751234567"], ["IVANOV"]),
        (["--passport", "n123"], ["NURLANOVA"]),  # another country's number, any case
        (["--passport", "76"], []),
        (["ким", "--passport", "70"], ["KIM"]),
        (["иванов", "--passport", "70"], []),
    ],
)
def test_find_by_passport_takes_a_series_a_number_or_a_beginning(store, args, expected):
    result = _run(store, "clients", "find", *args, "--json")
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["surname_lat"] for line in result.stdout.splitlines()) == expected


def test_find_needs_something_to_look_for(store):
    for args in ([], ["--passport", " "]):
        result = _run(store, "clients", "find", *args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
