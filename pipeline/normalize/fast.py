"""The fast path of normalization: whole columns at once, for the cells that look regular.

Agency lists are mostly regular (``Иванов Сергей Петрович``, ``14.05.1978``,
``75 1234567``); those cells are cleaned with Arrow's vectorized string kernels, and name,
date and country columns only once per distinct value (a list of 100,000 tourists holds a few
hundred distinct Latin surnames). A row with any cell outside these shapes goes through the
per-row rules in ``rows.py``, which remain the definition: a property test checks that both
paths give the same result on any table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.normalize.citizenship import citizenship as to_alpha3
from pipeline.normalize.names import CHILD_MARKERS, GENDER_WORDS, TITLES
from pipeline.normalize.text import CYRILLIC_LETTERS, cell_text, clean_name

# Every Cyrillic letter (Ukrainian, Belarusian, Kazakh... too). A name with an apostrophe
# (Мар'яна) is left to the per-row rules: Arrow's title case would capitalise after it.
_LETTERS = "A-Za-z" + CYRILLIC_LETTERS
_WORD = r"[{a}]+(?:[- ][{a}]+)*"
_LAT_NAME = "^" + _WORD.format(a="A-Za-z") + "$"
_CYR_NAME = "^" + _WORD.format(a=CYRILLIC_LETTERS) + "$"
#: a name cell the cleaning rules leave exactly as it is (no stray sign, no double space)
_CLEAN_NAME = "^" + _WORD.format(a=_LETTERS) + "$"
_TITLES = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLE_WORD = r"(?:^|[ /])(?:" + _TITLES + r")\.?(?:$| )"
_TRAILING_TITLE = r"^(.*[^ ]) (" + _TITLES + r")$"
_TRAILING_TITLE_TEST = r"^.*[^ ] (?:" + _TITLES + r")$"


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


_TRAILING_TITLE_ANY_CASE = r" (?:" + "|".join(_any_case(t) for t in sorted(TITLES, key=len, reverse=True)) + r")$"
_LAT_PATRONYMIC = r"(?:OVICH|EVICH|ICH|OVNA|EVNA|ICHNA|INICHNA)$"
_FULL_NAME = r"^(?P<surname>[^ ]+) (?P<name>[^ ]+)(?: (?P<rest>.+))?$"
# Years outside 1000-2999 are rare enough to leave to the per-row rules.
_ISO_DAY = r"^[12][0-9]{3}-[0-9]{2}-[0-9]{2}$"
_RU_DAY = r"^[0-9]{2}\.[0-9]{2}\.[12][0-9]{3}$"
_RU_PARTS = r"^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$"
_TEXT = pa.large_string()

#: targets the fast path knows; a table mapping anything else goes row by row
FAST_TARGETS = frozenset(
    {"surname", "surname_lat", "surname_ru", "name", "name_lat", "name_ru", "patronymic_ru",
     "full_name", "full_name_lat", "full_name_ru", "gender", "birth_date", "passport_expiry",
     "citizenship", "passport", "internal_passport", "ticket_number", "ignore"}
)  # fmt: skip


@dataclass
class FastColumns:
    """Canonical columns for the rows the fast path took; ``regular`` marks those rows.

    ``notes`` holds, per name column, what cleaning removed (``, column "…", value "…":
    removed '*' from the name``), to be prefixed with the row number.
    """

    fields: dict[str, pa.Array]
    regular: np.ndarray
    derived_gender: np.ndarray
    notes: list[pa.Array] = field(default_factory=list)
    #: fields that one column of repeating values gave: their distinct values and, per row,
    #: which one (the row's list then shares one Python string per distinct value)
    codes: dict[str, tuple[pa.Array, np.ndarray]] = field(default_factory=dict)

    def as_list(self, key: str) -> list[Any]:
        """One field as a Python list, ``None`` for missing values."""
        if key in self.codes:
            distinct, index = self.codes[key]
            return np.array([*distinct.to_pylist(), None], dtype=object)[index].tolist()
        return self.fields[key].to_pylist()


def as_text(column: pd.Series) -> pa.Array:
    """Cells as stripped text (null for blanks), as an Arrow array."""
    if column.dtype == "str":
        arr = pa.array(column, type=_TEXT)
    else:
        # text cells as they are (trimmed below), numbers and dates as a clerk reads them;
        # str() of a whole number or a date is what cell_text gives, without the call
        values = [
            v if (t := type(v)) is str or v is None else str(v) if t is int or t is dt.date else cell_text(v)
            for v in column.tolist()
        ]
        arr = pa.array(values, type=_TEXT)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.utf8_trim_whitespace(arr)
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, _TEXT), arr)


def matches(arr: pa.Array, pattern: str) -> pa.Array:
    """Boolean per cell (false for nulls): ``pattern`` found in the cell."""
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False)


def to_bools(arr: pa.Array) -> np.ndarray:
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False).astype(bool)


def null_unless(arr: pa.Array, keep: pa.Array) -> pa.Array:
    """The cells where ``keep`` holds, null elsewhere."""
    return pc.if_else(keep, arr, pa.scalar(None, arr.type))


@dataclass
class _Out:
    """What one column gives: canonical values, a gender, whether each cell is regular, and
    the note cleaning left."""

    ok: pa.Array
    fields: dict[str, pa.Array] = field(default_factory=dict)
    genders: list[pa.Array] = field(default_factory=list)
    note: pa.Array | None = None

    def spread(self, indices: pa.Array) -> _Out:
        """From one entry per distinct value back to one per row."""
        take = lambda a: pc.take(a, indices)  # noqa: E731
        return _Out(
            take(self.ok), {k: take(v) for k, v in self.fields.items()}, [take(g) for g in self.genders],
            take(self.note) if self.note is not None else None,
        )  # fmt: skip


def normalize_columns(
    texts: dict[int, pa.Array],
    columns: Sequence[tuple[int, str]],
    *,
    today: dt.date,
    labels: dict[int, str] | None = None,
) -> FastColumns | None:
    """Fill canonical columns from the mapped text columns; ``None`` when the mapping is not
    one the fast path knows (the caller then goes row by row)."""
    if any(t not in FAST_TARGETS for _, t in columns):
        return None
    n = len(next(iter(texts.values()))) if texts else 0
    out: dict[str, pa.Array] = {}
    regular = np.ones(n, dtype=bool)
    genders: list[pa.Array] = []
    notes: list[pa.Array] = []
    codes: dict[str, tuple[pa.Array, np.ndarray]] = {}
    labels = labels or {}
    for col, target in columns:
        arr = texts.get(col)
        if arr is None or target == "ignore":
            continue
        handler, per_value = _HANDLERS[target]
        label = labels.get(col, f"column {col + 1}")
        distinct: _Out | None = None
        if per_value:
            encoded = pc.dictionary_encode(arr)
            distinct = handler(encoded.dictionary, today, label)
            got = distinct.spread(encoded.indices)
            index = pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy()
        else:
            got = handler(arr, today, label)
        present = to_bools(pc.is_valid(arr))
        regular &= ~present | to_bools(got.ok)
        for key, values in got.fields.items():
            # the first column that gives a field wins, as in the per-row rules
            if values.null_count == len(values):
                out.setdefault(key, values)
            elif key in out and out[key].null_count < len(out[key]):
                out[key] = pc.coalesce(out[key], values)
                codes.pop(key, None)
            else:
                out[key] = values
                if distinct is not None:
                    codes[key] = (distinct.fields[key], index)
        genders += got.genders
        if got.note is not None:
            notes.append(got.note)

    if "passport_number" in out and "citizenship" in out:
        # another country's 9 digits are one number, not Russian series + number
        foreign = pc.and_(pc.is_valid(out["passport_number"]), pc.not_equal(out["citizenship"], "RUS"))
        regular &= ~to_bools(foreign)
    gender = pa.nulls(n, _TEXT)
    for g in genders:
        regular &= ~to_bools(pc.not_equal(gender, g))
        gender = pc.coalesce(gender, g)
    derived = np.zeros(n, dtype=bool)
    if "patronymic_ru" in out:
        low = pc.utf8_lower(out["patronymic_ru"])
        guess = pc.if_else(matches(low, r"(?:вич|ьич|ич|оглы|улы|ұлы)$"), "M", pa.scalar(None, _TEXT))
        guess = pc.if_else(matches(low, r"(?:вна|чна|кызы|гызы|қызы)$"), "F", guess)
        derived = ~to_bools(pc.is_valid(gender)) & to_bools(pc.is_valid(guess))
        gender = pc.coalesce(gender, guess)
    out["gender"] = gender
    return FastColumns(out, regular, derived, notes, codes)


def _lookup(values: pa.Array, fn: Callable[[str], Any]) -> pa.Array:
    """``fn`` of each (distinct) value, in Python: for lookups in dictionaries and tables."""
    return pa.array([None if v is None else fn(v) for v in values.to_pylist()], type=_TEXT)


def _cleaned(u: pa.Array, label: str, airline: bool) -> tuple[pa.Array, pa.Array | None, pa.Array]:
    """Distinct name cells after the cleaning rules, the note each cleaning gives, and which
    cells are still usable (a cell of stray signs only goes to the per-row rules)."""
    clean = matches(u, _CLEAN_NAME)
    if airline:
        clean = pc.and_(clean, pc.invert(matches(u, "/")))
    if pc.all(clean).as_py() is not False:
        return u, None, clean
    values = u.to_pylist()
    texts: list[str | None] = []
    notes: list[str | None] = []
    for raw, is_clean in zip(values, clean.to_pylist(), strict=True):
        if is_clean or raw is None:
            texts.append(raw)
            notes.append(None)
            continue
        text, removed = clean_name(raw.replace("/", " ") if airline else raw)
        texts.append(text or None)
        notes.append(f', column "{label}", value "{raw}": removed {removed!r} from the name' if removed else None)
    cleaned = pa.array(texts, type=_TEXT)
    return cleaned, pa.array(notes, type=_TEXT), pc.is_valid(cleaned)


def _script_masks(s: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array, pa.Array, pa.Array]:
    """The name without a trailing passenger title, the same in capitals, the gender the title
    gives, and which cells are plain Latin or plain Cyrillic names."""
    upper = pc.utf8_upper(s)
    titled = matches(upper, _TRAILING_TITLE_TEST)
    if pc.any(titled).as_py():
        title = null_unless(pc.replace_substring_regex(upper, _TRAILING_TITLE, r"\2"), titled)
        encoded = pc.dictionary_encode(title)
        gender = pc.take(_lookup(encoded.dictionary, TITLES.get), encoded.indices)
        body = pc.if_else(titled, pc.replace_substring_regex(s, _TRAILING_TITLE_ANY_CASE, "", max_replacements=1), s)
        upper = pc.utf8_upper(body)
    else:
        body, gender = s, pa.nulls(len(s), _TEXT)
    extra_title = matches(upper, _TITLE_WORD)
    lat = pc.and_(matches(body, _LAT_NAME), pc.invert(extra_title))
    cyr = pc.and_(matches(body, _CYR_NAME), pc.invert(extra_title))
    return body, upper, gender, lat, cyr


def _name_part(part: str, fixed: str | None):
    def handler(u: pa.Array, today: dt.date, label: str) -> _Out:
        u, note, usable = _cleaned(u, label, airline=False)
        s, _, gender, lat, cyr = _script_masks(u)
        ok = {"lat": lat, "ru": cyr}.get(fixed or "", pc.or_(lat, cyr))
        if part == "patronymic":
            ok = cyr
            fields = {"patronymic_ru": pc.utf8_title(null_unless(s, cyr))}
        else:
            fields = {
                f"{part}_lat": pc.utf8_upper(null_unless(s, pc.and_(lat, ok))),
                f"{part}_ru": pc.utf8_title(null_unless(s, pc.and_(cyr, ok))),
            }
        return _Out(pc.and_(ok, usable), fields, [gender], note)

    return handler


def _full_name(u: pa.Array, today: dt.date, label: str) -> _Out:
    u, note, usable = _cleaned(u, label, airline=True)
    s, upper, gender, lat, cyr = _script_masks(u)
    parts = pc.extract_regex(s, _FULL_NAME)
    has_two = pc.is_valid(parts)
    surname, name, rest = (parts.field(k) for k in ("surname", "name", "rest"))
    rest = pc.if_else(pc.equal(rest, ""), pa.scalar(None, _TEXT), rest)
    # a Latin patronymic is dropped with a note: the per-row rules handle that case
    lat_ok = pc.and_(lat, pc.invert(pc.and_(pc.is_valid(rest), matches(upper, _LAT_PATRONYMIC))))
    lat_ok = pc.and_(lat_ok, has_two)
    cyr_ok = pc.and_(cyr, has_two)
    given = pc.if_else(pc.is_valid(rest), pc.binary_join_element_wise(name, rest, pa.scalar(" ", _TEXT)), name)
    fields = {
        "surname_lat": pc.utf8_upper(null_unless(surname, lat_ok)),
        "name_lat": pc.utf8_upper(null_unless(given, lat_ok)),
        "surname_ru": pc.utf8_title(null_unless(surname, cyr_ok)),
        "name_ru": pc.utf8_title(null_unless(name, cyr_ok)),
        "patronymic_ru": pc.utf8_title(null_unless(rest, cyr_ok)),
    }
    return _Out(pc.and_(pc.or_(lat_ok, cyr_ok), usable), fields, [gender], note)


def _gender(u: pa.Array, today: dt.date, label: str) -> _Out:
    g = _lookup(u, lambda v: GENDER_WORDS.get(v.upper().replace("Ё", "Е")))
    child = pa.array([v.upper().strip(".") in CHILD_MARKERS for v in u.to_pylist()], type=pa.bool_())
    return _Out(pc.and_(pc.is_valid(g), pc.invert(child)), genders=[g])


def _date(kind: str, key: str):
    def handler(u: pa.Array, today: dt.date, label: str) -> _Out:
        # Both shapes become ISO text; Arrow's parser rolls a day that does not exist (31.02)
        # over into the next month, so the parsed day and month must be the written ones.
        # Such cells go to the per-row rules, which say why.
        iso = pc.if_else(
            matches(u, _RU_DAY), pc.replace_substring_regex(u, _RU_PARTS, r"\3-\2-\1"),
            null_unless(u, matches(u, _ISO_DAY)),
        )  # fmt: skip
        parsed = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
        written = lambda start: pc.cast(pc.utf8_slice_codeunits(iso, start, start + 2), pa.int64())  # noqa: E731
        ok = pc.and_(pc.equal(pc.day(parsed), written(8)), pc.equal(pc.month(parsed), written(5)))
        if kind == "birth":
            start = pa.scalar(dt.datetime(today.year - 120, 1, 1), pa.timestamp("s"))
            end = pa.scalar(dt.datetime.combine(today, dt.time()), pa.timestamp("s"))
            ok = pc.and_(ok, pc.and_(pc.greater_equal(parsed, start), pc.less_equal(parsed, end)))
        ok = pc.fill_null(ok, False)
        return _Out(ok, {key: null_unless(iso, ok)})

    return handler


def _citizenship(u: pa.Array, today: dt.date, label: str) -> _Out:
    codes = _lookup(u, to_alpha3)
    return _Out(pc.is_valid(codes), {"citizenship": codes})


def _passport(s: pa.Array, today: dt.date, label: str) -> _Out:
    ok = matches(s, r"^[0-9]{2} ?[0-9]{7}$")
    digits = pc.replace_substring(null_unless(s, ok), " ", "")
    return _Out(ok, {"passport_series": pc.utf8_slice_codeunits(digits, 0, 2),
                     "passport_number": pc.utf8_slice_codeunits(digits, 2)})  # fmt: skip


def _internal(s: pa.Array, today: dt.date, label: str) -> _Out:
    ok = matches(s, r"^[0-9]{2} ?[0-9]{2} ?[0-9]{6}$")
    digits = pc.replace_substring(null_unless(s, ok), " ", "")
    return _Out(ok, {"internal_series": pc.utf8_slice_codeunits(digits, 0, 4),
                     "internal_number": pc.utf8_slice_codeunits(digits, 4)})  # fmt: skip


def _ticket(s: pa.Array, today: dt.date, label: str) -> _Out:
    ok = matches(s, r"^(?:[0-9]{13}|[0-9]{3}-[0-9]{10})$")
    return _Out(ok, {"ticket_number": pc.replace_substring(null_unless(s, ok), "-", "")})


#: handler per target, and whether it runs once per distinct value (names, dates and
#: countries repeat; passports and tickets do not)
_HANDLERS: dict[str, tuple[Callable[[pa.Array, dt.date, str], _Out], bool]] = {
    "full_name": (_full_name, True), "full_name_lat": (_full_name, True), "full_name_ru": (_full_name, True),
    "surname": (_name_part("surname", None), True), "surname_lat": (_name_part("surname", "lat"), True),
    "surname_ru": (_name_part("surname", "ru"), True), "name": (_name_part("name", None), True),
    "name_lat": (_name_part("name", "lat"), True), "name_ru": (_name_part("name", "ru"), True),
    "patronymic_ru": (_name_part("patronymic", "ru"), True), "gender": (_gender, True),
    "birth_date": (_date("birth", "birth_date"), True),
    "passport_expiry": (_date("expiry", "passport_expiry"), True),
    "citizenship": (_citizenship, True), "passport": (_passport, False),
    "internal_passport": (_internal, False), "ticket_number": (_ticket, False),
}  # fmt: skip
