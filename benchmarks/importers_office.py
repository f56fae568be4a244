"""How fast the Excel, Word and PDF readers are against the bare library calls they wrap.

Run: ``.venv/bin/python -m benchmarks.importers_office [--quick]``. Inputs are built at run
time from seeded generators (the same ones that write the test fixtures).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import Source
from plugins.importers import excel, pdf, word
from tests.data import make_office_fixtures as fx


def _best_pair(ours: Callable[[], object], bare: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best time of each, run alternately so that load from other programs hits both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, fn in enumerate((ours, bare)):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0], best[1]


def _row(name: str, figure: float, baseline: str, base: float) -> dict:
    return {
        "name": name,
        "figure_s": round(figure, 4),
        "baseline": baseline,
        "baseline_s": round(base, 4),
        "ratio": round(figure / base, 2) if base else float("nan"),
    }


def bench_xlsx(work: Path, n: int, repeat: int) -> dict:
    from python_calamine import CalamineWorkbook

    path = work / "big.xlsx"
    fx.write_xlsx(path, fx.generate(n, seed=1), extras=False)
    ours, bare = _best_pair(
        lambda: excel.read(Source.from_path(path)),
        lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(),
        repeat,
    )
    return _row(f"excel: {n:,}-row xlsx", ours, "CalamineWorkbook ... to_python()", bare)


def bench_docx(work: Path, n: int, repeat: int) -> dict:
    import docx

    path = work / "big.docx"
    fx.write_docx(path, fx.generate(n, seed=2), extras=False)

    def python_docx() -> None:
        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                [cell.text for cell in row.cells]

    ours, bare = _best_pair(lambda: word.read(Source.from_path(path)), python_docx, repeat)
    return _row(f"word: {n:,}-row docx table", ours, "python-docx cell iteration", bare)


def bench_pdf(work: Path, n: int, repeat: int) -> dict:
    import pdfplumber

    path = work / "big.pdf"
    fx.write_ruled_pdf(path, fx.pdf_rows(fx.generate(n, seed=3)), per_page=25)

    def bare_tables() -> None:
        with pdfplumber.open(path) as doc:
            for page in doc.pages:
                page.extract_tables()

    ours, bare = _best_pair(lambda: pdf.read(Source.from_path(path)), bare_tables, repeat)
    return _row(f"pdf: {n:,}-row ruled table", ours, "pdfplumber extract_tables per page", bare)


def run(quick: bool = False) -> list[dict]:
    """One row per reader: its time, the bare library's time on the same file, the ratio."""
    scale = 10 if quick else 1
    repeat = 3
    with tempfile.TemporaryDirectory(prefix="tourdesk-bench-") as tmp:
        work = Path(tmp)
        return [
            bench_xlsx(work, 20_000 // scale, repeat),
            bench_docx(work, 1_000 // scale, repeat),
            bench_pdf(work, 500 // scale, repeat),
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
