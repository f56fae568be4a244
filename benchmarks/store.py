"""The client store at scale, on SQLite and PostgreSQL: matcher quality, merge and find speed.

On a synthetic store (benchmarks.generate_store; 1,000,000 clients, 20,000 with ``quick``):

- matcher quality on an incoming list of known people (written with typos, other schemes,
  swapped names, missing fields, new passports) mixed with newcomers: precision and recall
  with the counts behind them;
- merging a 500-tourist group, after a warm-up, beside a plain INSERT of the same 500 rows;
- ``clients find`` by surname (and by surname + first name), beside one indexed equality
  SELECT on the same table.

``python -m benchmarks.store [--quick] [--engine sqlite|postgresql]`` prints the rows.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from benchmarks import scratch_pg


def run(quick: bool = False, engines: tuple[str, ...] = ("sqlite", "postgresql")) -> list[dict]:
    n = 20_000 if quick else 1_000_000
    rows: list[dict] = []
    for engine in engines:
        with _store_url(engine) as url:
            if url is None:
                continue
            rows += _bench(url, engine, n, quick)
    return rows


def _bench(url: str, engine: str, n: int, quick: bool) -> list[dict]:
    from benchmarks.generate_store import load_store

    start = time.perf_counter()
    store = load_store(url, n)
    loaded = time.perf_counter() - start
    out = [{"name": f"[{engine}] load {n:,} clients + passports (bulk)", "figure_s": loaded,
            "baseline": "none: setup", "baseline_s": loaded, "goal": ""}]  # fmt: skip
    q = quality(url, store, size=2000 if quick else 5000)
    out.append({
        "name": f"[{engine}] matcher P={q['precision']:.4f} R={q['recall']:.4f} on {q['rows']} rows",
        "figure_s": q["seconds"], "baseline": f"counts {q['counts']}", "baseline_s": q["seconds"],
        "goal": "precision >= 0.999, recall >= 0.97",
    })  # fmt: skip
    merge_s, insert_s = merge_speed(url, store)
    out.append({"name": f"[{engine}] merge 500-tourist group into {n:,} clients", "figure_s": merge_s,
                "baseline": "plain INSERT of the 500 rows", "baseline_s": insert_s, "goal": "< 1 s"})  # fmt: skip
    find_s, find_name_s, eq_s = find_speed(url, store)
    out.append({"name": f"[{engine}] clients find SURNAME (median)", "figure_s": find_s,
                "baseline": "one indexed equality SELECT", "baseline_s": eq_s, "goal": "< 0.05 s"})  # fmt: skip
    out.append({"name": f"[{engine}] clients find SURNAME --name N (median)", "figure_s": find_name_s,
                "baseline": "one indexed equality SELECT", "baseline_s": eq_s, "goal": "< 0.05 s"})  # fmt: skip
    clean_s, peak_mb, read_s = cleanup_cost(url)
    out.append({"name": f"[{engine}] cleanup of {n:,} clients (Splink), peak {peak_mb:,.0f} MB", "figure_s": clean_s,
                "baseline": "reading the file for it", "baseline_s": read_s, "goal": "< 90 s, < 2 GB"})  # fmt: skip
    return out


def cleanup_cost(url: str) -> tuple[float, float, float]:
    """Seconds and peak memory (MB) of the whole-store cleanup, run in a process of its own."""
    import multiprocessing as mp
    import resource

    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    child = ctx.Process(target=_cleanup_child, args=(url, results))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError("the cleanup failed (its traceback is above)")
    seconds, read_s = results.get(timeout=5)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024, read_s


def _cleanup_child(url: str, results) -> None:
    from pipeline.cleanup import run_cleanup

    report = run_cleanup(url)
    results.put((report.seconds["total"], report.seconds.get("read", 0.0)))


def quality(url: str, store: list, size: int = 2000, seed: int = 2) -> dict:
    """Merge a group with known truth (rolled back afterwards) and score each decision."""
    from benchmarks.generate_store import incoming_group
    from pipeline.store.merge import merge_rows

    rows, truth = incoming_group(store, size, seed=seed)
    counts: Counter[str] = Counter()
    with _rolled_back(url) as session:
        start = time.perf_counter()
        report = merge_rows(session, rows, source="quality.csv", sha256="q" * 64)
        seconds = time.perf_counter() - start
    for outcome, known in zip(report.outcomes, truth, strict=True):
        if known is None:
            counts["newcomer merged (wrong)" if outcome.action == "merged" else f"newcomer {outcome.action}"] += 1
        elif outcome.action == "merged":
            counts["known merged right" if outcome.client_id == known else "known merged wrong"] += 1
        else:
            counts[f"known {outcome.action}"] += 1
    right = counts["known merged right"]
    wrong = counts["known merged wrong"] + counts["newcomer merged (wrong)"]
    known_total = sum(1 for t in truth if t is not None)
    return {"precision": right / max(right + wrong, 1), "recall": right / max(known_total, 1),
            "counts": dict(sorted(counts.items())), "rows": len(rows), "seconds": seconds}  # fmt: skip


def merge_speed(url: str, store: list, repeats: int = 3) -> tuple[float, float]:
    """Median seconds to merge a fresh 500-tourist group (committed), and to INSERT 500 rows."""
    from sqlalchemy import insert

    from benchmarks.generate_store import incoming_group
    from pipeline.store.db import session_scope
    from pipeline.store.merge import merge_rows
    from pipeline.store.models import Client

    times = []
    for i in range(repeats + 1):  # the first is the warm-up
        rows, _ = incoming_group(store, 500, seed=100 + i)
        start = time.perf_counter()
        with session_scope(url) as session:
            merge_rows(session, rows, source=f"group-{i}.xlsx", sha256=f"{i:064d}")
        times.append(time.perf_counter() - start)
    plain = []
    for i in range(repeats):
        values = [{"surname_lat": f"PLAIN{i}", "name_lat": f"N{j}", "derived": [], "extra": {}} for j in range(500)]
        start = time.perf_counter()
        with _rolled_back(url) as session:
            session.execute(insert(Client), values)
        plain.append(time.perf_counter() - start)
    return statistics.median(times[1:]), statistics.median(plain)


def find_speed(url: str, store: list, queries: int = 30) -> tuple[float, float, float]:
    """Median seconds of ``find_clients`` by surname, by surname + name, and of one equality SELECT."""
    import random

    from sqlalchemy import select

    from pipeline.clients.find import find_clients
    from pipeline.store.db import session_scope
    from pipeline.store.models import Client

    rnd = random.Random(5)
    picks = [store[rnd.randrange(len(store))] for _ in range(queries)]
    by_surname, by_name, equality = [], [], []
    with session_scope(url) as session:
        find_clients(session, picks[0].surname_ru)  # warm-up
        for p in picks:
            start = time.perf_counter()
            find_clients(session, p.surname_ru.lower())
            by_surname.append(time.perf_counter() - start)
            start = time.perf_counter()
            find_clients(session, p.surname_ru[:5], name=p.name_ru[:3])
            by_name.append(time.perf_counter() - start)
            start = time.perf_counter()
            session.execute(select(Client.id).where(Client.search_ru == p.surname_ru.lower()).limit(50)).all()
            equality.append(time.perf_counter() - start)
    return statistics.median(by_surname), statistics.median(by_name), statistics.median(equality)


@contextmanager
def _rolled_back(url: str):
    from sqlalchemy.orm import Session

    from pipeline.store.db import engine_for

    with Session(engine_for(url)) as session:
        session.begin()
        try:
            yield session
        finally:
            session.rollback()


@contextmanager
def _store_url(engine: str):
    """A new empty store, removed afterwards; ``None`` when PostgreSQL is not reachable."""
    from pipeline.store.db import dispose_engine

    if engine == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            yield url
            dispose_engine(url)
        return
    try:
        url = scratch_pg.create("tourdesk_bench")
    except Exception as exc:  # the SQLite figures still stand; say why these are missing
        print(f"# PostgreSQL skipped: {exc.__class__.__name__}: {exc}")
        yield None
        return
    try:
        yield url
    finally:
        scratch_pg.drop(url)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.store")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    for row in run(args.quick, tuple(args.engine or ("sqlite", "postgresql"))):
        print(f"{row['name']:70} {row['figure_s']:8.3f}s  {row['baseline']} {row['baseline_s']:.3f}s  goal {row['goal']}")
