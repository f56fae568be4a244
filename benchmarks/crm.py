"""Speed of the CRM control report: every figure, the charts, the XLSX and the PDF for a year.

    python -m benchmarks crm            # 100,000 clients, 1,000,000 trips: goal under 30 s
    python -m benchmarks crm --quick    # 10,000 clients, 100,000 trips

The history is generated first (not timed). The baseline, timed in the same run on the same
data, is the bare pandas work any such report starts with: revenue and margin per client and
per year by groupby. The "from the store" rows write the same history into a new SQLite store
(not timed: about two minutes at full size) and time reading it back plus every figure, the
charts, the XLSX and the PDF, which is what ``tourdesk crm report`` does.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate_crm import history, load
from pipeline.crm import charts, report_pdf, report_xlsx
from pipeline.crm.frames import from_history
from pipeline.crm.report import control_report

PERIOD = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _row(name: str, figure: float, baseline: str, baseline_s: float, goal: str = "") -> dict[str, Any]:
    row = {"name": name, "figure_s": round(figure, 3), "baseline": baseline, "baseline_s": round(baseline_s, 3)}
    if goal:
        row["goal"] = goal
    return row


def _baseline(frames) -> None:
    p = frames.purchases
    p.groupby("client_id")[["amount", "margin"]].sum()
    p.groupby(p["bought_on"].dt.year)[["amount", "margin"]].sum()


def _full(frames, folder: Path) -> None:
    r = control_report(frames, *PERIOD)
    pngs = charts.draw(r, folder / "charts")
    report_xlsx.write(r, folder / "report.xlsx", pngs)
    report_pdf.write(r, folder / "report.pdf", pngs)


def run(quick: bool = False) -> list[dict[str, Any]]:
    clients, trips = (10_000, 100_000) if quick else (100_000, 1_000_000)
    h = history(clients, trips)
    frames = from_history(h)
    size = f"{clients:,} clients / {len(frames.purchases):,} trips"
    base_s, _ = _timed(lambda: _baseline(frames))
    figures_s, _ = _timed(lambda: control_report(frames, *PERIOD))
    with tempfile.TemporaryDirectory() as tmp:
        full_s, _ = _timed(lambda: _full(frames, Path(tmp)))
    rows = [
        _row(f"crm figures, {size}", figures_s, "pandas groupby per client+year", base_s),
        _row(f"crm report + charts, XLSX, PDF, {size}", full_s, "pandas groupby per client+year", base_s,
             "under 30 s at 1,000,000 trips"),  # fmt: skip
    ]
    rows.append(_store_row(h, full_s, size))
    return rows


def _store_row(h, in_memory_s: float, size: str) -> dict[str, Any]:
    from pipeline.crm.frames import load as load_frames
    from pipeline.store.db import dispose_engine, session_scope

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/crm.sqlite3"
        load(h, url)

        def from_store() -> None:
            with session_scope(url) as s:
                frames = load_frames(s, *PERIOD)
            _full(frames, Path(tmp))

        store_s, _ = _timed(from_store)
        dispose_engine(url)
    return _row(f"crm report from the SQLite store, {size}", store_s, "same report from DataFrames in memory",
                in_memory_s, "under 30 s at 1,000,000 trips")  # fmt: skip


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(r)
