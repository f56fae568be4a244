"""Import one tourist list into the store: read and normalize first, then one transaction."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.importing.sources import Mapping, iter_normalized
from pipeline.normalize.rows import TableResult
from pipeline.record import REJECTED, WARNING, RowResult
from pipeline.store.db import session_scope
from pipeline.store.merge import AskFn, MergeReport, Outcome, merge_rows
from pipeline.trips.trip import find_trip
from pipeline.types import Source

#: beyond this many rows only the rows with something to say are kept in memory
KEEP_ALL_ROWS = 50_000
#: rows merged at a time; the store's objects of one slice are released before the next
MERGE_SLICE = 5_000


@dataclass
class FileImport:
    """What one import did.

    ``rows`` holds every row of a list up to KEEP_ALL_ROWS, then only rows with messages, so a
    list of any length imports in flat memory; on a dry run with a callback it holds none.
    """

    source: str
    table: TableResult | None = None  # the first chunk: header, mapping, skipped lines
    rows: list[RowResult] = field(default_factory=list)
    total: int = 0
    warned: int = 0
    rejected: int = 0
    merged: bool = False  # False on a dry run
    batch_id: int | None = None
    counts: Counter[str] = field(default_factory=Counter)  # merge outcomes: new, merged, review, rejected
    reviews: list[Outcome] = field(default_factory=list)  # the rows that need a person, and why
    skipped: list[str] = field(default_factory=list)  # lines that are not tourists, as said to a clerk
    unused: list[str] = field(default_factory=list)  # columns read but not used, as said to a clerk

    def add(self, chunk: TableResult, keep: bool = True) -> None:
        if self.table is None:
            self.table = chunk
        self.skipped += chunk.skipped
        self.unused += [u for u in chunk.unused if u not in self.unused]
        if keep:
            keep_all = self.total + len(chunk.rows) <= KEEP_ALL_ROWS
            self.rows.extend(chunk.rows if keep_all else [r for r in chunk.rows if r.messages])
        self.total += len(chunk.rows)
        self.warned += sum(1 for r in chunk.rows if r.status == WARNING)
        self.rejected += sum(1 for r in chunk.rows if r.status == REJECTED)

    def add_merge(self, report: MergeReport) -> None:
        self.merged = True
        self.batch_id = report.batch_id
        self.counts.update(o.action for o in report.outcomes)
        self.reviews += [o for o in report.outcomes if o.action == "review"]

    def count(self, action: str) -> int:
        return self.counts[action]

    def summary(self) -> str:
        text = f"{self.source}: {self.total} tourists read"
        if self.merged:
            text += f"; {self.count('new')} new clients, {self.count('merged')} merged into existing clients"
            if self.count("review"):
                text += (f", {self.count('review')} made clients who may already be on file "
                         "(a person decides: tourdesk review list)")  # fmt: skip
        if self.warned:
            text += f"; {self.warned} with warnings"
        if self.rejected:
            text += f"; {self.rejected} not imported"
        return text

    def notices(self, most: int = 20) -> list[str]:
        """What a clerk should know about the list beyond its rows: the lines skipped as not
        tourists (the first ``most`` of them) and the columns not used."""
        lines = self.skipped[:most]
        if len(self.skipped) > most:
            lines.append(f"… and {len(self.skipped) - most} more lines skipped")
        return lines + self.unused


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
    on_merged: Callable[[list[RowResult], list[Outcome]], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FileImport:
    """Read, normalize and (unless ``dry_run``) merge one source; all or nothing in the store.

    Raises ``CannotRead`` before anything is written when the source cannot be read. On a dry
    run, ``on_rows`` receives the rows chunk by chunk and they are not kept, so a list of any
    length is checked in flat memory. On a real import, ``on_merged`` receives each slice of rows
    with what became of each (``Outcome``: action and client id), inside the transaction: a caller
    that shows them should hold them until this returns (committed). ``progress(read, merged)``
    is told the rows read and merged so far after each chunk and slice, for a display.
    """

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
            if progress is not None:
                progress(result.total, 0)
        return result

    # The first chunk is read before the store is opened: a file that cannot be read changes
    # nothing. Every chunk then merges into one batch in one transaction: whole or absent.
    first = next(chunks)
    with session_scope(db_url) as session:
        trip = find_trip(session, trip_voucher) if trip_voucher else None
        batch = None
        digest = _digest(source)
        merged = 0
        for chunk in itertools.chain([first], chunks):
            result.add(chunk)
            if progress is not None:
                progress(result.total, merged)
            # merged a slice at a time: the ORM objects of one slice are all that is held
            for start in range(0, len(chunk.rows), MERGE_SLICE):
                report = merge_rows(
                    session, chunk.rows[start : start + MERGE_SLICE], source=source.name, sha256=digest,
                    trip=trip, on_conflict=on_conflict, ask=ask, batch=batch,
                )  # fmt: skip
                batch = report.batch
                result.add_merge(report)
                if on_merged is not None:
                    on_merged(chunk.rows[start : start + MERGE_SLICE], report.outcomes)
                merged += len(chunk.rows[start : start + MERGE_SLICE])
                if progress is not None:
                    progress(result.total, merged)
                session.expunge_all()
                session.add(batch)
                if trip is not None:
                    session.add(trip)
    return result


def _digest(source: Source) -> str:
    if source.uri:
        return hashlib.sha256(source.uri.encode("utf-8")).hexdigest()
    digest = hashlib.sha256()
    if source.data is not None or source.path is None:
        digest.update(source.read_bytes())
        return digest.hexdigest()
    with source.path.open("rb") as fh:  # a big list is hashed without holding it
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
