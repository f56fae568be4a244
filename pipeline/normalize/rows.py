"""Every importer's rows pass through here: header found, columns mapped, values cleaned,
each row accounted for as ok, warning or rejected."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.hooks.manager import registry
from pipeline.normalize import documents
from pipeline.normalize.citizenship import citizenship as to_alpha3
from pipeline.normalize.columns import classify_header, guess_columns, resolve_mapping, settle_unknown
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.normalize.fast import FastColumns, as_text, normalize_columns, null_unless, to_bools
from pipeline.normalize.freetext import CONTACT_SIEVE, PHRASE_PATTERN, is_closing, is_letter_line, is_prose
from pipeline.normalize.headers import find_header_block, header_at
from pipeline.normalize.names import (
    CHILD_MARKERS,
    gender_word,
    patronymic_gender,
    split_full_name,
    strip_title,
    title_gender,
)
from pipeline.normalize.text import cell_text, clean_name, cyrillic_title, is_blank, script_of
from pipeline.normalize.unusable import drop_unusable, report_unusable
from pipeline.record import CANONICAL_FIELDS, RowResult
from pipeline.types import RawTable

#: the order fields are read in a row: citizenship before passports, names before gender
_ORDER = (
    "citizenship", "full_name", "full_name_lat", "full_name_ru", "surname", "surname_lat",
    "surname_ru", "name", "name_lat", "name_ru", "patronymic_ru", "title", "gender",
    "birth_date", "passport", "passport_series", "passport_number", "passport_expiry",
    "internal_passport", "internal_series", "internal_number", "ticket_number",
)  # fmt: skip
EXPIRY_MARGIN_DAYS = 183
REVERSE_CONFIDENCE_FLOOR = 0.8


@dataclass
class LatinRule:
    """A Cyrillic-to-Latin scheme and what a clerk is told it is."""

    name: str
    description: str
    many: Callable[[Sequence[str]], list[str]]


@dataclass
class Transliterators:
    """What normalization needs from the translator plugins."""

    to_lat: Callable[[Sequence[str]], list[str]] | None = None
    to_ru: Callable[[str, str | None], tuple[str, float]] | None = None
    #: citizenship (ISO alpha-3) -> the scheme its passports follow, where it is not ICAO's
    national: dict[str, LatinRule] = field(default_factory=dict)

    @classmethod
    def from_registry(cls) -> Transliterators:
        tr = registry().translators
        icao = tr.get("icao")
        rev = tr.get("lat2ru")
        national = {
            country: LatinRule(t.name, t.description, t.many)
            for t in tr.values() if t.target == "lat" and t.name != "icao" for country in t.countries
        }  # fmt: skip
        return cls(icao.many if icao else None, rev.scored if rev else None, national if icao else {})

    def latin_rule(self, citizenship: str | None) -> LatinRule | None:
        """The scheme for a tourist of ``citizenship``: their country's own, else ICAO 9303."""
        if citizenship in self.national:
            return self.national[citizenship]
        if self.to_lat is None:
            return None
        return LatinRule("icao", "ICAO Doc 9303", self.to_lat)


def rule_note(citizenship: str, rule: LatinRule, latin: Sequence[str]) -> str:
    """What a clerk is told when a Latin name follows a country's own rules rather than ICAO's."""
    return f'the Latin name "{" ".join(latin)}" follows {rule.description}, as the citizenship is {citizenship}'


@dataclass
class TableResult:
    rows: list[RowResult]
    mapping: dict[int, str]
    header: list[Any] | None
    header_row: int | None
    table_name: str = ""
    #: the lines that are not tourists (a greeting, a signature, a total), one message each
    skipped: list[str] = field(default_factory=list)
    #: the columns read but not used, one message each ("column «Прим.» not used")
    unused: list[str] = field(default_factory=list)

    def column_label(self, col: int) -> str:
        return _label(self.header, col)


def _label(header: Sequence[Any] | None, col: int) -> str:
    if header is not None and col < len(header) and not is_blank(header[col]):
        return cell_text(header[col])
    return f"column {col + 1}"


def detect(table: RawTable, today: dt.date | None = None) -> tuple[int | None, dict[int, str]]:
    """Header row (index in the frame of its bottom row, ``None`` when there is none) and
    column mapping: by the header's words (over one or more rows), then by the values of the
    columns the words leave open."""
    rows = table.frame.head(HEADER_ROWS_TO_SCAN).values.tolist()
    found = find_header_block(rows)
    if found is None:
        return None, guess_columns(_sample(table.frame.head(200).values.tolist()), today)
    data = _sample(table.frame.iloc[found.last + 1 : found.last + 201].values.tolist())
    return found.last, settle_unknown(resolve_mapping(found.mapping, data[:50]), data, today)


