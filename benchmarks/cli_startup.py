"""``tourdesk --help`` must answer in under 0.5 s: heavy libraries load only inside commands."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


def _best(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times) if repeat < 3 else statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    repeat = 3 if quick else 7
    exe = shutil.which("tourdesk") or sys.executable
    cmd = [exe, "--help"] if exe != sys.executable else [sys.executable, "-m", "pipeline.cli", "--help"]
    return [
        {
            "name": "tourdesk --help (median)",
            "figure_s": _best(cmd, repeat),
            "baseline": "bare python -c pass",
            "baseline_s": _best([sys.executable, "-c", "pass"], repeat),
            "goal": "< 0.5 s",
        },
        {
            "name": "tourdesk import --help (median)",
            "figure_s": _best([*cmd[:-1], "import", "--help"], repeat),
            "baseline": "python -c 'import pandas'",
            "baseline_s": _best([sys.executable, "-c", "import pandas"], repeat),
        },
    ]
