"""Every file Tourdesk writes for people: private to the user, and spreadsheet cells that never run.

Rosters, mailing lists, reports, dictionary exports and greetings carry names, e-mails and
sometimes passports, so they are written readable by the owner only (files 0600, folders
0700) whatever the umask says. A cell that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is neutralised as OWASP
recommends (a leading apostrophe), and every text cell of an XLSX is written as text.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

#: the first characters that make a spreadsheet cell a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that no spreadsheet will evaluate: text starting like a formula gets a ``'``.

    Numbers, dates and ``None`` pass unchanged: they cannot carry a formula. A negative number
    given as text (``-5``) is text here and is quoted too, as OWASP advises: a list of people
    has no column where that matters.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unquote_cell(value: str) -> str:
    """The value ``safe_cell`` quoted, for a file Tourdesk wrote that comes back to it."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by the owner only; return it."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        # mkdir's mode is filtered by the umask; chmod is not
        os.chmod(folder, 0o700)
    return path


def make_private(path: Path) -> Path:
    """Restrict an existing file to its owner (0600): for files another library wrote."""
    os.chmod(path, 0o600)
    return Path(path)


def write_private_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` atomically to ``path`` as a 0600 file (its folder created 0700 if missing)."""
    path = Path(path)
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        # mkstemp creates 0600 already; the chmod makes that explicit and umask-proof
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_private_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` atomically to ``path`` as a 0600 file."""
    return write_private_bytes(path, text.encode(encoding))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas: an empty cell
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write a private CSV whose every cell is neutralised; ``;`` and a BOM open right in Excel."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(_text(h)) for h in header])
    for row in rows:
        writer.writerow([safe_cell(_text(v)) for v in row])
    return write_private_text(path, buf.getvalue(), encoding=encoding)


def write_xlsx(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
) -> Path:
    """Write a private XLSX: one sheet per ``(name, header, rows)``, text cells stored as text.

    Strings are written with ``write_string`` (never parsed as a formula or a number), and
    additionally neutralised so that a copy-paste into another sheet stays inert. Headers are
    bold, the first row frozen, filters on, columns sized to their content.
    """
    import xlsxwriter  # why: only the commands that write a workbook pay for loading it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    datefmt = book.add_format({"num_format": "dd.mm.yyyy"})
    for name, header, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        widths = [len(str(h)) for h in header]
        for c, h in enumerate(header):
            sheet.write_string(0, c, str(safe_cell(h)), bold)
        r = 0
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or (isinstance(value, float) and value != value):
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, datetime(value.year, value.month, value.day)
                                         if not isinstance(value, datetime) else value, datefmt)
                    value = "00.00.0000"
                else:
                    value = str(safe_cell(str(value)))
                    sheet.write_string(r, c, value)
                if c < len(widths):
                    widths[c] = max(widths[c], len(str(value)))
        for c, w in enumerate(widths):
            sheet.set_column(c, c, min(60, max(8, w + 2)))
        sheet.freeze_panes(1, 0)
        if header:
            sheet.autofilter(0, 0, max(r, 1), len(header) - 1)
    book.close()
    return write_private_bytes(path, buf.getvalue())
