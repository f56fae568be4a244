"""The fast path of normalization: whole columns at once, for the cells that look regular.

Agency lists are mostly regular (``Иванов Сергей Петрович``, ``14.05.1978``,
``75 1234567``); those cells are cleaned with vectorized string operations. A row with any
cell outside these shapes goes through the per-row rules in ``rows.py``, which remain the
definition: a property test checks that both paths give the same result on any table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipeline.normalize.citizenship import citizenship as to_alpha3
from pipeline.normalize.names import GENDER_WORDS, TITLES

_WORD = r"[{a}]+(?:[- ][{a}]+)*"
_LAT_NAME = _WORD.format(a="A-Za-z")
_CYR_NAME = _WORD.format(a="А-Яа-яЁё")
_TITLES = "|".join(sorted(TITLES, key=len, reverse=True))
# pandas falls back to Python's slow re for inline flags, \s and \d on Cyrillic text: the
# patterns below avoid them (titles are matched on upper case, digits as [0-9])
_TITLE_WORD = r"(?:^|[ /])(?:" + _TITLES + r")\.?(?:$| )"
_TRAILING_TITLE = r"^(.*[^ ]) (" + _TITLES + r")$"
_TRAILING_TITLE_TEST = r"^.*[^ ] (?:" + _TITLES + r")$"


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


_TRAILING_TITLE_ANY_CASE = r" (?:" + "|".join(_any_case(t) for t in sorted(TITLES, key=len, reverse=True)) + r")$"
_LAT_PATRONYMIC = r"(?:OVICH|EVICH|ICH|OVNA|EVNA|ICHNA|INICHNA)$"
_ISO_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_RU_DAY = r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}"

#: targets the fast path knows; a table mapping anything else goes row by row
FAST_TARGETS = frozenset(
    {"surname", "surname_lat", "surname_ru", "name", "name_lat", "name_ru", "patronymic_ru",
     "full_name", "full_name_lat", "full_name_ru", "gender", "birth_date", "passport_expiry",
     "citizenship", "passport", "internal_passport", "ticket_number", "ignore"}
)  # fmt: skip


@dataclass
class FastColumns:
    """Canonical columns for the rows the fast path took; ``regular`` marks those rows."""

    fields: dict[str, pd.Series]
    regular: np.ndarray
    derived_gender: pd.Series
    extra_derived: dict[str, pd.Series] = field(default_factory=dict)


def as_text(column: pd.Series) -> pd.Series:
    """Cells as stripped text (``None`` for blanks), vectorized when every cell is a string."""
    values = [] if column.dtype == "str" else column.tolist()
    if column.dtype == "str":
        s = column.str.strip()
    elif all(type(v) is str or v is None for v in values):
        s = pd.Series(values, dtype="str", index=column.index).str.strip()
    else:
        from pipeline.normalize.text import cell_text, is_blank

        s = pd.Series([None if is_blank(v) else cell_text(v) for v in values], dtype="str", index=column.index)
    return s.where(s != "", None)


def normalize_columns(
    texts: dict[int, pd.Series],
    columns: Sequence[tuple[int, str]],
    *,
    today: dt.date,
) -> FastColumns | None:
    """Fill canonical columns from the mapped text columns; ``None`` when the mapping is not
    one the fast path knows (the caller then goes row by row)."""
    if any(t not in FAST_TARGETS for _, t in columns):
        return None
    index = next(iter(texts.values())).index if texts else pd.RangeIndex(0)
    n = len(index)
    out: dict[str, pd.Series] = {}
    regular = np.ones(n, dtype=bool)
    genders: list[pd.Series] = []

    def put(key: str, values: pd.Series) -> None:
        # the first column that gives a field wins, as in the per-row rules
        if key in out:
            out[key] = out[key].where(out[key].notna(), values)
        else:
            out[key] = values

    for col, target in columns:
        s = texts[col]
        present = s.notna().to_numpy()
        handler = _HANDLERS.get(target)
        if handler is None:
            continue
        ok = handler(s, put, genders, today)
        regular &= ~present | ok.fillna(False).to_numpy(dtype=bool)

    if "passport_number" in out and "citizenship" in out:
        # another country's 9 digits are one number, not Russian series + number
        foreign = out["passport_number"].notna() & out["citizenship"].notna() & (out["citizenship"] != "RUS")
        regular &= ~foreign.to_numpy(dtype=bool)
    gender = pd.Series([None] * n, dtype="object", index=index)
    for g in genders:
        clash = gender.notna() & g.notna() & (gender != g)
        regular &= ~clash.to_numpy(dtype=bool)
        gender = gender.where(gender.notna(), g)
    derived_gender = pd.Series(False, index=index)
    if "patronymic_ru" in out:
        pat = out["patronymic_ru"].astype("str")
        guess = pd.Series(None, dtype="object", index=index)
        low = pat.str.lower()
        guess = guess.mask(low.str.contains(r"(?:вич|ьич|ич|оглы|улы)$", na=False), "M")
        guess = guess.mask(low.str.contains(r"(?:вна|чна|кызы|гызы)$", na=False), "F")
        derived_gender = gender.isna() & guess.notna()
        gender = gender.where(gender.notna(), guess)
    out["gender"] = gender
    return FastColumns(out, regular, derived_gender)


Put = Callable[[str, pd.Series], None]


def _script_masks(s: pd.Series, genders: list) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """The name without a trailing passenger title (its gender noted), and which cells are
    plain Latin or plain Cyrillic names."""
    upper = s.str.upper()
    # replace with a back-reference runs natively in pyarrow; extract falls back to Python
    titled = upper.str.contains(_TRAILING_TITLE_TEST, na=False)
    title = upper.str.replace(_TRAILING_TITLE, r"\2", regex=True).where(titled)
    body = s.str.replace(_TRAILING_TITLE_ANY_CASE, "", n=1, regex=True).where(titled, s)
    genders.append(title.map(lambda t: TITLES.get(t) if isinstance(t, str) else None))
    extra_title = body.str.upper().str.contains(_TITLE_WORD, na=False)
    lat = body.str.fullmatch(_LAT_NAME, na=False) & ~extra_title
    cyr = body.str.fullmatch(_CYR_NAME, na=False) & ~extra_title
    return body, lat, cyr, lat | cyr


def _name_part(part: str, fixed: str | None):
    def handler(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
        s, lat, cyr, ok = _script_masks(s, genders)
        if fixed == "lat":
            ok = lat
        elif fixed == "ru":
            ok = cyr
        if part == "patronymic":
            ok = cyr
            put("patronymic_ru", s.where(cyr).str.title())
            return ok
        put(f"{part}_lat", s.where(lat & ok).str.upper())
        put(f"{part}_ru", s.where(cyr & ok).str.title())
        return ok

    return handler


def _full_name(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    s, lat, cyr, ok = _script_masks(s, genders)
    # replace with back-references runs natively in pyarrow; split and extract fall back to Python
    whole = r"^([^ ]+) ([^ ]+)(?: (.+))?$"
    two = s.str.contains(r"^[^ ]+ [^ ]+", na=False)
    three = s.str.contains(r"^[^ ]+ [^ ]+ .", na=False)
    parts = {
        0: s.str.replace(whole, r"\1", regex=True).where(two),
        1: s.str.replace(whole, r"\2", regex=True).where(two),
        2: s.str.replace(whole, r"\3", regex=True).where(three),
    }
    has_two = parts[1].notna()
    # a Latin patronymic is dropped with a note: the per-row rules handle that case
    lat_ok = lat & ~(parts[2].notna() & s.str.upper().str.contains(_LAT_PATRONYMIC, na=False))
    ok = (lat_ok | cyr) & has_two
    put("surname_lat", parts[0].where(lat_ok & has_two).str.upper())
    given = parts[1].where(parts[2].isna(), parts[1] + " " + parts[2])
    put("name_lat", given.where(lat_ok & has_two).str.upper())
    put("surname_ru", parts[0].where(cyr & has_two).str.title())
    put("name_ru", parts[1].where(cyr & has_two).str.title())
    put("patronymic_ru", parts[2].where(cyr & has_two).str.title())
    return ok


def _by_unique(fn: Callable[[str], Any]) -> Callable[[pd.Series], pd.Series]:
    def apply(s: pd.Series) -> pd.Series:
        table = {v: fn(v) for v in s.dropna().unique().tolist()}
        return s.map(table)

    return apply


def _gender(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    g = _by_unique(lambda v: GENDER_WORDS.get(v.upper().replace("Ё", "Е")))(s)
    child = s.str.upper().str.strip(".").isin(["MSTR", "MASTER", "CHD", "CHILD", "INF", "INFANT"])
    genders.append(g.where(g.notna(), None))
    return g.notna() & ~child


def _date(kind: str, key: str):
    def handler(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
        # Both shapes parse column-wise; impossible days (31.02) come back empty and go
        # to the per-row rules, which say why.
        ru = pd.to_datetime(s.where(s.str.fullmatch(_RU_DAY, na=False)), format="%d.%m.%Y", errors="coerce")
        iso = pd.to_datetime(s.where(s.str.fullmatch(_ISO_DAY, na=False)), format="%Y-%m-%d", errors="coerce")
        days = ru.where(ru.notna(), iso)
        ok = days.notna()
        if kind == "birth":
            ok &= (days <= pd.Timestamp(today)) & (days.dt.year >= today.year - 120)
        put(key, days.dt.strftime("%Y-%m-%d").where(ok))
        return ok

    return handler


def _citizenship(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    codes = _by_unique(to_alpha3)(s)
    put("citizenship", codes)
    return codes.notna()


def _passport(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    ok = s.str.fullmatch(r"[0-9]{2} ?[0-9]{7}", na=False)
    digits = s.where(ok).str.replace(" ", "", regex=False)
    put("passport_series", digits.str.slice(0, 2))
    put("passport_number", digits.str.slice(2))
    return ok


def _internal(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    ok = s.str.fullmatch(r"[0-9]{2} ?[0-9]{2} ?[0-9]{6}", na=False)
    digits = s.where(ok).str.replace(" ", "", regex=False)
    put("internal_series", digits.str.slice(0, 4))
    put("internal_number", digits.str.slice(4))
    return ok


def _ticket(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    ok = s.str.fullmatch(r"[0-9]{13}|[0-9]{3}-[0-9]{10}", na=False)
    put("ticket_number", s.where(ok).str.replace("-", "", regex=False))
    return ok


def _ignore(s: pd.Series, put: Put, genders: list, today: dt.date) -> pd.Series:
    return pd.Series(True, index=s.index)


_HANDLERS = {
    "full_name": _full_name, "full_name_lat": _full_name, "full_name_ru": _full_name,
    "surname": _name_part("surname", None), "surname_lat": _name_part("surname", "lat"),
    "surname_ru": _name_part("surname", "ru"), "name": _name_part("name", None),
    "name_lat": _name_part("name", "lat"), "name_ru": _name_part("name", "ru"),
    "patronymic_ru": _name_part("patronymic", "ru"), "gender": _gender,
    "birth_date": _date("birth", "birth_date"), "passport_expiry": _date("expiry", "passport_expiry"),
    "citizenship": _citizenship, "passport": _passport, "internal_passport": _internal,
    "ticket_number": _ticket, "ignore": _ignore,
}  # fmt: skip
