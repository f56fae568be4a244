"""A passport running out (issue 22 item 10): without a trip it is measured against today, never
against a trip that does not exist; with one, against the trip's start as before."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.normalize.rows import Transliterators, normalize_table
from pipeline.types import RawTable

TODAY = dt.date(2026, 12, 2)
HEADER = ["Фамилия", "Имя", "Дата рождения", "Загранпаспорт", "Действителен до"]
ROWS = [
    ["Шевченко", "Наталія", "01.02.1980", "75 1234567", "01.11.2026"],  # expired
    ["Иванов", "Сергей", "", "75 7654321", "01.03.2027"],  # within six months of today
    ["Петрова", "Анна", "14.05.1978", "", "01.07.2027"],  # more than six months away
    ["Әлиев", "Қанат", "05.06.1990", "75 1112223", ""],  # no expiry given
]


def _rows(fast: bool, travel: dt.date | None = None) -> list[tuple[str, str | None, list[str]]]:
    table = RawTable(frame=pd.DataFrame([HEADER, *ROWS], dtype=object))
    rows = normalize_table(table, today=TODAY, travel_date=travel, translit=Transliterators(), fast=fast).rows
    return [(r.status, r.record["passport_expiry"], list(r.messages)) for r in rows]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "row rules"])
def test_without_a_trip_expiry_is_against_today(fast: bool) -> None:
    assert _rows(fast) == [
        ("warning", "2026-11-01", ["Row 1: the passport expired on 01.11.2026"]),
        ("warning", "2027-03-01", ["Row 2: the passport expires on 01.03.2027, within six months"]),
        ("ok", "2027-07-01", []),
        ("ok", None, []),
    ]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "row rules"])
def test_with_a_trip_expiry_is_against_its_start(fast: bool) -> None:
    assert _rows(fast, travel=dt.date(2027, 5, 1)) == [
        ("warning", "2026-11-01", ["Row 1: the passport expired on 01.11.2026"]),
        ("warning", "2027-03-01", ["Row 2: the passport expires on 01.03.2027, before the trip starts"]),
        ("warning", "2027-07-01",
         ["Row 3: the passport expires on 01.07.2027, less than six months after the trip starts"]),
        ("ok", None, []),
    ]  # fmt: skip


def test_dry_run_without_trip_says_within_six_months(tmp_path) -> None:
    soon = dt.date.today() + dt.timedelta(days=60)
    path = tmp_path / "list.csv"
    path.write_text(f"Фамилия;Имя;Загранпаспорт;Действителен до\nІваненко;Юрій;75 1234567;{soon:%d.%m.%Y}\n",
                    encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(cli, ["import", str(path), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert row["status"] == "warning"
    assert row["messages"] == [f"Row 1: the passport expires on {soon:%d.%m.%Y}, within six months"]
    assert (row["surname_ru"], row["name_ru"], row["passport_series"], row["passport_number"]) == (
        "Іваненко", "Юрій", "75", "1234567")  # fmt: skip
