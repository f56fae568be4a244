"""Tables of a .docx read straight from ``word/document.xml`` with lxml.

python-docx builds a proxy object per cell and re-walks the grid for every access; reading
the XML once is several times faster on long lists and lets us handle merged cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from lxml import etree

from plugins.importers._grid import Cell

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def main_part(zf: zipfile.ZipFile) -> str:
    """The document part's name: usually word/document.xml, but the package rels decide."""
    names = set(zf.namelist())
    if "_rels/.rels" in names:
        rels = etree.fromstring(zf.read("_rels/.rels"), _PARSER)
        for rel in rels.iter(f"{{{_RELS_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml"


class _Names:
    """Tag names in the document's own WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        q = f"{{{ns}}}"
        self.tbl, self.tr, self.tc, self.p = q + "tbl", q + "tr", q + "tc", q + "p"
        self.t, self.tab, self.br, self.cr = q + "t", q + "tab", q + "br", q + "cr"
        self.hyphen = q + "noBreakHyphen"
        self.tcPr, self.trPr, self.val = q + "tcPr", q + "trPr", q + "val"
        self.gridSpan, self.vMerge = q + "gridSpan", q + "vMerge"
        self.gridBefore = q + "gridBefore"
        self.sdt, self.sdtContent, self.customXml = q + "sdt", q + "sdtContent", q + "customXml"


def _int(el: etree._Element | None, n: _Names, default: int) -> int:
    """An element's w:val as a count, never below ``default`` (1 for spans, 0 for skips)."""
    if el is None:
        return default
    try:
        return max(default, int(el.get(n.val, default)))
    except ValueError:
        return default


def _paragraph_text(p: etree._Element, n: _Names) -> str:
    parts: list[str] = []
    for el in p.iter(n.t, n.tab, n.br, n.cr, n.hyphen):
        tag = el.tag
        if tag == n.t:
            parts.append(el.text or "")
        elif tag == n.hyphen:
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def _cell_text(tc: etree._Element, n: _Names) -> str | None:
    # A clerk's Enter inside a cell is a line break in the same value, so paragraphs join
    # with a space; whitespace runs collapse so "ИВАНОВ  \n ИВАН" reads as one line.
    text = " ".join(_paragraph_text(p, n) for p in tc.iter(n.p))
    text = " ".join(text.split())
    return text or None


def _cells(parent: etree._Element, n: _Names) -> Iterator[etree._Element]:
    # Content controls and custom XML may wrap cells; cells of nested tables stay out.
    for child in parent:
        if child.tag == n.tc:
            yield child
        elif child.tag == n.sdt:
            content = child.find(n.sdtContent)
            if content is not None:
                yield from _cells(content, n)
        elif child.tag == n.customXml:
            yield from _cells(child, n)


def _row_cells(tr: etree._Element, n: _Names) -> Iterator[tuple[int, int, str | None, str | None]]:
    """(grid column, span, text, vMerge state) per cell of a row."""
    trpr = tr.find(n.trPr)
    col = _int(trpr.find(n.gridBefore) if trpr is not None else None, n, 0)
    for tc in _cells(tr, n):
        tcpr = tc.find(n.tcPr)
        span, vmerge = 1, None
        if tcpr is not None:
            span = _int(tcpr.find(n.gridSpan), n, 1)
            vm = tcpr.find(n.vMerge)
            if vm is not None:
                vmerge = vm.get(n.val, "continue")
        yield col, span, _cell_text(tc, n), vmerge
        col += span


def _table_rows(tbl: etree._Element, n: _Names) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    # Cells may sit inside w:sdt / w:customXml wrappers; rows too. iter() would also walk
    # nested tables, so take rows whose nearest table is this one.
    for tr in tbl.iter(n.tr):
        if _nearest_table(tr, n) is not tbl:
            continue
        row: list[Cell] = []
        above = rows[-1] if rows else []
        filled: list[tuple[int, int]] = []
        for col, span, text, vmerge in _row_cells(tr, n):
            if len(row) < col + span:
                row.extend([None] * (col + span - len(row)))
            if vmerge == "continue":
                # The merged area's text lives in its first row: repeat it down.
                text = above[col] if col < len(above) else None  # type: ignore[assignment]
            for c in range(col, col + span):
                row[c] = text
            if text is not None:
                filled.append((col, span))
        if len(filled) == 1 and filled[0][1] > 1:
            # A note merged across the whole row ("Трансфер: ...") is not a header block:
            # repeating it in every column would only make a row of copies.
            col, span = filled[0]
            row[col + 1 : col + span] = [None] * (span - 1)
        rows.append(row)
    return rows


def _nearest_table(el: etree._Element, n: _Names) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != n.tbl:
        parent = parent.getparent()
    return parent


def document_tables(xml: bytes) -> list[list[list[Cell]]]:
    """Every top-level table of the document body, in order, as rows of cell text."""
    root = etree.fromstring(xml, _PARSER)
    ns = etree.QName(root).namespace or ""
    n = _Names(ns)
    tables = []
    for tbl in root.iter(n.tbl):
        # A table nested in a cell belongs to that cell's text, not to the list.
        if _nearest_table(tbl, n) is None:
            tables.append(_table_rows(tbl, n))
    return tables
