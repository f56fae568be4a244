"""A big partner list imported into the client store, beside a plain INSERT of its rows.

Both write into an empty SQLite file: ours matches every tourist, writes clients, passports
and the change history in one transaction; the baseline is one executemany INSERT of the
same normalized records into a bare table. Then the same list again, when every tourist is
already a client (all merges).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.generate import write_csv


def run(quick: bool = False) -> list[dict]:
    from pipeline.importing.run import import_source
    from pipeline.importing.sources import normalize_source
    from pipeline.record import CANONICAL_FIELDS
    from pipeline.types import Source

    n = 2_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.csv"
        write_csv(path, n)
        records = [r.record for r in normalize_source(Source.from_path(path)).rows if not r.rejected]
        bare = sqlite3.connect(Path(tmp) / "bare.sqlite3")
        bare.execute(f"CREATE TABLE tourists (id INTEGER PRIMARY KEY, {', '.join(CANONICAL_FIELDS)})")
        start = time.perf_counter()
        with bare:
            bare.executemany(
                f"INSERT INTO tourists ({', '.join(CANONICAL_FIELDS)}) VALUES ({', '.join('?' * len(CANONICAL_FIELDS))})",
                [tuple(r[f] for f in CANONICAL_FIELDS) for r in records],
            )
        insert_s = time.perf_counter() - start
        bare.close()
        url = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        start = time.perf_counter()
        first = import_source(Source.from_path(path), db_url=url)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        again = import_source(Source.from_path(path), db_url=url)
        again_s = time.perf_counter() - start
        assert first.total == again.total == n
    return [
        {"name": f"import {n:,}-row CSV into an empty SQLite store", "figure_s": first_s,
         "baseline": f"plain INSERT of the {len(records):,} records", "baseline_s": insert_s},
        {"name": "  the same list again (every tourist merges)", "figure_s": again_s,
         "baseline": f"plain INSERT of the {len(records):,} records", "baseline_s": insert_s},
    ]  # fmt: skip
