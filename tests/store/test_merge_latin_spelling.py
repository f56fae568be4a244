"""Another Latin spelling of a client's name (issue 22 item 5): to review with both values, never
over the stored one, however the client was matched; the other fields as before."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.clients.review import item_view, known_variants, resolve
from pipeline.store.db import session_scope
from pipeline.store.models import Change, Client, ReviewItem
from tests.store.helpers import counts, merge, row

# A Ukrainian client as her passport spells her (the 2010 table), and a Kazakh one whose file
# holds no passport.
SHEVCHENKO = dict(surname_lat="SHEVCHENKO", name_lat="NATALIIA", surname_ru="Шевченко", name_ru="Наталія",
                  patronymic_ru="Олексіївна", gender="F", birth_date="1980-02-01", passport_number="FE123456",
                  passport_expiry="2031-02-01", citizenship="UKR")  # fmt: skip
ALIEV = dict(surname_lat="ALIEV", name_lat="KANAT", surname_ru="Әлиев", name_ru="Қанат", gender="M",
             birth_date="1990-06-05", citizenship="KAZ")  # fmt: skip


def _items(s):
    return [(i.kind, i.client_id, i.field, i.stored_value, i.incoming_value, i.source, i.source_row, i.reason)
            for i in s.scalars(select(ReviewItem).order_by(ReviewItem.id))]  # fmt: skip


def test_matched_on_her_own_passport_the_partners_spelling_is_asked_about(db_url):
    merge(db_url, [row(1, **SHEVCHENKO)], source="office.xlsx")
    # the partner writes NATALIA, with the same passport and no birth date or patronymic
    partner = SHEVCHENKO | {"name_lat": "NATALIA", "birth_date": None, "patronymic_ru": None}
    report = merge(db_url, [row(4, **partner)], source="partner.csv")
    assert [(o.action, o.client_id) for o in report.outcomes] == [("merged", 1)]
    with session_scope(db_url) as s:
        c = s.scalars(select(Client)).one()
        assert (c.surname_lat, c.name_lat, c.name_ru, c.birth_date.isoformat()) == (
            "SHEVCHENKO", "NATALIIA", "Наталія", "1980-02-01")  # fmt: skip
        assert _items(s) == [("conflict", 1, "name_lat", "NATALIIA", "NATALIA", "partner.csv", 4,
                              "first name (Latin): the list says 'NATALIA', the client file 'NATALIIA'")]  # fmt: skip
        (item,) = s.scalars(select(ReviewItem)).all()
        assert item_view(s, item)["differences"] == {"name_lat": ["NATALIIA", "NATALIA"]}
        assert s.scalars(select(Change).where(Change.action == "variant")).all() == []


def test_matched_on_name_and_birth_date_without_a_passport_on_file(db_url):
    merge(db_url, [row(1, **ALIEV)])
    report = merge(
        db_url, [row(2, **(ALIEV | {"surname_lat": "ALIYEV", "gender": None}))], source="hotel.csv"
    )
    assert report.outcomes[0].action == "merged"
    with session_scope(db_url) as s:
        assert s.scalars(select(Client.surname_lat)).one() == "ALIEV"
        assert _items(s) == [("conflict", 1, "surname_lat", "ALIEV", "ALIYEV", "hotel.csv", 2,
                              "surname (Latin): the list says 'ALIYEV', the client file 'ALIEV'")]  # fmt: skip


def test_asked_once_and_the_clerks_answer_holds(db_url):
    merge(db_url, [row(1, **SHEVCHENKO)])
    partner = row(2, **(SHEVCHENKO | {"name_lat": "NATALIA"}))
    merge(db_url, [partner], source="partner.csv")
    merge(db_url, [partner], source="partner.csv")  # the same list again: not asked twice
    with session_scope(db_url) as s:
        (item,) = s.scalars(select(ReviewItem)).all()
        resolve(s, item.id, "keep")
    merge(db_url, [partner], source="partner.csv")  # kept once: not asked again
    assert counts(db_url)["review_queue"] == 1
    with session_scope(db_url) as s:
        assert s.scalars(select(Client.name_lat)).one() == "NATALIIA"
    # another spelling is another question; accepting it makes it the file's spelling
    merge(db_url, [row(3, **(SHEVCHENKO | {"name_lat": "NATALIYA"}))], source="visa.xlsx")
    with session_scope(db_url) as s:
        item = s.scalars(select(ReviewItem).where(ReviewItem.status == "open")).one()
        assert (item.stored_value, item.incoming_value) == ("NATALIIA", "NATALIYA")
        resolve(s, item.id, "accept")
    with session_scope(db_url) as s:
        assert s.scalars(select(Client.name_lat)).one() == "NATALIYA"


def test_other_fields_keep_their_rules(db_url):
    merge(db_url, [row(1, **SHEVCHENKO)])
    # a Cyrillic slip is a known variant; a gap is filled; neither is asked about
    merge(
        db_url,
        [row(2, **(SHEVCHENKO | {"surname_ru": "Шевчеко", "patronymic_ru": None}))],
        source="hotel.csv",
    )
    # a derived Latin spelling never goes against a read one, and is not asked about
    merge(db_url, [row(3, derived={"name_lat"}, **(SHEVCHENKO | {"name_lat": "NATALIA"}))], source="auto.csv")
    with session_scope(db_url) as s:
        c = s.scalars(select(Client)).one()
        assert (c.surname_ru, c.name_lat, c.patronymic_ru) == ("Шевченко", "NATALIIA", "Олексіївна")
        assert s.scalars(select(ReviewItem)).all() == []
        assert [(v["field"], v["value"], v["source"]) for v in known_variants(s, c.id)] == [
            ("surname_ru", "Шевчеко", "hotel.csv")]  # fmt: skip


def test_a_read_spelling_still_replaces_a_derived_one(db_url):
    # the file's Latin was worked out by the program (ICAO), the list reads it from the passport
    merge(db_url, [row(1, derived={"surname_lat", "name_lat"}, **ALIEV)])
    merge(db_url, [row(2, **(ALIEV | {"surname_lat": "ALIYEV"}))], source="passports.csv")
    with session_scope(db_url) as s:
        c = s.scalars(select(Client)).one()
        assert (c.surname_lat, c.name_lat, sorted(c.derived)) == ("ALIYEV", "KANAT", ["name_lat"])
        assert s.scalars(select(ReviewItem)).all() == []


def test_the_review_item_says_which_rule_wrote_the_latin(db_url):
    merge(db_url, [row(1, **SHEVCHENKO)])
    incoming = row(2, derived={"surname_lat", "name_lat"}, **(SHEVCHENKO | {"surname_ru": "Коваль"}))
    incoming.latin_rule = "ukraine2010"
    merge(db_url, [incoming], source="partner.csv")
    with session_scope(db_url) as s:
        (item,) = s.scalars(select(ReviewItem)).all()
        assert (item.field, item.stored_value, item.incoming_value) == ("surname_ru", "Шевченко", "Коваль")
        assert item.incoming["latin_rule"] == "ukraine2010"
        assert item.incoming["derived"] == ["name_lat", "surname_lat"]