def _sample(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows to read the columns' values from, without a letter's lines ("Здравствуйте!" in the
    first column would vote for a column of Cyrillic names)."""
    out = []
    for row in rows:
        texts = [cell_text(v) for v in row if not is_blank(v)]
        if texts and not is_letter_line(texts) and not (len(texts) == 1 and is_prose(texts[0])):
            out.append(row)
    return out


HEADER_ROWS_TO_SCAN = 30


def normalize_table(
    table: RawTable,
    *,
    mapping: dict[int, str] | None = None,
    header_row: int | None = -1,
    today: dt.date | None = None,
    travel_date: dt.date | None = None,
    translit: Transliterators | None = None,
    origin: str = "",
    fast: bool = True,
    header: Sequence[Any] | None = None,
    first_row: int = 1,
) -> TableResult:
    """Normalize every data row of ``table``.

    ``mapping``/``header_row`` override detection (a saved mapping); ``header_row=-1``
    means detect. ``travel_date`` is the trip's start, for the passport-validity warning.
    A later chunk of a big source passes the first chunk's ``mapping``, ``header_row=None``,
    its ``header`` (for messages) and the number of its ``first_row``. ``fast=False`` takes
    every row through the per-row rules (the tests compare both paths).
    """
    today = today or dt.date.today()
    if mapping is None or header_row == -1:
        found_row, found_map = detect(table, today)
        header_row = found_row if header_row == -1 else header_row
        mapping = mapping or found_map
    frame = table.frame
    above: list[str] = []
    cells = header
    if header_row is not None:
        cells = frame.iloc[header_row].tolist()
        found = header_at(frame.head(header_row + 1).values.tolist(), header_row)
        header = found.labels if found is not None else cells
        top = found.first if found is not None else header_row
        above = _lines_above(frame.head(top), first_line=1)
    start = header_row + 1 if header_row is not None else 0
    ctx = _RowContext(mapping, header, today, travel_date)
    body = frame.iloc[start:]
    with _gc_paused():
        texts = {col: as_text(body[col]) for col in body.columns}
        body, texts, unusable = drop_unusable(body, texts, mapping)
        data_pos, skipped = _data_rows(body, texts, mapping, cells)
        translit = translit if translit is not None else Transliterators.from_registry()
        results, to_fill, to_check = _results(body, texts, data_pos, ctx, first_row, origin, fast, translit)
        report_unusable(results, data_pos, unusable, lambda col: _label(header, col))
        _fill_missing_scripts([results[k] for k in to_fill], translit)
        for k in to_check:
            _final_checks(results[k], ctx)
    unused = [f"{_named(header, col)} not used" for col, arr in texts.items()
              if col not in mapping and pc.any(pc.is_valid(arr)).as_py()]  # fmt: skip
    return TableResult(results, mapping, header, header_row, table.name, above + skipped, unused)


def _named(header: Sequence[Any] | None, col: int) -> str:
    """A column as a clerk finds it: by its header, or by its number in a list without one."""
    if header is not None and col < len(header) and not is_blank(header[col]):
        return f"column «{cell_text(header[col])}»"
    return f"column {col + 1}"


def _line_text(row: Sequence[Any]) -> str:
    text = " ".join(cell_text(v) for v in row if not is_blank(v))
    return text if len(text) <= 60 else text[:59] + "…"


def _skipped(line: int | None, row: Sequence[Any]) -> str:
    where = f"line {line}" if line is not None else "a line"
    return f"{where} skipped, not a tourist: «{_line_text(row)}»"


def _lines_above(head: pd.DataFrame, first_line: int) -> list[str]:
    """The lines above a table's header (a title, a greeting, a letter's first lines), each
    reported as skipped."""
    return [
        _skipped(_line_of(head.index, pos), row)
        for pos, row in enumerate(head.values.tolist())
        if any(not is_blank(v) for v in row)
    ]


def _line_of(index: pd.Index, pos: int) -> int | None:
    """The line (or sheet row) of a table's row: its label in the frame, counted from 1."""
    label = index[pos]
    return int(label) + 1 if isinstance(label, int | np.integer) else None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a chunk's row objects are built: none of
    them form cycles, and the collector re-scanning them costs two thirds of the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _results(
    body: pd.DataFrame, texts: dict[int, pa.Array], data_pos: list[int], ctx: _RowContext, first_row: int,
    origin: str, fast: bool, translit: Transliterators,
) -> tuple[list[RowResult], list[int], list[int]]:
    """One result per data row (regular rows from the columns, the others row by row), the
    rows that may still lack a name in one script, and those the final checks may have
    something to say about."""
    if len(data_pos) < len(body):
        index = pa.array(data_pos, type=pa.int64())
        texts = {c: pc.take(a, index) for c, a in texts.items()}
    columnar = (
        normalize_columns({c: texts[c] for c, _ in ctx.columns if c in texts}, ctx.columns, today=ctx.today,
                          labels=ctx.labels)
        if fast
        else None
    )  # fmt: skip
    if columnar is None:
        results = [RowResult(k + first_row, origin=origin) for k in range(len(data_pos))]
        rows = body.iloc[data_pos].values.tolist() if data_pos else []
        for res, row in zip(results, rows, strict=True):
            ctx.fill(res, row)
        return results, list(range(len(results))), list(range(len(results)))
    n = len(data_pos)
    regular = columnar.regular
    derived, guesses, rule_notes, latin_rules = _fill_scripts_columnar(columnar, translit)
    derived["gender"] = columnar.derived_gender
    blank = [None] * n
    columns = [columnar.as_list(f) if f in columnar.fields else blank for f in CANONICAL_FIELDS]
    noted = np.zeros(n, dtype=bool)
    notes = [note.to_pylist() for note in columnar.notes]
    for note in columnar.notes:
        noted |= to_bools(pc.is_valid(note))
    # The hottest loop of an import: one dict and one object a row, nothing else, looped
    # by map() rather than in Python (every column has n values by construction).
    records = list(map(dict, map(zip, repeat(CANONICAL_FIELDS), zip(*columns, strict=True))))
    # rows derived alike share one frozenset (a row's own set is made when it changes)
    keys = sorted(derived)
    kind = np.zeros(n, dtype=np.int64)
    for bit, key in enumerate(keys):
        kind |= (derived[key] & regular).astype(np.int64) << bit
    kinds = [frozenset(key for bit, key in enumerate(keys) if code >> bit & 1) for code in range(1 << len(keys))]
    results: list[RowResult] = list(map(
        RowResult, range(first_row, first_row + n), records, repeat(()), repeat(False), repeat(False),
        map(kinds.__getitem__, kind.tolist()), repeat(origin), latin_rules,
    ))  # fmt: skip
    for k in np.flatnonzero(noted & regular).tolist():
        for note in notes:
            if note[k] is not None:
                results[k].note(f"Row {k + first_row}{note[k]}")
    for k, message in rule_notes:
        results[k].note(f"Row {k + first_row}: {message}")
    for k, message in guesses:
        results[k].warn(f"Row {k + first_row}: {message}")
    slow = np.flatnonzero(~regular).tolist()
    if slow:
        rows = body.iloc[[data_pos[k] for k in slow]].values.tolist()
        for k, row in zip(slow, rows, strict=True):
            res = results[k] = RowResult(k + first_row, origin=origin)
            ctx.fill(res, row)
    return results, np.flatnonzero(_one_script(columnar)).tolist(), np.flatnonzero(~_quiet_rows(columnar, ctx)).tolist()


