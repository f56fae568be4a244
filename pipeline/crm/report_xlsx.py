"""The control report as an XLSX workbook: a summary sheet with the charts, one sheet per table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.crm.report import Report


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def write(report: Report, path: Path, charts: dict[str, Path] | None = None) -> Path:
    """Write the workbook; ``charts`` (title -> PNG) are placed on the summary sheet."""
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        book = writer.book
        bold = book.add_format({"bold": True})
        head = pd.DataFrame({"figure": list(report.summary), "value": [_cell(v) for v in report.summary.values()]})
        head.to_excel(writer, sheet_name="Summary", index=False, startrow=2)
        sheet = writer.sheets["Summary"]
        sheet.write(0, 0, f"Control report {report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}", bold)
        sheet.set_column(0, 0, 42)
        sheet.set_column(1, 1, 18)
        row = len(head) + 5
        for title, png in (charts or {}).items():
            sheet.write(row, 0, title, bold)
            sheet.insert_image(row + 1, 0, str(png), {"x_scale": 0.8, "y_scale": 0.8})
            row += 25
        used = {"Summary"}
        for title, table in report.tables.items():
            name = _sheet_name(title, used)
            frame = table.copy()
            frame.columns = [str(c) for c in frame.columns]
            if isinstance(frame.index, pd.DatetimeIndex):
                frame.index = frame.index.date
            elif isinstance(frame.index, pd.MultiIndex):
                frame = frame.reset_index()
                frame["week"] = pd.to_datetime(frame["week"]).dt.date
                frame = frame.set_index(frame.columns[0])
            frame.to_excel(writer, sheet_name=name, startrow=1)
            writer.sheets[name].write(0, 0, title, bold)
            writer.sheets[name].set_column(0, len(frame.columns), 16)
    return path


def _cell(value: object) -> object:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value
