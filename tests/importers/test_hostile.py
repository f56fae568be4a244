"""Hostile files: refused before they cost memory or time, with one line naming the file and
the limit; nothing written. The files come from ``tests/data/make_hostile_files.py``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.importing.run import import_source
from pipeline.limits import TooBig, limits
from pipeline.store.db import session_scope
from pipeline.store.models import Client
from pipeline.types import CannotRead, Source
from tests.data import make_hostile_files as hostile
from tests.store.helpers import counts

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024

#: a child's report of itself: run ``tourdesk ARGS``, then print exit code, seconds (wall and
#: CPU, interpreter start included), peak RSS
_CHILD = """
import json, resource, sys, time
sys.argv = ["tourdesk", *json.loads(sys.argv[1])]
start = time.perf_counter()
code = 0
try:
    from pipeline.cli import main
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a big pytest worker
# would report the worker's peak; VmHWM belongs to this process's own memory
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "seconds": time.perf_counter() - start, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "peak_mb": peak_kb / 1024}), file=sys.stderr)
"""


def run_capped(*args: str, cap_mb: int = 2048) -> tuple[dict, str, str]:
    """``tourdesk ARGS`` in a fresh process that may not map more than ``cap_mb``: a bomb that
    got through fails the test instead of eating the machine's memory."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb * MB, cap_mb * MB))

    env = {**os.environ, "TOURDESK_LOAD_PLUGINS": "none", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(list(args))], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=cap)  # fmt: skip
    lines = done.stderr.strip().splitlines()
    return json.loads(lines[-1]), done.stdout, "\n".join(lines[:-1])


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("shared_strings_bomb.xlsx", "bomb.docx", "giant_cell.csv", "bomb.pdf"):
        hostile.ALL[name](folder / name)
    return folder


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("shared_strings_bomb.xlsx", "TOURDESK_LIMIT_PART_BYTES"),  # 2.4 MB, unpacks to 1.1 GB
        ("bomb.docx", "TOURDESK_LIMIT_PART_BYTES"),  # 4.5 MB, unpacks to 1.1 GB
        ("giant_cell.csv", "TOURDESK_LIMIT_CELL_CHARS"),  # one 50 MB first name
        ("bomb.pdf", "TOURDESK_LIMIT_PDF_STREAM_BYTES"),  # 3.3 MB, one page unpacks to 1.1 GB
    ],
)
def test_bombs_are_refused_in_seconds_and_megabytes(bombs, db_url, name, limit):
    before = counts(db_url)
    report, out, err = run_capped("import", str(bombs / name), "--db", db_url)
    assert report["code"] == 1, err
    # CPU time: the wall clock of a shared CI machine says more about the neighbours
    assert report["cpu_seconds"] < 10 and report["seconds"] < 60, report
    assert report["peak_mb"] < 500, report
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"tourdesk: {name}: ") and limit in err, err
    assert counts(db_url) == before


CASES = [
    ("lying_sizes_bomb.xlsx", CannotRead, "not a readable Excel file"),
    ("entities.xlsx", CannotRead, "declares XML entities"),
    ("entities.docx", CannotRead, "declares XML entities"),
    ("packed_tight.xlsx", TooBig, "packed 1,001 times.*TOURDESK_LIMIT_PART_RATIO"),
    ("stray_cell.xlsx", TooBig, "far away.*TOURDESK_LIMIT_SHEET_CELLS"),
    ("stray_cell_no_dimension.xlsx", TooBig, "far away.*TOURDESK_LIMIT_SHEET_CELLS"),
    ("rows_repeated.ods", TooBig, "4,000,012 cells.*TOURDESK_LIMIT_SHEET_CELLS"),
    ("columns_repeated.ods", TooBig, "TOURDESK_LIMIT_SHEET_CELLS"),
    ("far_cell.xls", TooBig, "column 16,000,000.*TOURDESK_LIMIT_COLUMNS"),
    ("spans.xls", TooBig, "columns.*TOURDESK_LIMIT_COLUMNS"),
    ("wide.csv", TooBig, "5,000 columns.*TOURDESK_LIMIT_COLUMNS"),
    ("wide.xlsx", TooBig, "400 columns.*TOURDESK_LIMIT_COLUMNS"),
    ("many_lines.csv", TooBig, "lines or more.*TOURDESK_LIMIT_ROWS"),
    ("many_pages.pdf", TooBig, "100,000 pages.*TOURDESK_LIMIT_PDF_PAGES"),
]


