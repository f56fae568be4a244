"""From a path (or standard input) to normalized rows: pick the reader, pick the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.hooks.manager import registry
from pipeline.limits import check_frame
from pipeline.normalize.columns import TARGETS
from pipeline.normalize.headers import header_at
from pipeline.normalize.rows import TableResult, Transliterators, detect, normalize_table
from pipeline.normalize.text import cell_text, is_blank
from pipeline.record import CANONICAL_FIELDS
from pipeline.store.mappings import partner_mapping, save_partner_mapping
from pipeline.types import CannotRead, Importer, RawTable, Source

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class Mapping:
    """A saved column mapping: header text or 1-based column number → field."""

    columns: dict[str, str]
    header_row: int | None = None  # 1-based line of the header in the table; None = detect

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        # why here: PyYAML loads only for a saved column mapping
        import yaml

        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CannotRead(f"{path}: cannot read the mapping file ({exc.__class__.__name__})") from None
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise CannotRead(f"{path}: a mapping file needs a 'columns:' section")

        bad = [v for v in data["columns"].values() if v not in TARGETS]
        if bad:
            raise CannotRead(
                f"{path}: unknown field(s) {', '.join(map(str, bad))}; known: {', '.join(CANONICAL_FIELDS)}"
            )
        return cls({str(k): v for k, v in data["columns"].items()}, data.get("header_row"))

    def save(self, path: str | Path) -> None:
        # why here: PyYAML loads only for a saved column mapping
        import yaml

        Path(path).write_text(
            yaml.safe_dump(
                {"header_row": self.header_row, "columns": self.columns}, allow_unicode=True, sort_keys=False
            ),
            encoding="utf-8",
        )

    @classmethod
    def of_table(cls, table: TableResult) -> Mapping:
        """Exactly how ``table`` was read: column numbers, and the header's line."""
        return cls(
            {str(col + 1): target for col, target in sorted(table.mapping.items())},
            table.header_row + 1 if table.header_row is not None else None,
        )

    def resolve(self, table: RawTable) -> tuple[int | None, dict[int, str]]:
        header_row = self.header_row - 1 if self.header_row else None
        if header_row is None and any(not k.isdigit() for k in self.columns):
            header_row, _ = detect(table)
        header = table.frame.iloc[header_row].tolist() if header_row is not None else []
        # a two-level header is kept by its words parents first ("Турист / Имя")
        found = header_at(table.frame.head(header_row + 1).values.tolist(), header_row) if header else None
        labels = found.labels if found is not None else []
        out: dict[int, str] = {}
        for key, target in self.columns.items():
            if key.isdigit():
                out[int(key) - 1] = target
                continue
            wanted = " ".join(key.split()).lower()
            for col, cell in enumerate(header):
                label = labels[col] if col < len(labels) else None
                if any(isinstance(t, str) and " ".join(t.split()).lower() == wanted for t in (cell, label)):
                    out[col] = target
        return header_row, out


def pick_importer(source: Source, fmt: str | None, importers: dict[str, Importer]) -> Importer:
    """``--format`` first, then the file name ending, then the content."""
    if source.path is not None and source.data is None and _is_dir(source.path):
        raise CannotRead(f"{source.name}: this is a folder, not a file; give the list inside it")
    if fmt:
        if fmt not in importers:
            raise CannotRead(f"unknown format {fmt!r}; known: {', '.join(sorted(importers))}")
        return importers[fmt]
    ranked = sorted(importers.values(), key=lambda i: -i.priority)
    if source.uri:
        scheme = source.uri.split(":", 1)[0]
        if scheme in importers:
            return importers[scheme]
        raise CannotRead(f"{source.name}: no reader for {scheme!r} sources")
    if source.suffix:
        for imp in ranked:
            if source.suffix in imp.extensions:
                return imp
    head = source.head()
    if not head.strip():
        raise CannotRead(f"{source.name}: the file is empty")
    for imp in ranked:
        if imp.sniff is not None and imp.sniff(head):
            return imp
    raise CannotRead(f"{source.name}: not a tourist list Tourdesk can read (text, CSV, Excel, Word or PDF)")


def read_tables(source: Source, fmt: str | None = None) -> tuple[Importer, list[RawTable]]:
    importer = pick_importer(source, fmt, registry().importers)
    try:
        tables = importer.read(source)
    except CannotRead:
        raise
    except Exception as exc:  # a reader's bug must still reach the clerk as one line
        raise CannotRead(
            f"{source.name}: could not be read as {importer.name} ({exc.__class__.__name__}: {exc})"
        ) from exc
    tables = [t for t in tables if len(t.frame)]
    if not tables:
        raise CannotRead(f"{source.name}: no table found in the file")
    for table in tables:
        check_frame(source.name, table.frame)
    return importer, tables


def normalize_source(
    source: Source,
    *,
    fmt: str | None = None,
    mapping: Mapping | None = None,
    travel_date: dt.date | None = None,
    translit: Transliterators | None = None,
) -> TableResult:
    """Read ``source`` and normalize the tourist table in it, all rows at once."""
    chunks = iter_normalized(source, fmt=fmt, mapping=mapping, travel_date=travel_date, translit=translit)
    result = next(chunks)
    for more in chunks:
        result.rows.extend(more.rows)
        result.skipped.extend(more.skipped)
        result.unused.extend(u for u in more.unused if u not in result.unused)
    return result


