"""build_context: where values come from, how they are formatted and translated."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.forms import render as forms
from pipeline.forms.render import build_context, load_form


@pytest.fixture
def form():
    return load_form("schengen-en")


def test_context_holds_every_field_and_the_form(form, group, trip, extras):
    ctx, problems = build_context(form, group[0], trip, extras[101], lambda t, lang: "Engineer")
    assert problems == []
    assert {f.key for f in form.fields} <= set(ctx)
    assert ctx["form"]["id"] == "schengen-en" and ctx["applicant"] == "IVANOVA Maria"
    assert ctx["labels"]["surname"] == "Surname (family name)"
    assert ctx["sex"]["boxes"] == {"M": "☐", "F": "☒"}
    assert ctx["sex"]["label"] == "Female" and ctx["sex"]["line"] == "☐ Male   ☒ Female"
    assert ctx["birth_date"] == "15.03.1985"
    assert ctx["date"] == "27.11.2026"  # trip.application_date, a datetime.date


def test_untranslated_cyrillic_is_reported_and_kept(form, group, trip, extras):
    ctx, problems = build_context(form, group[0], trip, extras[101])
    assert ctx["occupation"] == "инженер"
    assert problems == [
        "IVANOVA Maria: field 'Current occupation' (extra.occupation) is left untranslated: 'инженер'"
    ]


def test_latin_value_needs_no_dictionary(form, group, trip, extras):
    _ctx, problems = build_context(form, group[1], trip, extras[102])
    assert problems == []


def test_without_icao_translator_value_stays_and_is_reported(form, group, trip, extras, monkeypatch):
    monkeypatch.setattr(forms, "_translit_lookup", lambda: lambda name: None)
    ctx, problems = build_context(form, group[0], trip, extras[101], lambda t, lang: "Engineer")
    assert ctx["place_of_birth"] == "Москва"
    assert "IVANOVA Maria: field 'Place of birth' (extra.place_of_birth) is in Cyrillic" in problems[0]


@pytest.mark.parametrize(
    "birth_date, citizenship, country_of_birth, place_of_birth, expected",
    [
        ("1985-03-15", "RUS", "RUS", None, "USSR"),
        ("1991-12-25", "RUS", None, None, "USSR"),
        ("1991-12-26", "RUS", None, None, ""),
        ("2001-01-01", "RUS", "RUS", None, ""),
        ("1985-03-15", "RUS", "DEU", None, ""),
        # any republic, whatever the citizenship now
        ("1985-03-15", "KAZ", "KAZ", None, "USSR"),
        ("1950-04-02", "RUS", None, "Ташкент", "USSR"),
        ("1950-04-02", "RUS", "Узбекская ССР", "г. Ташкент", "USSR"),
        ("1983-06-10", "RUS", "Украина", "Днепропетровск", "USSR"),
        ("1983-06-10", "UKR", None, "Kiev, Ukraine", "USSR"),
        ("1960-01-01", "RUS", "РСФСР", "Калинин", "USSR"),
        ("1979-08-08", "RUS", None, "Калининская обл.", "USSR"),
        # born abroad, or after the USSR: not
        ("1980-05-05", "RUS", None, "Дрезден, ГДР", ""),
        ("1980-05-05", "RUS", None, "Paris, France", ""),
        ("1995-05-05", "UZB", "Узбекистан", "Ташкент", ""),
        ("1980-05-05", "DEU", None, "Berlin", ""),
    ],
)
def test_nationality_at_birth(form, birth_date, citizenship, country_of_birth, place_of_birth, expected):
    person = {"surname_lat": "X", "birth_date": birth_date, "citizenship": citizenship}
    extra = {"country_of_birth": country_of_birth, "place_of_birth": place_of_birth}
    ctx, _ = build_context(form, person, {}, extra)
    assert ctx["nationality_at_birth"] == expected


def test_choice_outside_the_options_goes_to_other(form, group, trip, extras):
    extras[102]["civil_status"] = "engaged"
    ctx, problems = build_context(form, group[1], trip, extras[102])
    assert ctx["civil_status"]["value"] == "other" and ctx["civil_status"]["other"] == "engaged"
    assert ctx["civil_status"]["line"].endswith("☒ Other (please specify): engaged")
    assert problems == []


def test_choice_accepts_labels_in_any_language(form, group, trip, extras):
    extras[102]["civil_status"] = "Женат / замужем"
    ctx, _ = build_context(form, group[1], trip, extras[102])
    assert ctx["civil_status"]["value"] == "married"


def test_bad_choice_without_other_is_reported(form, group, trip, extras):
    person = dict(group[1], gender="X")
    ctx, problems = build_context(form, person, trip, extras[102])
    assert ctx["sex"]["boxes"] == {"M": "☐", "F": "☐"}
    assert problems == ["IVANOV Sergei: field 'Sex' (record.gender) is 'X', not one of: M, F"]


def test_bad_date_is_reported_and_printed_as_given(form, group, trip, extras):
    ctx, problems = build_context(form, group[1], dict(trip, arrival="20/12/2026"), extras[102])
    assert ctx["arrival"] == "20/12/2026"
    assert problems == ["IVANOV Sergei: field 'Intended date of arrival' (trip.arrival) is not a date"]


def test_date_defaults_to_today_and_trip_may_be_none(form, group, extras):
    ctx, problems = build_context(form, group[1], None, extras[102], today=dt.date(2026, 5, 1))
    assert ctx["date"] == "01.05.2026"
    assert "IVANOV Sergei: field 'Intended date of arrival' (trip.arrival) is empty" in problems


def test_dictionary_is_asked_for_latin_text_too(group, trip, extras):
    fr = load_form("schengen-fr")
    asked = []

    def translate(text, lang):
        asked.append((text, lang))
        return {"manager": "directeur"}.get(text)

    ctx, problems = build_context(fr, group[1], trip, extras[102], translate)
    assert ctx["occupation"] == "directeur"
    assert ("manager", "fr") in asked
    assert problems == []
