from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pipeline.hooks import manager as plugins
from pipeline.record import CANONICAL_FIELDS
from tests.forms.store_group import seed


@pytest.fixture(autouse=True)
def _fresh_registry():
    """Each test sees the built-in plugins only, and leaves no throwaway plugin behind."""
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def group() -> list[dict[str, Any]]:
    """A family and a friend booked on one tour, as the normalizer hands them over."""

    def person(**kw: Any) -> dict[str, Any]:
        base: dict[str, Any] = dict.fromkeys(CANONICAL_FIELDS)
        base.update(kw)
        return base

    return [
        person(
            client_id=101,
            surname_lat="IVANOVA",
            name_lat="MARIA",
            surname_ru="Иванова",
            name_ru="Мария",
            patronymic_ru="Петровна",
            gender="F",
            birth_date="1985-03-15",
            passport_series="75",
            passport_number="1234567",
            passport_expiry="2031-06-01",
            citizenship="RUS",
        ),
        person(
            client_id=102,
            surname_lat="IVANOV",
            name_lat="SERGEI",
            surname_ru="Иванов",
            name_ru="Сергей",
            gender="M",
            birth_date="1996-11-02",
            passport_series="76",
            passport_number="7654321",
            passport_expiry="2030-01-31",
            citizenship="RUS",
        ),
        person(
            client_id=103,
            surname_lat="IVANOV",
            name_lat="ARTEM",
            gender="M",
            birth_date="2015-07-09",
            passport_series="77",
            passport_number="1112223",
            passport_expiry="2029-05-05",
            citizenship="RUS",
        ),
        person(
            client_id=104,
            surname_lat="SMIRNOVA",
            name_lat="ANNA",
            gender="F",
            birth_date="1990-01-20",
            passport_series="70",
            passport_number="5550001",
            passport_expiry="2032-02-02",
            citizenship="RUS",
        ),
    ]


@pytest.fixture
def extras() -> dict[int | str, dict[str, Any]]:
    common = {
        "country_of_birth": "RUS",
        "home_address": "ул. Ленина, 1, кв. 5\nМосква 125009",
        "phone": "+7 900 123-45-67",
        "passport_issue_date": "2021-06-01",
    }
    return {
        101: {
            **common,
            "place_of_birth": "Москва",
            "civil_status": "married",
            "occupation": "инженер",
            "employer": "ООО Ромашка",
            "email": "m@example.org",
        },
        102: {**common, "place_of_birth": "Тверь", "civil_status": "married", "occupation": "manager"},
        103: {
            **common,
            "place_of_birth": "Moscow",
            "civil_status": "single",
            "occupation": "pupil",
            "parental_authority": "IVANOVA MARIA, IVANOV SERGEI (parents), same address",
        },
        104: {**common, "civil_status": "Single", "occupation": "designer"},
    }


@pytest.fixture
def trip() -> dict[str, Any]:
    return {
        "country": "ITA",
        "arrival": "2026-12-20",
        "departure": "2027-01-05",
        "hotel": "Hotel Artemide",
        "hotel_address": "Via Nazionale 22, 00184 Roma, +39 06 489911",
        "application_place": "Moscow",
        "application_date": dt.date(2026, 11, 27),
    }


# --- forms rendered from a real store: the seeded group and a dictionary ---
#: what the dictionary must know for the group (Russian -> English, French)
WORDS = [
    ("инженер", "engineer", "ingénieur", "occupation"),
    ("замужем", "married", "mariée", "civil_status"),
    ("нет", "no", "non", "answer"),
]
#: a stub with the same answers, where the store dictionary is not installed
STUB = {(ru, "en"): en for ru, en, _fr, _k in WORDS} | {(ru, "fr"): fr for ru, _en, fr, _k in WORDS}


@pytest.fixture
def store(db_url, monkeypatch) -> tuple[str, list[int]]:
    """(db url, client ids of IVANOVA Maria, IVANOV Sergei, IVANOV Artem) on trip ROM-1220."""
    ids = seed(db_url)
    try:
        from pipeline.dictionary.entries import add_entry
    except ImportError:  # the dictionary is a separate module: stand in for it
        import pipeline.forms.visa

        def stub(_url, _form):
            return lambda person: lambda text, lang: STUB.get((text.strip().lower(), lang))

        monkeypatch.setattr(pipeline.forms.visa, "dictionary_for", stub)
        return db_url, ids
    from pipeline.store.db import session_scope

    with session_scope(db_url) as session:
        for ru, en, fr, kind in WORDS:
            add_entry(session, ru, en, fr, kind)
    return db_url, ids
