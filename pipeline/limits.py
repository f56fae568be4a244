"""How much a file may hold before Tourdesk refuses to read it: settings with sane defaults.

A tourist list is small: a few hundred rows, a dozen columns, names of a few dozen letters.
Whatever a file claims to hold, the readers check it against these limits *before* they
unpack or parse it, and refuse with one line naming the file and the limit, so a hostile or
broken file can cost neither the machine's memory nor the clerk's afternoon.

Each limit can be changed with an environment variable ``TOURDESK_LIMIT_<NAME>`` (for
example ``TOURDESK_LIMIT_CELL_CHARS=20000``); sizes are in bytes, ``20MB`` also reads.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING

from pipeline.types import CannotRead

if TYPE_CHECKING:
    import pandas as pd

ENV_PREFIX = "TOURDESK_LIMIT_"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits every reader applies; ``limits()`` gives the configured ones."""

    #: one part of a zip container (.xlsx, .docx, .ods), unpacked
    part_bytes: int = 20 * _MB
    #: all the XML parts of one container together, unpacked
    unpacked_bytes: int = 60 * _MB
    #: unpacked size over packed size of a part above one megabyte; real ones stay under 40
    part_ratio: int = 200
    #: characters in one cell
    cell_chars: int = 10_000
    #: columns of one table
    columns: int = 200
    #: data rows of one list (a streamed CSV included)
    rows: int = 2_000_000
    #: cells of one sheet as its stated size gives them (rows x columns, empty ones included)
    sheet_cells: int = 2_000_000
    #: pages of one PDF
    pdf_pages: int = 2_000
    #: one stream of a PDF (a page's drawing, an embedded font), unpacked
    pdf_stream_bytes: int = 20 * _MB
    #: all the streams of one PDF together, unpacked
    pdf_unpacked_bytes: int = 200 * _MB
    #: characters of a name part (surname, first name, patronymic), a citizenship or a sex as
    #: written; the longest real ones are ~60 ("Соединённое Королевство Великобритании и ...")
    name_chars: int = 100
    #: characters of a document field (passport, ticket, a date as written)
    document_chars: int = 60
    #: characters of one text value a form template builds
    template_chars: int = 1_000_000
    #: items of one ``range()`` in a form template
    template_range: int = 10_000
    #: turns of all the ``for`` loops of one rendered document part
    template_loops: int = 1_000_000
    #: characters of one rendered document part
    template_output_chars: int = 20_000_000

    def env_name(self, name: str) -> str:
        """The environment variable that sets limit ``name``, for messages."""
        return ENV_PREFIX + name.upper()


_SIZE = re.compile(r"^\s*([0-9_]+)\s*(kb|mb|gb)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "kb": 1024, "mb": _MB, "gb": 1024 * _MB}


def _parse(name: str, text: str) -> int:
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}={text!r} is not a number")
    value = int(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None]
    if value <= 0:
        raise ValueError(f"{ENV_PREFIX}{name.upper()} must be above zero")
    return value


@cache
def _from_env(environ: tuple[tuple[str, str], ...]) -> Limits:
    values = dict(environ)
    given = {f.name: _parse(f.name, values[ENV_PREFIX + f.name.upper()])
             for f in fields(Limits) if ENV_PREFIX + f.name.upper() in values}  # fmt: skip
    return Limits(**given)


def limits() -> Limits:
    """The limits in force: the defaults, changed by any ``TOURDESK_LIMIT_*`` variable."""
    return _from_env(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX))))


def megabytes(size: int) -> str:
    """``20 MB`` for a limit in a message."""
    return f"{size / _MB:g} MB" if size >= _MB else f"{size:,} bytes"


class TooBig(CannotRead):
    """A file beyond one of the limits, refused before it is read; the message names both."""


def too_big(file: str, what: str, limit: str) -> TooBig:
    """The refusal of ``file`` for ``what`` it holds, naming limit ``limit`` and its setting."""
    value = getattr(limits(), limit)
    shown = megabytes(value) if limit.endswith("bytes") else f"{value:,}"
    return TooBig(f"{file}: {what}; not read (the limit is {shown}, setting {ENV_PREFIX}{limit.upper()})")


def check_frame(file: str, frame: pd.DataFrame, first_row: int = 1) -> None:
    """Refuse a table a reader made with more columns or longer cells than a list has.

    The readers check their files before reading; this is the same rule on what any reader
    (a plugin's too) returns, before a row is normalized. Text is measured in C, column by column.
    """
    import numpy as np  # why here: the plugin face imports this module; numpy waits for a table

    lim = limits()
    if frame.shape[1] > lim.columns:
        raise too_big(file, f"a table has {frame.shape[1]:,} columns", "columns")
    for col in frame.columns:
        try:
            lengths = frame[col].str.len()  # NaN for a cell that is not text
        except AttributeError:  # a column of numbers or dates only
            continue
        longest = lengths.max(skipna=True)
        if longest == longest and longest > lim.cell_chars:
            row = int(np.nanargmax(lengths.to_numpy(dtype=float, na_value=np.nan))) + first_row
            raise too_big(file, f"row {row:,} of the table has a cell of {int(longest):,} characters", "cell_chars")
