"""Plain-text tourist lists: CSV/TSV in any common delimiter and encoding, and tables pasted
from Excel, Word, a web page or an e-mail (tabs, or columns of spaces)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from pipeline import CannotRead, Importer, RawTable, Source, hookimpl

DELIMITERS = (",", ";", "\t", "|")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SPACED_COLUMNS = re.compile(r"\s{2,}")
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: BOMs first, then UTF-8, then the Russian code pages by letter count."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM, as some exports write it; anything else with NULs is binary
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000]) > 0.95 * min(len(text), 2000):
                return text
        raise CannotRead(f"{name}: this is not a text file or table we can read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1251 read as cp866 turns into box-drawing signs and vice versa into punctuation,
    # so the right one is the code page that yields the most Cyrillic letters.
    best = max(("cp1251", "cp866", "koi8_r"), key=lambda enc: _russian_score(data.decode(enc, errors="replace")))
    return data.decode(best, errors="replace")


def _russian_score(text: str) -> int:
    letters = len(_CYRILLIC.findall(text))
    # KOI8-R decodes cp1251 into Cyrillic too, but with the case inverted: capitals after
    # small letters inside words give it away.
    inverted = len(re.findall(r"[а-яё][А-ЯЁ]", text))
    return letters - 4 * inverted


def split_rows(text: str) -> list[list[str]]:
    """Find the delimiter that gives the most consistent table and split every line with it."""
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:200] if line.strip())
    if not sample:
        return []
    best_delim, best_score = None, 0.0
    for delim in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if r)
        width, count = widths.most_common(1)[0] if widths else (1, 0)
        if width > 1:
            score = count * (1 + width / 100)
            if score > best_score:
                best_delim, best_score = delim, score
    if best_delim is not None:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=best_delim)]
    # Columns of spaces, as a table copied from a web page or an e-mail
    return [_SPACED_COLUMNS.split(line.strip()) if line.strip() else [] for line in lines]


def read(source: Source) -> list[RawTable]:
    import pandas as pd

    data = source.read_bytes()
    if not data.strip():
        raise CannotRead(f"{source.name}: the file is empty")
    rows = split_rows(decode(data, source.name))
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        raise CannotRead(f"{source.name}: this does not look like a table of tourists (only one column)")
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return [RawTable(frame=frame, name=source.name)]


def sniff(head: bytes) -> bool:
    return bool(head) and not head.startswith(_BINARY_MAGIC)


@hookimpl
def register_importers(register) -> None:
    register.importer(
        Importer(
            name="text",
            description="CSV/TSV and pasted tables: any delimiter, encoding and line ending",
            read=read,
            extensions=(".csv", ".tsv", ".txt", ".tab", ".text", ".dat"),
            sniff=sniff,
            priority=-10,
        )
    )
