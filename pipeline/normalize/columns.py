"""Find the header row and map columns to canonical fields, by header words or by values.

Besides canonical field names a column may map to: ``surname``/``name``/``full_name``
(script decided per value), ``full_name_lat``/``full_name_ru``, ``passport`` (series and
number in one cell), ``internal_passport``, ``title`` (MR/MRS), and ``ignore``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from pipeline.hooks.manager import registry
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.normalize.names import gender_word, split_full_name, strip_title, title_gender
from pipeline.normalize.text import cell_text, clean_name, is_blank, script_of
from pipeline.record import CANONICAL_FIELDS

HEADER_SCAN_ROWS = 30
_CANONICAL = frozenset(CANONICAL_FIELDS)
_NORM = re.compile(r"[^\w№#]+")

TARGETS = frozenset(
    {
        "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender",
        "birth_date", "passport_series", "passport_number", "passport_expiry",
        "internal_series", "internal_number", "citizenship", "ticket_number",
        "surname", "name", "full_name", "full_name_lat", "full_name_ru",
        "passport", "internal_passport", "title", "ignore",
    }
)  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(_NORM.sub(" ", text.lower().replace("ё", "е")).split())


def _has(h: str, *words: str) -> bool:
    return any(w in h for w in words)


@lru_cache(maxsize=4096)  # a header is read over several candidate rows and parents
def classify_header(text: str) -> str | None:
    """The field a header cell names, or ``None`` when it names none we know."""
    if text.strip() in _CANONICAL:
        return text.strip()  # a list Tourdesk wrote itself
    h = _norm(text)
    if not h:
        return None
    words = set(h.split())
    lat = _has(h, "лат", "lat", "англ", "engl") or "as in passport" in h
    ru = _has(h, "рус", "кирил", "cyr")
    script = "_lat" if lat else "_ru" if ru else ""
    if h in {"№", "no", "n", "#", "nn", "п п", "№ п п", "номер п п", "пп", "№ пп"}:
        return "ignore"
    if _has(h, "билет", "ticket", "e tkt", "etkt"):
        return "ticket_number"
    if _has(h, "рожд", "birth") or h in {"dob", "д р", "др"}:
        return "birth_date"
    # abbreviations partners write: Гражд., Гр-во, Нац.
    if _has(h, "гражд", "граж", "национальн", "nationalit", "citizenship", "подданств") or h in {
        "гр во", "гр", "нац", "nat",
    }:  # fmt: skip
        return "citizenship"
    if _has(h, "действ", "срок", "expir", "valid", "окончан", "годен") or h in {"exp", "до", "д ия"}:
        return "passport_expiry"
    if _has(h, "выдач", "выдан", "issue", "кем"):
        return "ignore"  # issue date and authority: kept for forms later, not canonical
    if "фио" in words or "ф и о" in h or _has(h, "full name", "fullname") or h in {
        "турист", "туристы", "tourist", "tourists", "passenger", "пассажир",
        "passenger name", "name of passenger", "guest", "гость", "guest name", "участник",
    }:  # fmt: skip
        return "full_name" + script
    if _has(h, "отчеств", "patronym", "middle name") or h in {"отч", "отч рус"}:
        return "patronymic_ru"
    if _has(h, "фамил", "surname", "last name", "lastname", "family name") or h.split()[0] == "фам":
        if "имя" in words or "name" in words - {"last", "family"} and "first" in words:
            return "full_name" + script
        return "surname" + script
    if h.startswith("имя") or h.split()[0] == "им" or _has(h, "first name", "firstname", "given name", "forename"):
        return "name" + script
    if h in {"name", "names", "name lat", "name latin"}:
        return "name" + script
    if h in {"пол", "sex", "gender", "м ж", "m f", "пол м ж"} or h.startswith("пол "):
        return "gender"
    if _has(h, "титул", "обращение") or h in {"title", "mr mrs"}:
        return "title"
    internal = _has(h, "паспорт рф", "пасп рф", "внутр", "общегражд", "российск", "national id", "internal")
    if _has(h, "паспорт", "пасп", "passport", "загран", "загр", "з п", "document", "документ") or internal:
        base = "internal" if internal else "passport"
        if _has(h, "серия", "series") or "сер" in words:
            return f"{base}_series" if not _has(h, "номер", "number", "no") else (
                "internal_passport" if internal else "passport"
            )
        if _has(h, "номер", "number") or "no" in words or "№" in h:
            return f"{base}_number" if _has(h, "только") else ("internal_passport" if internal else "passport")
        return "internal_passport" if internal else "passport"
    if h in {"серия", "series", "сер"}:
        return "passport_series"
    if h in {"номер", "number"}:
        return "passport_number"
    return None


def find_header(rows: Sequence[Sequence[object]]) -> tuple[int | None, dict[int, str]]:
    """The index of the header row among the first rows, and its column mapping."""
    best: tuple[int, int | None, dict[int, str]] = (1, None, {})
    for idx, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = {}
        for col, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) <= 60:
                target = classify_header(cell)
                if target:
                    mapping[col] = target
        score = sum(1 for t in mapping.values() if t != "ignore")
        if score > best[0]:
            best = (score, idx, mapping)
    return best[1], best[2]


def resolve_mapping(mapping: dict[int, str], data: Sequence[Sequence[object]]) -> dict[int, str]:
    """Settle what the header alone leaves open, looking at the values below it."""
    out = dict(mapping)
    targets = Counter(out.values())
    if "name" in targets and not ({"surname", "surname_lat", "surname_ru"} & set(targets)):
        # A lone "Name" column beside no surname column holds the whole name.
        for col, t in out.items():
            if t == "name":
                out[col] = "full_name"
    for col, t in list(out.items()):
        if t in ("surname", "name", "full_name") and targets[t] > 1:
            script = _column_script(data, col)
            if script in ("lat", "ru") and t != "full_name":
                out[col] = f"{t}_{script}"
    return out


def _column_script(data: Sequence[Sequence[object]], col: int) -> str | None:
    seen = Counter(
        script_of(cell_text(row[col])) for row in data[:50] if col < len(row) and not is_blank(row[col])
    )
    seen.pop(None, None)
    return seen.most_common(1)[0][0] if seen else None


def guess_columns(data: Sequence[Sequence[object]], today: dt.date | None = None) -> dict[int, str]:
    """Map a table with no header by what its values look like."""
    today = today or dt.date.today()
    width = max((len(r) for r in data), default=0)
    out: dict[int, str] = {}
    lat_names: list[int] = []
    ru_names: list[int] = []
    dates: list[tuple[int, str]] = []
    for col in range(width):
        values = [row[col] for row in data[:200] if col < len(row) and not is_blank(row[col])]
        if not values:
            continue
        kind = _value_kind(values, today)
        if kind == "name_lat":
            lat_names.append(col)
        elif kind == "name_ru":
            ru_names.append(col)
        elif kind in ("birth_date", "passport_expiry"):
            dates.append((col, kind))
        elif kind and kind not in out.values():
            out[col] = kind
    out.update(_settle_dates(dates))
    for cols, fields, full in (
        (lat_names, ("surname_lat", "name_lat"), "full_name_lat"),
        (ru_names, ("surname_ru", "name_ru", "patronymic_ru"), "full_name_ru"),
    ):
        single = []
        for col in cols:
            if _mostly_multiword(data, col):
                out[col] = full
            else:
                single.append(col)
        out.update(_name_columns(data, single, fields))
    return out


def _name_columns(data: Sequence[Sequence[object]], cols: list[int], fields: tuple[str, ...]) -> dict[int, str]:
    """Surname, first name and patronymic among the one-word name columns of one script: the
    names dictionary tells the first names and the patronymics; the rest go in the usual order
    (surname first)."""
    out: dict[int, str] = {}
    shares = {col: name_kind_shares(data, col) for col in cols} if len(cols) > 1 else {}
    for field, kind in ((fields[1], "first"), (fields[2] if len(fields) > 2 else "", "patronymic")):
        ranked = sorted((c for c in cols if c not in out), key=lambda c: -shares.get(c, {}).get(kind, 0.0))
        if field and ranked and shares.get(ranked[0], {}).get(kind, 0.0) >= KIND_SHARE:
            out[ranked[0]] = field
    rest = iter(f for f in fields if f not in out.values())
    for col in cols:
        if col not in out:
            field = next(rest, None)
            if field is None:
                break
            out[col] = field
    return out


#: a column is the first names (or the patronymics) when the dictionary says so of this share
KIND_SHARE = 0.6


def name_kind_shares(data: Sequence[Sequence[object]], col: int) -> dict[str, float]:
    """The share of a column's names the names dictionary (the ``name-kind`` translator) takes
    for a first name, a patronymic or a surname; empty without that translator."""
    translator = registry().translators.get("name-kind")
    if translator is None:
        return {}
    words = []
    for row in data[:100]:
        if col < len(row) and not is_blank(row[col]):
            text, _ = strip_title(clean_name(cell_text(row[col]))[0])
            if text:
                words.append(text.split()[0])
    if not words:
        return {}
    kinds = Counter(translator.translate(w) or "surname" for w in words)
    return {kind: n / len(words) for kind, n in kinds.items()}


#: what a column's values alone may make of a column whose header says nothing we know
_BY_VALUES = frozenset({"birth_date", "passport_expiry", "passport", "internal_passport", "ticket_number",
                        "gender", "title", "citizenship"})  # fmt: skip
_FAMILIES = {
    "passport": {"passport", "passport_series", "passport_number"},
    "internal_passport": {"internal_passport", "internal_series", "internal_number"},
    "gender": {"gender", "title"},
    "title": {"gender", "title"},
}


def settle_unknown(
    mapping: dict[int, str], data: Sequence[Sequence[object]], today: dt.date | None = None
) -> dict[int, str]:
    """Columns whose header says nothing we know ("Д/р клиента", "Прим."), read by their values:
    dates, passport-like numbers, sex letters, countries, first names and patronymics the names
    dictionary knows. Only a field no other column gives is taken; the rest stay unknown."""
    today = today or dt.date.today()
    out = dict(mapping)
    width = max((len(r) for r in data), default=0)
    for col in range(width):
        if col in out:
            continue
        values = [row[col] for row in data[:200] if col < len(row) and not is_blank(row[col])]
        if not values:
            continue
        kind = _value_kind(values, today)
        taken = set(out.values())
        if kind in _BY_VALUES and not (_FAMILIES.get(kind, {kind}) & taken):
            out[col] = kind
        elif kind in ("name_lat", "name_ru") and not any(t.startswith("full_name") for t in taken):
            # the dictionary is asked only when a name field is still missing
            want_name = not taken & {"name", "name_lat", "name_ru"}
            want_patronymic = kind == "name_ru" and "patronymic_ru" not in taken
            shares = name_kind_shares(data, col) if want_name or want_patronymic else {}
            if want_name and shares.get("first", 0.0) >= KIND_SHARE:
                out[col] = "name"
            elif want_patronymic and shares.get("patronymic", 0.0) >= KIND_SHARE:
                out[col] = "patronymic_ru"
    return out


def _settle_dates(dates: list[tuple[int, str]]) -> dict[int, str]:
    """Birth date and expiry among the date columns of a table with no header.

    A two-digit year (14MAY31) reads as a past birth year, so with two such columns the
    usual order of lists decides: the birth date comes before the passport's expiry.
    """
    if len(dates) == 1:
        return dict(dates)
    out: dict[int, str] = {}
    future = [c for c, k in dates if k == "passport_expiry"]
    if future:
        out[future[0]] = "passport_expiry"
        rest = [c for c, _ in dates if c != future[0]]
        if rest:
            out[rest[0]] = "birth_date"
        return out
    if len(dates) >= 2:
        out[dates[0][0]] = "birth_date"
        out[dates[1][0]] = "passport_expiry"
    return out


def _mostly_multiword(data: Sequence[Sequence[object]], col: int) -> bool:
    cells = [cell_text(r[col]) for r in data[:200] if col < len(r) and not is_blank(r[col])]
    # a title is not a name: IVANOV MR is one surname (and the first name stands beside it)
    multi = sum(1 for c in cells if len(strip_title(c.replace("/", " "))[0].split()) >= 2)
    return multi * 2 > len(cells)


def _value_kind(values: list[object], today: dt.date) -> str | None:
    votes: Counter[str] = Counter()
    for v in values:
        votes[_one_value_kind(v, today)] += 1
    votes.pop("", None)
    if not votes:
        return None
    kind, n = votes.most_common(1)[0]
    return kind if n * 2 >= len(values) else None


def _one_value_kind(value: object, today: dt.date) -> str:
    if isinstance(value, dt.date):
        d = value.date() if isinstance(value, dt.datetime) else value
        return "birth_date" if d < today else "passport_expiry"
    text = cell_text(value)
    digits = re.sub(r"[\s\-]", "", text)
    if re.fullmatch(r"\d{2}\s?\d{7}", text) or re.fullmatch(r"\d{9}", digits):
        return "passport"
    if re.fullmatch(r"\d{2}\s?\d{2}\s?\d{6}", text):
        return "internal_passport"
    if re.fullmatch(r"\d{13}", digits) or re.fullmatch(r"\d{3}-\d{10}", text):
        return "ticket_number"
    if gender_word(text):
        # Titles alone (MR/MRS) in a column of their own say the gender.
        return "title" if title_gender(text)[0] and len(text) > 1 else "gender"
    if re.search(r"\d", text):
        try:
            d = parse_date(text, today=today)
        except BadDate:
            return ""
        return "birth_date" if d < today else "passport_expiry"
    script = script_of(text)
    if script == "lat":
        return "name_lat"
    if script == "ru":
        if text.lower().replace("ё", "е") in _COUNTRY_WORDS:
            return "citizenship"
        return "name_ru"
    return ""


_COUNTRY_WORDS = {"россия", "рф", "беларусь", "казахстан", "украина", "армения", "узбекистан"}


def describe(mapping: dict[int, str], header: Sequence[object] | None) -> list[tuple[int, str, str]]:
    """(1-based column, header text, field) for a preview."""
    out = []
    for col in sorted(mapping):
        head = cell_text(header[col]) if header is not None and col < len(header) else ""
        out.append((col + 1, head, mapping[col]))
    return out


__all__ = [
    "classify_header", "describe", "find_header", "guess_columns", "name_kind_shares", "resolve_mapping",
    "settle_unknown", "split_full_name",
]  # fmt: skip
