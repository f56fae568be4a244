"""Check a PDF before pdfplumber reads it: the size its streams unpack to, and its pages.

pdfminer unpacks a page's drawing (a ``/FlateDecode`` stream) whole, in memory: a 3 MB PDF
whose one page unpacks to a gigabyte took 2.3 GB and minutes. Here every stream is unpacked
with a ceiling on the output (zlib stops there), so the check costs at most the limits. The
pages are counted from the page tree without building them.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from pdfminer.pdftypes import PDFObjRef, resolve1

from pipeline import limits, too_big

# "stream" then an end of line starts a stream's bytes; "endstream" ends them
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_KIDS = re.compile(rb"/Kids\s*\[")


def check_streams(name: str, data: bytes) -> None:
    """Refuse a PDF whose streams unpack beyond the limits, or that holds more page objects
    (or a longer list of them) than the page limit, on its bytes and in its unpacked streams
    (where a modern PDF keeps its objects): pdfminer's parser is slow on such lists."""
    lim = limits()
    pages = _page_marks(name, data)
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        unpacked = _unpacked(data[start:end], lim.pdf_stream_bytes + 1)
        if len(unpacked) > lim.pdf_stream_bytes:
            raise too_big(name, f"a stream at byte {start:,} unpacks to more than a page holds", "pdf_stream_bytes")
        total += len(unpacked)
        if total > lim.pdf_unpacked_bytes:
            raise too_big(name, "its streams unpack to more than a list of tourists holds", "pdf_unpacked_bytes")
        pages += _page_marks(name, unpacked)
    if pages > lim.pdf_pages:
        raise too_big(name, f"it has {pages:,} pages", "pdf_pages")


def _page_marks(name: str, data: bytes) -> int:
    """Page objects in ``data``; refuses a page list (``/Kids``) longer than the page limit."""
    lim = limits()
    for match in _KIDS.finditer(data):
        end = data.find(b"]", match.end())
        refs = data.count(b"R", match.end(), end if end >= 0 else len(data))
        if refs > lim.pdf_pages:
            raise too_big(name, f"its page list names {refs:,} pages", "pdf_pages")
    return len(_PAGE.findall(data))


def _unpacked(raw: bytes, ceiling: int) -> bytes:
    """A zlib stream unpacked up to ``ceiling`` bytes; b"" for one that is not zlib."""
    if raw[:1] != b"\x78":  # no zlib header: another filter, or none; pdfminer's to judge
        return b""
    unpacker = zlib.decompressobj()
    try:
        return unpacker.decompress(raw, ceiling)
    except zlib.error:
        return b""


def check_pages(name: str, pdf: Any) -> None:
    """Refuse a PDF with more pages than the limit, counted from its page tree (and never past
    the limit) before pdfplumber builds a page object for each."""
    lim = limits()
    try:
        count = _count_pages(pdf.doc.catalog.get("Pages"), lim.pdf_pages + 1, set())
    except RecursionError:
        count = lim.pdf_pages + 1  # a tree nested thousands deep is no list's
    if count > lim.pdf_pages:
        raise too_big(name, f"it has more than {lim.pdf_pages:,} pages", "pdf_pages")


def _count_pages(node: Any, stop: int, seen: set[int]) -> int:
    """Pages under ``node``, counting at most ``stop``; a node met twice counts once."""
    if isinstance(node, PDFObjRef):
        if node.objid in seen:
            return 0
        seen.add(node.objid)
    node = resolve1(node)
    if not isinstance(node, dict):
        return 0
    kids = resolve1(node.get("Kids"))
    if not isinstance(kids, list):
        return 1  # a page
    if len(kids) >= stop:  # each kid is a page at least (or, repeated, no real list's)
        return stop
    count = 0
    for kid in kids:
        count += _count_pages(kid, stop - count, seen)
        if count >= stop:
            break
    return count
