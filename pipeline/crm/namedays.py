"""Name days: the usual day each name is celebrated, from a small calendar shipped as data."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

CALENDAR = Path(__file__).resolve().parent / "data" / "namedays.csv"


@functools.cache
def calendar() -> dict[str, list[tuple[int, int]]]:
    """First name (lower case, ё as е) -> [(month, day), ...]."""
    out: dict[str, list[tuple[int, int]]] = {}
    with CALENDAR.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(_key(row["name"]), []).append((int(row["month"]), int(row["day"])))
    return out


def _key(name: str) -> str:
    return name.strip().lower().replace("ё", "е")


def name_days(first_name: str | None) -> list[tuple[int, int]]:
    """The (month, day) name days of ``first_name``; [] when the calendar does not know it."""
    # a client known by the Latin name only comes out of a DataFrame as NaN, not None
    return calendar().get(_key(first_name), []) if isinstance(first_name, str) and first_name.strip() else []
