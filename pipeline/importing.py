"""Import one tourist list into the store: read and normalize first, then one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pipeline.normalize.rows import TableResult
from pipeline.sources import Mapping, normalize_source
from pipeline.store.merge import AskFn, MergeReport
from pipeline.types import Source


@dataclass
class FileImport:
    source: str
    table: TableResult
    merge: MergeReport | None = None  # None on a dry run

    @property
    def rejected(self) -> int:
        return sum(1 for r in self.table.rows if r.rejected)

    def summary(self) -> str:
        rows = self.table.rows
        warned = sum(1 for r in rows if r.status == "warning")
        text = f"{self.source}: {len(rows)} tourists read"
        if self.merge is not None:
            m = self.merge
            text += f"; {m.count('new')} new clients, {m.count('merged')} merged into existing clients"
            if m.count("review"):
                text += f", {m.count('review')} need a person (tourdesk review)"
        if warned:
            text += f"; {warned} with warnings"
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
) -> FileImport:
    """Read, normalize and (unless ``dry_run``) merge one source; all or nothing in the store.

    Raises ``CannotRead`` before anything is written when the source cannot be read.
    """
    from pipeline.store.db import session_scope
    from pipeline.trips import find_trip

    trip_dates = None
    if trip_voucher and not dry_run:
        with session_scope(db_url) as session:
            trip_dates = find_trip(session, trip_voucher).arrival
    table = normalize_source(source, fmt=fmt, mapping=mapping, travel_date=trip_dates)
    result = FileImport(source.name, table)
    if dry_run:
        return result
    from pipeline.store.merge import merge_rows

    content = source.uri.encode("utf-8") if source.uri else source.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    with session_scope(db_url) as session:
        trip = find_trip(session, trip_voucher) if trip_voucher else None
        result.merge = merge_rows(
            session,
            table.rows,
            source=source.name,
            sha256=digest,
            trip=trip,
            on_conflict=on_conflict,
            ask=ask,
        )
    return result
