"""Timing shared by the benchmarks: the best of a few runs, ours and the baseline alternately."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_pair(ours: Callable[[], object], bare: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """Best time of each, run alternately so that load from other programs hits both alike
    (the best of a few runs is the figure least disturbed by them, as ``timeit`` reports)."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, fn in enumerate((ours, bare)):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0], best[1]
