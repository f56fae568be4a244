"""The matching model: one model in Python and SQL, its public question, and the review queue it
fills (one item per pair, decisions remembered, known spelling variants)."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from benchmarks.generate_linkage import dataset
from pipeline.clients.review import item_view, resolve
from pipeline.store.db import session_scope
from pipeline.store.evidence import LEVELS, levels, sql_levels
from pipeline.store.matching import Match, match_client, record_profile
from pipeline.store.models import Change, Client, ReviewItem
from tests.store.helpers import IVANOV, counts, merge, row

SMIRNOVA = dict(surname_lat="SMIRNOVA", name_lat="IULIIA", surname_ru="Смирнова", name_ru="Юлия",
                patronymic_ru="Андреевна", gender="F", birth_date="1985-03-15", passport_series="75",
                passport_number="3456789", passport_expiry="2030-03-01", citizenship="RUS")  # fmt: skip


def test_python_and_sql_give_the_same_levels_on_generated_pairs():
    duckdb = pytest.importorskip("duckdb")
    ds = dataset(1500, documents=True, seed=21)
    profiles = [record_profile(r.record) for r in ds.rows]
    rnd = random.Random(2)
    pairs = sorted(ds.true_pairs())[:400] + [(rnd.randrange(1500), rnd.randrange(1500)) for _ in range(400)]
    cols = ["surname_key", "name_key", "patronymic_key", "gender", "birth_date", "citizenship"]

    def side(p):
        return [getattr(p, c) for c in cols] + [p.passports[0] if p.passports else None, None, None, None]

    names = [*cols, "passport", "internal", "phone", "email"]
    con = duckdb.connect()
    for tag in ("l", "r"):
        con.execute(f"CREATE TABLE {tag} (k INTEGER, {', '.join(f'{n} VARCHAR' for n in names)})")
    con.executemany(f"INSERT INTO l VALUES ({', '.join('?' * (len(names) + 1))})",
                    [[k, *side(profiles[a])] for k, (a, _) in enumerate(pairs)])  # fmt: skip
    con.executemany(f"INSERT INTO r VALUES ({', '.join('?' * (len(names) + 1))})",
                    [[k, *side(profiles[b])] for k, (_, b) in enumerate(pairs)])  # fmt: skip
    exprs = sql_levels()
    got = con.execute(f"SELECT {', '.join(exprs[c] for c in LEVELS)} FROM l JOIN r USING (k) ORDER BY k").fetchall()
    for (a, b), sql_row in zip(pairs, got, strict=True):
        python = levels(profiles[a], profiles[b])
        assert {c: lv for c, lv in zip(LEVELS, sql_row, strict=True) if lv is not None} == python, (a, b)


def test_match_client_answers_with_band_client_score_and_reasons(db_url):
    merge(db_url, [row(1, **SMIRNOVA)])
    with session_scope(db_url) as s:
        cid = s.scalars(select(Client.id)).one()
        same = match_client(s, {**SMIRNOVA, "surname_lat": "SMIRNOVA", "name_lat": "YULIYA", "passport_number": None})
        namesake = match_client(s, {"surname_ru": "Смирнова", "name_ru": "Юлия", "patronymic_ru": "Игоревна",
                                    "birth_date": "1985-03-15"})  # fmt: skip
        stranger = match_client(s, {"surname_ru": "Кравец", "name_ru": "Олег", "birth_date": "1979-01-01"})
    assert isinstance(same, Match) and (same.band, same.client_id) == ("merge", cid)
    assert same.score >= 0.999 and "same date of birth" in same.reasons
    assert namesake.band == "none" and "another patronymic" in namesake.reasons
    assert (stranger.band, stranger.client_id) == ("none", None)


def test_a_doubtful_row_becomes_a_client_and_one_item_for_the_pair_which_a_rejection_ends(db_url):
    merge(db_url, [row(1, **IVANOV)])
    doubtful = IVANOV | {"birth_date": "1978-05-17", "passport_series": "76", "passport_number": "1112223",
                         "patronymic_ru": None}  # fmt: skip
    report = merge(db_url, [row(4, **doubtful)], source="partner.csv")
    (outcome,) = report.outcomes
    assert outcome.action == "review" and outcome.client_id is not None
    with session_scope(db_url) as s:
        (item,) = s.scalars(select(ReviewItem)).all()
        view = item_view(s, item)
        assert item.kind == "duplicate" and sorted(view["client_ids"]) == sorted([1, outcome.client_id])
        assert view["clients"][str(outcome.client_id)]["birth_date"] == "1978-05-17"
        resolve(s, item.id, "reject")
    for _ in range(2):  # the same list again: the pair is known, nothing new to ask
        again = merge(db_url, [row(4, **doubtful)], source="partner.csv")
        assert [(o.action, o.client_id) for o in again.outcomes] == [("merged", outcome.client_id)]
    assert counts(db_url)["review_queue"] == 1 and counts(db_url)["clients"] == 2
    from pipeline.cleanup import run_cleanup

    assert run_cleanup(db_url, duplicates=True, dry_run=True).proposals == []


def test_reimporting_a_file_never_duplicates_review_items(db_url):
    merge(db_url, [row(1, **IVANOV), row(2, **SMIRNOVA)])
    partner = [
        row(1, **(IVANOV | {"birth_date": "1978-05-15"})),  # a contradiction on a passport match
        row(2, **(IVANOV | {"birth_date": "1978-05-17", "passport_number": "9990001", "patronymic_ru": None})),
        row(3, **(SMIRNOVA | {"name_lat": "JULIA", "passport_number": None, "passport_series": None})),
    ]
    merge(db_url, partner, source="partner.csv")
    first = counts(db_url)
    assert first["review_queue"] == 3
    merge(db_url, partner, source="partner.csv")
    assert counts(db_url)["review_queue"] == first["review_queue"]
    assert counts(db_url)["clients"] == first["clients"]


def test_another_latin_spelling_goes_to_review_with_both_values_not_over_the_stored_one(db_url):
    """Issue 22 item 5: the partner's JULIA against the passport's IULIIA."""
    merge(db_url, [row(1, **SMIRNOVA)])
    partner = SMIRNOVA | {"name_lat": "JULIA", "passport_series": None, "passport_number": None}
    report = merge(db_url, [row(7, **partner)], source="partner.csv")
    assert report.outcomes[0].action == "merged"
    with session_scope(db_url) as s:
        assert s.scalars(select(Client.name_lat)).one() == "IULIIA"
        (item,) = s.scalars(select(ReviewItem)).all()
        assert (item.kind, item.field, item.stored_value, item.incoming_value) == ("conflict", "name_lat", "IULIIA",
                                                                                    "JULIA")  # fmt: skip
        assert "first name (Latin): the list says 'JULIA', the client file 'IULIIA'" in item.reason


def test_a_cyrillic_variant_on_the_clients_own_passport_is_recorded_a_latin_one_asked_once(db_url):
    """A passport prints one Latin spelling: YULIYA against IULIIA on the same passport is asked
    about (issue 22 item 5); a Cyrillic slip (Смернова) is only a known variant."""
    merge(db_url, [row(1, **SMIRNOVA)])
    merge(db_url, [row(3, **(SMIRNOVA | {"name_lat": "YULIYA", "surname_ru": "Смернова"}))], source="hotel.xlsx")
    merge(db_url, [row(3, **(SMIRNOVA | {"name_lat": "YULIYA"}))], source="hotel.xlsx")  # seen again: once
    with session_scope(db_url) as s:
        (item,) = s.scalars(select(ReviewItem)).all()
        assert (item.kind, item.field, item.stored_value, item.incoming_value) == ("conflict", "name_lat", "IULIIA",
                                                                                    "YULIYA")  # fmt: skip
        c = s.scalars(select(Client)).one()
        assert (c.name_lat, c.surname_ru) == ("IULIIA", "Смирнова")
        variants = s.execute(select(Change.field, Change.new_value).where(Change.action == "variant")).all()
        assert sorted(variants) == [("surname_ru", "Смернова")]
        from pipeline.clients.review import known_variants

        assert {v["value"] for v in known_variants(s, c.id)} == {"Смернова"}
