"""The check's rules across fields: the passport against the trip, letters a Latin form
cannot print, a form for another country than the trip's."""

from __future__ import annotations

import pytest

from pipeline.forms.render import build_context, load_form
from pipeline.forms.rules import non_latin


def _kinds(form_id, person, trip, extra):
    from pipeline.forms.render import fill_forms

    batch = fill_forms(form_id, [person], trip, {person["client_id"]: extra})
    return [(i.kind, i.spec.key, i.problem) for i in batch.items[0].issues]


@pytest.mark.parametrize(
    ("expiry", "issued", "expected"),
    [
        ("2031-06-01", "2021-06-01", []),
        # the return is 05.01.2027: valid on the way back, but not three months after it
        (
            "2027-03-01",
            "2021-06-01",
            ["passport ends 01.03.2027, under 3 months after leaving Schengen 05.01.2027"],
        ),
        ("2027-04-05", "2021-06-01", []),
        ("2026-12-30", "2021-06-01", ["passport expires 30.12.2026, before the return 05.01.2027"]),
        ("2026-12-01", "2021-06-01", ["passport expires 01.12.2026, before the trip starts 20.12.2026"]),
        # the application is on 27.11.2026
        (
            "2031-06-01",
            "2016-11-26",
            ["passport issued 26.11.2016, over 10 years before applying 27.11.2026"],
        ),
        ("2031-06-01", "2016-11-27", []),
    ],
)
def test_the_passport_against_the_trip(group, trip, extras, expiry, issued, expected):
    maria = dict(group[0], passport_expiry=expiry)
    extra = dict(extras[101], passport_issue_date=issued)
    found = [p for kind, _key, p in _kinds("schengen-en", maria, trip, extra) if kind == "passport"]
    assert found == expected


def test_three_months_is_a_schengen_rule_only(group, trip, extras):
    maria = dict(group[0], passport_expiry="2027-03-01")
    china = dict(trip, country="CHN")
    assert [k for k, _key, _p in _kinds("china", maria, china, extras[101]) if k == "passport"] == []


def test_cyrillic_where_the_form_prints_it_as_typed_fails(group, trip, extras):
    # the hotel's address is printed as typed: in Cyrillic it cannot go on a Latin form
    rome = dict(trip, hotel_address="Рим, виа Национале 22")
    found = _kinds("schengen-en", group[0], rome, extras[101])
    assert [key for k, key, _p in found if k == "not_latin"] == ["host_address"]
    # a value already reported as untranslated (her occupation, no dictionary here) is not again
    assert [key for k, key, _p in found if k == "untranslated"] == ["occupation"]


def test_a_chinese_name_is_allowed_on_the_china_form_only_in_its_field(group, trip, extras):
    extra = dict(extras[101], chinese_name="玛丽亚", email="мария@почта.рф")
    found = _kinds("china", group[0], dict(trip, country="CHN"), extra)
    assert [key for k, key, _p in found if k == "not_latin"] == ["email"]


@pytest.mark.parametrize(
    ("text", "letters"),
    [("MÜLLER Zoë, Ærø", ""), ("IVANOV Сергей", "Сергей"), ("Αθήνα", "Αθήνα"), ("12-34", "")],
)
def test_non_latin_letters(text, letters):
    assert non_latin(text) == "".join(dict.fromkeys(letters))


def test_a_form_for_another_country_warns_and_the_right_one_does_not(group, trip, extras):
    china = [k for k, _key, p in _kinds("china", group[0], trip, extras[101]) if k == "wrong_form"]
    assert china == ["wrong_form"]
    japan_trip = dict(trip, country="JPN")
    assert not [k for k, *_ in _kinds("japan", group[0], japan_trip, extras[101]) if k == "wrong_form"]
    assert not [k for k, *_ in _kinds("schengen-fr", group[0], trip, extras[101]) if k == "wrong_form"]


def test_build_context_reports_the_rules_too(group, trip, extras):
    form = load_form("schengen-en")
    maria = dict(group[0], passport_expiry="2026-12-30")
    _ctx, problems = build_context(form, maria, trip, extras[101], lambda t, lang: "engineer")
    assert problems == ["IVANOVA Maria: passport expires 30.12.2026, before the return 05.01.2027"]


def test_a_civil_status_outside_the_options_prints_the_dictionary_words(group, trip, extras):
    words = {("гражданский брак", "fr"): "union libre", ("гражданский брак", "en"): "civil union"}
    extra = dict(extras[101], civil_status="гражданский брак")
    form = load_form("schengen-fr")
    ctx, problems = build_context(form, group[0], trip, extra, lambda t, lang: words.get((t, lang)))
    assert ctx["civil_status"]["value"] == "other" and ctx["civil_status"]["other"] == "union libre"
    assert not [p for p in problems if "Civil status" in p or "État civil" in p]