def _fill_scripts_columnar(
    columnar: FastColumns, translit: Transliterators
) -> tuple[dict[str, np.ndarray], list[tuple[int, str]], list[tuple[int, str]], list[str | None]]:
    """``_fill_missing_scripts`` for the regular rows, once per distinct spelling: the rows
    each field was derived on, the warnings on guesses and the notes on a country's own Latin
    rules (row index, message), and per row the scheme that wrote its Latin."""
    f = columnar.fields
    n = len(columnar.regular)
    regular = pa.array(columnar.regular)
    nothing = pa.nulls(n, pa.large_string())
    derived: dict[str, np.ndarray] = {}
    guesses: list[tuple[int, str]] = []
    rule_notes: list[tuple[int, str]] = []

    def fill(key: str, need: pa.Array, values: pa.Array) -> None:
        f[key] = pc.if_else(need, values, f.get(key, nothing))
        columnar.codes.pop(key, None)
        derived[key] = to_bools(need)

    rules: list[LatinRule] = []
    rule_of = np.zeros(n, dtype=np.int64)  # per row: which of ``rules`` writes its Latin
    derived_lat = np.zeros(n, dtype=bool)
    if translit.to_lat is not None:
        rules = [translit.latin_rule(None)]  # type: ignore[list-item]  # ICAO: to_lat is there
        citizenship = f.get("citizenship")
        if citizenship is not None and translit.national:
            for code in sorted(set(pc.unique(citizenship).to_pylist()) & set(translit.national)):
                rule_of[to_bools(pc.equal(citizenship, code))] = len(rules)
                rules.append(translit.national[code])
        for part in ("surname", "name"):
            lat, ru = f.get(f"{part}_lat", nothing), f.get(f"{part}_ru", nothing)
            need = pc.and_(regular, pc.and_(pc.is_null(lat), pc.is_valid(ru)))
            if not pc.any(need).as_py():
                continue
            values = nothing
            for k, rule in enumerate(rules):
                need_k = pc.and_(need, pa.array(rule_of == k)) if len(rules) > 1 else need
                if not pc.any(need_k).as_py():
                    continue
                encoded = pc.dictionary_encode(null_unless(ru, need_k))
                latin = rule.many(encoded.dictionary.to_pylist())
                values = pc.if_else(need_k, pc.take(pa.array(latin, pa.large_string()), encoded.indices), values)
            fill(f"{part}_lat", need, values)
            derived_lat |= derived[f"{part}_lat"]
        # the rows whose Latin follows their country's own rules say so, as row by row
        for k in np.flatnonzero(derived_lat & (rule_of > 0)).tolist():
            parts = [f[f"{p}_lat"][k].as_py() for p in ("surname", "name") if f"{p}_lat" in derived
                     and derived[f"{p}_lat"][k]]  # fmt: skip
            rule_notes.append((k, rule_note(f["citizenship"][k].as_py(), rules[rule_of[k]], parts)))
    if translit.to_ru is not None:
        gender = pc.fill_null(f.get("gender", nothing), "")
        for part in ("surname", "name"):
            lat, ru = f.get(f"{part}_lat", nothing), f.get(f"{part}_ru", nothing)
            need = pc.and_(regular, pc.and_(pc.is_null(ru), pc.is_valid(lat)))
            if not pc.any(need).as_py():
                continue
            # one guess per spelling and sex: "\x00" joins them into one key
            keyed = pc.binary_join_element_wise(null_unless(lat, need), gender, pa.scalar("\x00", pa.large_string()))
            encoded = pc.dictionary_encode(keyed)
            texts, doubtful = [], []
            for key in encoded.dictionary.to_pylist():
                spelling, _, sex = key.partition("\x00")
                text, confidence = translit.to_ru(spelling, sex or None)
                texts.append(text)
                doubtful.append(_doubtful_guess(text, spelling, confidence))
            fill(f"{part}_ru", need, pc.take(pa.array(texts, pa.large_string()), encoded.indices))
            messages = pc.take(pa.array(doubtful, pa.large_string()), encoded.indices)
            for k in np.flatnonzero(to_bools(pc.is_valid(messages))).tolist():
                guesses.append((k, messages[k].as_py()))
    guesses.sort(key=lambda g: g[0])  # a row's surname before its first name, as row by row
    names = np.array([None, *(r.name for r in rules)], dtype=object)
    latin_rules = names[np.where(derived_lat, rule_of + 1, 0)].tolist()
    return derived, guesses, rule_notes, latin_rules


