"""A 100,000-row CSV read, normalized and validated, beside the bare ``pandas.read_csv``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.generate import write_csv


def run(quick: bool = False) -> list[dict]:
    import pandas as pd

    from pipeline.sources import normalize_source
    from pipeline.types import Source

    n = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.csv"
        write_csv(path, n)
        start = time.perf_counter()
        pd.read_csv(path, dtype=str, sep=";", encoding="cp1251", skiprows=1, keep_default_na=False)
        bare = time.perf_counter() - start
        normalize_source(Source.from_path(path))  # warm caches of plugins and pycountry
        start = time.perf_counter()
        result = normalize_source(Source.from_path(path))
        full = time.perf_counter() - start
        assert len(result.rows) == n
    return [
        {
            "name": f"CSV {n:,} rows x 10 cols: read+normalize+validate",
            "figure_s": full,
            "baseline": "pandas.read_csv(dtype=str)",
            "baseline_s": bare,
            "goal": "<= 3x",
        }
    ]
