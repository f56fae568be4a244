"""Cell text of a pdfplumber table, with the line breaks inside a cell undone correctly.

``Table.extract()`` returns "Нови\\nкова" for a surname that a narrow column broke in the
middle, and "Мария\\nАнна" for two names wrapped at the space: only the geometry tells them
apart. A word is cut only when it is wider than the column, so a cut line holds no space
and fills the column to within the next letter; we join such lines without a space. This
also scans the page's characters once per table instead of once per row as ``extract``
does.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

#: pdfplumber's own tolerances (points) for "same line" and "a gap is a space"
Y_TOLERANCE = 3.0
X_TOLERANCE = 3.0
#: rows above a character whose merged cells may still cover it
_MERGE_LOOKBACK = 8

Char = dict[str, Any]
Line = list[Char]


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    h = (char["x0"] + char["x1"]) / 2
    v = (char["top"] + char["bottom"]) / 2
    return box[0] <= h < box[2] and box[1] <= v < box[3]


def _cells_chars(table: Any, chars: list[Char]) -> list[list[list[Char] | None]]:
    rows = table.rows
    grid: list[list[list[Char] | None]] = [
        [[] if box is not None else None for box in row.cells] for row in rows
    ]
    tops = [row.bbox[1] for row in rows]
    bbox = table.bbox
    for char in chars:
        if not _inside(char, bbox):
            continue
        v = (char["top"] + char["bottom"]) / 2
        last = bisect_right(tops, v) - 1
        for r in range(last, max(-1, last - _MERGE_LOOKBACK), -1):
            hit = next(
                (j for j, box in enumerate(rows[r].cells) if box is not None and _inside(char, box)),
                None,
            )
            if hit is not None:
                grid[r][hit].append(char)  # type: ignore[union-attr]
                break
    return grid


def _lines(chars: list[Char]) -> list[Line]:
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and char["top"] - lines[-1][0]["top"] <= Y_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _line_text(line: Line) -> str:
    out: list[str] = []
    prev = None
    for char in line:
        if prev is not None and char["x0"] > prev["x1"] + X_TOLERANCE:
            out.append(" ")
        out.append(char["text"])
        prev = char
    return " ".join("".join(out).split())


def _width(line: Line) -> float:
    return line[-1]["x1"] - line[0]["x0"]


def _cut_word(text: str, width: float, following: Line, next_text: str, column: float) -> bool:
    if " " in text or not next_text:
        return False
    if text[-1].islower() and next_text[0].isupper():
        return False  # "Мария" / "Анна": a capital starts a new word
    if next_text[0] in "([{«\"'":
        return False
    first = following[0]
    return width + (first["x1"] - first["x0"]) > column + 0.01


def _open_end(lines: list[Line], column: float) -> bool:
    """Does the cell's last line fill the column, so the next page may carry the word on?"""
    last = lines[-1]
    text = _line_text(last)
    if not text or " " in text:
        return False
    return _width(last) + _width(last) / len(text) > column + 0.01


def table_grid(table: Any, chars: list[Char]) -> tuple[list[list[str | None]], list[list[bool]]]:
    """The table's rows of cell text (``None`` for the covered part of a merged cell), and
    for each cell whether its text runs to the column's edge (see ``_open_end``)."""
    cells = [[_lines(c) if c is not None else None for c in row] for row in _cells_chars(table, chars)]
    # The widest line seen in each column is as wide as the column's text can be.
    widths: dict[int, float] = {}
    for row in cells:
        for j, lines in enumerate(row):
            for line in lines or ():
                widths[j] = max(widths.get(j, 0.0), _width(line))
    grid: list[list[str | None]] = []
    ends: list[list[bool]] = []
    for row in cells:
        out: list[str | None] = []
        ends.append([bool(lines) and _open_end(lines, widths[j]) for j, lines in enumerate(row)])
        for j, lines in enumerate(row):
            if lines is None:
                out.append(None)
                continue
            text = ""
            for k, line in enumerate(lines):
                piece = _line_text(line)
                if not piece:
                    continue
                if not text:
                    text = piece
                elif text.endswith("-") or _cut_word(
                    _line_text(lines[k - 1]), _width(lines[k - 1]), line, piece, widths[j]
                ):
                    text += piece
                else:
                    text += " " + piece
            out.append(text or None)
        grid.append(out)
    return grid, ends
