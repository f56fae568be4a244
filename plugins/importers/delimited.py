"""Plain-text tourist lists: CSV/TSV in any common delimiter and encoding, and tables pasted
from Excel, Word, a web page or an e-mail (tabs, or columns of spaces)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator

from pipeline import CannotRead, Importer, RawTable, Source, hookimpl, limits, too_big
from plugins.importers._text_limits import check_lines

DELIMITERS = (",", ";", "\t", "|")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SPACED_COLUMNS = re.compile(r"\s{2,}")
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")
_SAMPLE_CHARS = 256 * 1024


def decode(data: bytes, name: str) -> str:
    """Bytes to text in the file's encoding (``encoding_of``); a byte that does not fit it
    becomes U+FFFD, which the core reports on its row and column."""
    return data.decode(encoding_of(data, name), errors="replace")


def encoding_of(data: bytes, name: str) -> str:
    """BOMs first, then UTF-8 unless the file is mostly not UTF-8, then the Russian code pages
    by letter count. Decided on all of ``data``: a few stray bytes do not flip a UTF-8 list."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM, as some exports write it; anything else with NULs is binary
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000]) > 0.95 * min(len(text), 2000):
                return enc
        raise CannotRead(f"{name}: this is not a text file or table we can read")
    if mostly_utf8(data):
        return "utf-8"
    # cp1251 read as cp866 turns into box-drawing signs and vice versa into punctuation,
    # so the right one is the code page that yields the most Cyrillic letters.
    sample = data[:65536]
    return max(("cp1251", "cp866", "koi8_r"), key=lambda enc: _russian_score(sample.decode(enc, errors="replace")))


def mostly_utf8(data: bytes) -> bool:
    """UTF-8, or UTF-8 with a few stray bytes: at least two well-formed non-ASCII characters
    for each byte that is not. A text in a Russian code page read as UTF-8 gives the reverse
    (cp1251: one well-formed character for 200 bad bytes; cp866, the closest: 1 for 8)."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return good >= 2 * bad


def _russian_score(text: str) -> int:
    letters = len(_CYRILLIC.findall(text))
    # KOI8-R decodes cp1251 into Cyrillic too, but with the case inverted: capitals after
    # small letters inside words give it away.
    inverted = len(re.findall(r"[а-яё][А-ЯЁ]", text))
    return letters - 4 * inverted


def find_delimiter(text: str) -> tuple[str | None, int]:
    """The delimiter that gives the most consistent table in the first lines, and its width."""
    head = text[:_SAMPLE_CHARS]
    if len(text) > len(head):
        head = head[: head.rfind("\n") + 1] or head
    lines = [line for line in head.splitlines()[:200] if line.strip()]
    sample = "\n".join(lines)
    best: tuple[str | None, int, float] = (None, 1, 0.0)
    for delim in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if r)
        score = _consistency(widths)
        if score > best[2]:
            best = (delim, max(widths), score)
    # A table of spaces wins only over a delimiter that is just a few commas of a letter around it.
    if best[0] is not None and _consistency(Counter(len(_SPACED_COLUMNS.split(x.strip())) for x in lines)) > best[2]:
        return None, best[1]
    return best[0], best[1]


def _consistency(widths: Counter[int]) -> float:
    """How well lines split into one width of two or more cells: the lines of the commonest
    such width (a letter's lines around a pasted table, one cell each, do not count)."""
    wide = [(w, n) for w, n in widths.items() if w > 1]
    if not wide:
        return 0.0
    width, count = max(wide, key=lambda wn: (wn[1], wn[0]))
    return count * (1 + width / 100)


def split_rows(text: str) -> list[list[str]]:
    """Every line split into cells, by the detected delimiter or by columns of spaces."""
    delim, _ = find_delimiter(text)
    if delim is not None:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    # Columns of spaces, as a table copied from a web page or an e-mail
    return [_SPACED_COLUMNS.split(line.strip()) if line.strip() else [] for line in text.splitlines()]


def _frame(text: str):
    # why here: pandas loads only when a text list is read, not at plugin registration
    import pandas as pd

    delim, width = find_delimiter(text)
    if delim is not None:
        frame = _arrow_frame(text, delim, width)
        if frame is not None:
            return frame
        try:
            # pandas' C reader is several times faster than the csv module on big lists; it
            # refuses a line wider than the first ones, and the csv module then takes over.
            return pd.read_csv(
                io.StringIO(text), sep=delim, header=None, names=range(width), dtype="str",
                na_filter=False, skip_blank_lines=False, engine="c",
            )  # fmt: skip
        except (pd.errors.ParserError, ValueError):
            pass
    rows = split_rows(text)
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype="str")


