"""Consent rules: no advertising consent, no offer; an unsubscribe is per list and holds at once."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.crm import consent
from pipeline.crm.contacts import BadContact, add_contact, normalize_email, normalize_phone
from pipeline.store.db import session_scope

DAY = dt.date(2026, 11, 1)


def test_offer_needs_advertising_consent(db_url, anna, ivan):
    with session_scope(db_url) as s:
        consent.record_consent(s, anna, "personal_data", True, DAY, "signed form")
        consent.record_consent(s, ivan, "personal_data", True, DAY, "signed form")
        consent.record_consent(s, ivan, "advertising", True, DAY, "website")
    with session_scope(db_url) as s:
        assert consent.offer_recipients(s, "offers") == {ivan}
        assert consent.service_recipients(s) == {anna, ivan}


def test_withdrawal_is_the_latest_word(db_url, ivan):
    with session_scope(db_url) as s:
        consent.record_consent(s, ivan, "advertising", True, DAY, "website")
        consent.record_consent(s, ivan, "advertising", False, DAY + dt.timedelta(days=3), "phone call")
    with session_scope(db_url) as s:
        assert consent.offer_recipients(s, "offers") == set()
        now = consent.current(s, ivan)
        assert now["advertising"].granted is False and now["advertising"].source == "phone call"
        assert now["personal_data"] is None


def test_unsubscribe_is_per_list(db_url, anna, ivan):
    with session_scope(db_url) as s:
        for c in (anna, ivan):
            consent.record_consent(s, c, "advertising", True, DAY, "signed form")
        consent.unsubscribe(s, ivan, "ski-offers")
        consent.unsubscribe(s, ivan, "ski-offers")  # twice is harmless
    with session_scope(db_url) as s:
        assert consent.offer_recipients(s, "ski-offers") == {anna}
        assert consent.offer_recipients(s, "sea-offers") == {anna, ivan}


def test_consent_needs_a_source(db_url, anna):
    with session_scope(db_url) as s, pytest.raises(ValueError, match="where the consent"):
        consent.record_consent(s, anna, "advertising", True, DAY, " ")


@pytest.mark.parametrize(("typed", "e164"), [("8 (916) 123-45-67", "+79161234567"), ("+7 916 1234567", "+79161234567"),
                                             ("+33 1 42 68 53 00", "+33142685300")])  # fmt: skip
def test_phones_in_e164(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize("typed", ["12345", "8 (000) 000", "phone"])
def test_bad_phones_are_refused(typed):
    with pytest.raises(BadContact):
        normalize_phone(typed)


def test_emails():
    assert normalize_email(" Anna.Petrova@Mail.RU ") == "Anna.Petrova@mail.ru"
    with pytest.raises(BadContact, match="not a usable e-mail"):
        normalize_email("anna@")


def test_contacts_stored_normalized_once(db_url, anna):
    with session_scope(db_url) as s:
        a = add_contact(s, anna, "phone", "8 916 123 45 67")
        b = add_contact(s, anna, "phone", "+7(916)1234567")
        social = add_contact(s, anna, "social", "https://t.me/anna_p", network="Telegram")
        assert a.id == b.id and a.value == "+79161234567"
        assert (social.network, social.value) == ("telegram", "anna_p")
