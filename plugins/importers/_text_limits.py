"""Check a text list line by line, on its bytes, before a table is built from it.

A CSV is read by C parsers that will hold any cell however long and make a column of any
delimiter however many: one 50 MB first name cost gigabytes downstream. A tourist list has
short lines, so only the few lines longer than a few hundred characters are looked at
closely (split into cells as the parser will), and a line longer than a whole table of the
longest cells is refused without decoding it. The scan works on blocks, so a list of any
length is checked in flat memory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

from pipeline import limits, too_big

_SPACED_COLUMNS = re.compile(r"\s{2,}")
_BLOCK = 1 << 20


class LineCheck:
    """Feed blocks of a file with ``feed``; ``done`` after the last. Refuses with ``TooBig``."""

    def __init__(self, name: str, encoding: str, delimiter: str | None) -> None:
        self.name, self.encoding, self.delimiter = name, encoding, delimiter
        lim = limits()
        self.cell_chars, self.columns, self.rows = lim.cell_chars, lim.columns, lim.rows
        # a line this long may hold a too-long cell or too many cells: it is split and looked at
        self.close_look = min(self.cell_chars, 8 * self.columns)
        # a line longer than this holds one or the other whatever it says
        self.hopeless = 4 * self.cell_chars * self.columns
        self.lines = 0
        self._current: list[bytes] = []
        self._current_size = 0

    def feed(self, block: bytes) -> None:
        parts = block.split(b"\n")
        self.lines += len(parts) - 1
        if self.lines > self.rows + 1000:  # room for title and blank lines
            raise too_big(self.name, f"it has {self.lines:,} lines or more", "rows")
        if len(parts) == 1:
            self._grow(parts[0])
            return
        # the common case, decided in C: no line of this block needs a close look
        if self._current_size + len(parts[0]) <= self.close_look and max(map(len, parts[1:-1]), default=0) <= self.close_look:
            self._current, self._current_size = [], 0
            self._grow(parts[-1])
            return
        first = self.lines - len(parts) + 2  # 1-based number of the line parts[0] ends
        self._grow(parts[0])
        self._end_line(first)
        for offset, part in enumerate(parts[1:-1], start=1):
            self._grow(part)
            self._end_line(first + offset)
        self._grow(parts[-1])

    def done(self) -> None:
        self._end_line(self.lines + 1)

    def _grow(self, part: bytes) -> None:
        self._current_size += len(part)
        if self._current_size > self.hopeless:
            raise too_big(
                self.name, f"line {self.lines + 1:,} runs past {self.hopeless:,} bytes, more than "
                f"{self.columns} cells of the longest allowed could hold", "cell_chars",
            )  # fmt: skip
        if part:
            self._current.append(part)

    def _end_line(self, number: int) -> None:
        size, held = self._current_size, self._current
        self._current, self._current_size = [], 0
        if size <= self.close_look:
            return
        line = b"".join(held).decode(self.encoding, errors="replace").rstrip("\r")
        cells = _cells(line, self.delimiter)
        if len(cells) > self.columns:
            raise too_big(self.name, f"line {number:,} has {len(cells):,} columns", "columns")
        longest = max(map(len, cells), default=0)
        if longest > self.cell_chars:
            raise too_big(self.name, f"line {number:,} has a cell of {longest:,} characters", "cell_chars")


def _cells(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return _SPACED_COLUMNS.split(line.strip())
    try:
        # a quoted cell may run on to the next lines: read what this line holds of it
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # a cell above the csv module's own size limit
        return line.split(delimiter)


def check_lines(name: str, blocks: Iterable[bytes], encoding: str, delimiter: str | None) -> int:
    """Refuse a text list with a cell, a line or a number of lines beyond the limits; the line count."""
    check = LineCheck(name, encoding, delimiter)
    for big in blocks:
        # a megabyte at a time: a file of empty lines split at once is a list of millions
        for start in range(0, len(big), _BLOCK):
            check.feed(big[start : start + _BLOCK])
    check.done()
    return check.lines
