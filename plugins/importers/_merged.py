"""Merged cells: copy the top-left value over the area, except for lone title banners."""

from __future__ import annotations

from collections.abc import Iterable

from plugins.importers._grid import Cell

Range = tuple[tuple[int, int], tuple[int, int]]


def _alone_in_rows(rows: list[list[Cell]], r0: int, c0: int, r1: int, c1: int) -> bool:
    for r in range(r0, min(r1, len(rows) - 1) + 1):
        row = rows[r]
        for c, value in enumerate(row):
            if value is not None and not (c0 <= c <= c1):
                return False
    return True


def fill_merged(rows: list[list[Cell]], ranges: Iterable[Range]) -> None:
    """Fill each merged area in place with its top-left value.

    A merged header ("Фамилия" over "рус | лат") or a merged group column must repeat on
    every row and column it covers, or the core sees holes. A title banner merged across
    the sheet ("Список туристов") is the only thing in its rows: filling it would make a
    row of identical titles, so it stays as the sheet shows it.
    """
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value is None or _alone_in_rows(rows, r0, c0, r1, c1):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] is None:
                    row[c] = value
