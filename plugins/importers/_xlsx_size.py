"""How big each worksheet of an .xlsx says it is, read before python-calamine loads it.

calamine allocates the whole rectangle from A1 to the last value: one stray value in
XFD1048576 asks for 17 billion cells and aborts the process. Excel writes the used
rectangle as ``<dimension ref="A1:J25"/>`` at the top of each sheet part.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from plugins.importers._grid import ZIP_ERRORS

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _area(head: bytes) -> int:
    match = _DIMENSION.search(head)
    if not match or not match.group(3):
        return 0
    return _column(match.group(3)) * int(match.group(4))


# a cell's address (r="XFD1048576") and a row's number (r="17"): the same attribute
# (patterns that start with a literal are searched fast; other whitespace becomes a space first)
_COLUMN_LETTERS = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_ROW_NUMBERS = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,7})"')
_SPACES = bytes.maketrans(b"\t\r\n", b"   ")


def _extent(xml: bytes) -> int:
    """Rows x columns up to the farthest cell address in a sheet part (0 when it gives none).

    Addresses are collected in C and only the distinct ones compared, so a long sheet costs
    milliseconds."""
    xml = xml.translate(_SPACES)
    columns = set(_COLUMN_LETTERS.findall(xml))
    rows = set(_ROW_NUMBERS.findall(xml))
    if not columns or not rows:
        return 0
    widest = max(columns, key=lambda letters: (len(letters), letters))
    return _column(widest) * max(map(int, rows))


_COUNT = re.compile(rb'\buniqueCount="(\d+)"')


def shared_strings_damaged(data: bytes) -> bool:
    """A string table claiming more distinct strings than it has bytes: calamine reserves
    room for ``uniqueCount`` strings up front and aborts. (``count`` counts every use of a
    string and is legitimately large.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.filename.lower().endswith("sharedstrings.xml"):
                    with zf.open(info) as fh:
                        head = fh.read(2048)
                    counts = [int(n) for n in _COUNT.findall(head[: head.find(b"<si")])]
                    return any(n > info.file_size for n in counts)
    except ZIP_ERRORS:
        return False
    return False


def sheet_areas(data: bytes) -> dict[str, int]:
    """Sheet name -> rows x columns its dimension claims; {} when the file does not say."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = etree.fromstring(zf.read("xl/workbook.xml"), _PARSER)
            rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _PARSER)
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG)}
            areas = {}
            for sheet in book.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(_REL), "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                # the stated size may lie or be missing: the cells' own addresses tell the truth
                xml = zf.read(posixpath.normpath(part))
                areas[sheet.get("name", "")] = max(_area(xml[:4096]), _extent(xml))
            return areas
    except (*ZIP_ERRORS, etree.XMLSyntaxError):
        return {}
