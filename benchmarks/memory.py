"""Memory stays flat with input size: a 1,000,000-row list checked in chunks under 1 GB.

Each figure is the peak resident memory of a fresh process; the baseline reads the same file
with bare ``pandas.read_csv`` in chunks of the same size.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_OURS = """
from pipeline.importing.run import import_source
from pipeline.types import Source
seen = 0
def count(rows):
    global seen
    seen += len(rows)
result = import_source(Source.from_path({path!r}), dry_run=True, on_rows=count)
assert seen == {n}, seen
print(_peak_kb())
"""
_IMPORT = """
from pipeline.importing.run import import_source
from pipeline.types import Source
result = import_source(Source.from_path({path!r}), db_url={url!r})
assert result.total == {n}, result.total
print(_peak_kb())
"""
_BARE = """
import pandas as pd
n = 0
for chunk in pd.read_csv({path!r}, sep=";", header=None, dtype="str", encoding="cp1251", chunksize=50_000, skiprows=2):
    n += len(chunk)
print(_peak_kb())
"""
# ru_maxrss survives exec on Linux, so a child started by a big parent would report the
# parent's peak; VmHWM belongs to the child's own memory map.
_PEAK = """
def _peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""


def _peak_mb(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", _PEAK + code], check=True, capture_output=True, text=True, cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def run(quick: bool = False) -> list[dict]:
    from benchmarks.generate import write_csv

    n = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.csv"
        write_csv(path, n)
        size_mb = path.stat().st_size / 2**20
        # The quick run's file is below the streaming threshold; lower it so chunks are used.
        code = _OURS.format(path=str(path), n=n)
        if quick:
            code = "import plugins.importers.delimited as d; d.STREAM_ABOVE_BYTES = 1 << 20\n" + code
        url = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        imported = _IMPORT.format(path=str(path), n=n, url=url)
        if quick:
            imported = "import plugins.importers.delimited as d; d.STREAM_ABOVE_BYTES = 1 << 20\n" + imported
        return [
            {
                "name": f"import of {n:,} rows into SQLite, peak memory",
                "figure_s": _peak_mb(imported),
                "unit": "MB",
                "baseline": "bare read_csv in 50,000-row chunks",
                "baseline_s": _peak_mb(_BARE.format(path=str(path))),
                "goal": "< 1024 MB",
            },
            {
                "name": f"dry run of {n:,} rows ({size_mb:.0f} MB), peak memory",
                "figure_s": _peak_mb(code),
                "unit": "MB",
                "baseline": "bare read_csv in 50,000-row chunks",
                "baseline_s": _peak_mb(_BARE.format(path=str(path))),
                "goal": "< 1024 MB",
            }
        ]
