"""The control report as a working XLSX file (xlsxwriter): a summary sheet, then one sheet per section
with its reading, what it counts, the whole table (styled headings, number formats, frozen panes,
filters, widths) and a native Excel chart drawn from the sheet's own cells.

Shares are stored as fractions with a % format, money with a ₽ format, months as dates: the cells
calculate. Every text cell goes through ``outfiles.safe_cell`` and ``write_string``: a manager
called ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from pipeline.crm import report_words as w
from pipeline.crm.report_format import missing
from pipeline.crm.report_model import Report, Section
from pipeline.crm.xlsx_charts import CHARTS, Placed, data_blocks
from pipeline.outfiles import safe_cell, write_private_bytes

FORMATS = {
    "count": "#,##0", "days": "#,##0", "money": '#,##0 "₽"', "pct": "0.0%", "nps": "+0.0;-0.0;0.0",
    "points": '+0.0;-0.0;0.0', "month": "mm.yyyy", "date": "dd.mm.yyyy", "ratio": "0.0",
}  # fmt: skip
HEAD_ROW = 4  # the table's heading row on a section sheet (0-based); the reading and notes above it


def value(v: object, unit: str) -> object:
    """The cell value for a figure: shares as fractions, months and days as datetimes, NaN as empty."""
    if missing(v):
        return None
    if unit == "pct":
        return float(v) / 100  # type: ignore[arg-type]
    if unit in ("month", "date"):
        return pd.Timestamp(v).to_pydatetime()
    return float(v)  # type: ignore[arg-type]


class _Book:
    def __init__(self, lang: str) -> None:
        import xlsxwriter  # why here: only the report command pays for loading it

        self.lang = lang
        self.buf = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buf, {"in_memory": True, "strings_to_formulas": False,
                                                   "strings_to_numbers": False, "strings_to_urls": False})  # fmt: skip
        b = self.book
        self.title = b.add_format({"bold": True, "font_size": 14})
        self.reading = b.add_format({"font_size": 11, "bg_color": "#EEF3F8"})
        self.note = b.add_format({"italic": True, "font_color": "#6C757D", "font_size": 9})
        self.head = b.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                  "valign": "vcenter", "align": "center"})  # fmt: skip
        self.text = b.add_format({})
        self.bold_text = b.add_format({"bold": True, "top": 1, "bg_color": "#F2F2F2"})
        self.num = {u: b.add_format({"num_format": f}) for u, f in FORMATS.items()}
        self.bold_num = {u: b.add_format({"num_format": f, "bold": True, "top": 1, "bg_color": "#F2F2F2"})
                         for u, f in FORMATS.items()}  # fmt: skip
        self.good = b.add_format({"num_format": "+0.0%;-0.0%;0.0%", "font_color": "#2E7D32"})
        self.sheets: set[str] = set()

    def text_cell(self, sheet, row: int, col: int, text: object, fmt=None) -> None:
        sheet.write_string(row, col, str(safe_cell(str(text))), fmt or self.text)

    def cell(self, sheet, row: int, col: int, v: object, unit: str, bold: bool = False) -> None:
        v = value(v, unit)
        fmt = (self.bold_num if bold else self.num)[unit if unit in FORMATS else "ratio"]
        if v is None:
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(v, dt.datetime):
            sheet.write_datetime(row, col, v, fmt)
        else:
            sheet.write_number(row, col, v, fmt)

    def sheet(self, name: str):
        name = name[:31]
        base, n = name, 2
        while name.lower() in self.sheets:
            name = f"{base[:28]} {n}"
            n += 1
        self.sheets.add(name.lower())
        return self.book.add_worksheet(name), name


def render(report: Report, lang: str = "ru") -> bytes:
    """The workbook's bytes."""
    b = _Book(lang)
    _summary(b, report)
    for section in report.sections:
        sheet, name = b.sheet(w.words(lang)["sheets"][section.key])
        placed = _section(b, sheet, name, section)
        chart = CHARTS[section.key](b.book, sheet, section, placed, lang)
        if chart is not None:
            sheet.insert_chart(HEAD_ROW, len(placed.columns) + 2, chart, {"x_scale": 1.5, "y_scale": 1.5})
    b.book.close()
    return b.buf.getvalue()


def write(report: Report, path: Path, lang: str = "ru") -> Path:
    """Write the workbook readable by its owner only (0600)."""
    return write_private_bytes(path, render(report, lang))


