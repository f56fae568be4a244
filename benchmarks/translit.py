"""Speed of the transliteration plugins, each against a simple baseline timed in the same run.

    python -m benchmarks.translit          # full sizes
    python -m benchmarks.translit --quick  # ten times fewer names
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable
from typing import Any

from plugins.translators import names as names_module
from plugins.translators.reverse import translate_many as reverse_many
from plugins.translators.schemes import ICAO, transliterate, transliterate_many


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _sample_names(limit: int) -> list[str]:
    # The most frequent names of the plugin's dictionary: realistic lengths and letters.
    with names_module.DATA.open(encoding="utf-8") as fh:
        next(fh)
        return [line.split(",", 1)[0] for line in itertools.islice(fh, limit)]


def _naive_icao(name: str) -> str:
    return "".join(ICAO.get(c, c if c in " -" else "") for c in name.upper())


def _row(
    name: str, figure: float, baseline: str, baseline_s: float, goal: str = ""
) -> dict[str, Any]:
    row = {
        "name": name,
        "figure_s": round(figure, 3),
        "baseline": baseline,
        "baseline_s": round(baseline_s, 3),
        "ratio": round(figure / baseline_s, 3) if baseline_s else None,
    }
    if goal:
        row["goal"] = goal
    return row


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time ICAO and the reverse; ``quick`` uses ten times fewer names."""
    scale = 10 if quick else 1
    sample = _sample_names(5000)
    forward = list(itertools.islice(itertools.cycle(sample), 1_000_000 // scale))
    n_fwd = f"{len(forward):,}"
    rows = [
        _row(
            f"ICAO {n_fwd} names (translate_many)",
            _timed(lambda: transliterate_many(forward)),
            "per-character dict loop",
            _timed(lambda: [_naive_icao(n) for n in forward]),
            f"< {2 / scale:g} s",
        ),
        _row(
            f"ICAO {n_fwd} names (translate, one call each)",
            _timed(lambda: [transliterate(n) for n in forward]),
            "per-character dict loop",
            _timed(lambda: [_naive_icao(n) for n in forward]),
        ),
    ]

    build = _timed(names_module.build_index)
    rows.append(
        _row("reverse: build the name index (first process)", build,
             "reading the CSV only", _timed(lambda: names_module._read(names_module.DATA)))
    )
    names_module.load_index()  # make sure the cache file exists
    rows.append(
        _row("reverse: load the cached name index (later processes)",
             _timed(names_module.load_index), "building it", build)
    )
    names_module.index()

    latin = transliterate_many(sample[:2000])
    pairs = [f"{a} {b}" for a, b in itertools.product(latin, latin[:60])][: 100_000 // scale]
    plain = dict.fromkeys(latin, "x")
    warm = _timed(lambda: reverse_many(pairs))
    plain_s = _timed(lambda: [[plain.get(w) for w in p.split(" ")] for p in pairs])
    rows.append(
        _row(f"reverse {len(pairs):,} distinct two-word names (warm)", warm,
             "plain dict lookup of each word", plain_s, f"< {5 / scale:g} s")
    )
    rows.append(
        _row(f"reverse {len(pairs):,} names incl. building the index", build + warm,
             "plain dict lookup of each word", plain_s)
    )
    return rows


def main(argv: list[str]) -> None:
    rows = run(quick="--quick" in argv)
    print(f"{'benchmark':58} {'s':>8} {'baseline s':>11} {'ratio':>7}  baseline; goal")
    for r in rows:
        goal = f"; goal {r['goal']}" if "goal" in r else ""
        print(
            f"{r['name']:58} {r['figure_s']:8.3f} {r['baseline_s']:11.3f} "
            f"{r['ratio']:7.2f}  {r['baseline']}{goal}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