def _doubtful_guess(text: str, spelling: str, confidence: float) -> str | None:
    """The warning on a Cyrillic spelling guessed with too little confidence, both paths alike."""
    if confidence < REVERSE_CONFIDENCE_FLOOR:
        return f'the Russian spelling "{text}" of "{spelling}" is a guess; please check it'
    return None


def _one_script(columnar: FastColumns) -> np.ndarray:
    """Rows whose surname or first name is still given in one script only (there was no
    translator for the other), and the irregular rows."""
    f = columnar.fields
    n = len(columnar.regular)
    has = {k: to_bools(pc.is_valid(f[k])) if k in f else np.zeros(n, dtype=bool) for k in _NAME_KEYS}
    missing = np.zeros(n, dtype=bool)
    for part in ("surname", "name"):
        missing |= has[f"{part}_lat"] != has[f"{part}_ru"]
    return missing | ~columnar.regular


_NAME_KEYS = ("surname_lat", "surname_ru", "name_lat", "name_ru")


def _quiet_rows(columnar: FastColumns, ctx: _RowContext) -> np.ndarray:
    """Regular rows on which the final checks would say nothing: a surname, a first name, and
    a passport valid long enough (or none). Only the others are checked one by one."""
    f = columnar.fields
    n = len(columnar.regular)

    def given(*keys: str) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        for key in keys:
            if key in f:
                out |= to_bools(pc.is_valid(f[key]))
        return out

    late_enough = np.ones(n, dtype=bool)
    expiry = f.get("passport_expiry")
    if expiry is not None:
        limit = max((ctx.travel or ctx.today) + dt.timedelta(days=EXPIRY_MARGIN_DAYS), ctx.today).isoformat()
        late_enough = ~to_bools(pc.is_valid(expiry)) | to_bools(pc.greater_equal(expiry, limit))
    return given("surname_lat", "surname_ru") & given("name_lat", "name_ru") & late_enough & columnar.regular


