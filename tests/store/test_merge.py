"""Merging tourists into the client store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client, Document, ReviewItem
from tests.store.helpers import IVANOV, counts, merge, row, snapshot


def test_new_client_then_idempotent(db_url):
    first = merge(db_url, [row(1, **IVANOV)])
    assert [o.action for o in first.outcomes] == ["new"]
    before = counts(db_url)
    assert before["clients"] == 1 and before["documents"] == 1
    again = merge(db_url, [row(1, **IVANOV)])
    assert [o.action for o in again.outcomes] == ["merged"]
    assert "same foreign passport" in again.outcomes[0].reason
    assert counts(db_url) == before  # nothing changed the second time


def test_same_person_twice_in_one_list_is_one_client(db_url):
    report = merge(db_url, [row(1, **IVANOV), row(2, **IVANOV)])
    assert [o.action for o in report.outcomes] == ["new", "merged"]
    assert counts(db_url)["clients"] == 1


def test_spelling_variants_match_by_name_key_and_birth_date(db_url):
    merge(db_url, [row(1, surname_lat="SMIRNOVA", name_lat="IULIIA", birth_date="1985-03-15")])
    report = merge(db_url, [row(1, surname_lat="SMIRNOVA", name_lat="YULIYA", birth_date="1985-03-15")])
    assert report.outcomes[0].action == "merged" and "same surname, same first name, same date of birth" in report.outcomes[0].reason
    cyr = merge(db_url, [row(1, surname_ru="Смирнова", name_ru="Юлия", birth_date="1985-03-15")])
    assert cyr.outcomes[0].action == "merged"
    assert counts(db_url)["clients"] == 1


def test_swapped_surname_and_name_caught(db_url):
    merge(db_url, [row(1, surname_lat="TSOI", name_lat="VIKTOR", birth_date="1962-06-21")])
    report = merge(db_url, [row(1, surname_lat="VIKTOR", name_lat="TSOI", birth_date="1962-06-21")])
    assert report.outcomes[0].action == "merged" and "swapped" in report.outcomes[0].reason
    with session_scope(db_url) as s:
        client = s.scalars(select(Client)).one()
        assert (client.surname_lat, client.name_lat) == ("TSOI", "VIKTOR")


def test_swapped_names_with_a_typo_merge_as_swapped_without_a_question(db_url):
    merge(db_url, [row(1, **IVANOV)])
    # the columns swapped and the first name mistyped, on the client's own passport
    names = {"surname_lat": "SREGEI", "name_lat": "IVANOV", "surname_ru": "Серегй", "name_ru": "Иванов"}
    swapped = IVANOV | names
    report = merge(db_url, [row(1, **swapped)])
    assert report.outcomes[0].action == "merged" and "swapped" in report.outcomes[0].reason
    with session_scope(db_url) as s:
        client = s.scalars(select(Client)).one()
        assert (client.surname_lat, client.name_lat, client.surname_ru) == ("IVANOV", "SERGEI", "Иванов")
    assert counts(db_url)["review_queue"] == 0  # a known spelling of the name, not a four-field conflict


def test_name_alone_never_merges_nor_asks(db_url):
    merge(db_url, [row(1, surname_lat="PETROV", name_lat="IVAN", birth_date="1970-01-01")])
    report = merge(db_url, [row(1, surname_lat="PETROV", name_lat="IVAN")])  # no birth date, no passport
    # a namesake with nothing else to compare is not put to a person either (issue 15)
    assert report.outcomes[0].action == "new"
    assert counts(db_url)["clients"] == 2 and counts(db_url)["review_queue"] == 0


def test_empty_value_never_overwrites_and_gaps_are_filled_with_history(db_url):
    merge(db_url, [row(1, **IVANOV)])
    merge(db_url, [row(1, **(IVANOV | {"patronymic_ru": None, "citizenship": None}))], source="second.csv")
    with session_scope(db_url) as s:
        client = s.scalars(select(Client)).one()
        assert client.patronymic_ru == "Петрович" and client.citizenship == "RUS"
    partial = dict(IVANOV, gender=None)
    merge(db_url, [row(1, **partial)])
    with session_scope(db_url) as s:
        c = s.scalars(select(Client)).one()
        c.gender = None  # a gap in the file
    merge(db_url, [row(7, **IVANOV)], source="gap.csv")
    with session_scope(db_url) as s:
        change = s.scalars(select(Change).where(Change.field == "gender")).one()
        assert (change.old_value, change.new_value, change.source, change.source_row) == (None, "M", "gap.csv", 7)


def test_conflict_goes_to_review_by_default_and_nothing_is_overwritten(db_url):
    merge(db_url, [row(1, **IVANOV)])
    report = merge(db_url, [row(3, **(IVANOV | {"birth_date": "1978-05-15"}))], source="partner.csv")
    assert report.outcomes[0].action == "merged"
    with session_scope(db_url) as s:
        assert s.scalars(select(Client)).one().birth_date.isoformat() == "1978-05-14"
        item = s.scalars(select(ReviewItem)).one()
        assert (item.field, item.stored_value, item.incoming_value, item.source_row) == (
            "birth_date", "1978-05-14", "1978-05-15", 3)  # fmt: skip


@pytest.mark.parametrize(("policy", "expected"), [("keep", "1978-05-14"), ("overwrite", "1978-05-15")])
def test_conflict_policies(db_url, policy, expected):
    merge(db_url, [row(1, **IVANOV)])
    merge(db_url, [row(1, **(IVANOV | {"birth_date": "1978-05-15"}))], on_conflict=policy)
    with session_scope(db_url) as s:
        assert s.scalars(select(Client)).one().birth_date.isoformat() == expected
        assert s.scalars(select(ReviewItem)).all() == []
        if policy == "overwrite":
            ch = s.scalars(select(Change).where(Change.field == "birth_date")).one()
            assert (ch.old_value, ch.new_value) == ("1978-05-14", "1978-05-15")


def test_ask_policy_uses_the_clerks_answer(db_url):
    merge(db_url, [row(1, **IVANOV)])
    asked = []
    merge(db_url, [row(1, **(IVANOV | {"birth_date": "1978-05-15"}))], on_conflict="ask",
          ask=lambda client, field, old, new: asked.append(field) or True)  # fmt: skip
    assert asked == ["birth_date"]
    with session_scope(db_url) as s:
        assert s.scalars(select(Client)).one().birth_date.isoformat() == "1978-05-15"


def test_read_value_beats_derived_one(db_url):
    merge(db_url, [row(1, derived={"surname_lat"}, **(IVANOV | {"surname_lat": "IVANOV"}))])
    # the list now gives a Latin spelling read from the passport: it replaces the derived one
    merge(db_url, [row(1, **(IVANOV | {"surname_lat": "IVANOFF"}))])
    # and a derived value never overwrites a read one
    merge(db_url, [row(1, derived={"surname_lat"}, **(IVANOV | {"surname_lat": "IVANOV"}))])
    with session_scope(db_url) as s:
        c = s.scalars(select(Client)).one()
        assert c.surname_lat == "IVANOFF" and "surname_lat" not in c.derived
        assert s.scalars(select(ReviewItem)).all() == []


def test_newer_passport_becomes_current_older_stays(db_url):
    merge(db_url, [row(1, **IVANOV)])
    newer = IVANOV | {"passport_series": "77", "passport_number": "7654321", "passport_expiry": "2036-01-10"}
    report = merge(db_url, [row(1, **newer)])
    assert report.outcomes[0].action == "merged"  # by name and birth date
    with session_scope(db_url) as s:
        docs = {d.number: d.is_current for d in s.scalars(select(Document))}
        assert docs == {"1234567": False, "7654321": True}
        ch = s.scalars(select(Change).where(Change.action == "document").order_by(Change.id.desc())).first()
        assert (ch.old_value, ch.new_value) == ("751234567", "777654321")


def test_failed_import_leaves_the_store_as_it_was(db_url):
    merge(db_url, [row(1, **IVANOV)])
    before = snapshot(db_url)
    with pytest.raises(RuntimeError), session_scope(db_url) as session:
        from pipeline.store.merge import merge_rows

        merge_rows(session, [row(1, surname_lat="NEW", name_lat="PERSON", birth_date="1990-01-01")], source="x", sha256="1")
        raise RuntimeError("interrupted")
    assert snapshot(db_url) == before
