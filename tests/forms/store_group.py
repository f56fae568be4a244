"""A realistic group in a real store: a family (a minor among them), a client born in the
USSR in 1985, extra information typed at the desk in Russian, and their trip."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.clients.edit import add_client
from pipeline.store.db import session_scope
from pipeline.store.models import Client, TripTourist
from pipeline.trips.trip import save_trip

VOUCHER = "ROM-1220"

TRIP = {
    "voucher": VOUCHER,
    "country": "ITA",
    "arrival": "2026-12-20",
    "departure": "2027-01-05",
    "hotel": "Hotel Artemide",
    "hotel_address": "Via Nazionale 22, 00184 Roma, +39 06 489911",
    "application_place": "Moscow",
    "application_date": "2026-11-27",
    # what the China and Japan forms ask beyond Schengen's
    "cities": "Beijing, Shanghai",
    "port_of_entry": "Narita",
    "arrival_city": "Beijing",
    "airline": "Aeroflot SU260",
}

HOME = "ул. Ленина, 1, кв. 5\nМосква 125009"

PEOPLE: list[dict[str, Any]] = [
    {
        "values": dict(surname_lat="IVANOVA", name_lat="MARIA", surname_ru="Иванова", name_ru="Мария",
                       patronymic_ru="Петровна", gender="F", birth_date=dt.date(1985, 3, 15), citizenship="RUS"),
        "passport": ("75", "1234567", dt.date(2031, 6, 1)),
        "extra": {"place_of_birth": "Ленинград", "country_of_birth": "СССР", "civil_status": "замужем",
                  "occupation": "инженер", "employer": "ООО Ромашка", "home_address": HOME,
                  "phone": "+7 900 123-45-67", "passport_issue_date": "2021-06-01",
                  "passport_issue_place": "Москва", "passport_authority": "МВД 77001",
                  "emergency_contact": "Иванов Сергей, муж, +7 900 765-43-21", "previous_visits_china": "нет",
                  "visa_refusals": "нет", "criminal_record": "нет", "email": "m@example.org"},
    },
    {
        "values": dict(surname_lat="IVANOV", name_lat="SERGEI", surname_ru="Иванов", name_ru="Сергей",
                       gender="M", birth_date=dt.date(1983, 11, 2), citizenship="RUS"),
        "passport": ("76", "7654321", dt.date(2030, 1, 31)),
        "extra": {"place_of_birth": "Тверь", "country_of_birth": "RUS", "civil_status": "married",
                  "occupation": "manager", "passport_issue_date": "2020-01-31"},
    },
    {
        "values": dict(surname_lat="IVANOV", name_lat="ARTEM", surname_ru="Иванов", name_ru="Артём",
                       gender="M", birth_date=dt.date(2015, 7, 9), citizenship="RUS"),
        "passport": ("77", "1112223", dt.date(2029, 5, 5)),
        "extra": {"place_of_birth": "Москва", "country_of_birth": "RUS", "civil_status": "single",
                  "occupation": "school pupil", "passport_issue_date": "2024-05-05",
                  "parental_authority": "Иванова Мария, Иванов Сергей (родители), +7 900 123-45-67"},
    },
]  # fmt: skip


def seed(url: str) -> list[int]:
    """Store the group on trip VOUCHER; returns their client ids in trip order."""
    ids = []
    with session_scope(url) as session:
        trip = save_trip(session, dict(TRIP))
        for position, p in enumerate(PEOPLE):
            client = add_client(session, p["values"], passport=p["passport"])
            client.extra = dict(p["extra"])
            session.add(TripTourist(trip_id=trip.id, client_id=client.id, position=position))
            ids.append(client.id)
    return ids


def extra_of(url: str, client_id: int) -> dict[str, Any]:
    with session_scope(url) as session:
        return dict(session.get(Client, client_id).extra or {})
