"""Shared by the office readers: turn lists of cells into a ``RawTable`` and sniff containers."""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Sequence
from typing import Any

import pandas as pd

from pipeline import RawTable

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | int | float | dt.date | None

#: what reading a damaged zip (an .xlsx, .docx, .ods) can raise
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,  # a missing part
    OSError,
    ValueError,
    EOFError,
    zlib.error,  # a damaged compressed part
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
)


def clean_cell(value: Any) -> Cell:
    """One cell as the core expects it: empty text is ``None``, whole floats are ints."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        # Check before int: a tick box is not a count, and the core maps text.
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # Passport and phone numbers typed into Excel are stored as floats; 751234567.0
        # printed as float would become 7.5e8 downstream.
        if value != value:  # NaN
            return None
        if value.is_integer() and abs(value) < 2**63:
            return int(value)
        return value
    if isinstance(value, int | dt.date):
        return value
    # time and timedelta cells: rare in tourist lists; keep them readable.
    return str(value)


def clean_row(row: Sequence[Any]) -> list[Cell]:
    """``clean_cell`` over a row, with the common types inlined: a 20,000-row sheet has
    200,000 cells and a call per cell would cost more than reading the file."""
    return [
        (v if v and not v.isspace() else None)
        if (t := type(v)) is str
        else (int(v) if v.is_integer() and abs(v) < 2**63 else (None if v != v else v))
        if t is float
        else v
        if t is int or t is dt.date or t is dt.datetime
        else clean_cell(v)
        for v in row
    ]


def is_blank(row: Sequence[Cell]) -> bool:
    return all(c is None for c in row)


def make_table(
    rows: list[list[Cell]], name: str = "", origins: Sequence[str] | None = None
) -> RawTable | None:
    """Square the rows, drop fully empty trailing rows and empty edge columns; None if empty."""
    end = len(rows)
    while end and is_blank(rows[end - 1]):
        end -= 1
    if not end:
        return None
    rows = rows[:end]
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):
        rows = [list(r) + [None] * (width - len(r)) for r in rows]
    # all() stops at the first filled cell, so a used column costs next to nothing.
    first, last = 0, width - 1
    while all(r[first] is None for r in rows):
        first += 1
    while all(r[last] is None for r in rows):
        last -= 1
    frame = pd.DataFrame(rows, dtype=object)
    if first or last != width - 1:
        frame = frame.iloc[:, first : last + 1]
        frame.columns = range(last + 1 - first)
    return RawTable(frame=frame, name=name, origins=list(origins[:end]) if origins else None)


def sheet_table(
    rows: list[list[Any]], name: str = "", origins: Sequence[str] | None = None
) -> RawTable | None:
    """``make_table`` for a sheet straight from the reader (blank text as ``""``, numbers as
    floats), cleaned a column at a time: a column of text only (names, passports typed as
    text) goes to Arrow text in one step, the others cell by cell as ``clean_row`` does."""
    # why here: numpy and pyarrow load only when a sheet is turned into columns, not at plugin registration
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not rows:
        return None
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):
        rows = [list(r) + [None] * (width - len(r)) for r in rows]
    columns: list[Any] = []
    blank = np.ones((width, len(rows)), dtype=bool)
    for c, values in enumerate(zip(*rows, strict=True)):
        if all(type(v) is str or v is None for v in values):
            text = pa.array(values, type=pa.large_string())
            blank[c] = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(text), ""), True).to_numpy(zero_copy_only=False)
            columns.append(text)
        else:
            cells = clean_row(values)
            blank[c] = [v is None for v in cells]
            columns.append(cells)
    filled_rows = np.flatnonzero(~blank.all(axis=0))
    if not len(filled_rows):
        return None
    end = int(filled_rows[-1]) + 1
    used = np.flatnonzero(~blank[:, :end].all(axis=1))
    first, last = int(used[0]), int(used[-1])
    text_dtype = pd.StringDtype(na_value=float("nan"))
    frame = pd.DataFrame(
        {
            c - first: pd.Series(col[:end], dtype=text_dtype) if isinstance(col, pa.Array) else pd.Series(col[:end], dtype=object)
            for c, col in enumerate(columns[first : last + 1], start=first)
        }
    )
    return RawTable(frame=frame, name=name, origins=list(origins[:end]) if origins else None)


def head_mentions(head: bytes, *names: str) -> bool:
    """Does a zip head or an OLE2 directory in ``head`` name one of ``names``?"""
    return any(n.encode() in head or n.encode("utf-16-le") in head for n in names)
