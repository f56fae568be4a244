"""Headers of one or more rows: a merged "Турист" over Фамилия / Имя / Отчество, a merged
"Загранпаспорт" over Номер / Действителен до, a cell merged down over both rows.

A header row is found as before, by the words of its cells; the rows just above it are
taken as parent rows when they read as header words too and change what a column means.
Merged cells reach the core filled (the readers repeat a merged value over its area), a list
saved as CSV has the parent once and blanks beside it: both read the same here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.normalize.columns import classify_header

HEADER_SCAN_ROWS = 30
#: parent rows above a header row at most (a three-level header is the deepest seen)
MAX_PARENT_ROWS = 2
_MAX_HEADER_CHARS = 60
_DATA_LIKE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{5,}")
_DOCUMENTS = frozenset({"passport", "passport_series", "passport_number", "internal_passport", "internal_series",
                        "internal_number"})  # fmt: skip


@dataclass(frozen=True)
class Header:
    """Where a table's header is and what its columns mean."""

    first: int  # index of its top row
    last: int  # index of its bottom row: data starts below it
    mapping: dict[int, str]
    labels: list[str | None]  # each column's header words, parents first ("Загранпаспорт / Номер")


def _text(cell: object) -> str | None:
    if isinstance(cell, str) and cell.strip() and len(cell) <= _MAX_HEADER_CHARS:
        return " ".join(cell.split())
    return None


def _header_like(row: Sequence[object]) -> bool:
    """A row of words: no dates, numbers or long runs of digits, as data rows have."""
    filled = False
    for cell in row:
        if isinstance(cell, int | float | dt.date) and not (isinstance(cell, float) and cell != cell):
            return False
        if isinstance(cell, str) and cell.strip():
            if _DATA_LIKE.search(cell):
                return False
            filled = True
    return filled


def _stack(rows: Sequence[Sequence[object]], first: int, last: int) -> list[list[str]]:
    """Each column's distinct header words, top to bottom.

    A parent row's blank beside a parent (a merged cell saved as CSV keeps its value in the
    first column only) takes that parent where the row below goes on under it.
    """
    width = max(len(rows[r]) for r in range(first, last + 1))
    grid = [
        [_text(rows[r][c]) if c < len(rows[r]) else None for c in range(width)]
        for r in range(first, last + 1)
    ]
    for r in range(len(grid) - 1):
        row, below = grid[r], grid[r + 1]
        for c in range(1, width):
            if (
                row[c] is None
                and below[c] is not None
                and row[c - 1] is not None
                and below[c - 1] is not None
            ):
                row[c] = row[c - 1]
    out = []
    for c in range(width):
        words: list[str] = []
        for row in grid:
            if row[c] is not None and (not words or words[-1] != row[c]):
                words.append(row[c])
        out.append(words)
    return out


def _shared(stack: list[list[str]]) -> list[bool]:
    """For each column: does its parent (the words above its own) head a neighbour too?
    Runs of equal parents are counted in one pass, so a hostile 200-column row costs nothing."""
    keys = [tuple(words[:-1]) if len(words) > 1 else None for words in stack]
    out = [False] * len(stack)
    start = 0
    for c in range(1, len(keys) + 1):
        if c == len(keys) or keys[c] != keys[start]:
            if keys[start] is not None and c - start > 1:
                out[start:c] = [True] * (c - start)
            start = c
    return out


def _classify_stack(words: list[str], shared: bool) -> str | None:
    """The field of a column headed by several cells; ``shared``: its parent heads others too."""
    if len(words) == 1:
        return classify_header(words[0])
    child = words[-1]
    # the nearest parent that means something speaks for the column ("Имя" in Туристы / Имя / лат)
    parent = next((w for w in reversed(words[:-1]) if classify_header(w)), " ".join(words[:-1]))
    if _hint(child):  # a note on the parent, not a meaning of its own
        return classify_header(f"{parent} {child}") or classify_header(parent)
    own, up, both = classify_header(child), classify_header(parent), classify_header(f"{parent} {child}")
    if up in _DOCUMENTS or (own is None and both in _DOCUMENTS):
        # "Паспорт РФ" over "Серия | Номер": the parent says which document, the child which part
        base = "internal" if (up or both or "").startswith("internal") else "passport"
        if own in _DOCUMENTS:
            part = "series" if own.endswith("series") or both and both.endswith("series") else "number"
            return f"{base}_{part}"
        if own is not None:
            return own  # "Действителен до", "Кем выдан" under the passport
        return None if shared else both or up
    if own is None:
        # "Фамилия" over "рус | лат" says more together; an unknown child ("Прим.") under a
        # parent that heads other columns too is unknown, not the parent's field
        if both is not None and (both != up or not shared):
            return both
        return None if shared else up
    if both is not None and both != own and both.startswith(own):
        return both  # "Латиницей" over "Фамилия": surname_lat
    return own


