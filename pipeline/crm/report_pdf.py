"""The control report as a printable PDF (fpdf2): headline figures, every table, the charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.crm.report import Report

MAX_ROWS = 40  # a table longer than this is cut in print; the workbook has it whole


def _font() -> Path:
    # matplotlib ships DejaVu Sans, which has Cyrillic: no system font needed
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ") if abs(value) >= 1000 else f"{value:g}"
    if isinstance(value, pd.Timestamp):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, tuple):
        return " · ".join(_text(v) for v in value)
    return str(value)


def write(report: Report, path: Path, charts: dict[str, Path] | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.add_font("dejavu", "", str(_font()))
    pdf.add_font("dejavu", "B", str(_font().with_name("DejaVuSans-Bold.ttf")))
    pdf.set_font("dejavu", size=9)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font_size(15)
    pdf.cell(text=f"Control report {report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(9)
    pdf.ln(3)
    with pdf.table(col_widths=(90, 50), width=140, align="LEFT", first_row_as_headings=False) as table:
        for label, value in report.summary.items():
            table.row([label, _text(value)])
    for title, frame in report.tables.items():
        _table(pdf, title, frame)
    for title, png in (charts or {}).items():
        pdf.add_page()
        pdf.set_font_size(12)
        pdf.cell(text=title, new_x="LMARGIN", new_y="NEXT")
        pdf.image(str(png), w=250)
    pdf.output(str(path))
    return path


def _table(pdf, title: str, frame: pd.DataFrame) -> None:
    pdf.add_page()
    pdf.set_font_size(12)
    pdf.cell(text=title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(7 if len(frame.columns) > 9 else 8)
    pdf.ln(2)
    if frame.empty:
        pdf.cell(text="no data for the period")
        return
    if isinstance(frame.index, pd.MultiIndex):
        # a trend per manager or destination: print shows each one's latest week
        shown = frame.groupby(level=0).tail(1).head(MAX_ROWS)
    elif isinstance(frame.index, pd.DatetimeIndex):
        shown = frame.tail(MAX_ROWS)
    else:
        shown = frame.head(MAX_ROWS)
    index_name = " · ".join(str(n) for n in frame.index.names if n) if frame.index.nlevels > 1 else frame.index.name or ""
    with pdf.table(first_row_as_headings=True) as table:
        table.row([str(index_name), *[str(c) for c in frame.columns]])
        for idx, row in shown.iterrows():
            table.row([_text(idx), *[_text(v) for v in row]])
    if len(frame) > len(shown):
        pdf.cell(text=f"{len(shown)} of {len(frame)} rows shown; the workbook has them all")
