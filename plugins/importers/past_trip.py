"""A past trip package from the store, read like a list: ``tourdesk import --from-trip VOUCHER``."""

from __future__ import annotations

from pipeline import CannotRead, Importer, RawTable, Source, hookimpl
from pipeline.record import CANONICAL_FIELDS


def read(source: Source) -> list[RawTable]:
    # why here: the built-ins load for tourdesk --help; pandas and the store are heavy
    import pandas as pd

    from pipeline.importing.past_trips import trip_records

    if not (source.uri or "").startswith("trip:"):
        raise CannotRead(f"{source.name}: the trip reader takes a past trip (--from-trip VOUCHER), not a file")
    voucher = source.uri.split(":", 1)[1]
    records = trip_records(voucher, source.db_url)
    if not records:
        raise CannotRead(f"trip {voucher}: it has no tourists to copy")
    # Derived values stay derived: a name the pipeline once guessed is not made a fact by copying.
    rows = [list(CANONICAL_FIELDS)] + [[_cell(r, f) for f in CANONICAL_FIELDS] for r in records]
    return [RawTable(frame=pd.DataFrame(rows, dtype=object), name=f"trip {voucher}")]


def _cell(record: dict, field: str) -> str | None:
    if field in record.get("derived", ()):
        return None
    value = record.get(field)
    return None if value is None else str(value)


@hookimpl
def register_importers(register) -> None:
    register.importer(Importer(name="trip", description="the tourists of a past trip in the store (trip:VOUCHER)", read=read))