def _data_rows(
    body: pd.DataFrame, texts: dict[int, pa.Array], mapping: dict[int, str], header: Sequence[Any] | None
) -> tuple[list[int], list[str]]:
    """Positions of the rows that are tourists; blank, footer and repeated header rows are not.

    Most rows are obviously data (two filled cells, one in a mapped column), found column-wise;
    the rest are judged one by one.
    """
    n = len(body)
    filled = np.zeros(n, dtype=np.int64)
    mapped = np.zeros(n, dtype=bool)
    header_like = np.zeros(n, dtype=np.int64)
    for col, s in texts.items():
        present = to_bools(pc.is_valid(s))
        filled += present
        if mapping.get(col, "ignore") != "ignore":
            mapped |= present
        if header is not None and col < len(header) and isinstance(header[col], str) and classify_header(header[col]):
            header_like += to_bools(pc.equal(s, header[col].strip()))
    obvious = (filled >= 2) & mapped & (header_like < 2)
    # a letter's line split by the table's delimiter ("С уважением, Марина" in a comma list)
    few = np.flatnonzero(obvious & (filled <= 3))
    if len(few):
        obvious[few[_letter_lines(texts, few)]] = False
    if obvious.all():
        return list(range(n)), []
    # Blank rows say nothing; the few others are fetched at once (a sheet whose stated size
    # runs far below the list is mostly blank rows, and a row at a time costs a minute).
    doubtful = np.flatnonzero(~obvious & (filled > 0)).tolist()
    rows = dict(zip(doubtful, body.iloc[doubtful].values.tolist(), strict=True))
    verdicts = {pos: _not_a_row(row, mapping, header) for pos, row in rows.items()}
    # "С уважением," closes a letter: the lines below it are its signature (a name, a company)
    closing = next((pos for pos, why in verdicts.items() if why == "letter" and _closes(rows[pos])), None)
    if closing is not None:
        signature = [pos for pos in np.flatnonzero(filled > 0).tolist() if pos > closing]
        rows.update(zip(signature, body.iloc[signature].values.tolist(), strict=True))
        verdicts.update(dict.fromkeys(signature, "letter"))
        obvious[signature] = False
    positions: list[int] = []
    skipped: list[str] = []
    for pos in np.flatnonzero(obvious | (filled > 0)).tolist():
        why = "" if obvious[pos] else verdicts[pos]
        if not why:
            positions.append(pos)
        elif why != "blank":
            skipped.append(_skipped(_line_of(body.index, pos), rows[pos]))
    return positions, skipped


def _closes(row: Sequence[Any]) -> bool:
    return is_closing(" ".join(cell_text(v) for v in row if not is_blank(v)))


