"""`tourdesk clients find|show|edit|add|unmerge` and `batches undo`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli.batches import batches
from pipeline.cli.clients import clients
from pipeline.record import CANONICAL_FIELDS
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client
from tests.store.helpers import IVANOV, counts, merge, row

FEDOROVA = dict(surname_ru="Фёдорова", name_ru="Алёна", surname_lat="FEDOROVA", name_lat="ALENA", gender="F",
                birth_date="1990-07-02", passport_series="76", passport_number="2345678", citizenship="RUS")  # fmt: skip
IVANOVA = dict(surname_ru="Иванова", name_ru="Ольга", patronymic_ru="Сергеевна", surname_lat="IVANOVA",
               name_lat="OLGA", gender="F", birth_date="1981-11-30", passport_series="75",
               passport_number="5551234", citizenship="RUS")  # fmt: skip
# a Latin-only namesake of Ivanov, born another year
IVANOV_2 = dict(surname_lat="IVANOV", name_lat="SERGEY", birth_date="1992-01-09", passport_series="72",
                passport_number="9990001")  # fmt: skip


@pytest.fixture
def store(db_url):
    merge(db_url, [row(1, **IVANOV), row(2, **FEDOROVA), row(3, **IVANOVA), row(4, **IVANOV_2)])
    return db_url


def _run(group, url, *args):
    return CliRunner().invoke(group, [*args, "--db", url], catch_exceptions=False)


def _ids(result) -> list[int]:
    return [json.loads(line)["client_id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (["фёдорова"], ["FEDOROVA"]),
        (["ФЕДОРОВА"], ["FEDOROVA"]),  # ё and е alike, any case
        (["fyodorova"], ["FEDOROVA"]),  # an older spelling finds the ICAO one
        (["Фед"], ["FEDOROVA"]),  # a beginning is enough
        (["иван"], ["IVANOV", "IVANOV", "IVANOVA"]),
        (["Ivanov", "--name", "Сергей"], ["IVANOV", "IVANOV"]),  # SERGEI and SERGEY alike
        (["ivanov", "--birth-date", "14.05.1978"], ["IVANOV"]),
        (["Иванов", "--passport", "75 1234567"], ["IVANOV"]),
        (["Иванов", "--passport", "123"], ["IVANOV"]),
        (["Петров"], []),
    ],
)
def test_find_json(store, query, expected):
    result = _run(clients, store, "find", *query, "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["surname_lat"] for r in records) == expected
    for r in records:
        assert {"client_id", *CANONICAL_FIELDS} <= set(r)


def test_one_match_is_shown_in_full_several_are_told_apart(store):
    one = _run(clients, store, "find", "Федорова")
    assert "Фёдорова Алёна" in one.stdout and "76 2345678 (current" in one.stdout
    several = _run(clients, store, "find", "ivanov", "--name", "serg")
    assert "2 clients found" in several.stdout
    assert "date of birth: 1978-05-14" in several.stdout and "date of birth: 1992-01-09" in several.stdout


def test_card_last4_keeps_only_four_digits_and_never_prints_the_card(store):
    card = "4276 3800 1234 5678"
    with session_scope(store) as s:
        client_id = s.scalar(select(Client.id).where(Client.surname_lat == "FEDOROVA"))
    result = _run(clients, store, "edit", str(client_id), "--card-last4", card)
    assert result.exit_code == 0
    assert "…5678" in result.stderr and "4276" not in result.output
    with session_scope(store) as s:
        assert s.get(Client, client_id).card_last4 == "5678"
        assert all("4276" not in (c.new_value or "") for c in s.scalars(select(Change)))
    found = _run(clients, store, "find", "Фёдорова", "--card-last4", "5678", "--json")
    assert _ids(found) == [client_id]
    assert _ids(_run(clients, store, "find", "Фёдорова", "--card-last4", "1111", "--json")) == []


def test_edit_records_old_values_and_can_be_undone(store):
    with session_scope(store) as s:
        client_id = s.scalar(select(Client.id).where(Client.surname_lat == "IVANOVA"))
    result = _run(clients, store, "edit", str(client_id), "--surname-ru", "петрова", "--not-regular")
    assert "surname_ru Иванова -> Петрова" in result.stdout
    with session_scope(store) as s:
        c = s.get(Client, client_id)
        assert (c.surname_ru, c.search_ru, c.is_regular) == ("Петрова", "петрова", False)
        ch = s.scalars(select(Change).where(Change.field == "surname_ru")).one()
        assert (ch.old_value, ch.new_value, ch.source) == ("Иванова", "Петрова", "edited at the desk")
        batch = ch.batch_id
    assert _ids(_run(clients, store, "find", "Петрова", "--json")) == [client_id]
    undone = _run(batches, store, "undo", str(batch))
    assert undone.exit_code == 0 and "0 clients removed, 2 values restored" in undone.stdout
    with session_scope(store) as s:
        assert (s.get(Client, client_id).surname_ru, s.get(Client, client_id).is_regular) == ("Иванова", True)


def test_add_then_find_and_bad_input(store):
    added = _run(clients, store, "add", "--surname-ru", "Цой", "--name-ru", "Виктор", "--surname-lat", "tsoi",
                 "--name-lat", "viktor", "--birth-date", "21.06.1962", "--passport", "70 1112223")  # fmt: skip
    assert added.exit_code == 0, added.output
    found = [json.loads(line) for line in _run(clients, store, "find", "цой", "--json").stdout.splitlines()]
    assert [(r["surname_lat"], r["passport_number"]) for r in found] == [("TSOI", "1112223")]
    bad = _run(clients, store, "add", "--surname-lat", "Цой")
    assert bad.exit_code == 2 and "Latin letters" in bad.stderr
    assert _run(clients, store, "show", "99999").exit_code == 1


def test_import_undo_command_and_refusal(store):
    report = merge(store, [row(9, **(IVANOVA | {"patronymic_ru": None, "passport_number": "5559999"}))])
    later = merge(store, [row(1, **(IVANOVA | {"passport_number": "5550000", "passport_expiry": "2040-01-01"}))])
    refused = _run(batches, store, "undo", str(report.batch_id))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    forced = _run(batches, store, "undo", str(report.batch_id), "--force")
    assert forced.exit_code == 0 and f"batch {later.batch_id}, {report.batch_id}" in forced.stdout
    assert counts(store)["documents"] == 4
    listed = _run(batches, store, "list")
    assert "undone by" in listed.stdout


def test_unmerge_command(store):
    report = merge(store, [row(2, **(FEDOROVA | {"patronymic_ru": "Игоревна", "passport_number": "2340000",
                                                 "passport_expiry": "2039-01-01"}))])  # fmt: skip
    client_id = report.outcomes[0].client_id
    result = _run(clients, store, "unmerge", str(client_id), "--batch", str(report.batch_id))
    assert result.exit_code == 0, result.output
    assert f"the tourist from batch {report.batch_id} is now client" in result.stdout
    with session_scope(store) as s:
        assert s.get(Client, client_id).patronymic_ru is None
    again = _run(clients, store, "unmerge", str(client_id), "--batch", str(report.batch_id))
    assert again.exit_code == 1 and "already unmerged" in again.stderr


def _passports(url, surname_lat: str, name_lat: str) -> tuple[int, list[tuple[str, str | None, bool]]]:
    from pipeline.store.models import Document

    with session_scope(url) as s:
        client = s.scalar(select(Client).where(Client.surname_lat == surname_lat, Client.name_lat == name_lat))
        docs = s.scalars(select(Document).where(Document.client_id == client.id, Document.kind == "foreign_passport"))
        return client.id, sorted((f"{d.series}{d.number}", d.expiry and d.expiry.isoformat(), d.is_current) for d in docs)


def _last_batch(url) -> int:
    from pipeline.store.models import ImportBatch

    with session_scope(url) as s:
        return s.scalars(select(ImportBatch.id).order_by(ImportBatch.id.desc())).first()


def test_a_new_passport_typed_at_the_desk_becomes_current_and_can_be_undone(store):
    client, before = _passports(store, "FEDOROVA", "ALENA")
    assert before == [("762345678", None, True)]
    out = _run(clients, store, "edit", str(client), "--passport", "77 1234567", "--passport-expiry", "01.03.2036")
    assert out.exit_code == 0, out.output
    assert f"client {client}: passport 76 2345678 -> 77 1234567" in out.stdout
    assert _passports(store, "FEDOROVA", "ALENA")[1] == [("762345678", None, False), ("771234567", "2036-03-01", True)]
    # the expiry alone corrects the current passport
    fixed = _run(clients, store, "edit", str(client), "--passport-expiry", "02.03.2036")
    assert "passport expiry 2036-03-01 -> 2036-03-02" in fixed.stdout
    assert _run(batches, store, "undo", str(_last_batch(store))).exit_code == 0
    assert _passports(store, "FEDOROVA", "ALENA")[1][1] == ("771234567", "2036-03-01", True)
    assert _run(batches, store, "undo", str(_last_batch(store) - 2)).exit_code == 0
    assert _passports(store, "FEDOROVA", "ALENA")[1] == before


def test_a_passport_edit_is_checked(store):
    client, before = _passports(store, "FEDOROVA", "ALENA")
    short = _run(clients, store, "edit", str(client), "--passport", "77 12345")
    assert short.exit_code == 2 and "9 digits" in short.stderr
    taken = _run(clients, store, "edit", str(client), "--passport", "75 5551234")  # Ivanova's
    assert taken.exit_code == 1 and "is on file for client" in taken.stderr
    none_yet = _run(clients, store, "add", "--surname-lat", "TSOI")
    new_id = int(none_yet.stdout.split()[1])
    alone = _run(clients, store, "edit", str(new_id), "--passport-expiry", "01.01.2030")
    assert alone.exit_code == 2 and "no passport on file" in alone.stderr
    assert _passports(store, "FEDOROVA", "ALENA")[1] == before
