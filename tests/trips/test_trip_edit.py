"""A trip keeps its data: create creates, edit patches only what it is given, every change is a
batch that undo takes back, and show says what the file says. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import yaml
from sqlalchemy import select

from pipeline.store.db import session_scope
from pipeline.store.models import Trip, TripChange
from pipeline.trips.trip import find_trip, trip_dict, trip_info
from tests.trips.helpers import TRIP, last_batch, make_trip, run
from tests.trips.tourists import tourists


def _trip(db: str, voucher: str = "PAR-0312") -> dict:
    with session_scope(db) as s:
        return trip_info(s, voucher).as_dict()


def test_create_on_an_existing_voucher_is_an_error_pointing_at_edit(db_url):
    make_trip(db_url)
    before = _trip(db_url)
    again = run(db_url, "trips", "create", "PAR-0312", "--title", "Другое", code=1)
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr
    assert "tourdesk trips edit PAR-0312" in again.stderr
    assert _trip(db_url) == before


def test_a_new_title_keeps_country_dates_and_hotel_and_can_be_undone(db_url):
    make_trip(db_url)
    before = _trip(db_url)
    out = run(db_url, "trips", "edit", "PAR-0312", "--title", "Весна в Париже").stdout
    assert "title: Париж — Брюссель, весенние каникулы -> Весна в Париже" in out
    after = _trip(db_url)
    assert after == {**before, "title": "Весна в Париже"}
    assert (after["country"], after["arrival"], after["departure"]) == ("FRA", "2027-03-12", "2027-03-19")
    assert after["hotel"] == {"name": "Mercure Paris Gare de Lyon", "address": "2 Place Louis Armand, 75012 Paris",
                              "phone": "+33 1 43 44 84 84", "kind": None}  # fmt: skip
    batch = last_batch(db_url)
    assert batch.kind == "trip"
    with session_scope(db_url) as s:
        (change,) = s.scalars(select(TripChange).where(TripChange.batch_id == batch.id)).all()
        assert (change.field, json.loads(change.old_value)) == ("title", "Париж — Брюссель, весенние каникулы")
    undone = run(db_url, "batches", "undo", str(batch.id)).stdout
    assert "1 trip values restored" in undone
    assert _trip(db_url) == before


def test_every_trip_field_as_an_option_and_only_those_given_change(db_url):
    make_trip(db_url)
    run(db_url, "trips", "edit", "PAR-0312", "--hotel-phone", "+33 1 00 00 00 00", "--inviting-organisation",
        "ООО «Вояж»", "--inviting-address", "Москва, ул. Тверская, 1", "--entries", "многократная",
        "--purpose", "business", "--destination", "Paris", "--destination", "Lyon", "--arrival", "13.03.2027")  # fmt: skip
    info = _trip(db_url)
    assert info["hotel"]["name"] == "Mercure Paris Gare de Lyon"  # the name and address stay
    assert info["hotel"]["phone"] == "+33 1 00 00 00 00"
    assert info["inviting"] == {"name": "ООО «Вояж»", "address": "Москва, ул. Тверская, 1", "phone": None,
                                "kind": "organisation"}  # fmt: skip
    assert (info["entries"], info["purpose"], info["destinations"]) == ("multiple", "business", ["Paris", "Lyon"])
    assert (info["arrival"], info["departure"]) == ("2027-03-13", "2027-03-19")
    # an empty value clears one field
    run(db_url, "trips", "edit", "PAR-0312", "--hotel-phone", "")
    assert _trip(db_url)["hotel"]["phone"] is None and _trip(db_url)["hotel"]["name"]


def test_a_trip_file_is_merged_not_replacing(db_url, tmp_path):
    make_trip(db_url)
    patch = tmp_path / "patch.yaml"
    patch.write_text(yaml.safe_dump({"voucher": "PAR-0312", "hotel": {"address": "1 Rue de Lyon, 75012 Paris"},
                                     "inviting_person": {"name": "Dupont Marie", "phone": "+33 6 12 34 56 78"},
                                     "cost_covered_by": "applicant"}, allow_unicode=True), encoding="utf-8")  # fmt: skip
    out = run(db_url, "trips", "edit", "PAR-0312", "--from", str(patch), "--title", "Весна").stdout
    assert "hotel address" in out and "inviting party" in out
    info = _trip(db_url)
    assert info["hotel"]["name"] == "Mercure Paris Gare de Lyon" and info["hotel"]["address"] == "1 Rue de Lyon, 75012 Paris"
    assert (info["country"], info["arrival"], info["title"]) == ("FRA", "2027-03-12", "Весна")
    assert info["details"] == {"destination_state": "France", "cost_covered_by": "applicant"}
    assert info["inviting"]["kind"] == "person"
    # one batch for the whole command, undone at once
    run(db_url, "batches", "undo", str(last_batch(db_url).id))
    assert _trip(db_url)["hotel"]["address"] == "2 Place Louis Armand, 75012 Paris"
    assert _trip(db_url)["details"] == {"destination_state": "France"} and _trip(db_url)["inviting"] is None


def test_the_forms_get_the_hotel_and_inviting_party_as_structured_values(db_url):
    make_trip(db_url, inviting_person={"name": "Dupont Marie", "address": "5 Rue X, Lyon", "phone": "+33 4"})
    with session_scope(db_url) as s:
        data = trip_dict(find_trip(s, "PAR-0312"))
    assert data["hotel"] == {"name": "Mercure Paris Gare de Lyon", "address": "2 Place Louis Armand, 75012 Paris",
                             "phone": "+33 1 43 44 84 84"}  # fmt: skip
    assert data["inviting_person"] == {"name": "Dupont Marie", "address": "5 Rue X, Lyon", "phone": "+33 4"}
    assert data["inviting_company"] is None
    assert (data["entries"], data["purpose"], data["destinations"]) == ("single", "tourism", ["Paris", "Brussels"])
    assert data["destination_state"] == "France" and data["arrival"] == "2027-03-12"
    shown = run(db_url, "trips", "show", "PAR-0312").stdout
    assert "Mercure Paris Gare de Lyon, 2 Place Louis Armand, 75012 Paris, +33 1 43 44 84 84" in shown
    assert "{" not in shown  # never a raw mapping


def test_wrong_values_are_one_line_and_change_nothing(db_url, tmp_path):
    make_trip(db_url)
    before = _trip(db_url)
    cases = [
        (["--arrival", "31.02.2027"], 2, "arrival date"),
        (["--country", "Атлантида"], 2, "not a country"),
        (["--entries", "сколько угодно"], 2, "single, two or multiple"),
        (["--inviting-person", "A", "--inviting-organisation", "B"], 2, "one inviting party"),
        (["--departure", "01.03.2027"], 1, "before the arrival"),
        (["--title", "x" * 201], 2, "longer than 200"),
        ([], 2, "nothing to change"),
        (["--name-lat", "IVANOV"], 2, "give the client number"),
    ]
    for args, code, words in cases:
        result = run(db_url, "trips", "edit", "PAR-0312", *args, code=code)
        assert words in result.stderr and result.stderr.count("\n") == 1, (args, result.stderr)
    assert run(db_url, "trips", "edit", "PAR-0312", "1", "--title", "x", code=2).stderr.count("\n") == 1
    other = tmp_path / "other.yaml"
    other.write_text("voucher: ROM-0101\ntitle: Рим\n", encoding="utf-8")
    assert "not PAR-0312" in run(db_url, "trips", "edit", "PAR-0312", "--from", str(other), code=2).stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("hotel: {name: [", encoding="utf-8")
    assert "cannot read" in run(db_url, "trips", "edit", "PAR-0312", "--from", str(broken), code=1).stderr
    assert "no trip with voucher" in run(db_url, "trips", "edit", "NOPE-1", "--title", "x", code=1).stderr
    assert _trip(db_url) == before


def test_show_says_what_the_trip_papers_say_and_the_history(db_url):
    (client, *_) = make_trip(db_url, rows=tourists(3, complete=True))
    run(db_url, "trips", "edit", "PAR-0312", str(client), "--name-lat", "YULIYA", "--trip-only")
    run(db_url, "trips", "edit", "PAR-0312", "--title", "Весна")
    shown = run(db_url, "trips", "show", "PAR-0312", "--history").stdout
    first = next(line for line in shown.splitlines() if f"#{client} " in line)
    assert "YULIYA" in first and "this trip's papers" in first
    assert "title: Париж — Брюссель, весенние каникулы -> Весна" in shown
    as_json = json.loads(run(db_url, "trips", "show", "PAR-0312", "--json").stdout)
    assert as_json["tourists_on_trip"][0]["name_lat"] == "YULIYA" and as_json["title"] == "Весна"


def test_an_undone_create_takes_the_trip_away_unless_tourists_are_on_it(db_url):
    run(db_url, "trips", "create", "ROM-0101", "--country", "ITA", "--arrival", "01.05.2027")
    created = last_batch(db_url).id
    run(db_url, "batches", "undo", str(created))
    with session_scope(db_url) as s:
        assert s.scalar(select(Trip).where(Trip.voucher == "ROM-0101")) is None
    make_trip(db_url, "NCE-0707", rows=tourists(2))
    with session_scope(db_url) as s:
        create = s.scalar(select(TripChange.batch_id).where(TripChange.field == "created"))
    refused = run(db_url, "batches", "undo", str(create), code=1)
    assert "--force" in refused.stderr
    run(db_url, "batches", "undo", str(create), "--force")
    with session_scope(db_url) as s:
        assert s.scalar(select(Trip.id).where(Trip.voucher == "NCE-0707")) is None


def test_save_trip_still_creates_or_patches(db_url):
    from pipeline.trips.trip import save_trip

    with session_scope(db_url) as s:
        save_trip(s, {"voucher": "IST-0415", "country": "TUR", "arrival": "2027-04-15", "hotel": "Hilton"})
    with session_scope(db_url) as s:
        save_trip(s, {"voucher": "IST-0415", "title": "Стамбул"})
        trip = find_trip(s, "IST-0415")
        assert (trip.country, trip.arrival, trip.hotel_name, trip.title) == ("TUR", dt.date(2027, 4, 15), "Hilton", "Стамбул")
    assert TRIP["country"] == "FRA"


def test_a_later_change_to_the_same_trip_stands_in_the_way_of_an_undo_unless_forced(db_url):
    make_trip(db_url)
    run(db_url, "trips", "edit", "PAR-0312", "--hotel", "Ibis Bastille")
    first = last_batch(db_url).id
    run(db_url, "trips", "edit", "PAR-0312", "--hotel-phone", "+33 1 11 11 11 11")
    refused = run(db_url, "batches", "undo", str(first), code=1)
    assert "changed the same clients or trips afterwards" in refused.stderr
    run(db_url, "batches", "undo", str(first), "--force")
    assert _trip(db_url)["hotel"]["name"] == "Mercure Paris Gare de Lyon"
    assert _trip(db_url)["hotel"]["phone"] == "+33 1 43 44 84 84"
