"""How fast the Excel, Word and PDF readers are against the bare library calls they wrap.

Run: ``.venv/bin/python -m benchmarks.importers_office [--quick]``. Inputs are built at run
time from seeded generators (the same ones that write the test fixtures).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import best_pair
from pipeline import Source
from pipeline.importing.sources import normalize_source
from plugins.importers import excel, word
from tests.data import make_office_fixtures as fx


def _row(name: str, figure: float, baseline: str, base: float, goal: str = "", quick: bool = False) -> dict:
    # the goals are set for the full sizes; a small file is mostly fixed costs
    goal = f"({goal} at full size)" if goal and quick else goal
    return {
        "name": name,
        "figure_s": round(figure, 4),
        "baseline": baseline,
        "baseline_s": round(base, 4),
        "ratio": round(figure / base, 2) if base else float("nan"),
        "goal": goal,
    }


def _whole(path: Path) -> Callable[[], object]:
    """Read, normalize and validate, as ``tourdesk import --dry-run`` does."""

    def run() -> None:
        result = normalize_source(Source.from_path(path))
        assert result.rows and not any(r.rejected for r in result.rows)

    run()  # warm the plugins' caches
    return run


def bench_xlsx(work: Path, n: int, repeat: int, quick: bool = False) -> list[dict]:
    import pandas as pd
    from python_calamine import CalamineWorkbook

    path = work / "big.xlsx"
    fx.write_xlsx(path, fx.generate(n, seed=1), extras=False)
    whole = _whole(path)
    ours, bare = best_pair(whole, lambda: pd.read_excel(path, engine="calamine", header=None, dtype=str), repeat)
    _, raw = best_pair(lambda: None, lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(), repeat)
    reader, _ = best_pair(lambda: excel.read(Source.from_path(path)), lambda: None, repeat)
    return [
        _row(f"excel: {n:,}-row xlsx, read+normalize+validate", ours,
             "pandas.read_excel(engine='calamine', dtype=str)", bare, "<= 1.5x", quick),
        _row("  same, against python-calamine alone", ours, "CalamineWorkbook ... to_python()", raw),
        _row("  reader only", reader, "CalamineWorkbook ... to_python()", raw),
    ]  # fmt: skip


def bench_docx(work: Path, n: int, repeat: int, quick: bool = False) -> list[dict]:
    import docx

    path = work / "big.docx"
    fx.write_docx(path, fx.generate(n, seed=2), extras=False)

    def python_docx() -> None:
        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                [cell.text for cell in row.cells]

    ours, bare = best_pair(_whole(path), python_docx, repeat)
    reader, _ = best_pair(lambda: word.read(Source.from_path(path)), lambda: None, repeat)
    return [
        _row(f"word: {n:,}-row docx table, read+normalize+validate", ours, "python-docx cell iteration", bare,
             "< 0.5 s", quick),
        _row("  reader only", reader, "python-docx cell iteration", bare),
    ]  # fmt: skip


def bench_pdf(work: Path, n: int, repeat: int, quick: bool = False) -> list[dict]:
    import pdfplumber

    path = work / "big.pdf"
    fx.write_ruled_pdf(path, fx.pdf_rows(fx.generate(n, seed=3)), per_page=25)

    def bare_tables() -> None:
        with pdfplumber.open(path) as doc:
            for page in doc.pages:
                page.extract_tables()

    ours, bare = best_pair(_whole(path), bare_tables, repeat)
    return [_row(f"pdf: {n:,}-row ruled table, read+normalize+validate", ours,
                 "pdfplumber extract_tables per page", bare, "<= 1.2x", quick)]  # fmt: skip


def run(quick: bool = False) -> list[dict]:
    """One row per reader: its time, the bare library's time on the same file, the ratio."""
    scale = 10 if quick else 1
    repeat = 3
    with tempfile.TemporaryDirectory(prefix="tourdesk-bench-") as tmp:
        work = Path(tmp)
        return [
            *bench_xlsx(work, 20_000 // scale, repeat, quick),
            *bench_docx(work, 1_000 // scale, repeat, quick),
            *bench_pdf(work, 500 // scale, repeat, quick),
        ]


def main() -> None:
    rows = run(quick="--quick" in sys.argv[1:])
    print(f"{'name':32} {'figure_s':>9} {'baseline_s':>10} {'ratio':>6}  baseline")
    for r in rows:
        print(
            f"{r['name']:32} {r['figure_s']:9.4f} {r['baseline_s']:10.4f} {r['ratio']:6.2f}  {r['baseline']}"
        )


if __name__ == "__main__":
    main()
