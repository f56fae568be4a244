"""Numbers and dates as the control report prints them, in Russian (the default) or English.

Every printed figure goes through ``number(value, unit, lang)``; the units are

    count   a whole number of clients, trips, answers          1 234
    money   whole roubles                                       1 234 567 ₽
    mln     roubles in millions, for sentences and chart axes   232,0 млн ₽
    pct     a share in per cent, one decimal                    52,8 %
    nps     an NPS, signed, one decimal                         +38,1
    points  a change of a share or an NPS, signed               +4,1 п. п.
    days    a number of days                                    143
    date    a day                                               01.09.2026
    month   a calendar month                                    сентябрь 2026

Russian separates thousands with a no-break space and decimals with a comma.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

LANGUAGES = ("ru", "en")
NBSP = "\u00a0"
MONTHS = {
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip
#: "in October": the Russian prepositional case
MONTHS_IN = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
             "ноябре", "декабре")  # fmt: skip
_WORDS = {"ru": {"mln": "млн", "points": "п.\u00a0п.", "pct": f"{NBSP}%"},
          "en": {"mln": "m", "points": "pts", "pct": "%"}}  # fmt: skip


def missing(value: object) -> bool:
    """None, NaN or NaT: a figure the period has nothing for."""
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _digits(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text.replace("-", "−")


def number(value: object, unit: str, lang: str = "ru") -> str:
    """``value`` printed in ``unit`` (see the module's docstring); an empty figure is a dash."""
    if missing(value):
        return "—"
    words = _WORDS[lang]
    if unit == "date":
        return f"{pd.Timestamp(value):%d.%m.%Y}"
    if unit == "month":
        day = pd.Timestamp(value)
        return f"{MONTHS[lang][day.month - 1]} {day.year}"
    if unit in ("text", "label"):
        return str(value)
    v = float(value)  # type: ignore[arg-type]
    if unit in ("count", "days"):
        return _digits(round(v), 0, lang)
    if unit == "money":
        return f"{_digits(round(v), 0, lang)}{NBSP}₽"
    if unit == "mln":
        return f"{_digits(v / 1e6, 1, lang)}{NBSP}{words['mln']}{NBSP}₽"
    if unit == "pct":
        return f"{_digits(v, 1, lang)}{words['pct']}"
    if unit == "nps":
        return ("+" if v > 0 else "") + _digits(v, 1, lang)
    if unit == "points":
        return ("+" if v > 0 else "") + _digits(v, 1, lang) + NBSP + words["points"]
    if unit == "ratio":
        return _digits(v, 1, lang)
    raise ValueError(f"unknown unit {unit!r}")


def change(value: object, previous: object, unit: str) -> tuple[float | None, str]:
    """How a figure moved from the previous period: (change, its unit).

    Counts and money move by a relative % of the previous value; shares and NPS by points.
    None where there is nothing to compare with.
    """
    if missing(value) or missing(previous):
        return None, "pct"
    if unit in ("pct", "nps", "points"):
        return float(value) - float(previous), "points"  # type: ignore[arg-type]
    if float(previous) == 0:  # type: ignore[arg-type]
        return None, "pct"
    return 100 * (float(value) - float(previous)) / abs(float(previous)), "pct"  # type: ignore[arg-type]


def arrow(delta: float | None, unit: str, lang: str = "ru") -> str:
    """▲ 12,1 %, ▼ 4,0 п. п., = when it did not move, — when there is nothing to compare."""
    if delta is None or math.isnan(delta):
        return "—"
    if round(delta, 1) == 0:
        return "= " + number(0.0, unit, lang)
    sign = "▲" if delta > 0 else "▼"
    return f"{sign} {number(abs(delta), unit, lang).lstrip('+')}"


def plural(n: float, forms: tuple[str, ...], lang: str = "ru") -> str:
    """The word form for ``n``: Russian (one, few, many) — клиент, клиента, клиентов; English (one, other)."""
    n = abs(int(round(n)))
    if lang != "ru":
        return forms[0] if n == 1 else forms[-1]
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


class Val:
    """A value that formats itself by unit inside a sentence template: ``{revenue:money}``,
    ``{n:count} {n:pl=клиент|клиента|клиентов}``; a plain ``{name}`` is the text."""

    def __init__(self, value: object, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        if spec.startswith("pl="):
            forms = tuple(spec[3:].split("|"))
            v = abs(float(self.value))  # type: ignore[arg-type]
            if round(v, 1) != round(v) and self.lang == "ru":
                return forms[1]  # a fraction: «2,5 пункта»
            return plural(v, forms, self.lang)
        if spec in ("in_month", "in_month_year"):
            day = pd.Timestamp(self.value)
            year = f" {day.year}" if spec == "in_month_year" else ""
            if self.lang == "ru":
                return f"в {MONTHS_IN[day.month - 1]}{year}"
            return f"in {MONTHS['en'][day.month - 1]}{year}"
        if spec == "abs_pct":
            return number(abs(float(self.value)), "pct", self.lang)  # type: ignore[arg-type]
        if spec == "abs_points":
            v = round(abs(float(self.value)), 1)  # type: ignore[arg-type]
            return number(v, "count" if v == round(v) else "ratio", self.lang)
        if not spec:
            return str(self.value)
        return number(self.value, spec, self.lang)


def day_range(start: dt.date, end: dt.date) -> str:
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