def _letter_lines(texts: dict[int, pa.Array], rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` (positions of rows with few cells) read as letter text: a greeting,
    a signature, an e-mail address, a total. Sifted in C on the joined cells of those rows."""
    index = pa.array(rows, type=pa.int64())
    found = np.zeros(len(rows), dtype=bool)
    # the row's cells joined: "С уважением" | "Марина", or "Добрый" | "день!" split by spaces
    cells = [pc.take(texts[c], index) for c in sorted(texts)]
    line = pc.binary_join_element_wise(*cells, pa.scalar(" ", cells[0].type), null_handling="skip")
    for pattern in (PHRASE_PATTERN, CONTACT_SIEVE):
        found |= to_bools(pc.fill_null(pc.match_substring_regex(line, pattern, ignore_case=True), False))
    if found.any():  # the regex is the quick sieve; the row's words decide
        for k in np.flatnonzero(found).tolist():
            found[k] = is_letter_line([w for c in cells if (w := c[k].as_py()) is not None])
    return found


#: fields whose column may hold a stray line of text (a lone cell there is judged as prose)
_WORDY = frozenset({"surname", "surname_lat", "surname_ru", "name", "name_lat", "name_ru", "full_name",
                    "full_name_lat", "full_name_ru", "patronymic_ru", "ignore"})  # fmt: skip


def _not_a_row(row: Sequence[Any], mapping: dict[int, str], header: Sequence[Any] | None) -> str:
    filled = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
    if not filled:
        return "blank"
    texts = [cell_text(v) for _, v in filled]
    if is_letter_line(texts):
        return "letter"
    if len(filled) == 1:
        text = texts[0]
        if ":" in text or mapping.get(filled[0][0], "ignore") == "ignore":
            return "letter"
        if mapping[filled[0][0]] in _WORDY and is_prose(text):
            return "letter"
    if all(mapping.get(c, "ignore") == "ignore" for c, _ in filled):
        return "blank"
    if header is not None:
        # a header repeated on a new page of a PDF or a printed list
        same = sum(
            1 for c, v in filled
            if isinstance(v, str) and c < len(header) and cell_text(header[c]) == v.strip()
            and classify_header(v)
        )  # fmt: skip
        if same >= 2:
            return "blank"
    return ""


class _RowContext:
    def __init__(self, mapping: dict[int, str], header: Sequence[Any] | None, today: dt.date,
                 travel: dt.date | None):  # fmt: skip
        order = {t: i for i, t in enumerate(_ORDER)}
        self.columns = sorted(
            ((c, t) for c, t in mapping.items() if t in order), key=lambda ct: (order[ct[1]], ct[0])
        )
        self.header = header
        self.labels = {col: _label(header, col) for col, _ in self.columns}
        self.today = today
        #: the trip's start; ``None`` when the list is imported for no trip
        self.travel = travel

    def fill(self, res: RowResult, row: Sequence[Any]) -> None:
        state = _RowState()
        for col, target in self.columns:
            if col >= len(row) or is_blank(row[col]):
                continue
            _HANDLERS[target](res, state, row[col], _Where(res.source_row, self.labels[col]), self)
        _combine_documents(res, state, self)
        _settle_gender(res, state)


@dataclass
class _Where:
    row: int
    column: str

    def say(self, value: Any, problem: str) -> str:
        return f'Row {self.row}, column "{self.column}", value "{cell_text(value)}": {problem}'


@dataclass
class _RowState:
    genders: list[tuple[str, str]] = field(default_factory=list)  # (gender, where from)
    passport_parts: dict[str, tuple[str, _Where]] = field(default_factory=dict)
    internal_parts: dict[str, tuple[str, _Where]] = field(default_factory=dict)
    child: bool = False


def _name_value(res: RowResult, state: _RowState, value: Any, where: _Where, airline: bool = False) -> str:
    raw = cell_text(value)
    # In a whole-name cell, SURNAME/NAME is the airline way of writing it, not a stray sign
    cleaned, removed = clean_name(raw.replace("/", " ") if airline else raw)
    if removed:
        res.note(where.say(raw, f"removed {removed!r} from the name"))
    cleaned, title = strip_title(cleaned)
    if title:
        _take_title(state, title, where)
    return cleaned


def _take_title(state: _RowState, title: str, where: _Where) -> None:
    _, gender = title_gender(title)
    if gender:
        state.genders.append((gender, f'title "{title}" in column "{where.column}"'))
    if title in CHILD_MARKERS:
        state.child = True


def _put_name(res: RowResult, part: str, text: str | None, script: str | None) -> None:
    if not text:
        return
    if script == "lat":
        key = f"{part}_lat"
        if key in res.record and res.record[key] is None:
            res.record[key] = text.upper()
    elif script == "ru":
        key = "patronymic_ru" if part == "patronymic" else f"{part}_ru"
        if res.record.get(key) is None:
            res.record[key] = cyrillic_title(text)


def _split_scripts(text: str) -> list[tuple[str, str]]:
    """``"Иванов Иван IVANOV IVAN"`` → [("ru", "Иванов Иван"), ("lat", "IVANOV IVAN")]."""
    groups: list[tuple[str, list[str]]] = []
    for word in text.split():
        s = script_of(word) or "lat"
        if groups and groups[-1][0] == s:
            groups[-1][1].append(word)
        else:
            groups.append((s, [word]))
    return [(s, " ".join(ws)) for s, ws in groups]


def _h_full_name(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
    text = _name_value(res, state, value, where, airline=True)
    for script, part in _split_scripts(text) if script_of(text) == "mixed" else [(script_of(text), text)]:
        split = split_full_name(part)
        if split.title:
            _take_title(state, split.title, where)
        if split.dropped:
            res.note(where.say(value, f"left out {split.dropped!r}: foreign passports print no patronymic"))
        _put_name(res, "surname", split.surname, script)
        _put_name(res, "name", split.name, script)
        _put_name(res, "patronymic", split.patronymic, script)


def _h_name_part(part: str, fixed_script: str | None):
    def handler(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
        text = _name_value(res, state, value, where)
        script = script_of(text)
        if script == "mixed":
            for s, piece in _split_scripts(text):
                _put_name(res, part, piece, s)
            return
        if fixed_script and script and script != fixed_script:
            res.note(where.say(value, "written in the other alphabet; taken as such"))
        if part == "patronymic" and script == "lat":
            res.note(where.say(value, "a Latin patronymic is not kept: foreign passports print none"))
            return
        _put_name(res, part, text, script)

    return handler


def _h_gender(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
    text = cell_text(value)
    gender = gender_word(text)
    if gender is None:
        res.warn(where.say(value, "not a sex we know (use M/F, М/Ж, MR/MRS); left empty"))
        return
    state.genders.append((gender, f'column "{where.column}"'))
    if title_gender(text)[0] and text.upper().strip(".") in CHILD_MARKERS:
        state.child = True


def _h_title(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
    text = cell_text(value).upper().strip(".")
    is_title, _ = title_gender(text)
    if not is_title:
        res.warn(where.say(value, "not a title we know (MR, MRS, MS, MISS, MSTR, CHD, INF)"))
        return
    _take_title(state, text, where)


def _h_date(kind: str, key: str):
    def handler(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
        try:
            day = parse_date(value, kind=kind, today=ctx.today)
        except BadDate as exc:
            problem = "is not a real date" if str(exc) == "no such date" else "is not a date"
            if key == "birth_date":
                res.reject(where.say(value, f"{problem}; the tourist is not imported"))
            else:
                res.warn(where.say(value, f"{problem}; left empty"))
            return
        if res.record[key] is None:  # the first column that gives a field wins
            res.record[key] = day.isoformat()
        if key == "birth_date" and day > ctx.today:
            res.reject(where.say(value, "date of birth is in the future; the tourist is not imported"))
        elif key == "birth_date" and day.year < ctx.today.year - 120:
            res.reject(where.say(value, "date of birth more than 120 years ago; the tourist is not imported"))

    return handler


def _h_citizenship(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
    code = to_alpha3(cell_text(value))
    if code is None:
        res.warn(where.say(value, "not a country we know; citizenship left empty"))
    elif res.record["citizenship"] is None:
        res.record["citizenship"] = code


def _h_part(bucket: str, part: str):
    def handler(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
        getattr(state, bucket).setdefault(part, (cell_text(value), where))

    return handler


def _h_ticket(res: RowResult, state: _RowState, value: Any, where: _Where, ctx: _RowContext) -> None:
    try:
        number = documents.ticket(cell_text(value))
    except documents.BadDocument as exc:
        res.warn(where.say(value, f"{exc}; ticket left empty"))
        return
    if res.record["ticket_number"] is None:
        res.record["ticket_number"] = number


def _combine_documents(res: RowResult, state: _RowState, ctx: _RowContext) -> None:
    for bucket, parse, fields, what in (
        (state.passport_parts, lambda t: documents.foreign_passport(t, res.record["citizenship"]),
         ("passport_series", "passport_number"), "passport"),
        (state.internal_parts, documents.internal_passport, ("internal_series", "internal_number"),
         "internal passport"),
    ):  # fmt: skip
        if not bucket:
            continue
        if "whole" in bucket:
            text, where = bucket["whole"]
        else:
            text = " ".join(bucket[p][0] for p in ("series", "number") if p in bucket)
            where = bucket.get("number", bucket.get("series"))[1]
        try:
            series, number = parse(text)
        except documents.BadDocument as exc:
            if what != "passport":
                res.warn(where.say(text, f"no valid {what} number: {exc}; left empty"))
                continue
            # A foreign passport is never dropped nor reshaped: a clerk checks it against the
            # document, and the trip's paperwork still has the number to go on.
            res.warn(where.say(text, f"no valid passport number: {exc}; kept as typed, please check it"))
            if "whole" in bucket:
                series, number = None, text
            else:
                series, number = bucket.get("series", (None,))[0], bucket.get("number", (None,))[0]
        res.record[fields[0]], res.record[fields[1]] = series, number


def _settle_gender(res: RowResult, state: _RowState) -> None:
    found = {g for g, _ in state.genders}
    if len(found) > 1:
        sources = ", ".join(f"{g} from {src}" for g, src in state.genders)
        res.warn(f"Row {res.source_row}: the sex is given two ways ({sources}); left empty")
        return
    if found:
        res.record["gender"] = found.pop()
        return
    derived = patronymic_gender(res.record.get("patronymic_ru"))
    if derived:
        res.record["gender"] = derived
        res.mark_derived("gender")


def _final_checks(res: RowResult, ctx: _RowContext) -> None:
    rec = res.record
    if not rec["surname_lat"] and not rec["surname_ru"]:
        res.reject(f"Row {res.source_row}: no surname; the tourist is not imported")
    elif not rec["name_lat"] and not rec["name_ru"]:
        res.warn(f"Row {res.source_row}: no first name")
    expiry = rec["passport_expiry"]
    if expiry:
        day = dt.date.fromisoformat(expiry)
        if day < ctx.today:
            res.warn(f"Row {res.source_row}: the passport expired on {day:%d.%m.%Y}")
        elif ctx.travel is None:
            # no trip to measure against: what a clerk needs is whether it runs out soon
            if day < ctx.today + dt.timedelta(days=EXPIRY_MARGIN_DAYS):
                res.warn(f"Row {res.source_row}: the passport expires on {day:%d.%m.%Y}, within six months")
        elif day < ctx.travel:
            res.warn(f"Row {res.source_row}: the passport expires on {day:%d.%m.%Y}, before the trip starts")
        elif day < ctx.travel + dt.timedelta(days=EXPIRY_MARGIN_DAYS):
            res.warn(
                f"Row {res.source_row}: the passport expires on {day:%d.%m.%Y}, "
                "less than six months after the trip starts"
            )


def _fill_missing_scripts(results: list[RowResult], translit: Transliterators) -> None:
    if translit.to_lat is not None:
        todo = [
            (r, part) for r in results for part in ("surname", "name")
            if r.record[f"{part}_lat"] is None and r.record[f"{part}_ru"]
        ]  # fmt: skip
        # each citizenship's own passport rules, in one call per scheme
        by_rule: dict[str, tuple[LatinRule, list[tuple[RowResult, str]]]] = {}
        for r, part in todo:
            rule = translit.latin_rule(r.record["citizenship"])
            if rule is not None:
                by_rule.setdefault(rule.name, (rule, []))[1].append((r, part))
        for rule, items in by_rule.values():
            latin = rule.many([r.record[f"{p}_ru"] for r, p in items])
            for (r, part), text in zip(items, latin, strict=True):
                r.record[f"{part}_lat"] = text
                r.mark_derived(f"{part}_lat")
                r.latin_rule = rule.name
            if rule.name == "icao":
                continue
            for r in {id(r): r for r, _ in items}.values():
                parts = [r.record[f"{p}_lat"] for p in ("surname", "name") if f"{p}_lat" in r.derived]
                r.note(f"Row {r.source_row}: {rule_note(r.record['citizenship'], rule, parts)}")
    if translit.to_ru is not None:
        # an airline list repeats its surnames: each spelling is guessed once per sex
        guesses: dict[tuple[str, str | None], tuple[str, float]] = {}
        for r in results:
            for part in ("surname", "name"):
                if r.record[f"{part}_ru"] is None and r.record[f"{part}_lat"]:
                    key = (r.record[f"{part}_lat"], r.record["gender"])
                    if key not in guesses:
                        guesses[key] = translit.to_ru(*key)
                    text, confidence = guesses[key]
                    r.record[f"{part}_ru"] = text
                    r.mark_derived(f"{part}_ru")
                    doubt = _doubtful_guess(text, r.record[f"{part}_lat"], confidence)
                    if doubt:
                        r.warn(f"Row {r.source_row}: {doubt}")


_HANDLERS: dict[str, Callable[..., None]] = {
    "full_name": _h_full_name,
    "full_name_lat": _h_full_name,
    "full_name_ru": _h_full_name,
    "surname": _h_name_part("surname", None),
    "surname_lat": _h_name_part("surname", "lat"),
    "surname_ru": _h_name_part("surname", "ru"),
    "name": _h_name_part("name", None),
    "name_lat": _h_name_part("name", "lat"),
    "name_ru": _h_name_part("name", "ru"),
    "patronymic_ru": _h_name_part("patronymic", "ru"),
    "gender": _h_gender,
    "title": _h_title,
    "birth_date": _h_date("birth", "birth_date"),
    "passport_expiry": _h_date("expiry", "passport_expiry"),
    "citizenship": _h_citizenship,
    "passport": _h_part("passport_parts", "whole"),
    "passport_series": _h_part("passport_parts", "series"),
    "passport_number": _h_part("passport_parts", "number"),
    "internal_passport": _h_part("internal_parts", "whole"),
    "internal_series": _h_part("internal_parts", "series"),
    "internal_number": _h_part("internal_parts", "number"),
    "ticket_number": _h_ticket,
}
