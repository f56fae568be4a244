"""Many desks importing overlapping groups into one PostgreSQL store, against one desk alone.

Each desk is a process that imports group lists (slices of one seeded list of tourists,
each overlapping the next by half) for a fixed time, as an operator's offices would. The
figure is rows merged per second by 8 desks together; the baseline is one desk in the same
run. Merges take turns on the store's writer lock, so the ratio shows what the lock costs
and what reading and normalizing in parallel gains. Traffic goes to 127.0.0.1 only.

``python -m benchmarks load [--quick]``, or ``python -m benchmarks.load --desks 8 --seconds 60``.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import random
import tempfile
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import HEADER, tourists
from benchmarks.scratch_pg import scratch_database

GROUP = 40  # tourists per list: a coach group
STEP = GROUP // 2  # each list shares half its tourists with the next one


@dataclass
class Imported:
    """One import as the desk saw it: enough to find the batch and check it is whole."""

    desk: int
    group: int
    batch_id: int
    rows: int
    new: int
    merged: int
    review: int
    rejected: int


@dataclass
class LoadResult:
    desks: int
    seconds: float
    imports: list[Imported] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(i.rows for i in self.imports)

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def write_groups(folder: Path, pool: int, seed: int = 11) -> list[Path]:
    """Overlapping group lists cut from one seeded list of ``pool`` tourists."""
    people = list(tourists(pool, seed=seed))
    paths = []
    for k, start in enumerate(range(0, pool - GROUP + 1, STEP)):
        path = folder / f"group-{k:04d}.csv"
        with open(path, "w", encoding="cp1251", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(HEADER)
            w.writerows([str(n), *row[1:]] for n, row in enumerate(people[start : start + GROUP], 1))
        paths.append(path)
    return paths


def _desk(desk: int, url: str, paths: list[str], seconds: float, start, results) -> None:
    """One desk: warms up, waits for the start, then imports random groups until time is up."""
    done: list[Imported] = []
    failures: list[str] = []
    try:
        _import_until(desk, url, paths, seconds, start, done, failures)
    except BaseException as exc:  # the parent must hear from every desk, or it would wait
        failures.append(f"desk {desk}: {exc.__class__.__name__}: {exc}")
    finally:
        results.put((done, failures))


def _import_until(desk: int, url: str, paths: list[str], seconds: float, start, done, failures) -> None:
    from pipeline.importing.run import import_source
    from pipeline.store.db import engine_for
    from pipeline.types import Source

    engine_for(url)  # migrations and the pool before the clock starts
    rnd = random.Random(desk)
    start.wait(120)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        k = rnd.randrange(len(paths))
        try:
            r = import_source(Source.from_path(paths[k]), db_url=url)
        except Exception as exc:  # reported to the parent, which fails the run
            failures.append(f"desk {desk}, group {k}: {exc.__class__.__name__}: {exc}")
            continue
        assert r.batch_id is not None
        done.append(Imported(desk, k, r.batch_id, r.total, r.count("new"), r.count("merged"),
                             r.count("review"), r.count("rejected")))  # fmt: skip


def run_desks(url: str, paths: list[Path], desks: int, seconds: float) -> LoadResult:
    """``desks`` processes importing for ``seconds``; returns every import they made."""
    from pipeline.store.db import dispose_engine, engine_for

    engine_for(url)  # one process migrates a new store, so the desks only find it ready
    dispose_engine(url)
    ctx = mp.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_desk, args=(d, url, [str(p) for p in paths], seconds, start, results))
        for d in range(desks)
    ]
    for p in procs:
        p.start()
    time.sleep(0.5)
    began = time.monotonic()
    start.set()
    out = LoadResult(desks, seconds)
    for _ in procs:
        # bounded: a desk stops starting imports at the deadline; one import takes seconds
        done, failures = results.get(timeout=seconds + 300)
        out.imports += done
        out.failures += failures
    out.seconds = time.monotonic() - began
    for p in procs:
        p.join(30)
        if p.exitcode != 0:
            out.failures.append(f"a desk process ended with status {p.exitcode}")
    return out


def postgres_store() -> AbstractContextManager[str]:
    """A new empty PostgreSQL database on the local server, dropped afterwards."""
    return scratch_database("tourdesk_load")


def run(quick: bool = False) -> list[dict]:
    seconds = 5.0 if quick else 30.0
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_groups(Path(tmp), pool=1000 if quick else 4000)
        with postgres_store() as url:
            one = run_desks(url, paths, 1, seconds)
        with postgres_store() as url:
            many = run_desks(url, paths, 8, seconds)
    for r in (one, many):
        if r.failures:
            raise RuntimeError(r.failures[0])
    return [
        {
            "name": f"8 desks importing {GROUP}-tourist groups, PostgreSQL, {seconds:.0f} s",
            "figure_s": many.rows_per_s,
            "unit": "rows/s",
            "baseline": f"1 desk alone ({one.rows} rows; 8 desks: {many.rows})",
            "baseline_s": one.rows_per_s,
        }
    ]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--desks", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pool", type=int, default=4000, help="tourists the groups are cut from")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, postgres_store() as url:
        result = run_desks(url, write_groups(Path(tmp), args.pool), args.desks, args.seconds)
    print(f"{args.desks} desks, {result.seconds:.1f} s: {len(result.imports)} imports, {result.rows} rows, "
          f"{result.rows_per_s:.1f} rows/s; {len(result.failures)} failures")  # fmt: skip
