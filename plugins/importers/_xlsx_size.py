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
                with zf.open(posixpath.normpath(part)) as fh:
                    areas[sheet.get("name", "")] = _area(fh.read(4096))
            return areas
    except (*ZIP_ERRORS, etree.XMLSyntaxError):
        return {}