def _arrow_frame(text: str, delim: str, width: int):
    """The table through Arrow's CSV reader, three times faster than pandas' C reader; only
    for a table whose every line has the same number of cells (as Excel writes CSV)."""
    # why here: pandas and pyarrow load only when a text list is read, not at plugin registration
    import pandas as pd
    import pyarrow as pa
    from pyarrow import csv as pacsv

    names = [str(i) for i in range(width)]
    ragged: list[object] = []
    try:
        table = pacsv.read_csv(
            pa.BufferReader(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=delim, newlines_in_values=True, ignore_empty_lines=False,
                invalid_row_handler=lambda row: ragged.append(row) or "skip",
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip
    except pa.ArrowException:  # anything Arrow cannot read goes to the readers below
        return None
    if ragged:
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype(na_value=float("nan"))}.get)
    frame.columns = range(width)
    return frame


#: files above this size are read in chunks, so memory stays flat however long the list
STREAM_ABOVE_BYTES = 32 * 1024 * 1024
CHUNK_ROWS = 50_000


def read(source: Source) -> list[RawTable]:
    if source.path is not None and source.data is None:
        try:
            size = source.path.stat().st_size
        except OSError:
            size = 0
        if size > STREAM_ABOVE_BYTES:
            return [_streamed(source)]
    data = source.read_bytes()
    if not data.strip():
        raise CannotRead(f"{source.name}: the file is empty")
    encoding = encoding_of(data, source.name)
    text = data.decode(encoding, errors="replace")
    delim, width = find_delimiter(text)
    _check_width(source, width)
    # the lines are checked on bytes; a UTF-16 file's are found in its UTF-8 copy
    utf16 = encoding.startswith("utf-16")
    check_lines(source.name, [text.encode("utf-8") if utf16 else data], "utf-8" if utf16 else encoding, delim)
    frame = _frame(text)
    if frame.shape[1] < 2:
        raise CannotRead(f"{source.name}: this does not look like a table of tourists (only one column)")
    return [RawTable(frame=frame, name=source.name)]


def _check_width(source: Source, width: int) -> None:
    if width > limits().columns:
        raise too_big(source.name, f"its first lines have {width:,} columns", "columns")


def _blocks(source: Source) -> Iterator[bytes]:
    assert source.path is not None
    with source.path.open("rb") as fh:
        while block := fh.read(1 << 20):
            yield block


def _streamed(source: Source) -> RawTable:
    # why here: pandas loads only when a big list is streamed
    import pandas as pd

    encoding = _encoding_of(source)
    head = source.head(1 << 20)
    text = head.decode(encoding, errors="replace")
    delim, width = find_delimiter(text)
    if delim is None:
        raise CannotRead(f"{source.name}: a list this large must be CSV or tab-separated")
    _check_width(source, width)
    if not encoding.startswith("utf-16"):
        check_lines(source.name, _blocks(source), encoding, delim)
    # Room for a few more columns than the first lines show; wider lines are reported
    # by the C reader rather than silently cut.
    chunks = pd.read_csv(
        source.path, sep=delim, header=None, names=range(width + 8), dtype="str", na_filter=False,
        skip_blank_lines=False, engine="c", encoding=codecs.lookup(encoding).name, chunksize=CHUNK_ROWS,
        encoding_errors="replace",
    )  # fmt: skip
    first = next(chunks)
    return RawTable(frame=first, name=source.name, more=lambda: iter(chunks))


def _encoding_of(source: Source) -> str:
    """The encoding of a file too big to hold, from samples at its start, middle and end."""
    size = source.path.stat().st_size
    with source.path.open("rb") as fh:
        samples = [fh.read(1 << 20)]
        for where in (size // 2, max(0, size - (1 << 20))):
            fh.seek(where)
            samples.append(fh.read(1 << 20))
    encoding = encoding_of(samples[0], source.name)
    if encoding == "utf-8" and not mostly_utf8(b"\n".join(samples)):
        return encoding_of(b"\n".join(samples), source.name)
    return encoding


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