def _mapping(stack: list[list[str]]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    shared = _shared(stack)
    for col, words in enumerate(stack):
        if not words:
            continue
        target = _classify_stack(words, shared[col])
        if target:
            mapping[col] = target
    _number_beside_series(mapping)
    return mapping


def _number_beside_series(mapping: dict[int, str]) -> None:
    """A whole-passport column beside a series column of the same document holds the number."""
    for base, whole in (("passport", "passport"), ("internal", "internal_passport")):
        if f"{base}_series" in mapping.values():
            for col, target in mapping.items():
                if target == whole:
                    mapping[col] = f"{base}_number"


def _score(mapping: dict[int, str]) -> tuple[int, int]:
    named = [t for t in mapping.values() if t != "ignore"]
    return len(set(named)), len(named)


def find_header_block(rows: Sequence[Sequence[object]]) -> Header | None:
    """The header among the first rows of a table, with its parent rows; ``None`` without one."""
    best: tuple[tuple[int, int], Header] | None = None
    for last in range(min(len(rows), HEADER_SCAN_ROWS)):
        header = header_at(rows, last)
        if header is None:
            continue
        score = _score(header.mapping)
        if score[1] < 2:
            continue
        if best is None or score > best[0] or (score == best[0] and _goes_on(best[1], header, rows[last])):
            best = (score, header)
    return best[1] if best else None


def _goes_on(found: Header, deeper: Header, row: Sequence[object]) -> bool:
    """Whether ``deeper`` is ``found`` with one more row of header words below it ("Surname"
    under "Фамилия", a hint "(ДД.ММ.ГГГГ)", "рус | лат"), not with its first row of data (a
    list of names alone has no digits either)."""
    if not deeper.first <= found.last < deeper.last:
        return False
    words = [_text(c) for c in row]
    return deeper.mapping != found.mapping or any(w and (classify_header(w) or _hint(w)) for w in words)


def _hint(text: str) -> bool:
    """A note in brackets under a header: "(как в паспорте)", "(ДД.ММ.ГГГГ)"."""
    return text.startswith("(") and text.endswith(")")


def _parent_like(row: Sequence[object]) -> bool:
    """A row that may head the columns below: it names a field ("Загранпаспорт"), or one of its
    labels spans several columns ("Данные туриста" merged over three). A title alone in its
    row ("Список туристов") is neither."""
    texts = [_text(c) for c in row]
    if any(t and classify_header(t) for t in texts):
        return True
    return any(a is not None and a == b for a, b in zip(texts, texts[1:], strict=False))


def header_at(rows: Sequence[Sequence[object]], last: int) -> Header | None:
    """The header whose bottom row is ``last``, with the rows of header words above it that
    read as its parents (the columns mean as much or more with them)."""
    stack = _stack(rows, last, last)
    mapping = _mapping(stack)
    first = last
    if _header_like(rows[last]):
        for top in range(last - 1, max(-1, last - 1 - MAX_PARENT_ROWS), -1):
            if not _header_like(rows[top]) or not _parent_like(rows[top]):
                break
            deeper = _stack(rows, top, last)
            more = _mapping(deeper)
            if _score(more) < _score(mapping):
                break  # not the parents of these columns: a row of words above the header
            first, stack, mapping = top, deeper, more
    if not mapping:
        return None
    labels = [" / ".join(words) if words else None for words in stack]
    return Header(first, last, mapping, labels)
