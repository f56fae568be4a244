"""Dates in every form agencies write them, with two-digit years that never land in the future."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    # English three-letter (airline style 01FEB80) and full names
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # Russian in the genitive ("1 февраля 1980 г.") and nominative
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
    "июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ].*)?$")
_AIRLINE = re.compile(r"^(\d{1,2})\s*([A-Za-z]{3})\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-zА-Яа-яёЁ]+)\.?\s+(\d{2}|\d{4})(?:\s*(?:г|года?)\.?)?$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class BadDate(ValueError):
    """The text looks like a date but no such day exists, or it is not a date at all."""


def parse_date(value: object, *, kind: str = "birth", today: dt.date | None = None) -> dt.date:
    """Parse one cell into a date.

    ``kind`` is ``"birth"`` (two-digit years go to the past) or ``"expiry"`` (to the future).
    Raises :class:`BadDate` with a reason a clerk understands.
    """
    today = today or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(float(value))
    text = str(value).strip().rstrip(".").strip()
    if not text:
        raise BadDate("empty")
    if m := _NUMERIC_DMY.match(text):
        d, mo, y = m.groups()
        return _make(int(d), int(mo), _year(y, kind, today, int(mo), int(d)), text)
    if m := _ISO.match(text):
        y, mo, d = m.groups()
        return _make(int(d), int(mo), int(y), text)
    if m := (_AIRLINE.match(text) or _WORDS.match(text)):
        d, mon, y = m.groups()
        month = _MONTHS.get(mon.lower())
        if month is None:
            raise BadDate(f"unknown month {mon!r}")
        return _make(int(d), month, _year(y, kind, today, month, int(d)), text)
    if m := _COMPACT.match(text):
        d, mo, y = m.groups()
        return _make(int(d), int(mo), int(y), text)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_excel_serial(float(text))
    raise BadDate("not a date")


def _year(y: str, kind: str, today: dt.date, month: int, day: int) -> int:
    if len(y) == 4:
        return int(y)
    yy = int(y)
    century = today.year // 100 * 100
    year = century + yy
    if kind == "birth":
        # A birth date is never in the future: 15.03.85 is 1985, and 01.01.26 is 2026 only
        # while that day has already come.
        try:
            if dt.date(year, month, day) > today:
                year -= 100
        except ValueError:
            if year > today.year:
                year -= 100
    return year


def _make(d: int, mo: int, y: int, text: str) -> dt.date:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise BadDate("no such date") from None


def _from_excel_serial(serial: float) -> dt.date:
    if not 1 <= serial < 2958466:
        raise BadDate("not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
