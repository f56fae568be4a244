"""Put the pieces of a table that a PDF spreads over several pages back together.

Pure functions over lists of cell text, so the rules are tested without any PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plugins.importers._grid import Cell, is_blank

#: rows at the top of a table that may be its header (a header can take two rows)
HEADER_ROWS = 3
_SPACE = re.compile(r"\s+")


@dataclass
class Piece:
    """One table as found on one page."""

    page: int
    rows: list[list[Cell]]
    first_on_page: bool = True
    last_on_page: bool = True
    #: per cell: its text reaches the column's edge, so a word may go on on the next page
    open_ends: list[list[bool]] | None = None


@dataclass
class Stitched:
    rows: list[list[Cell]] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    width: int = 0
    last_page: int = 0
    ends_page: bool = True
    header_keys: set[tuple[str, ...]] = field(default_factory=set)
    last_open: list[bool] = field(default_factory=list)


def join_text(first: str | None, second: str | None, cut: bool = False) -> str | None:
    """Two lines of one value: "Римская-" + "Корсакова" keeps the hyphen and no space.

    ``cut``: the first line filled its column, so the page break may have split a word
    ("Иван" + "ов"); a capital after a small letter still starts a new word.
    """
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-"):
        return first + second
    if cut and not (first[-1].islower() and second[0].isupper()) and second[0] not in "([«\"'":
        return first + second
    return f"{first} {second}"


def clean_text(text: str | None) -> str | None:
    """A cell's lines joined into one value, whitespace collapsed; empty is None."""
    if text is None:
        return None
    value: str | None = None
    for line in text.splitlines():
        line = _SPACE.sub(" ", line).strip()
        if line:
            value = join_text(value, line)
    return value


def _key(row: list[Cell]) -> tuple[str, ...]:
    # Compare headers without case, spaces and line breaks: a page's header may wrap
    # differently ("Дата рожд." vs "Дата\nрожд.").
    return tuple(_SPACE.sub("", str(c)).lower() if c is not None else "" for c in row)


def _filled(row: list[Cell]) -> int:
    return sum(c is not None for c in row)


def is_fragment(row: list[Cell], previous: list[Cell]) -> bool:
    """Is ``row`` (first on a page) the rest of ``previous``, cut by the page break?

    The cut-off part has no value in the first (key) column, and lacks values the row it
    continues has in at least one more column (short ones like "Пол" never wrap); a real
    row that only lacks its number or a merged group value misses just that one.
    """
    filled = _filled(row)
    return row[0] is None and previous[0] is not None and 0 < filled <= _filled(previous) - 2


def _continues(table: Stitched, piece: Piece) -> bool:
    return (
        piece.first_on_page
        and table.ends_page
        and piece.page == table.last_page + 1
        and len(piece.rows[0]) == table.width
    )


def _start(piece: Piece) -> Stitched:
    width = len(piece.rows[0])
    table = Stitched(width=width)
    for row in piece.rows:
        if len(table.header_keys) < HEADER_ROWS and not is_blank(row):
            table.header_keys.add(_key(row))
    return table


def stitch(pieces: list[Piece]) -> list[Stitched]:
    """Tables in document order, each continued across page breaks."""
    tables: list[Stitched] = []
    for piece in pieces:
        if not piece.rows:
            continue
        rows = piece.rows
        table = tables[-1] if tables else None
        if table is not None and _continues(table, piece):
            start = 0
            while start < len(rows) and not is_blank(rows[start]):
                if _key(rows[start]) not in table.header_keys:
                    break
                start += 1
            rows = rows[start:]
            if rows and table.rows and is_fragment(rows[0], table.rows[-1]):
                prev, cut = table.rows[-1], table.last_open or [False] * table.width
                table.rows[-1] = [
                    join_text(a, b, c)  # type: ignore[arg-type]
                    for a, b, c in zip(prev, rows[0], cut, strict=True)
                ]
                rows = rows[1:]
        else:
            table = _start(piece)
            tables.append(table)
        table.rows.extend(rows)
        table.origins.extend(f"page {piece.page}" for _ in rows)
        table.last_page = piece.page
        table.ends_page = piece.last_on_page
        if piece.open_ends:
            table.last_open = piece.open_ends[-1]
    return tables
