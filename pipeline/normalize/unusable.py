"""Cells no row may take: a character the reader could not decode, or a value too long to be real.

A stray byte in a UTF-8 list (a letter pasted from a cp1251 document, a cut-off e-mail) is
read as the replacement character U+FFFD. Its row keeps every other value; the damaged value
is never taken as the person's name or document, and the row warns, naming row and column.

A name or document far longer than any real one (a pasted paragraph, a hostile file) is not
a person's: its row is rejected with the column and the length, and the value is not even
cleaned, so it costs nothing downstream.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.limits import limits
from pipeline.normalize.fast import to_bools

REPLACEMENT = "\ufffd"
_NAMES = frozenset({"surname", "name", "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru",
                    "title", "citizenship", "gender"})  # fmt: skip
_FULL_NAMES = frozenset({"full_name", "full_name_lat", "full_name_ru"})


@dataclass(frozen=True)
class Unusable:
    pos: int  # position in the table body
    col: Any
    length: int | None  # None: damaged; else the length of a value too long


def longest_allowed(target: str) -> int:
    """Characters a value of field ``target`` may have (a name, three names, or a document)."""
    lim = limits()
    if target in _NAMES:
        return lim.name_chars
    if target in _FULL_NAMES:
        return 3 * lim.name_chars
    return lim.document_chars


def drop_unusable(
    body: pd.DataFrame, texts: dict[Any, pa.Array], mapping: dict[int, str]
) -> tuple[pd.DataFrame, dict[Any, pa.Array], list[Unusable]]:
    """``body`` and ``texts`` without the unusable cells of mapped columns, and which they were.
    Checked in C, column by column; the body is copied only when something is found."""
    found: list[Unusable] = []
    for col, arr in texts.items():
        target = mapping.get(col, "ignore")
        if target == "ignore":
            continue
        lengths = pc.utf8_length(arr)
        long = to_bools(pc.greater(lengths, longest_allowed(target)))
        damaged = to_bools(pc.match_substring(arr, REPLACEMENT)) & ~long
        if not (long.any() or damaged.any()):
            continue
        sizes = lengths.to_numpy(zero_copy_only=False)
        found += [Unusable(int(p), col, int(sizes[p])) for p in np.flatnonzero(long)]
        found += [Unusable(int(p), col, None) for p in np.flatnonzero(damaged)]
        texts[col] = pc.if_else(pa.array(long | damaged), pa.scalar(None, arr.type), arr)
    if found:
        body = body.astype({u.col: object for u in found}).copy()
        for u in found:
            body.iat[u.pos, body.columns.get_loc(u.col)] = None
    return body, texts, found


def report_unusable(results: Sequence[Any], data_pos: Sequence[int], found: list[Unusable],
                    label: Callable[[Any], str]) -> None:  # fmt: skip
    """Each row with an unusable value warns (damaged) or is rejected (too long); ``label(col)``
    names the column."""
    index = {pos: k for k, pos in enumerate(data_pos)}
    for u in sorted(found, key=lambda u: (u.pos, str(u.col))):
        k = index.get(u.pos)
        if k is None:  # a blank, footer or header row: nothing of it is kept
            continue
        res = results[k]
        where = f'Row {res.source_row}, column "{label(u.col)}"'
        if u.length is None:
            res.warn(f"{where}: a character could not be read (a damaged byte, or text pasted in another "
                     "encoding); the value is left out, type it in from the document")  # fmt: skip
        else:
            res.reject(f"{where}: the value is {u.length:,} characters long, longer than any real one; "
                       "the tourist is not imported")  # fmt: skip
