"""A 100,000-row CSV read, normalized and validated, beside the bare ``pandas.read_csv``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.generate import write_csv, write_latin_csv
from benchmarks.timing import best_pair


def run(quick: bool = False) -> list[dict]:
    import pandas as pd

    from pipeline.importing.sources import normalize_source
    from pipeline.types import Source

    n = 10_000 if quick else 100_000
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.csv"
        write_csv(path, n)
        options = {"sep": ";", "encoding": "cp1251", "skiprows": 1, "keep_default_na": False}

        def ours() -> None:
            result = normalize_source(Source.from_path(path))
            assert len(result.rows) == n and not any(r.rejected for r in result.rows)

        ours()  # warm the plugins' and pycountry's caches
        full, bare = best_pair(ours, lambda: pd.read_csv(path, dtype=str, **options))
        rows.append({
            "name": f"CSV {n:,} rows x 10 cols: read+normalize+validate", "figure_s": full,
            "baseline": "pandas.read_csv(dtype=str)", "baseline_s": bare,
            # the goal is set for 100,000 rows; a small list is mostly fixed costs
            "goal": "(<= 3x at 100,000 rows)" if quick else "<= 3x",
        })  # fmt: skip
        _, arrow = best_pair(lambda: None, lambda: pd.read_csv(path, dtype=str, engine="pyarrow", **options))
        rows.append({
            "name": "  same, against read_csv(engine='pyarrow')", "figure_s": full,
            "baseline": "pandas.read_csv(dtype=str, engine='pyarrow')", "baseline_s": arrow,
        })  # fmt: skip
        latin = Path(tmp) / "latin.csv"
        write_latin_csv(latin, n)
        normalize_source(Source.from_path(latin))
        full, bare = best_pair(lambda: normalize_source(Source.from_path(latin)),
                               lambda: pd.read_csv(latin, dtype=str, keep_default_na=False))  # fmt: skip
        rows.append({
            "name": f"CSV {n:,} rows, Latin only (Cyrillic guessed)", "figure_s": full,
            "baseline": "pandas.read_csv(dtype=str)", "baseline_s": bare,
        })  # fmt: skip
    return rows