@pytest.mark.parametrize(("name", "kind", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_files_are_refused_with_one_line(tmp_path, name, kind, message):
    path = hostile.ALL[name](tmp_path / name)
    with pytest.raises(kind, match=message) as info:
        import_source(Source.from_path(path), dry_run=True)
    text = str(info.value)
    assert text.startswith(f"{name}: ") and "\n" not in text


def test_a_cell_too_long_is_refused_before_a_table_is_built(tmp_path):
    path = tmp_path / "cell.csv"
    path.write_text("Фамилия;Имя;Дата рождения\nИванов;Иван;01.01.1980\nПетров;" + "Б" * 20_000 + ";01.01.1981\n")
    with pytest.raises(TooBig, match=r"line 3 has a cell of 20,000 characters.*TOURDESK_LIMIT_CELL_CHARS"):
        import_source(Source.from_path(path), dry_run=True)


def test_a_long_cell_spread_over_lines_is_caught_in_the_table(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('Фамилия;Имя;Дата рождения\nИванов;Иван;01.01.1980\nПетров;"' + "Б\n" * 6000 + '";01.01.1981\n')
    with pytest.raises(TooBig, match=r"a cell of 12,000 characters.*TOURDESK_LIMIT_CELL_CHARS"):
        import_source(Source.from_path(path), dry_run=True)


def test_limits_are_settings(tmp_path, monkeypatch):
    path = hostile.csv_wide(tmp_path / "wide.csv", columns=300)
    monkeypatch.setenv("TOURDESK_LIMIT_COLUMNS", "400")
    assert limits().columns == 400
    import_source(Source.from_path(path), dry_run=True)  # read now
    monkeypatch.setenv("TOURDESK_LIMIT_COLUMNS", "100")
    with pytest.raises(TooBig, match="the limit is 100, setting TOURDESK_LIMIT_COLUMNS"):
        import_source(Source.from_path(path), dry_run=True)
    monkeypatch.setenv("TOURDESK_LIMIT_PART_BYTES", "1KB")
    assert limits().part_bytes == 1024
    monkeypatch.setenv("TOURDESK_LIMIT_ROWS", "many")
    with pytest.raises(ValueError, match="TOURDESK_LIMIT_ROWS='many' is not a number"):
        limits()


def test_names_and_documents_longer_than_any_real_one_reject_their_row(tmp_path):
    path = hostile.csv_long_values(tmp_path / "long.csv")
    rows = import_source(Source.from_path(path), dry_run=True).rows
    assert [r.status for r in rows] == ["ok", "rejected", "rejected"]
    assert 'Row 2, column "Имя": the value is 500 characters long, longer than any real one' in rows[1].messages[0]
    assert 'Row 3, column "Загранпаспорт": the value is 80 characters long' in rows[2].messages[0]


@pytest.mark.parametrize("column", [1, 0])
def test_a_stray_byte_stays_one_bad_cell(tmp_path, db_url, column):
    """UTF-8 stays UTF-8: the good rows keep their names, the damaged value is never stored."""
    path = hostile.csv_bad_byte(tmp_path / "bad.csv", column=column)
    result = import_source(Source.from_path(path), db_url=db_url)
    damaged = result.rows[1]
    where = f'Row 2, column "{"Имя" if column else "Фамилия"}": a character could not be read'
    assert damaged.messages[0].startswith(where)
    assert damaged.status == ("warning" if column else "rejected")
    with session_scope(db_url) as s:
        names = sorted((c.surname_ru, c.name_ru) for c in s.scalars(select(Client)))
    expected = [("Иванов", "Иван"), ("Сидоров", "Артём")] + ([("Петрова", None)] if column else [])
    assert names == sorted(expected, key=lambda n: (n[0], n[1] or ""))
    assert all("\ufffd" not in (a or "") + (b or "") for a, b in names)


def test_a_folder_is_a_folder_not_a_file(tmp_path):
    report, _out, err = run_capped("import", "--dry-run", str(tmp_path))
    assert report["code"] == 1
    assert err == f"tourdesk: {tmp_path.name}: this is a folder, not a file; give the list inside it"
