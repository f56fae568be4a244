"""``python -m benchmarks [--quick] [NAME...]``: every benchmark, each figure beside its baseline.

Each module in MODULES has ``run(quick: bool) -> list[dict]`` returning rows with ``name``,
``figure_s``, ``baseline``, ``baseline_s`` (measured in the same run) and optionally ``goal``.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time

MODULES = (
    "benchmarks.cli_startup",
    "benchmarks.import_csv",
    "benchmarks.import_store",
    "benchmarks.translit",
    "benchmarks.importers_office",
    "benchmarks.forms",
    "benchmarks.prefect_cost",
    "benchmarks.memory",
    "benchmarks.store",
    "benchmarks.load",
    "benchmarks.crm",
    "benchmarks.matching",
    "benchmarks.desk",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small inputs: a smoke run of about a minute")
    parser.add_argument("only", nargs="*", help="module names to run (default: all)")
    args = parser.parse_args(argv)
    print(f"# machine: {platform.machine()} {platform.processor() or ''}, Python {platform.python_version()}, {_cores()} cores")
    print(f"# {'quick' if args.quick else 'full'} run, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"{'benchmark':58} {'figure':>10} {'baseline':>10} {'ratio':>7}  baseline is / goal")
    failures = 0
    for name in MODULES:
        short = name.rsplit(".", 1)[1]
        if args.only and short not in args.only:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            print(f"{short:58} skipped: {exc}")
            continue
        try:
            rows = module.run(quick=args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failures += 1
            print(f"{short:58} FAILED: {exc.__class__.__name__}: {exc}")
            continue
        for row in rows:
            ratio = row["figure_s"] / row["baseline_s"] if row.get("baseline_s") else float("nan")
            goal = f"; goal {row['goal']}" if row.get("goal") else ""
            unit = row.get("unit", "s")
            figure, base = row["figure_s"], row.get("baseline_s", float("nan"))
            print(f"{row['name'][:58]:58} {figure:>9.3f}{unit:<2}{base:>9.3f}{unit:<2}{ratio:>5.2f}x  {row.get('baseline', '')}{goal}")
        sys.stdout.flush()
    return 1 if failures else 0


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
