"""Import one tourist list into the store: read and normalize first, then one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.normalize.rows import TableResult
from pipeline.record import REJECTED, WARNING, RowResult
from pipeline.sources import Mapping, iter_normalized
from pipeline.store.merge import AskFn, MergeReport
from pipeline.types import Source


@dataclass
class FileImport:
    """What one import did. ``rows`` holds every row, unless they were streamed to a callback."""

    source: str
    table: TableResult | None = None  # the first chunk: header, mapping, skipped lines
    rows: list[RowResult] = field(default_factory=list)
    total: int = 0
    warned: int = 0
    rejected: int = 0
    merge: MergeReport | None = None  # None on a dry run

    def add(self, chunk: TableResult, keep: bool = True) -> None:
        if self.table is None:
            self.table = chunk
        if keep:
            self.rows.extend(chunk.rows)
        self.total += len(chunk.rows)
        self.warned += sum(1 for r in chunk.rows if r.status == WARNING)
        self.rejected += sum(1 for r in chunk.rows if r.status == REJECTED)

    def summary(self) -> str:
        text = f"{self.source}: {self.total} tourists read"
        if self.merge is not None:
            m = self.merge
            text += f"; {m.count('new')} new clients, {m.count('merged')} merged into existing clients"
            if m.count("review"):
                text += f", {m.count('review')} need a person (tourdesk review)"
        if self.warned:
            text += f"; {self.warned} with warnings"
        if self.rejected:
            text += f"; {self.rejected} not imported"
        return text


def import_source(
    source: Source,
    *,
    db_url: str | None = None,
    trip_voucher: str | None = None,
    on_conflict: str = "review",
    ask: AskFn | None = None,
    fmt: str | None = None,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    on_rows: Callable[[list[RowResult]], None] | None = None,
) -> FileImport:
    """Read, normalize and (unless ``dry_run``) merge one source; all or nothing in the store.

    Raises ``CannotRead`` before anything is written when the source cannot be read. On a dry
    run, ``on_rows`` receives the rows chunk by chunk and they are not kept, so a list of any
    length is checked in flat memory.
    """
    from pipeline.store.db import session_scope
    from pipeline.trips import find_trip

    travel_date = None
    if trip_voucher and not dry_run:
        with session_scope(db_url) as session:
            travel_date = find_trip(session, trip_voucher).arrival
    result = FileImport(source.name)
    chunks = iter_normalized(source, fmt=fmt, mapping=mapping, travel_date=travel_date)
    if dry_run:
        for chunk in chunks:
            result.add(chunk, keep=on_rows is None)
            if on_rows is not None:
                on_rows(chunk.rows)
        return result
    for chunk in chunks:
        result.add(chunk)
    from pipeline.store.merge import merge_rows

    content = source.uri.encode("utf-8") if source.uri else source.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    with session_scope(db_url) as session:
        trip = find_trip(session, trip_voucher) if trip_voucher else None
        result.merge = merge_rows(
            session, result.rows, source=source.name, sha256=digest, trip=trip, on_conflict=on_conflict, ask=ask
        )
    return result
