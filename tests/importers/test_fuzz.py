"""Whatever a partner sends, the clerk gets rows or one clear line, never a traceback."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.importing.run import import_source
from pipeline.record import CANONICAL_FIELDS
from pipeline.types import CannotRead, Source
from tests.conftest import DATA

ENDINGS = [".csv", ".txt", ".xlsx", ".xls", ".ods", ".docx", ".pdf", ""]
SEEDS = {p.suffix: p.read_bytes() for p in sorted((DATA / "importers").glob("*")) if p.is_file() and p.stat().st_size < 200_000}
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _import(name: str, data: bytes) -> None:
    try:
        result = import_source(Source(name=name, data=data), dry_run=True)
    except CannotRead as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        return
    for row in result.rows:
        assert row.status in ("ok", "warning", "rejected")
        assert set(CANONICAL_FIELDS) <= set(row.to_json())
        assert all(isinstance(m, str) and m for m in row.messages)


@FUZZ
@given(ending=st.sampled_from(ENDINGS), data=st.binary(max_size=4096))
def test_random_bytes(ending, data):
    _import(f"list{ending}", data)


@FUZZ
@given(ending=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_damaged_office_files(ending, data):
    """A real workbook, document or PDF with bytes flipped or cut off, as e-mail sometimes delivers."""
    original = bytearray(SEEDS[ending])
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(original) - 1))
        original[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    _import(f"list{ending}", bytes(original[:cut]))


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Иванов", "IVANOV MR", "31.02.1985", "01FEB80", "75 1234567", "Ж", "РФ", "", "*", "№"]),
)


@FUZZ
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=8), min_size=1, max_size=12),
    header=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]),
)
def test_random_tables(rows, header, delimiter, encoding):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    if header:
        writer.writerow(["Фамилия", "Имя", "Дата рожд.", "Загранпаспорт", "Пол"])
    writer.writerows(rows)
    data = out.getvalue().encode(encoding, errors="replace")
    _import("list.csv", data)


@pytest.mark.parametrize("ending", ENDINGS)
def test_empty_file(ending):
    with pytest.raises(CannotRead, match="empty|not a|no table|no list"):
        import_source(Source(name=f"list{ending}", data=b""), dry_run=True)
