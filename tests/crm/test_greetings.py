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

    result = build_and_export.fn(desk, dt.date(2027, 3, 6), 7, str(tmp_path), "desk@agency.example", None)
    assert result["emails"] == 2 and result["to_send"] >= 2
    assert (tmp_path / "2027-03-06-7d" / "greetings.xlsx").exists()
    assert "anna" not in str(result)  # counts and paths only, never contacts
