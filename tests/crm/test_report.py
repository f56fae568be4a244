"""The control report opens: the workbook read back with openpyxl, the PDF with pdfplumber, charts as images."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pdfplumber
import pytest
from openpyxl import load_workbook

from benchmarks.generate_crm import history, load
from pipeline.crm import charts, report, report_pdf, report_xlsx
from pipeline.crm.frames import from_history
from pipeline.crm.frames import load as load_frames
from pipeline.store.db import session_scope

PERIOD = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    r = report.control_report(from_history(history(600, 1800, seed=5)), *PERIOD)
    pngs = charts.draw(r, folder / "charts")
    return r, pngs, report_xlsx.write(r, folder / "r.xlsx", pngs), report_pdf.write(r, folder / "r.pdf", pngs)


def test_workbook_has_the_figures_and_the_charts(made):
    r, pngs, xlsx, _ = made
    book = load_workbook(xlsx)
    summary = book["Summary"]
    values = {row[0].value: row[1].value for row in summary.iter_rows(min_row=4) if row[0].value}
    assert values["NPS"] == r.summary["NPS"]
    assert values["Revenue share of top 20% clients, %"] == r.summary["Revenue share of top 20% clients, %"]
    assert values["Clients who bought"] == r.summary["Clients who bought"]
    assert len(summary._images) == len(pngs) == 6
    assert "Account managers" in book.sheetnames
    cohort = book[book.sheetnames[4]]
    assert cohort["A1"].value.startswith("Cohort retention")


def test_pdf_has_the_figures_and_the_charts(made):
    r, pngs, _, pdf = made
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        images = sum(len(page.images) for page in doc.pages)
    assert f"NPS {r.summary['NPS']:g}" in text
    assert f"top 20% clients, % {r.summary['Revenue share of top 20% clients, %']:g}" in text
    assert "Why clients leave" in text and "Champions" in text
    assert images == len(pngs)


def test_report_from_the_store(db_url, tmp_path):
    h = history(150, 450, seed=11)
    load(h, db_url)
    with session_scope(db_url) as s:
        whole, period = load_frames(s), load_frames(s, *PERIOD)
    direct = report.control_report(from_history(h), *PERIOD)
    for frames in (whole, period):
        from_store = report.control_report(frames, *PERIOD)
        assert from_store.summary == direct.summary
        for title in ("Pareto: top 20% of clients", "Account managers", "Why clients leave",
                      "Acquisition and retention cost"):  # fmt: skip
            pd.testing.assert_frame_equal(from_store.tables[title], direct.tables[title], check_dtype=False,
                                          check_names=False)  # fmt: skip
