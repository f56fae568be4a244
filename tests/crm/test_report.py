"""The control report as the agency's owner gets it, on the generated three-year history: the PDF
read back with pdfplumber and drawn to pictures, the workbook with openpyxl, and both against each
other and against ``tourdesk crm nps report``."""

from __future__ import annotations

import re
import stat
import zipfile

import pdfplumber
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli.crm import crm
from pipeline.crm import report_words as w
from pipeline.crm.report_format import number
from pipeline.crm.report_pdf import LAYOUT
from tests.crm.conftest import YEAR

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def flat(text: str) -> str:
    """Text with no-break spaces and line ends as plain single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def pages(year_report) -> list[str]:
    _, pdf, _ = year_report
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def page_of(pages: list[str], title: str) -> int:
    found = [i for i, text in enumerate(pages) if title in text]
    assert len(found) == 1, f"{title!r} on pages {found}"
    return found[0]


def test_a_short_report_in_russian_with_the_headline_first(year_report, pages):
    report, _, _ = year_report
    assert len(pages) <= 10
    first = flat(pages[0])
    assert "Контрольный отчёт · 01.12.2025–30.11.2026" in first
    assert "Прошлый период для сравнения: 01.12.2024–30.11.2025" in first
    assert "Что изменилось" in first and "Показатель За период Прошлый период Изменение" in first
    assert 3 <= len(report.story) <= 5
    for sentence in report.story:
        assert flat(w.say(sentence, "ru")) in first
    assert first.count("▲") + first.count("▼") >= 10
    for section in report.sections:
        assert page_of(pages, w.title(section.key, "ru")) == 1 + report.sections.index(section)


def test_no_code_names_anywhere(year_report, pages):
    _, _, xlsx = year_report
    for n, text in enumerate(pages, start=1):
        assert not SNAKE.findall(text), f"page {n}: {SNAKE.findall(text)}"
    book = load_workbook(xlsx)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                assert not (isinstance(cell, str) and SNAKE.search(cell)), f"{sheet.title}: {cell!r}"


def test_every_chart_sits_on_the_page_of_its_table(year_report):
    """Each section page is drawn to a picture: the chart is there (not blank) beside its table's
    heading and rows, and no page has a chart without its table."""
    report, pdf, _ = year_report
    with pdfplumber.open(pdf) as doc:
        assert not doc.pages[0].images
        for section, page in zip(report.sections, doc.pages[1:], strict=True):
            text = flat(page.extract_text())
            assert len(page.images) == 1, w.title(section.key, "ru")
            assert all(word in text for word in w.index_title(section, "ru").split())  # the heading may wrap
            assert flat(w.row_label(section, section.table.index[0], "ru")) in text
            chart = page.images[0]
            picture = page.crop((chart["x0"], chart["top"], chart["x1"], chart["bottom"])).to_image(resolution=40)
            grey = picture.original.convert("L").histogram()
            assert sum(grey[:200]) > 0.02 * sum(grey), "the chart is blank"
            # the table's heading: beside the chart or under it, on this page
            heading = page.search(re.escape(w.index_title(section, "ru").split()[0]) + r"(?!\w)", regex=True)
            assert [h for h in heading if h["top"] > chart["top"] or h["x0"] > chart["x1"] - 1]


def _printed(cell, unit: str) -> str:
    """A workbook cell as the PDF prints it."""
    if cell is None:
        return "—"
    return number(cell * 100 if unit == "pct" else cell, unit, "ru")


def test_the_pdf_prints_the_workbooks_figures(year_report, pages):
    report, _, xlsx = year_report
    book = load_workbook(xlsx)
    words = w.words("ru")
    summary = {row[0]: row[1:3] for row in book[words["summary_sheet"]].iter_rows(values_only=True) if row[0]}
    first = flat(pages[0])
    for f in report.figures:
        label = words["headline"][f.key]
        now, before = summary[label]
        assert flat(f"{label} {_printed(now, f.unit)} {_printed(before, f.unit)}") in first
        assert now == pytest.approx(f.value / 100 if f.unit == "pct" else f.value)
    for section in report.sections:
        sheet = book[words["sheets"][section.key]]
        text = flat(pages[page_of(pages, w.title(section.key, "ru"))])
        columns = LAYOUT[section.key][1] or list(section.table.columns)
        heading = [c.value for c in sheet[5]]
        where = [heading.index(w.column(c, "ru")) for c in columns]
        body = [r for r in sheet.iter_rows(min_row=6, max_row=5 + len(section.table), values_only=True)]
        printed = body[-LAYOUT[section.key][2]:] if section.index == "month" else body[:LAYOUT[section.key][2]]
        for row in printed:
            figures = " ".join(_printed(row[i], section.units[c]) for i, c in zip(where, columns, strict=True))
            assert flat(figures) in text, f"{section.key}: {figures}"


def test_nps_report_and_control_report_agree(agency_store, year_report, pages):
    report, _, xlsx = year_report
    start, end = YEAR
    out = CliRunner().invoke(crm, ["--db", agency_store, "nps", "report", "--from", f"{start:%d.%m.%Y}", "--to",
                                   f"{end:%d.%m.%Y}"]).output  # fmt: skip
    nps, answers = report.figure("nps").value, report.figure("nps_answers").value
    assert f"NPS {nps:+.1f} " in out and f"from {answers} answers given 01.12.2025–30.11.2026" in out
    assert flat(f"NPS (индекс готовности рекомендовать) {number(nps, 'nps')}") in flat(pages[0])
    # every answer of the period is in the monthly, destination and manager tables once
    assert report.section("nps").table["answers"].sum() == answers
    assert report.section("destinations").table["answers"].sum() == answers
    assert report.section("managers").table["nps_answers"].sum() == answers
    cells = {r[0]: r[1] for r in load_workbook(xlsx)["Сводка"].iter_rows(values_only=True) if r[0]}
    assert cells["NPS (индекс готовности рекомендовать)"] == nps and cells["Ответов в опросе NPS"] == answers


def test_files_are_private(year_report):
    _, pdf, xlsx = year_report
    for path in (pdf, xlsx):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(pdf.parent.stat().st_mode) == 0o700


def test_the_workbook_is_a_working_file(year_report):
    report, _, xlsx = year_report
    book = load_workbook(xlsx)
    words = w.words("ru")
    assert book.sheetnames == [words["summary_sheet"], *[words["sheets"][s.key] for s in report.sections]]
    managers = book[words["sheets"]["managers"]]
    assert managers.freeze_panes == "B6" and managers.auto_filter.ref.startswith("A5:")
    assert managers["A5"].font.b and managers["A5"].fill.fgColor.rgb.endswith("DDEBF7")
    revenue = managers.cell(6, 1 + list(report.section("managers").table.columns).index("revenue") + 1)
    assert "₽" in revenue.number_format and revenue.value == report.section("managers").table["revenue"].iloc[0]
    share = book[words["sheets"]["new_repeat"]]["H6"]
    assert share.number_format == "0.0%" and 0 < share.value < 1
    assert managers.column_dimensions["A"].width >= 12
    with zipfile.ZipFile(xlsx) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == len(report.sections)
        assert not [n for n in z.namelist() if n.startswith("xl/media/")], "charts are native, not pictures"


def test_each_section_says_what_it_counts(year_report, pages):
    report, _, _ = year_report
    for section in report.sections:
        text = flat(pages[page_of(pages, w.title(section.key, "ru"))])
        assert "Что учтено:" in text and flat(w.say(section.counts, "ru")) in text
    assert "с датой ответа с 01.12.2025 по 30.11.2026" in flat(pages[page_of(pages, "NPS по неделям и месяцам")])
    assert "с датой покупки с 01.12.2025 по 30.11.2026" in flat(pages[page_of(pages, w.title("pareto", "ru"))])
