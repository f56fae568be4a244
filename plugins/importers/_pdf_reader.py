"""PDF tourist lists: ruled tables page by page with pdfplumber, stitched across pages."""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING, Any

import pdfplumber

from pipeline import CannotRead, RawTable, Source
from plugins.importers._grid import make_table
from plugins.importers._pdf_cells import table_grid
from plugins.importers._pdf_limits import check_pages, check_streams
from plugins.importers._pdf_stitch import Piece, clean_text, stitch

if TYPE_CHECKING:
    pass

SCANNED = "this PDF is a scanned image with no text; type the list in or ask the sender for the Excel file"
#: for lists typed with spaces instead of a ruled table
TEXT_SETTINGS: dict[str, Any] = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def sniff(head: bytes) -> bool:
    """``%PDF-`` within the first kilobyte (some writers put junk before it)."""
    return b"%PDF-" in head[:1024]


def _piece(page: int, table: Any, chars: list[dict[str, Any]]) -> Piece:
    grid, ends = table_grid(table, chars)
    return Piece(page, [[clean_text(c) for c in row] for row in grid], open_ends=ends)


def _is_table(piece: Piece) -> bool:
    # A box drawn around a paragraph is found as a one-column "table": not a list.
    grid = piece.rows
    return bool(grid) and len(grid[0]) >= 2 and any(c is not None for r in grid for c in r)


def _ruled_pieces(pages: list[Any]) -> tuple[list[Piece], bool]:
    """Tables drawn with lines, and whether any page has a text layer at all."""
    pieces: list[Piece] = []
    has_text = False
    for number, page in enumerate(pages, start=1):
        chars = page.chars
        has_text = has_text or bool(chars)
        found = [p for p in (_piece(number, t, chars) for t in page.find_tables()) if _is_table(p)]
        for i, piece in enumerate(found):
            piece.first_on_page, piece.last_on_page = i == 0, i == len(found) - 1
            pieces.append(piece)
        # A long list is many pages: drop each page's parsed objects once it is read.
        page.close()
    return pieces, has_text


def _text_pieces(pages: list[Any]) -> list[Piece]:
    pieces = []
    for number, page in enumerate(pages, start=1):
        # pdfplumber's extract_table: the table with the most cells is the list.
        tables = sorted(page.find_tables(TEXT_SETTINGS), key=lambda t: len(t.cells), reverse=True)
        if tables and _is_table(piece := _piece(number, tables[0], page.chars)):
            pieces.append(piece)
    return pieces


def _open(source: Source, data: bytes) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise CannotRead(
                f"{source.name}: this PDF is protected with a password; "
                "ask the sender for an unprotected file"
            ) from None
        raise CannotRead(f"{source.name}: this is not a readable PDF (damaged file)") from None


def _close(pdf: pdfplumber.PDF) -> None:
    # Closing walks the pages again; on a damaged file that fails the same way reading did.
    # The data is in memory, so there is nothing to leak: the first error is the one to tell.
    # A file refused before its pages were built must not have them built now, to close them.
    with contextlib.suppress(Exception):
        if hasattr(pdf, "_pages"):
            pdf.close()
        else:
            pdf.flush_cache()
            pdf.stream.close()


def read(source: Source) -> list[RawTable]:
    """Every table in page order; a table continued on the next page is one table."""
    data = source.read_bytes()
    if not data.strip(b"\0 \r\n\t"):
        raise CannotRead(f"{source.name}: the file is empty")
    check_streams(source.name, data)
    pdf = _open(source, data)
    try:
        check_pages(source.name, pdf)
        pages = list(pdf.pages)
        pieces, has_text = _ruled_pieces(pages)
        if not has_text:
            raise CannotRead(f"{source.name}: {SCANNED}")
        if not pieces:
            pieces = _text_pieces(pages)
    except CannotRead:
        raise
    except Exception:  # noqa: BLE001 - a damaged page fails deep inside pdfminer
        raise CannotRead(f"{source.name}: part of this PDF is damaged and cannot be read") from None
    finally:
        _close(pdf)
    tables = []
    for number, stitched in enumerate(stitch(pieces), start=1):
        table = make_table(stitched.rows, name=f"table {number}", origins=stitched.origins)
        if table is not None:
            tables.append(table)
    if not tables:
        raise CannotRead(f"{source.name}: no table found in this PDF; ask the sender for the Excel file")
    return tables
