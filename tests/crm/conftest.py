"""A store with a few known clients for the CRM tests."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.store.db import session_scope
from pipeline.store.edit import add_client


@pytest.fixture
def anna(db_url) -> int:
    """Анна Ивановна Петрова, born 8 March 1985, with a foreign passport."""
    with session_scope(db_url) as s:
        client = add_client(s, {"surname_ru": "Петрова", "name_ru": "Анна", "patronymic_ru": "Ивановна",
                                "surname_lat": "PETROVA", "name_lat": "ANNA", "gender": "F",
                                "birth_date": dt.date(1985, 3, 8)},
                            passport=("75", "1234567", dt.date(2030, 1, 1)))  # fmt: skip
        return client.id


@pytest.fixture
def ivan(db_url) -> int:
    with session_scope(db_url) as s:
        return add_client(s, {"surname_ru": "Сидоров", "name_ru": "Иван", "patronymic_ru": "Петрович",
                              "gender": "M", "birth_date": dt.date(1970, 3, 10)}).id  # fmt: skip


@pytest.fixture(autouse=True)
def agency_settings(monkeypatch):
    """The agency's name and mailbox, which greetings need (``pipeline.settings``)."""
    monkeypatch.setenv("TOURDESK_AGENCY_NAME", "Турагентство «Пример»")
    monkeypatch.setenv("TOURDESK_AGENCY_EMAIL", "hello@agency.example")
    monkeypatch.setenv("TOURDESK_TIMEZONE", "Europe/Moscow")
