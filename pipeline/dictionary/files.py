"""Dictionary files a clerk edits in Excel or a text editor: CSV or XLSX with ru,en,fr,kind."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.dictionary.model import COLUMNS, Entry, read_csv
from pipeline.outfiles import unquote_cell, write_csv, write_xlsx
from pipeline.types import CannotRead


def read_table(path: Path) -> list[Entry]:
    """The entries of a ``.csv`` or ``.xlsx`` file; a clerk-readable CannotRead otherwise."""
    if not path.is_file():
        raise CannotRead(f"{path.name}: file not found")
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(path)
        return read_csv(path)
    except UnicodeDecodeError:
        raise CannotRead(f"{path.name}: not a UTF-8 CSV file; save it as 'CSV UTF-8' and try again") from None
    except ValueError as exc:
        raise CannotRead(str(exc)) from None


def _read_xlsx(path: Path) -> list[Entry]:
    # why here: openpyxl (~0.4 s) loads only when a clerk gives an .xlsx file
    from openpyxl import load_workbook
    from openpyxl.utils.escape import unescape

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise CannotRead(f"{path.name}: cannot open this Excel file ({exc.__class__.__name__})") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(c or "").strip().lower() for c in next(rows, ())]
        missing = [c for c in ("ru", "en", "fr") if c not in header]
        if missing:
            columns = ", ".join(missing)
            raise ValueError(f"{path.name}: no column {columns} in the first row (expected ru,en,fr,kind)")
        out = []
        for row in rows:
            # read-only openpyxl leaves Excel's escapes of control characters (_x000D_) as they are
            cells = {name: "" if v is None else unquote_cell(unescape(str(v)).strip())
                     for name, v in zip(header, row, strict=False)}  # fmt: skip
            if cells.get("ru"):
                out.append(Entry(cells["ru"], *(cells.get(c) or None for c in ("en", "fr", "kind"))))
        return out
    finally:
        book.close()


def write_table(path: Path, entries: Iterable[Entry]) -> int:
    """Write ``.xlsx`` or, for any other name, CSV in UTF-8 with a BOM (so Excel shows Cyrillic).

    Through ``pipeline.outfiles``: owner-only, and a value typed as ``=...`` (or ``+``, ``-``,
    ``@``) is written quoted, so no spreadsheet runs it; ``read_table`` takes the quote off.
    """
    rows = [(e.ru, e.en or "", e.fr or "", e.kind or "") for e in entries]
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, [("dictionary", list(COLUMNS), rows)])
    else:
        write_csv(path, list(COLUMNS), rows, delimiter=",")
    return len(rows)
