"""Speed and memory of the CRM control report on a million trips, beside the bare pandas group-by.

    python -m benchmarks crm            # 333,333 clients, about 1,000,000 trips: goal ≤ 30 s, ≤ 2 GB
    python -m benchmarks crm --quick    # 33,333 clients, about 100,000 trips

The history (``generate_crm``, the same shape as the tests' 3,000 clients and 9,000 trips) is
generated once and written into a new SQLite store; neither is timed (a few minutes at full size).
Then, in fresh processes, alternately, best of two:

- ours: ``tourdesk crm report`` for the last twelve months — reading the store, every figure for
  the period and the one before, the charts, the PDF and the XLSX — time from the process's start
  and its peak resident memory (``VmHWM``);
- the baseline: what any such report has to do at the least — read the purchases from the same
  store with pandas and group them by client and by month.

Two in-process rows follow, for where the time goes: the figures alone from DataFrames in
memory, beside the same group-bys on those DataFrames.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate_crm import history, load
from benchmarks.timing import best_pair

ROOT = Path(__file__).resolve().parent.parent
PERIOD = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
_PEAK = """
def _peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
_OURS = """
import time
t0 = time.perf_counter()
from pipeline.cli import cli
cli(["--db", {url!r}, "crm", "report", "--from", {start!r}, "--to", {end!r}, "--out", {out!r}],
    standalone_mode=False)
print(time.perf_counter() - t0, _peak_mb())
"""
_BARE = """
import time
t0 = time.perf_counter()
import sqlite3
import pandas as pd
with sqlite3.connect({path!r}) as con:
    p = pd.read_sql("SELECT client_id, bought_on, amount, margin FROM crm_purchases", con)
p["bought_on"] = pd.to_datetime(p["bought_on"])
p.groupby("client_id")[["amount", "margin"]].sum()
p.groupby(p["bought_on"].dt.to_period("M"))[["amount", "margin"]].sum()
print(time.perf_counter() - t0, _peak_mb())
"""


def _child(code: str) -> tuple[float, float]:
    """(seconds, peak MB) of a fresh Python process running ``code``."""
    out = subprocess.run([sys.executable, "-c", _PEAK + code], check=True, capture_output=True, text=True, cwd=ROOT)
    seconds, mb = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(mb)


def _groupby(frames) -> None:
    p = frames.purchases
    p.groupby("client_id")[["amount", "margin"]].sum()
    p.groupby(p["bought_on"].dt.to_period("M"))[["amount", "margin"]].sum()


def _in_memory(frames) -> tuple[float, float]:
    from pipeline.crm.report import control_report

    return best_pair(lambda: control_report(frames, *PERIOD), lambda: _groupby(frames), repeat=2)


def run(quick: bool = False) -> list[dict[str, Any]]:
    from pipeline.crm.frames import from_history
    from pipeline.store.db import dispose_engine

    clients, trips = (33_333, 100_000) if quick else (333_333, 1_000_000)
    h = history(clients, trips)
    size = f"{len(h.purchases):,} trips, {clients:,} clients"
    figures_s, base_s = _in_memory(from_history(h))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm.sqlite3"
        url = f"sqlite:///{path}"
        load(h, url)
        dispose_engine(url)
        del h
        ours = _OURS.format(url=url, start=f"{PERIOD[0]:%d.%m.%Y}", end=f"{PERIOD[1]:%d.%m.%Y}",
                            out=str(Path(tmp) / "out"))
        runs = [(_child(ours), _child(_BARE.format(path=str(path)))) for _ in range(2)]
    # time: the best run (the one least disturbed by other load); memory: the highest peak
    our_s, bare_s = (min(r[i][0] for r in runs) for i in (0, 1))
    our_mb, bare_mb = (max(r[i][1] for r in runs) for i in (0, 1))
    baseline = "pandas read_sql of the purchases + group-by client and month"
    return [
        {"name": f"crm report from SQLite, {size}, time", "figure_s": round(our_s, 2), "baseline": baseline,
         "baseline_s": round(bare_s, 2), "goal": "≤ 30 s at 1,000,000 trips"},
        {"name": f"crm report from SQLite, {size}, peak memory", "figure_s": round(our_mb), "unit": "MB",
         "baseline": baseline, "baseline_s": round(bare_mb), "goal": "≤ 2048 MB at 1,000,000 trips"},
        {"name": f"report figures from DataFrames in memory, {size}", "figure_s": round(figures_s, 2),
         "baseline": "pandas group-by client and month, same frames", "baseline_s": round(base_s, 3)},
    ]  # fmt: skip


if __name__ == "__main__":
    start = time.perf_counter()
    for r in run(quick="--quick" in sys.argv):
        print(r)
    print(f"# {time.perf_counter() - start:.0f} s in all")
