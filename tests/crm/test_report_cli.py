"""``tourdesk crm report`` and ``crm nps report`` on small stores: the same NPS for the same days,
the language setting, names that look like formulas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile

import pandas as pd
import pdfplumber
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from benchmarks.generate_crm import history
from pipeline.cli.crm import crm
from pipeline.crm import report_xlsx
from pipeline.crm.frames import from_history
from pipeline.crm.report import control_report
from pipeline.crm.report_words import ENV_LANGUAGE


def run(db_url, *args, code=0):
    result = CliRunner().invoke(crm, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def summary(xlsx, sheet="Сводка") -> dict:
    return {r[0]: r[1] for r in load_workbook(xlsx)[sheet].iter_rows(values_only=True) if r[0]}


def test_nps_report_and_control_report_count_the_same_answers(db_url, anna, ivan, tmp_path):
    """The answers of the period's first and last days, those naming no manager or destination,
    count in both; the previous period's answers (read for the comparison) and the next day's in neither."""
    answers = [(anna, "01.10.2026", 10, ["--manager", "Ольга", "--destination", "TUR"]),
               (ivan, "31.10.2026", 3, []),
               (anna, "15.10.2026", 9, ["--destination", "EGY"]),
               (ivan, "16.10.2026", 8, ["--manager", "Пётр"]),
               (anna, "30.09.2026", 0, []), (ivan, "20.09.2026", 0, ["--manager", "Ольга"]),
               (anna, "01.11.2026", 0, [])]  # fmt: skip
    for client, day, score, extra in answers:
        run(db_url, "nps", "add", str(client), str(score), "--date", day, *extra)
    out = run(db_url, "nps", "report", "--from", "01.10.2026", "--to", "31.10.2026")
    # 2 promoters, 1 passive, 1 detractor of 4 -> 25.0
    assert "NPS +25.0 " in out and "from 4 answers given 01.10.2026–31.10.2026" in out
    run(db_url, "report", "--from", "01.10.2026", "--to", "31.10.2026", "--out", str(tmp_path))
    cells = summary(tmp_path / "control-report-20261001-20261031.xlsx")
    assert cells["NPS (индекс готовности рекомендовать)"] == 25.0 and cells["Ответов в опросе NPS"] == 4
    with pdfplumber.open(tmp_path / "control-report-20261001-20261031.pdf") as doc:
        first = doc.pages[0].extract_text().replace("\u00a0", " ")
    assert "NPS (индекс готовности рекомендовать) +25,0 −100,0" in first  # September: two detractors


def test_nps_report_says_its_period(db_url):
    out = run(db_url, "nps", "report", "--to", "30.11.2026")
    assert out.strip() == "no answers in the period (answers given 01.09.2026–30.11.2026)"
    assert "is before" in run(db_url, "nps", "report", "--from", "02.01.2026", "--to", "01.01.2026", code=2)


SMALL = history(300, 900, seed=4)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    from benchmarks.generate_crm import load
    from pipeline.store.db import dispose_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('small') / 'store.sqlite3'}"
    load(SMALL, url)
    yield url
    dispose_engine(url)


def test_the_store_gives_the_same_report_as_the_history_itself(small_store):
    """What ``crm report`` reads (the previous period's start to the end, activities counted by
    day in the database) gives every figure the generated DataFrames give."""
    from pipeline.crm.frames import load
    from pipeline.crm.report import Period
    from pipeline.store.db import session_scope

    start, end = dt.date(2026, 3, 1), dt.date(2026, 8, 31)
    with session_scope(small_store) as s:
        stored = control_report(load(s, Period(start, end).previous().start, end), start, end)
    direct = control_report(from_history(SMALL), start, end)
    assert [(f.key, f.value, f.previous) for f in stored.figures] == [(f.key, f.value, f.previous) for f in direct.figures]
    assert stored.story == direct.story
    for a, b in zip(stored.sections, direct.sections, strict=True):
        pd.testing.assert_frame_equal(a.table, b.table, check_dtype=False, check_index_type=False, obj=a.key)


def test_english_by_setting_russian_by_default(small_store, tmp_path, monkeypatch):
    args = ["report", "--from", "01.09.2026", "--to", "30.11.2026"]
    monkeypatch.setenv(ENV_LANGUAGE, "en")
    run(small_store, *args, "--out", str(tmp_path / "en"))
    run(small_store, *args, "--out", str(tmp_path / "ru"), "--language", "ru")
    name = "control-report-20260901-20261130"
    with pdfplumber.open(tmp_path / "en" / f"{name}.pdf") as doc:
        first = doc.pages[0].extract_text()
        assert "Control report · 01.09.2026–30.11.2026" in first and "What moved" in first
        assert "Revenue" in first and "Выручка" not in first
        assert len(doc.pages) <= 10
    assert "Revenue" in summary(tmp_path / "en" / f"{name}.xlsx", "Summary")
    with pdfplumber.open(tmp_path / "ru" / f"{name}.pdf") as doc:
        assert "Контрольный отчёт" in doc.pages[0].extract_text()
    monkeypatch.setenv(ENV_LANGUAGE, "de")
    assert "TOURDESK_REPORT_LANGUAGE='de'" in run(small_store, *args, "--out", str(tmp_path / "de"), code=2)


@pytest.fixture(scope="module")
def tiny_frames():
    return from_history(history(120, 360, seed=8))


@pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com/x","Ольга")', "@SUM(1+1)", "+7 916", "-Пётр"])
def test_a_name_that_looks_like_a_formula_stays_text(name, tiny_frames, tmp_path):
    p = tiny_frames.purchases
    frames = dataclasses.replace(tiny_frames, purchases=p.assign(manager=p["manager"].where(p["manager_id"] != 1, name)))
    path = report_xlsx.write(control_report(frames, dt.date(2026, 1, 1), dt.date(2026, 11, 30)), tmp_path / "r.xlsx")
    sheet = load_workbook(path)["Менеджеры"]
    names = [row[0].value for row in sheet.iter_rows(min_row=6) if row[0].value]
    assert "'" + name in names
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
