"""Property: whatever a group list does to the store, merge then undo gives back the exact rows.

SQLite only, for speed; test_undo.py runs the same paths on PostgreSQL deterministically.
"""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clients.undo import undo_batch
from pipeline.store.db import dispose_engine, session_scope
from pipeline.trips.trip import save_trip
from tests.store.helpers import merge, row, snapshot
from tests.store.people import people

BASE = [p.record for p in people(4, seed=3)]
OTHERS = [p.record for p in people(3, seed=5)]

_variant = st.fixed_dictionaries(
    {
        "who": st.integers(0, len(BASE) + len(OTHERS) - 1),
        "drop": st.sets(st.sampled_from(["surname_lat", "name_lat", "gender", "citizenship", "passport_number"])),
        "new_passport": st.booleans(),
        "other_birth": st.booleans(),
        "patronymic": st.sampled_from([None, "Андреевич", "Сергеевна"]),
        "swap": st.booleans(),
        "derived": st.sets(st.sampled_from(["surname_lat", "name_lat"])),
    }
)


def _incoming(n: int, v: dict) -> object:
    rec = dict((BASE + OTHERS)[v["who"]])
    for f in v["drop"]:
        rec[f] = None
    if rec["passport_number"] is None:
        rec["passport_series"] = None
    if v["new_passport"]:
        rec.update(passport_series="76", passport_number=f"{5000000 + n}", passport_expiry="2037-02-01")
    if v["other_birth"]:
        rec["birth_date"] = rec["birth_date"][:8] + ("11" if rec["birth_date"][8:] != "11" else "12")
    if v["swap"]:
        rec["surname_lat"], rec["name_lat"] = rec["name_lat"], rec["surname_lat"]
    rec["patronymic_ru"] = v["patronymic"]
    return row(n, derived=v["derived"], **rec)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    variants=st.lists(_variant, min_size=1, max_size=6),
    policy=st.sampled_from(["review", "keep", "overwrite"]),
    on_trip=st.booleans(),
)
def test_merge_then_undo_restores_the_exact_rows(tmp_path, variants, policy, on_trip):
    url = f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite3"
    try:
        merge(url, [row(i + 1, **rec) for i, rec in enumerate(BASE)])
        if on_trip:
            with session_scope(url) as s:
                save_trip(s, {"voucher": "AYT-0707", "country": "TUR"})
        before = snapshot(url)
        with session_scope(url) as s:
            from pipeline.store.merge import merge_rows
            from pipeline.trips.trip import find_trip

            trip = find_trip(s, "AYT-0707") if on_trip else None
            rows = [_incoming(i + 1, v) for i, v in enumerate(variants)]
            report = merge_rows(s, rows, source="p.csv", sha256="2" * 64, trip=trip, on_conflict=policy)
        with session_scope(url) as s:
            undo_batch(s, report.batch_id)
        assert snapshot(url) == before
    finally:
        dispose_engine(url)
