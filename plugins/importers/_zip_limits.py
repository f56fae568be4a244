"""Check a zip container (.xlsx, .docx, .ods) before any library unpacks it.

A 1 MB workbook can unpack to gigabytes ("zip bomb"), and an XML part may declare entities
that expand a thousandfold ("billion laughs"). Office programs never write either: their
parts are at most tens of megabytes, compress 3 to 40 times, and carry no DTD. So every
XML part is unpacked here as a stream, counting bytes and looking for a ``<!DOCTYPE`` or
``<!ENTITY``, and stops at the first limit, long before the size a bomb claims or hides.
A part whose real size differs from the size the zip states fails its checksum here and
is refused as damaged, so no reader later unpacks more than what was counted.
"""

from __future__ import annotations

import io
import zipfile

from pipeline import CannotRead, limits, too_big
from plugins.importers._grid import ZIP_ERRORS

#: below this size a part's ratio says nothing (a small XML of repeated tags packs 100x)
_RATIO_FROM = 1024 * 1024
_BLOCK = 1024 * 1024
#: parts a reader parses: XML of any kind, and the relationship files
_XML_ENDINGS = (".xml", ".rels", ".vml")
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")


def _is_xml(name: str) -> bool:
    return name.lower().endswith(_XML_ENDINGS) or "." not in name.rsplit("/", 1)[-1]


def check_zip(name: str, data: bytes, damaged: str) -> None:
    """Refuse (``TooBig``, or ``CannotRead`` with ``damaged``) a container that breaks a limit.

    A file that is not a zip at all passes: the reader tells the clerk what it is.
    """
    lim = limits()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        return
    with zf:
        parts = [i for i in zf.infolist() if not i.is_dir()]
        # The sizes the zip states first: free, and they catch the bombs that tell the truth.
        for info in parts:
            if info.file_size > lim.part_bytes:
                raise too_big(name, f"part {info.filename} unpacks to {info.file_size:,} bytes", "part_bytes")
            if info.file_size > _RATIO_FROM and info.file_size > lim.part_ratio * max(1, info.compress_size):
                ratio = info.file_size // max(1, info.compress_size)
                raise too_big(name, f"part {info.filename} is packed {ratio:,} times, as only a zip bomb is",
                              "part_ratio")  # fmt: skip
        total = 0
        for info in parts:
            if _is_xml(info.filename):
                total += _check_part(name, zf, info, damaged, lim.unpacked_bytes - total)


def _check_part(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, damaged: str, room: int) -> int:
    """Unpack one part as a stream; its size, or a refusal."""
    lim = limits()
    size = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while block := fh.read(_BLOCK):
                size += len(block)
                if size > lim.part_bytes:
                    raise too_big(name, f"part {info.filename} unpacks to more than it says", "part_bytes")
                if size > room:
                    raise too_big(name, "its parts unpack to more than a tourist list holds", "unpacked_bytes")
                window = tail + block
                if any(mark in window for mark in _DTD_MARKS):
                    raise CannotRead(
                        f"{name}: part {info.filename} declares XML entities, which Office files never do; "
                        "not read (open it in Excel or Word and save it again)"
                    )
                tail = block[-16:]
    except CannotRead:
        raise
    except ZIP_ERRORS:
        raise CannotRead(f"{name}: {damaged}") from None
    return size
