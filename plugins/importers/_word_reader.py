"""Word documents (.docx, and .doc through LibreOffice): one table per Word table."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from pipeline import CannotRead, RawTable, Source
from plugins.importers._convert import convert, office_binary
from plugins.importers._docx_tables import document_tables, main_part
from plugins.importers._grid import (
    OLE2_MAGIC,
    ZIP_ERRORS,
    ZIP_MAGIC,
    clean_cell,
    head_mentions,
    make_table,
)
from plugins.importers._zip_limits import check_zip

SAVE_AS_DOCX = "open it in Word and save it as .docx (Word Document), then import that file"

if TYPE_CHECKING:
    pass


RTF_MAGIC = b"{\\rtf"
ODT_MIME = "opendocument.text"


def sniff(head: bytes) -> bool:
    """A zip with ``word/`` parts or an ODF text, RTF, or OLE2 with a WordDocument stream."""
    if head.startswith(ZIP_MAGIC):
        return head_mentions(head, "word/", ODT_MIME)
    if head.startswith(RTF_MAGIC):
        return True
    return head.startswith(OLE2_MAGIC) and head_mentions(head, "WordDocument")


def _converted(source: Source, data: bytes, kind: str, suffix: str) -> bytes:
    # Old and foreign word-processor formats: LibreOffice turns them into .docx for us.
    if office_binary() is None:
        raise CannotRead(f"{source.name}: {kind} cannot be read here; {SAVE_AS_DOCX}")
    converted = convert(data, suffix, "docx")
    if converted is None:
        raise CannotRead(f"{source.name}: {kind} could not be opened, it may be damaged; {SAVE_AS_DOCX}")
    return converted


def _docx_bytes(source: Source, data: bytes) -> bytes:
    if data.startswith(ZIP_MAGIC):
        if head_mentions(data[:256], ODT_MIME):
            # LibreOffice would unpack a bomb as readily as any reader: checked before it starts
            check_zip(source.name, data, f"this OpenDocument text is damaged; {SAVE_AS_DOCX}")
            return _converted(source, data, "an OpenDocument text (.odt)", ".odt")
        return data
    if data.startswith(RTF_MAGIC):
        return _converted(source, data, "an RTF document", ".rtf")
    if data.startswith(OLE2_MAGIC):
        if head_mentions(data, "EncryptionInfo"):
            raise CannotRead(
                f"{source.name}: this document is protected with a password; "
                "open it in Word, remove the password and save again"
            )
        return _converted(source, data, "old Word format (.doc)", ".doc")
    raise CannotRead(f"{source.name}: this is not a Word document; {SAVE_AS_DOCX}")


def read(source: Source) -> list[RawTable]:
    """Every table of the document body in order; text between tables is not a list."""
    data = source.read_bytes()
    if not data.strip(b"\0 \r\n\t"):
        raise CannotRead(f"{source.name}: the file is empty")
    docx = _docx_bytes(source, data)
    check_zip(source.name, docx, f"this Word file is damaged; {SAVE_AS_DOCX}")
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as zf:
            xml = zf.read(main_part(zf))
        grids = document_tables(xml)
    except (*ZIP_ERRORS, etree.XMLSyntaxError):
        raise CannotRead(f"{source.name}: this Word file is damaged; {SAVE_AS_DOCX}") from None
    tables: list[RawTable] = []
    for number, grid in enumerate(grids, start=1):
        rows = [[clean_cell(c) for c in row] for row in grid]
        origins = [f"table {number}, row {i + 1}" for i in range(len(rows))]
        table = make_table(rows, name=f"table {number}", origins=origins) if rows else None
        if table is not None:
            tables.append(table)
    if not tables:
        raise CannotRead(
            f"{source.name}: the document has no table; put the tourists in a Word table "
            "(one row per person) or send the Excel file"
        )
    return tables
