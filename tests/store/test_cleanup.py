"""The client-file cleanup: duplicates proposed (never twice once rejected), records flagged."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

pytest.importorskip("splink")

from benchmarks.generate_store import load_store, typo  # noqa: E402
from pipeline.cleanup import run_cleanup  # noqa: E402
from pipeline.clients.edit import add_client  # noqa: E402
from pipeline.clients.review import resolve  # noqa: E402
from pipeline.store.db import session_scope  # noqa: E402
from pipeline.store.models import ReviewItem  # noqa: E402
from pipeline.trips.trip import save_trip  # noqa: E402
from tests.store.helpers import merge, row  # noqa: E402

TODAY = dt.date(2026, 11, 27)


def _twins(url: str, store, count: int = 15) -> set[str]:
    """Second records of people already on file: a typo in the surname, a later passport."""
    rnd, pairs = random.Random(4), set()
    with session_scope(url) as s:
        for i in rnd.sample(range(len(store)), count):
            p = store[i]
            c = add_client(s, {"surname_ru": typo(p.surname_ru, rnd), "name_ru": p.name_ru,
                               "patronymic_ru": p.patronymic_ru, "gender": p.gender, "birth_date": p.birth},
                           ("77", p.number[::-1], None))  # fmt: skip
            pairs.add(f"{i + 1}:{c.id}")
    return pairs


def _proposed(url: str) -> list[ReviewItem]:
    with session_scope(url) as s:
        return list(s.scalars(select(ReviewItem).where(ReviewItem.kind == "duplicate").order_by(ReviewItem.score.desc())))


def test_duplicates_are_proposed_ranked_and_a_rejected_pair_never_again(db_url):
    store = load_store(db_url, 3000)
    twins = _twins(db_url, store)
    merge(db_url, [row(1, surname_ru="Орлов", name_ru="Павел")])  # no birth date: read all the same
    report = run_cleanup(db_url, today=TODAY)
    proposed = _proposed(db_url)
    found = {p.pair_key for p in proposed}
    assert len(found & twins) >= len(twins) - 1, report.summary()
    assert len(found - twins) <= 2  # namesakes born the same day may be asked about, rarely
    assert [p.score for p in proposed] == sorted((p.score for p in proposed), reverse=True)
    rejected = proposed[0]
    with session_scope(db_url) as s:
        resolve(s, rejected.id, "reject")
    again = run_cleanup(db_url, today=TODAY)
    assert again.proposals_new == 0 and again.flags_new == 0 and again.clients == 3000 + len(twins) + 1
    assert len(_proposed(db_url)) == len(proposed)


def test_flags_expiring_passport_impossible_values_and_empty_clients(db_url):
    merge(db_url, [
        row(1, surname_lat="ORLOVA", name_lat="ANNA", birth_date="1990-02-03", passport_series="75",
            passport_number="1000001", passport_expiry="2027-03-10"),
        row(2, surname_lat="ORLOV", name_lat="PAVEL", birth_date="2091-01-01", passport_series="75",
            passport_number="1000002", passport_expiry="2030-01-01"),
        row(3, surname_ru="Орлов"),  # a surname and nothing else
    ])  # fmt: skip
    with session_scope(db_url) as s:
        from pipeline.store.merge import merge_rows

        trip = save_trip(s, {"voucher": "PAR-0312", "country": "FRA", "arrival": "2027-03-12",
                             "departure": "2027-03-19"})  # fmt: skip
        merge_rows(s, [row(1, surname_lat="ORLOVA", name_lat="ANNA", birth_date="1990-02-03", passport_series="75",
                           passport_number="1000001")], source="paris.xlsx", sha256="6" * 64, trip=trip)  # fmt: skip
    report = run_cleanup(db_url, today=TODAY, duplicates=False)
    assert report.flags_new == 4
    with session_scope(db_url) as s:
        reasons = " | ".join(sorted(s.scalars(select(ReviewItem.reason).where(ReviewItem.kind == "flag"))))
    assert "runs out on 2027-03-10, before the end of trip PAR-0312 (2027-03-19)" in reasons
    assert "date of birth 2091-01-01 cannot be right" in reasons
    assert "a passport valid until 2030-01-01 ends before the client was born" in reasons
    assert "too little on file" in reasons
    assert run_cleanup(db_url, today=TODAY, duplicates=False).flags_new == 0


def test_the_flow_task_runs_the_plain_function(db_url):
    from flows.cleanup_client_file import clean

    merge(db_url, [row(1, surname_ru="Орлов")])
    assert clean.fn(db_url, False) == {"clients": 0, "pairs": 0, "proposals": 0, "flags": 1}


def test_cleanup_cli_dry_run_lists_ranked_proposals_as_json_and_writes_nothing(db_url):
    import json

    from click.testing import CliRunner

    from pipeline.cli import cli

    store = load_store(db_url, 400)
    twins = _twins(db_url, store, count=4)
    result = CliRunner().invoke(cli, ["cleanup", "--dry-run", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert {f"{p['client_id']}:{p['other_client_id']}" for p in found} >= twins
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)
    assert all(p["client_ids"] == [p["client_id"], p["other_client_id"]] and p["reasons"] for p in found)
    assert _proposed(db_url) == []  # a dry run writes nothing
    said = CliRunner().invoke(cli, ["cleanup", "--db", db_url])
    assert said.exit_code == 0 and f"{len(found)} new for review" in said.stdout


def test_another_patronymic_or_another_passport_and_birth_date_are_two_people(db_url):
    melnikova = dict(surname_ru="Мельникова", name_ru="Анастасия", gender="F", citizenship="RUS")
    merge(db_url, [
        row(1, **melnikova, patronymic_ru="Сергеевна", birth_date="1988-04-12", passport_series="71",
            passport_number="1234567"),
        row(2, **melnikova, patronymic_ru="Александровна", birth_date="1988-04-12", passport_series="72",
            passport_number="7654321"),
        # BAROV / BASOV VLADIMIR, born the same day, other patronymics
        row(3, surname_lat="BAROV", name_lat="VLADIMIR", patronymic_ru="Петрович", birth_date="1975-09-01"),
        row(4, surname_lat="BASOV", name_lat="VLADIMIR", patronymic_ru="Ильич", birth_date="1975-09-01"),
        # one name, other passports and birth years
        row(5, surname_lat="KUZNETSOVA", name_lat="OLGA", birth_date="1961-02-03", passport_series="73",
            passport_number="1111111"),
        row(6, surname_lat="KUZNETSOVA", name_lat="OLGA", birth_date="1979-11-23", passport_series="74",
            passport_number="2222222"),
    ])  # fmt: skip
    with session_scope(db_url) as s:
        assert s.scalars(select(ReviewItem)).all() == []  # the import kept them apart without asking
    assert run_cleanup(db_url, today=TODAY, duplicates=True, dry_run=True).proposals == []


def test_a_second_record_with_swapped_names_and_no_birth_date_is_proposed_twins_are_not(db_url):
    store = load_store(db_url, 400)
    p, q = store[10], store[20]
    twin = store[30]
    with session_scope(db_url) as s:
        # a list that swapped the columns and gave no date of birth, with a newer passport
        swapped = add_client(s, {"surname_ru": p.name_ru, "name_ru": p.surname_ru, "patronymic_ru": p.patronymic_ru,
                                 "gender": p.gender}, ("77", p.number[::-1], None))  # fmt: skip
        # the same, with one letter of the first name mistyped and the date given
        typed = add_client(s, {"surname_ru": q.name_ru, "name_ru": typo(q.surname_ru, random.Random(1)),
                               "patronymic_ru": q.patronymic_ru, "gender": q.gender, "birth_date": q.birth},
                           ("77", q.number[::-1], None))  # fmt: skip
        # a twin: same surname, patronymic, sex and birth date, another first name, own passport
        other_name = "Фёдор" if twin.gender == "M" else "Фаина"
        sibling = add_client(s, {"surname_ru": twin.surname_ru, "name_ru": other_name,
                                 "patronymic_ru": twin.patronymic_ru, "gender": twin.gender,
                                 "birth_date": twin.birth}, ("77", twin.number[::-1], None))  # fmt: skip
        ids = (swapped.id, typed.id, sibling.id)
    report = run_cleanup(db_url, today=TODAY, dry_run=True)
    found = {(p_["client_id"], p_["other_client_id"]) for p_ in report.proposals}
    assert (11, ids[0]) in found and (21, ids[1]) in found
    assert (31, ids[2]) not in found
