"""Two desks importing overlapping groups at the same moment, in separate processes.

The store serialises writers (PostgreSQL advisory lock, SQLite's immediate write lock); these
tests start real processes against a store nobody has opened yet, so the first-use migration
races too, and check that every tourist became exactly one client.
"""

from __future__ import annotations

import multiprocessing as mp

from sqlalchemy import func, select

from pipeline.store.db import session_scope
from pipeline.store.models import Client, Document, ImportBatch, TripTourist
from tests.store.helpers import counts

GROUP_A = range(0, 40)
GROUP_B = range(20, 60)  # tourists 20-39 are on both lists


def _desk(url: str, indexes: list[int], source: str, voucher: str, start, done) -> None:
    """One desk: waits for the starting shot, then imports its list onto the shared trip."""
    from pipeline.store.db import serialize_writers, session_scope
    from pipeline.store.merge import merge_rows
    from pipeline.trips.trip import find_trip, save_trip
    from tests.store.people import people

    rows = [p for i, p in enumerate(people(60)) if i in set(indexes)]
    # the second desk typed its list in Cyrillic only: the same people under another spelling
    if source == "desk-b.csv":
        for r in rows:
            r.record["surname_lat"] = r.record["name_lat"] = None
    for n, r in enumerate(rows, 1):
        r.source_row = n
    start.wait(60)
    with session_scope(url) as session:
        serialize_writers(session)  # the trip is created by whichever desk comes first
        try:
            trip = find_trip(session, voucher)
        except LookupError:
            trip = save_trip(session, {"voucher": voucher, "country": "TUR", "arrival": "2027-06-01"})
        report = merge_rows(session, rows, source=source, sha256=source * 4, trip=trip)
    done.put([(o.source_row, o.action) for o in report.outcomes])


def _race(url: str, rounds: int = 1) -> list[list[tuple[int, str]]]:
    ctx = mp.get_context("spawn")
    results = []
    for _ in range(rounds):
        start, done = ctx.Event(), ctx.Queue()
        desks = [
            ctx.Process(target=_desk, args=(url, list(GROUP_A), "desk-a.csv", "ANT-0601", start, done)),
            ctx.Process(target=_desk, args=(url, list(GROUP_B), "desk-b.csv", "ANT-0601", start, done)),
        ]
        for d in desks:
            d.start()
        start.set()
        for d in desks:
            d.join(120)
            assert d.exitcode == 0, "a desk's import failed (see its traceback above)"
        results += [done.get(timeout=5) for _ in desks]
    return results


def test_parallel_imports_create_no_duplicate_and_lose_nothing(db_url):
    results = _race(db_url, rounds=2)  # the second round re-imports both lists: all merges
    assert all(action in ("new", "merged") for res in results for _, action in res)
    assert sum(len(r) for r in results) == 2 * (len(GROUP_A) + len(GROUP_B))
    assert sum(action == "new" for res in results for _, action in res) == 60
    assert all(action == "merged" for res in results[2:] for _, action in res)
    got = counts(db_url)
    assert (got["clients"], got["documents"], got["trip_tourists"], got["review_queue"]) == (60, 60, 60, 0)
    with session_scope(db_url) as s:
        people_ = s.execute(select(Client.surname_key, Client.name_key, Client.birth_date).distinct()).all()
        assert len(people_) == 60
        # four imports (the trip the first desk created is a batch of its own, kind "trip")
        assert s.scalar(select(func.count()).select_from(ImportBatch).where(ImportBatch.kind == "import")) == 4
        # the shared tourists have desk A's Latin whichever desk came first; B's own have none
        assert s.scalar(select(func.count()).where(Client.surname_lat.is_(None))) == len(GROUP_B) - 20
        per_client = s.execute(select(TripTourist.client_id, func.count()).group_by(TripTourist.client_id)).all()
        assert {n for _, n in per_client} == {1}
        assert s.scalar(select(func.count(func.distinct(Document.client_id)))) == 60