def iter_normalized(
    source: Source,
    *,
    fmt: str | None = None,
    mapping: Mapping | None = None,
    travel_date: dt.date | None = None,
    translit: Transliterators | None = None,
) -> Iterator[TableResult]:
    """Read ``source`` and yield its tourist table normalized, chunk by chunk.

    The first table with a recognisable header is the list; following tables with the same
    columns (a list continued on another sheet or a second Word table) are joined to it. A
    big source comes in chunks (``RawTable.more``), numbered on from the previous one.
    """
    _, tables = read_tables(source, fmt)
    yield from _normalize_chosen(source, choose_tables(source, tables, mapping), travel_date, translit)


def _normalize_chosen(
    source: Source,
    chosen: list[tuple[RawTable, int | None, dict[int, str]]],
    travel_date: dt.date | None,
    translit: Transliterators | None,
) -> Iterator[TableResult]:
    translit = translit if translit is not None else Transliterators.from_registry()
    options = {"travel_date": travel_date, "translit": translit, "origin": source.name}
    count = 0
    for table, header_row, cols in chosen:
        part = normalize_table(table, mapping=cols, header_row=header_row, first_row=count + 1, **options)
        if count == 0 and not part.rows and table.more is None:
            raise CannotRead(f"{source.name}: the table has a header but no tourists")
        count += len(part.rows)
        yield part
        for frame in table.more() if table.more else ():
            check_frame(source.name, frame, first_row=count + 1)
            chunk = normalize_table(
                RawTable(frame=frame, name=table.name), mapping=cols, header_row=None, header=part.header,
                first_row=count + 1, **options,
            )  # fmt: skip
            count += len(chunk.rows)
            yield chunk


def choose_tables(
    source: Source, tables: list[RawTable], mapping: Mapping | None = None
) -> list[tuple[RawTable, int | None, dict[int, str]]]:
    """The tables that hold the tourist list, each with its header row and column mapping.

    The first table with a recognisable header is the list; following tables with the same
    columns (a list continued on another sheet or a second Word table) are joined to it.
    """
    chosen: list[tuple[RawTable, int | None, dict[int, str]]] = []
    for table in tables:
        header_row, cols = mapping.resolve(table) if mapping else detect(table)
        named = {t for t in cols.values() if t != "ignore"}
        if not chosen:
            if len(named) >= 2 and (header_row is not None or mapping or _has_names(named)):
                chosen.append((table, header_row, cols))
        elif cols == chosen[0][2]:
            chosen.append((table, header_row, cols))
    if not chosen:
        raise CannotRead(f"{source.name}: no list of tourists found (no column of names, dates or passports)")
    return chosen


@dataclass
class Column:
    """One column of a list as read: its number (0-based), header, meaning, and sample values."""

    index: int
    label: str
    target: str
    samples: list[str]


@dataclass
class Preview:
    """A list read and checked but not imported: the rows, and each column's detected meaning."""

    table: TableResult
    columns: list[Column]

    def mapping(self) -> Mapping:
        """The mapping of exactly this list (column numbers, the header line found)."""
        return Mapping.of_table(self.table)

    def partner_mapping(self) -> Mapping:
        """The mapping to keep for the partner: by header text where a column has one, so a
        next list with a title line more still reads the same."""
        header = self.table.header
        columns = {}
        for col in self.columns:
            named = header is not None and col.index < len(header) and not is_blank(header[col.index])
            columns[col.label if named else str(col.index + 1)] = col.target
        return Mapping(columns, None if header is not None else self.mapping().header_row)


SAMPLES = 3


def preview_source(
    source: Source, *, fmt: str | None = None, mapping: Mapping | None = None, translit: Transliterators | None = None
) -> Preview:
    """Read ``source`` for a person to look at before importing: every row normalized, with its
    status and messages, and every column with its meaning (``ignore`` when none) and the
    first few values in it."""
    _, tables = read_tables(source, fmt)
    chosen = choose_tables(source, tables, mapping)
    chunks = _normalize_chosen(source, chosen, None, translit)
    table = next(chunks)
    for more in chunks:
        table.rows.extend(more.rows)
        table.skipped.extend(more.skipped)
    first, header_row, cols = chosen[0]
    frame = first.frame
    body = frame.iloc[(header_row + 1 if header_row is not None else 0) :]
    columns = []
    for index in range(frame.shape[1]):
        values = [cell_text(v) for v in body.iloc[:, index].tolist() if not is_blank(v)]
        if not values and index not in cols:
            continue  # an empty column nobody needs to decide about
        columns.append(Column(index, table.column_label(index), cols.get(index, "ignore"), values[:SAMPLES]))
    return Preview(table, columns)


def partner_mapping_for(session: Session, partner: str | None) -> Mapping | None:
    """The mapping kept for ``partner``, or None (no partner, or none kept yet)."""
    saved = partner_mapping(session, partner) if partner and partner.strip() else None
    return None if saved is None else Mapping({str(k): str(v) for k, v in saved[0].items()}, saved[1])


def remember_partner_mapping(session: Session, partner: str, preview: Preview) -> Mapping:
    """Keep the columns of ``preview`` as ``partner``'s mapping; returns what was kept."""
    kept = preview.partner_mapping()
    save_partner_mapping(session, partner, kept.columns, kept.header_row)
    return kept


def _has_names(targets: set[str]) -> bool:
    return any(t.startswith(("surname", "full_name", "name")) for t in targets)


def source_for(path: str, stdin: bytes | None = None) -> Source:
    """``-`` is standard input (a pasted table); anything else a file."""
    if path == "-":
        return Source(name="standard input", data=stdin if stdin is not None else b"")
    return Source.from_path(path)


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; a name the system refuses (too long) is left to the reader."""
    try:
        return path.is_dir()
    except OSError:
        return False