def _summary(b: _Book, report: Report) -> None:
    lang, words = b.lang, w.words(b.lang)
    sheet, _ = b.sheet(words["summary_sheet"])
    period = w.fill("period", lang, start=report.start, end=report.end)
    b.text_cell(sheet, 0, 0, f"{words['report']} · {period}", b.title)
    b.text_cell(sheet, 1, 0, w.fill("previous_period", lang, start=report.previous.start, end=report.previous.end),
                b.note)  # fmt: skip
    b.text_cell(sheet, 3, 0, words["what_moved"], b.title)
    row = 4
    for sentence in report.story:
        b.text_cell(sheet, row, 0, w.say(sentence, lang), b.reading)
        row += 1
    head = row + 1
    for c, text in enumerate(words["headline_columns"]):
        b.text_cell(sheet, head, c, text, b.head)
    points = b.book.add_format({"num_format": '+0.0;-0.0;0.0'})
    relative = b.book.add_format({"num_format": "+0.0%;-0.0%;0.0%"})
    for i, f in enumerate(report.figures, start=head + 1):
        b.text_cell(sheet, i, 0, words["headline"][f.key])
        b.cell(sheet, i, 1, f.value, f.unit)
        b.cell(sheet, i, 2, f.previous, f.unit)
        delta, unit = f.change
        if delta is None:
            sheet.write_blank(i, 3, None)
        else:
            sheet.write_number(i, 3, delta / 100 if unit == "pct" else delta, relative if unit == "pct" else points)
    last = head + len(report.figures)
    b.text_cell(sheet, last + 2, 0, f"{words['what_counts']} {w.say(report.counts, lang)}", b.note)
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, 3, 18)
    sheet.set_row(head, 30)
    sheet.freeze_panes(head + 1, 1)
    sheet.autofilter(head, 0, last, 3)
    sheet.activate()


def _section(b: _Book, sheet, name: str, s: Section) -> Placed:
    lang = b.lang
    b.text_cell(sheet, 0, 0, w.title(s.key, lang), b.title)
    b.text_cell(sheet, 1, 0, w.say(s.reading, lang), b.reading)
    b.text_cell(sheet, 2, 0, f"{w.words(lang)['what_counts']} {w.say(s.counts, lang)}", b.note)
    cols = list(s.table.columns)
    b.text_cell(sheet, HEAD_ROW, 0, w.index_title(s, lang), b.head)
    widths = [len(w.index_title(s, lang))]
    for c, key in enumerate(cols, start=1):
        b.text_cell(sheet, HEAD_ROW, c, w.column(key, lang), b.head)
        widths.append(min(max(len(word) for word in w.column(key, lang).split()) + 2, 22))
    row = HEAD_ROW
    for row, (idx, values) in enumerate(s.table.iterrows(), start=HEAD_ROW + 1):
        _label(b, sheet, row, s, idx)
        widths[0] = max(widths[0], len(w.row_label(s, idx, lang)))
        for c, key in enumerate(cols, start=1):
            b.cell(sheet, row, c, values[key], s.units[key])
            widths[c] = max(widths[c], len(f"{values[key]:,.0f}") + 3 if isinstance(values[key], float)
                            and not pd.isna(values[key]) else 0)  # fmt: skip
    last = row
    total = None
    if s.total is not None:
        total = last + 1
        b.text_cell(sheet, total, 0, w.total_label(s, lang), b.bold_text)
        for c, key in enumerate(cols, start=1):
            b.cell(sheet, total, c, s.total.get(key), s.units[key], bold=True)
    sheet.set_column(0, 0, min(max(widths[0], 12) + 2, 40))
    for c in range(1, len(cols) + 1):
        sheet.set_column(c, c, max(widths[c], 10))
    sheet.set_row(HEAD_ROW, 45)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.freeze_panes(HEAD_ROW + 1, 1)
    sheet.autofilter(HEAD_ROW, 0, max(last, HEAD_ROW + 1), len(cols))
    placed = Placed(name, HEAD_ROW + 1, last, {k: i for i, k in enumerate(cols, start=1)}, total, {})
    start = (total or last) + 3
    for key, frame in data_blocks(s).items():
        start = _extra(b, sheet, placed, key, frame, start) + 3
    return placed


def _label(b: _Book, sheet, row: int, s: Section, idx: object) -> None:
    if s.index == "month":
        sheet.write_datetime(row, 0, pd.Timestamp(idx).to_pydatetime(), b.num["month"])
    else:
        b.text_cell(sheet, row, 0, w.row_label(s, idx, b.lang))


def _extra(b: _Book, sheet, placed: Placed, key: str, frame: pd.DataFrame, start: int) -> int:
    """A block of the chart's own data below the table (the weekly NPS, the Pareto curve): its
    index in the first column, then its columns; returns the block's last row."""
    b.text_cell(sheet, start, 0, w.chart_word(f"data_{key}", b.lang), b.note)
    head = start + 1
    cols = list(frame.columns)
    b.text_cell(sheet, head, 0, w.chart_word(f"data_{frame.index.name}", b.lang), b.head)
    for c, col in enumerate(cols, start=1):
        b.text_cell(sheet, head, c, w.chart_word(f"data_{col}", b.lang), b.head)
    row = head
    for row, (idx, values) in enumerate(frame.iterrows(), start=head + 1):
        if isinstance(idx, pd.Timestamp):
            sheet.write_datetime(row, 0, idx.to_pydatetime(), b.num["date"])
        else:
            sheet.write_number(row, 0, round(float(idx), 2), b.num["ratio"])
        for c, col in enumerate(cols, start=1):
            v = values[col]
            if missing(v):
                sheet.write_blank(row, c, None)
            else:
                sheet.write_number(row, c, round(float(v), 2), b.num["ratio"])
    placed.extra[key] = (head + 1, {frame.index.name: 0, **{col: c for c, col in enumerate(cols, start=1)}}, row)
    return row
