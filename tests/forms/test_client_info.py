"""`tourdesk clients info`: a client's extra information shown, edited and copied, every
change in the client's history (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli.client_info import info
from pipeline.forms.info import HOUSEHOLD, UnknownKeys, copy_info, known_keys, set_info
from pipeline.store.db import session_scope
from pipeline.store.models import Change
from tests.forms.store_group import HOME, extra_of


def run(url, *args):
    return CliRunner().invoke(info, [*args, "--db", url], catch_exceptions=False)


def history(url, client_id):
    with session_scope(url) as s:
        rows = s.scalars(select(Change).where(Change.client_id == client_id, Change.action == "edit")).all()
        return [(c.field, c.old_value, c.new_value, c.source) for c in rows]


def test_show_lists_every_key(store):
    url, (maria, _s, _a) = store
    result = run(url, str(maria))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"client {maria}:"
    assert any(x.split() == ["place_of_birth", "Ленинград"] for x in lines)
    # a multi-line address stays readable
    assert "  Москва 125009" in result.output


def test_set_in_russian_keeps_it_as_typed_and_records_history(store):
    url, (_m, sergei, _a) = store
    result = run(url, str(sergei), "--set", "occupation=водитель", "--set", "passport_issue_date=31.01.2020",
                 "--set", "civil_status=женат")  # fmt: skip
    assert result.exit_code == 0
    assert f"client {sergei}: occupation 'manager' -> 'водитель'" in result.output
    extra = extra_of(url, sergei)
    assert extra["occupation"] == "водитель" and extra["civil_status"] == "женат"
    assert extra["passport_issue_date"] == "2020-01-31"  # typed the desk's way, kept in ISO
    assert sorted(history(url, sergei)) == [
        ("extra.civil_status", "married", "женат", "clients info"),
        ("extra.occupation", "manager", "водитель", "clients info"),
    ]  # the date was already 2020-01-31: no change, no history


def test_empty_value_removes_the_key(store):
    url, (maria, _s, _a) = store
    assert run(url, str(maria), "--set", "employer=").exit_code == 0
    assert "employer" not in extra_of(url, maria)
    assert ("extra.employer", "ООО Ромашка", None, "clients info") in history(url, maria)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("place_of_brith=Москва", "did you mean place_of_birth"),
        ("place_of_birth", "write it as KEY=VALUE"),
        ("passport_issue_date=вчера", "is not a date"),
    ],
)
def test_bad_input_is_usage_error_and_changes_nothing(store, given, message):
    url, (maria, _s, _a) = store
    before = extra_of(url, maria)
    result = CliRunner().invoke(info, [str(maria), "--set", given, "--db", url])
    assert result.exit_code == 2 and message in result.output
    assert extra_of(url, maria) == before and history(url, maria) == []


def test_any_key_accepts_a_key_no_form_reads_yet(store):
    url, (maria, _s, _a) = store
    assert run(url, str(maria), "--set", "shoe_size=38", "--any-key").exit_code == 0
    assert extra_of(url, maria)["shoe_size"] == "38"


def test_copy_household_to_spouse_and_child(store):
    url, (maria, sergei, artem) = store
    # mother to child: the household's address and home phone, never her employer
    result = run(url, "copy", "--from", str(maria), "--to", str(artem))
    assert result.exit_code == 0
    extra = extra_of(url, artem)
    assert extra["home_address"] == HOME and extra["phone"] == "+7 900 123-45-67"
    assert "employer" not in extra and extra["occupation"] == "school pupil"
    assert ("extra.home_address", None, HOME, f"clients info (copied from client {maria})") in history(
        url, artem
    )
    # to a spouse working at the same place: the personal values only when asked
    assert run(url, "copy", "--from", str(maria), "--to", str(sergei), "--personal").exit_code == 0
    extra = extra_of(url, sergei)
    assert extra["home_address"] == HOME and extra["employer"] == "ООО Ромашка"
    assert extra["occupation"] == "инженер"
    # --fields names exactly what goes
    assert run(url, "copy", "--from", str(sergei), "--to", str(artem), "--fields", "employer").exit_code == 0
    assert extra_of(url, artem)["employer"] == "ООО Ромашка"


def test_copy_never_erases_and_refuses_unknown_fields(store):
    url, (maria, sergei, artem) = store
    run(url, str(sergei), "--set", "employer=ИП Иванов")
    with session_scope(url) as s:
        # Sergei has an employer, Artem (the donor here) none: nothing to copy, nothing lost
        assert copy_info(s, artem, sergei, ["employer"]) == []
    assert extra_of(url, sergei)["employer"] == "ИП Иванов"
    result = CliRunner().invoke(info, ["copy", "--from", str(maria), "--to", str(sergei), "--fields", "adress",
                                       "--db", url])  # fmt: skip
    assert result.exit_code == 2 and "no form asks for 'adress'" in result.output


def test_unknown_client_is_one_line(store):
    url, _ids = store
    result = CliRunner().invoke(info, ["999", "--db", url])
    assert result.exit_code == 1 and result.output.startswith("tourdesk: there is no client 999")


def test_keys_come_from_the_catalogues():
    known = known_keys()
    assert set(HOUSEHOLD) <= set(known)
    assert known["place_of_birth"].forms == ["china", "japan", "schengen-en", "schengen-fr"]
    assert known["civil_status"].options[:2] == ["married", "divorced"]
    assert known["passport_issue_date"].type == "date"
    # a key only ever read as a fallback says what it answers
    assert known["criminal_record"].description.startswith("answers: Convicted of a crime")
    result = CliRunner().invoke(info, ["keys"])
    assert result.exit_code == 0
    assert any(
        line.startswith("emergency_contact ") and "(china)" in line for line in result.output.splitlines()
    )


def test_set_info_api_rejects_unknown_keys(store):
    url, (maria, _s, _a) = store
    with session_scope(url) as s, pytest.raises(UnknownKeys):
        set_info(s, maria, {"plase_of_birth": "x"})


def _undo_last(url):
    from pipeline.cli import cli
    from pipeline.store.models import ImportBatch

    with session_scope(url) as s:
        batch = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch.kind == "edit"
    result = CliRunner().invoke(cli, ["batches", "undo", str(batch.id), "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_change_of_information_can_be_undone(store):
    url, (maria, sergei, _a) = store
    before = extra_of(url, sergei)
    assert run(url, str(sergei), "--set", "occupation=водитель", "--set", "civil_status=").exit_code == 0
    assert "civil_status" not in extra_of(url, sergei)
    assert "2 values restored" in _undo_last(url)
    assert extra_of(url, sergei) == before
    # a copy from the spouse, added keys included, goes back the same way
    assert run(url, "copy", "--from", str(maria), "--to", str(sergei)).exit_code == 0
    assert extra_of(url, sergei) != before
    _undo_last(url)
    assert extra_of(url, sergei) == before


def test_a_key_too_long_to_undo_is_refused(store):
    url, (maria, _s, _a) = store
    result = run(url, str(maria), "--set", "k" * 61 + "=1", "--any-key")
    assert result.exit_code == 2 and "at most 60 characters" in result.output
