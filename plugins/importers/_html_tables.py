"""Tables of an HTML page saved as ``.xls``: what many booking systems call "Excel export"."""

from __future__ import annotations

from lxml import etree, html

from pipeline import limits, too_big
from plugins.importers._grid import Cell

_HTML_MARKS = (b"<html", b"<table", b"<!doctype html", b"<meta")


def looks_like_html(data: bytes) -> bool:
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(b"<") and any(mark in start for mark in _HTML_MARKS)


def _span(el: html.HtmlElement, name: str) -> int:
    try:
        return min(max(1, int(el.get(name, "1"))), limits().columns)
    except ValueError:
        return 1


def _text(el: html.HtmlElement) -> str | None:
    for br in el.iter("br"):
        br.tail = " " + (br.tail or "")
    text = " ".join("".join(el.itertext()).split())
    return text or None


def _rows(table: html.HtmlElement) -> list[html.HtmlElement]:
    # Rows of this table only: thead/tbody/tfoot or directly under it, not nested tables'.
    out = []
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            out.extend(r for r in child if r.tag == "tr")
        elif child.tag == "tr":
            out.append(child)
    return out


def _take_pending(pending: dict[tuple[int, int], Cell], r: int, row: list[Cell]) -> None:
    while (r, len(row)) in pending:
        row.append(pending.pop((r, len(row))))


def _grid(table: html.HtmlElement, name: str) -> list[list[Cell]]:
    lim = limits()
    cells = 0
    grid: list[list[Cell]] = []
    pending: dict[tuple[int, int], Cell] = {}  # cells a rowspan from above covers
    for r, tr in enumerate(_rows(table)):
        row: list[Cell] = []
        own: list[tuple[int, int]] = []  # (column, colspan) of this row's filled cells

        for td in (c for c in tr if c.tag in ("td", "th")):
            _take_pending(pending, r, row)
            text = _text(td)
            span, down = _span(td, "colspan"), _span(td, "rowspan")
            if text is not None:
                own.append((len(row), span))
            for _ in range(span):
                for k in range(1, down):
                    pending[(r + k, len(row))] = text
                row.append(text)
        _take_pending(pending, r, row)
        cells += len(row)
        if len(row) > lim.columns:
            raise too_big(name, f"row {r + 1} of a table has {len(row):,} columns", "columns")
        if cells > lim.sheet_cells:
            raise too_big(name, f"a table spans more than {lim.sheet_cells:,} cells", "sheet_cells")
        alone = len(own) == 1 and sum(v is not None for v in row) == own[0][1]
        if alone and own[0][1] > 1:
            # One note spread over the row ("Группа 2") is a banner, not a header block.
            col, span = own[0]
            row[col + 1 : col + span] = [None] * (span - 1)
        grid.append(row)
    return grid


def _decoded(data: bytes) -> bytes | str:
    if b"charset" in data[:4096].lower():
        return data  # lxml follows the page's own <meta charset>
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Russian exports without a declared charset are Windows-1251.
        return data.decode("cp1251", errors="replace")


def html_tables(data: bytes, name: str = "") -> list[list[list[Cell]]]:
    """Every outermost table of the page, as rows of cell text, spans filled; ``name`` is the
    file's, for refusals."""
    try:
        root = html.document_fromstring(_decoded(data))
    except (etree.ParserError, ValueError):
        return []
    return [_grid(t, name) for t in root.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
