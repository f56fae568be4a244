"""A passport seen twice in one list: every passport the batch meets is known to the batch,
and no import ever ends in a constraint error, whatever the order of the rows."""

from __future__ import annotations

import random
import uuid

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from benchmarks.generate_store import latin, people, typo
from pipeline.cli import cli
from pipeline.store.db import dispose_engine, session_scope
from pipeline.store.models import Client, Document
from tests.store.helpers import counts, merge, row

THREE_ROWS = (
    "Surname (Latin),Given name (Latin),Date of birth,Passport No\n"
    "SMITH,JOHN,01.02.1970,AB1111111\n"
    "SMITH,JOHN,01.02.1970,AB2222222\n"
    "DOE,JANE,03.03.1990,AB2222222\n"
)


def test_one_passport_under_two_names_imports_instead_of_crashing(tmp_path):
    path = tmp_path / "smith.csv"
    path.write_text(THREE_ROWS, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = CliRunner().invoke(cli, ["import", str(path), "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "IntegrityError" not in result.output and "Traceback" not in result.output
    assert "row 3: needs a person" in result.stdout
    with session_scope(url) as s:
        holders = dict(s.execute(select(Document.number, Document.client_id)).all())
        smith = s.scalars(select(Client.id).where(Client.surname_lat == "SMITH")).one()
    # John holds both his passports; Jane's row waits for a person instead of taking his
    assert holders == {"AB1111111": smith, "AB2222222": smith}
    assert counts(url)["review_queue"] >= 1


def _family(rnd: random.Random, seed: int) -> list[dict]:
    """Parents and children of one surname, from the bundled names list; some rows carry a
    relative's passport (a clerk copying the line above), some a spelling variant of the name."""
    base = people(rnd.randint(2, 4), seed=seed, start=seed * 10)
    surname = base[0].surname_ru
    rows = []
    for p in base:
        family_name = surname if p.gender == base[0].gender else _other_gender(surname)
        rec = dict(surname_ru=family_name, name_ru=p.name_ru, patronymic_ru=p.patronymic_ru, gender=p.gender,
                   surname_lat=latin(family_name), name_lat=latin(p.name_ru), birth_date=p.birth.isoformat(),
                   passport_series=p.series, passport_number=p.number, passport_expiry=p.expiry.isoformat(),
                   citizenship="RUS")  # fmt: skip
        rows.append(rec)
    out = []
    for rec in rows:
        out.append(rec)
        roll = rnd.random()
        if roll < 0.3:  # the same person again, under another spelling, same passport
            out.append(rec | {"surname_lat": typo(rec["surname_lat"], rnd), "surname_ru": None})
        elif roll < 0.6:  # a relative's passport copied onto this person's line
            other = rnd.choice(rows)
            out.append(rec | {k: other[k] for k in ("passport_series", "passport_number", "passport_expiry")})
        elif roll < 0.75:  # the same person with a second valid passport
            out.append(rec | {"passport_series": "77", "passport_number": rec["passport_number"][::-1]})
        elif roll < 0.85:  # no birth date in this list
            out.append(rec | {"birth_date": None})
    return out


def _other_gender(surname: str) -> str:
    return surname[:-1] if surname.endswith(("ова", "ева", "ина")) else surname + "а"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seeds=st.lists(st.integers(1, 10_000), min_size=1, max_size=3, unique=True), order=st.randoms(),
       split=st.integers(0, 12))  # fmt: skip
def test_shuffled_families_with_shared_passports_never_break_the_import(tmp_path, seeds, order, split):
    records = [rec for seed in seeds for rec in _family(random.Random(seed), seed)]
    order.shuffle(records)
    rows = [row(i + 1, **rec) for i, rec in enumerate(records)]
    url = f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite3"
    try:
        # one list, or the same rows arriving in two lists
        reports = [merge(url, part) for part in (rows[:split], rows[split:]) if part]
        outcomes = [o for r in reports for o in r.outcomes]
        assert len(outcomes) == len(rows)
        assert {o.action for o in outcomes} <= {"new", "merged", "review"}
        with session_scope(url) as s:
            numbers = list(s.scalars(select(Document.doc_key)))
            assert len(numbers) == len(set(numbers))
            # every passport of the list is on file with somebody (none lost, none doubled)
            wanted = {f"F:{r['passport_series']}{r['passport_number']}" for r in records}
            assert wanted <= set(numbers)
            assert s.scalar(select(func.count()).select_from(Client)) <= len(records)
    finally:
        dispose_engine(url)
