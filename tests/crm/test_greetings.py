"""Greetings: who is due, the words, the consent rules, and the files for the mailing service."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.crm import consent, greetings, mailing
from pipeline.crm.contacts import add_contact
from pipeline.crm.models import ImportantDate
from pipeline.crm.wording import compose, dative, gender_of
from pipeline.store.db import session_scope

SIGNED = dt.date(2026, 1, 10)


@pytest.fixture
def desk(db_url, anna, ivan):
    with session_scope(db_url) as s:
        add_contact(s, anna, "email", "anna@example.ru", primary=True)
        add_contact(s, ivan, "phone", "8 916 123 45 67")
        consent.record_consent(s, anna, "advertising", True, SIGNED, "signed form")
        s.add(ImportantDate(client_id=ivan, kind="anniversary", month=3, day=9, label="годовщина свадьбы"))
    return db_url


def test_week_of_eighth_of_march(desk, anna, ivan):
    with session_scope(desk) as s:
        rows = greetings.build(s, dt.date(2027, 3, 6), days=7)
    got = {(r.client_id, r.occasion, r.day.isoformat()) for r in rows.itertuples()}
    assert (anna, "birthday", "2027-03-08") in got
    assert (anna, "holiday", "2027-03-08") in got  # Women's Day: to women
    assert (ivan, "holiday", "2027-03-08") not in got  # ... not to men
    assert (ivan, "birthday", "2027-03-10") in got
    assert (ivan, "anniversary", "2027-03-09") in got
    birthday = rows[(rows.client_id == anna) & (rows.occasion == "birthday")].iloc[0]
    assert birthday["text"].startswith("Дорогая Анна Ивановна! 8 марта")
    assert birthday["subject"] == "Анне Ивановне — с днём рождения!"


def test_no_advertising_consent_never_on_the_list(desk, anna, ivan):
    with session_scope(desk) as s:
        rows = greetings.build(s, dt.date(2027, 3, 6), days=7)
    ivan_rows = rows[rows.client_id == ivan]
    assert not ivan_rows["send"].any() and set(ivan_rows["why_not"]) == {"no advertising consent"}
    assert set(mailing.sendable(rows)["client_id"]) == {anna}


def test_unsubscribe_is_honoured_the_next_run(desk, anna):
    with session_scope(desk) as s:
        assert greetings.build(s, dt.date(2027, 3, 8))["send"].any()
        consent.unsubscribe(s, anna, greetings.LIST_NAME)
    with session_scope(desk) as s:
        rows = greetings.build(s, dt.date(2027, 3, 8))
    assert mailing.sendable(rows).empty
    assert "unsubscribed from greetings" in set(rows["why_not"])


def test_name_day_from_the_calendar(desk, anna):
    with session_scope(desk) as s:
        rows = greetings.build(s, dt.date(2027, 2, 16))
    day = rows[(rows.client_id == anna) & (rows.occasion == "name_day")].iloc[0]
    assert "с днём ангела, 16 февраля" in day["text"]


def test_holidays_skip_transferred_days_off():
    days = greetings.holidays_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    names = {h.day.isoformat(): h.name_ru for h in days}
    assert names["2026-03-08"] == "Международный женский день"
    assert "2026-03-09" not in names and "2026-01-09" not in names and "2026-01-02" not in names
    assert "2026-01-01" in names and "2026-11-04" in names


@pytest.mark.parametrize(("first", "patronymic", "gender", "want"), [
    ("Анна", "Ивановна", "F", "Анне Ивановне"), ("Пётр", "Ильич", None, "Петру Ильичу"),
    ("Любовь", "Петровна", "F", "Любови Петровне"), ("Никита", "Сергеевич", "M", "Никите Сергеевичу"),
])  # fmt: skip
def test_dative(first, patronymic, gender, want):
    assert dative(first, patronymic, gender_of(gender, patronymic)) == want


def test_english_template():
    subject, text = compose("birthday", "en", first="Anna", patronymic=None, gender="F", day=dt.date(2027, 3, 8))
    assert subject == "Happy birthday, Anna!" and "March 8" in text


def test_exports(desk, tmp_path, anna):
    with session_scope(desk) as s:
        rows = greetings.build(s, dt.date(2027, 3, 6), days=7)
    csv = pd.read_csv(mailing.to_csv(rows, tmp_path / "g.csv"), sep=";", encoding="utf-8-sig")
    assert set(csv["client_id"]) == {anna} and "Дорогая Анна Ивановна" in csv["text"].iloc[0]
    sheet = load_workbook(mailing.to_xlsx(rows, tmp_path / "g.xlsx")).active
    assert [c.value for c in sheet[1]] == mailing.EXPORT_COLUMNS
    files = mailing.to_eml(rows, tmp_path / "eml", "Агентство <desk@agency.example>", "unsub@agency.example")
    assert len(files) == 2  # birthday and Women's Day
    msg = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg["To"] == "anna@example.ru" and "unsub@agency.example" in msg["List-Unsubscribe"]
    assert "Анна Ивановна" in msg.get_content()


def test_flow_task_writes_files(desk, tmp_path):
    from flows.greetings import build_and_export

    result = build_and_export.fn(desk, dt.date(2027, 3, 6), 7, str(tmp_path))
    assert result["emails"] == 2 and result["to_send"] >= 2
    assert (tmp_path / "2027-03-06-7d" / "greetings.xlsx").exists()
    assert "anna" not in str(result)  # counts and paths only, never contacts
    sent = email.message_from_bytes(next((tmp_path / "2027-03-06-7d" / "eml").iterdir()).read_bytes(),
                                    policy=policy.default)  # fmt: skip
    assert sent["From"].addresses[0].addr_spec == "hello@agency.example"
    assert sent["From"].addresses[0].display_name == "Турагентство «Пример»"


# -- the gaps of a real client file -------------------------------------------------------------

WOMENS_DAY = dt.date(2027, 3, 8)


@pytest.fixture
def gappy(db_url):
    from tests.crm.gappy import gappy_clients, load_gappy

    clients = gappy_clients(30)
    ids = load_gappy(db_url, clients)
    return db_url, {i: c for i, c in zip(ids, clients, strict=True)}


def _mode(path):
    return path.stat().st_mode & 0o777


def test_gappy_mix_builds_every_greeting(gappy):
    url, clients = gappy
    with session_scope(url) as s:
        rows = greetings.build(s, WOMENS_DAY)
    assert not rows.empty
    for r in rows.itertuples():
        c = clients[r.client_id]
        assert "nan" not in (r.name + r.subject + r.text).lower() and "None" not in r.text
        assert r.text.endswith("\n\nТурагентство «Пример»")  # signed by the agency, never "Tourdesk"
        if not c["consent"]:
            assert (r.send, r.why_not) == (False, "no advertising consent")
        elif not c["email"] and not c["phone"]:
            assert (r.send, r.why_not) == (False, "no e-mail or phone")
        else:
            assert r.send
    kinds = {clients[r.client_id]["kind"] for r in rows.itertuples()}
    assert {"full", "no_patronymic", "latin_only", "foreign", "no_sex", "english"} <= kinds


def _birthday(rows, clients, kind):
    return next(r for r in rows.itertuples() if clients[r.client_id]["kind"] == kind and r.occasion == "birthday")


def test_gappy_names_and_languages(gappy):
    url, clients = gappy
    with session_scope(url) as s:
        rows = greetings.build(s, WOMENS_DAY)
    full = _birthday(rows, clients, "full")
    v = clients[full.client_id]["values"]
    assert full.text.startswith(f"{'Дорогая' if v['gender'] == 'F' else 'Дорогой'} {v['name_ru']} {v['patronymic_ru']}!")
    bare = _birthday(rows, clients, "no_patronymic")
    assert bare.name == clients[bare.client_id]["values"]["name_ru"]  # no patronymic: the first name alone
    latin = _birthday(rows, clients, "latin_only")
    assert latin.language == "ru" and latin.name == clients[latin.client_id]["values"]["name_lat"].title()
    english = _birthday(rows, clients, "english")
    assert english.language == "en" and english.subject.startswith("Happy birthday, ")


def test_foreign_clients_in_english_and_only_international_holidays(gappy):
    url, clients = gappy
    with session_scope(url) as s:
        womens_day = greetings.build(s, WOMENS_DAY)
        russia_day = greetings.build(s, dt.date(2027, 6, 12))
    foreign = {i for i, c in clients.items() if c["kind"] == "foreign"}
    women = womens_day[womens_day.client_id.isin(foreign) & (womens_day.occasion == "holiday")]
    assert not women.empty and set(women.language) == {"en"}
    assert all(r.text.startswith(f"Dear {clients[r.client_id]['values']['name_lat'].title()},")
               for r in women.itertuples())  # fmt: skip
    assert all(clients[i]["values"]["gender"] == "F" for i in women.client_id)
    held = russia_day[russia_day.occasion == "holiday"]
    assert not held.empty and not set(held.client_id) & foreign  # Russia Day: for its citizens


def test_unknown_sex_gets_no_womens_or_mens_day(gappy):
    url, clients = gappy
    with session_scope(url) as s:
        rows = greetings.build(s, WOMENS_DAY)
    holiday = set(rows[rows.occasion == "holiday"].client_id)
    for i, c in clients.items():
        v = c["values"]
        if c["kind"] == "no_sex" and not v.get("patronymic_ru"):
            assert i not in holiday  # neither sex nor patronymic: no 8 March
        if c["kind"] == "no_sex" and (v.get("patronymic_ru") or "").endswith("вна"):
            assert i in holiday  # the patronymic tells


def test_a_guessed_cyrillic_spelling_of_a_foreign_name_is_not_used(db_url):
    from pipeline.clients.edit import add_client
    from pipeline.store.db import session_scope as scope

    with scope(db_url) as s:
        jane = add_client(s, {"surname_lat": "SMITH", "name_lat": "JANE", "name_ru": "Яне", "surname_ru": "Смитх",
                              "gender": "F", "citizenship": "GBR", "birth_date": WOMENS_DAY.replace(year=1980)})
        jane.derived = ["name_ru", "surname_ru"]  # as the import marks a guess
        consent.record_consent(s, jane.id, "advertising", True, SIGNED, "signed form")
        jane_id = jane.id
    with session_scope(db_url) as s:
        rows = greetings.build(s, WOMENS_DAY)
    row = rows[(rows.client_id == jane_id) & (rows.occasion == "birthday")].iloc[0]
    assert row["language"] == "en" and row["text"].startswith("Dear Jane,") and "Яне" not in row["text"]


def test_gappy_exports_are_private_and_inert(gappy, tmp_path):
    url, clients = gappy
    with session_scope(url) as s:
        rows = greetings.build(s, WOMENS_DAY)
    out = tmp_path / "mailing"
    written = mailing.export_mailing(rows, out, "Турагентство «Пример» <hello@agency.example>", "unsub@agency.example")
    sendable = mailing.sendable(rows)
    assert written["emails"] == sum(1 for e in sendable["email"] if isinstance(e, str))
    assert _mode(out) == 0o700 and _mode(out / "eml") == 0o700
    for path in [out / "greetings.csv", out / "greetings.xlsx", *(out / "eml").iterdir()]:
        assert _mode(path) == 0o600, path
    csv = pd.read_csv(out / "greetings.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(csv) == len(sendable) and "nan" not in set(csv["email"]) | set(csv["phone"])
    assert all(p == "" or p.isdigit() for p in csv["phone"])  # 79161234567: no '+, no formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for col in csv for cell in csv[col])
    assert any(n.startswith("'=Мария") for n in csv["name"])  # a name a spreadsheet would run is quoted
    sheet = load_workbook(out / "greetings.xlsx").active
    assert all(not str(c.value).startswith("=") for row in sheet.iter_rows() for c in row if c.value)


def test_agency_name_is_required(db_url, monkeypatch):
    from pipeline.settings import SettingError

    monkeypatch.delenv("TOURDESK_AGENCY_NAME")
    with session_scope(db_url) as s, pytest.raises(SettingError, match="TOURDESK_AGENCY_NAME"):
        greetings.build(s, WOMENS_DAY)


def test_cli_greetings_for_the_gappy_mix(gappy, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import cli as main

    url, _ = gappy
    out = tmp_path / "g"
    result = CliRunner().invoke(main, ["crm", "--db", url, "greetings", "--day", "08.03.2027", "--out", str(out)],
                                catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "greetings due" in result.output and "not sent: " in result.output
    assert (out / "greetings.csv").exists() and list((out / "eml").glob("*.eml"))
    monkeypatch.delenv("TOURDESK_AGENCY_NAME")
    bad = CliRunner().invoke(main, ["crm", "--db", url, "greetings", "--out", str(out)])
    assert bad.exit_code == 1 and "TOURDESK_AGENCY_NAME" in bad.output
