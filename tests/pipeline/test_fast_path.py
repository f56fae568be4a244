"""The column-wise fast path gives exactly what the per-row rules give, on any table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize.rows import Transliterators, normalize_table
from pipeline.types import RawTable

TODAY = dt.date(2026, 11, 27)
HEADERS = ["№", "ФИО", "Фамилия", "Имя", "Отчество", "Фамилия (лат.)", "Имя (лат.)", "Пол", "Дата рожд.",
           "Загранпаспорт", "Паспорт РФ", "Действителен до", "Гражданство", "Билет", "Surname", "Name",
           "Passenger", "Примечание"]  # fmt: skip
CELLS = st.sampled_from([
    "", " ", "Иванов", "ИВАНОВА", "петрова", "Римская-Корсакова", "Римская - Корсакова", "Ёлкин", "IVANOV",
    "ivanova", "IVANOV MR", "SMIRNOVA*", "O'BRIEN", "Иванов Иван Иванович", "Петрова Анна", "Цой Виктор Робертович",
    "IVANOV IVAN", "IVANOV IVAN IVANOVICH", "IVANOV/IVAN MR", "Иванов IVANOV", "Анна", "Сергеевна", "Петрович",
    "M", "F", "Ж", "муж", "MRS", "MSTR", "x", "14.05.1978", "1978-05-14", "31.02.1985", "01FEB80", "14.05.2031",
    "01.01.2030", "12.12.2099", "75 1234567", "751234567", "75 888999", "MP1234567", "45 06 123456",
    "4506123456", "5552123456781", "555-2123456781", "РФ", "Россия", "Беларусь", "Марс", "1", "21",
    "Менеджер: Петрова", "Итого 3 туриста",
    # what cleaning removes, with a note: stray signs, digits, double and non-breaking spaces
    "IVANOV.", "ПЕТРОВ*", "Иванов  Иван", "***", "Ivanov, Ivan", "O'BRIEN MR", "IVANOV MR.", "Иванов\u00a0Иван",
    "Müller", "IVANOV-", "IVANOV1", "Петрова-  Водкина", "«Сидоров»", "SMIRNOVA/ANNA MRS*",
    # Ukrainian, Belarusian and Kazakh names (apostrophes typed two ways) and their countries
    "Наталія", "ІВАНЕНКО", "Шевченко Тарас Григорович", "Мар'яна", "Мар’яна", "Дар'я*", "Ґудзь Євген",
    "Яўген", "Әлиев Қанат", "ҚАНАТ", "Украина", "Казахстан", "UKR", "FE123456", "75 12-45",
])  # fmt: skip


@st.composite
def tables(draw):
    width = draw(st.integers(2, 7))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELLS, min_size=width, max_size=width), min_size=1, max_size=8))
    return RawTable(frame=pd.DataFrame([header, *rows], dtype=object))


def _run(table: RawTable, fast: bool, translit: Transliterators | None = None):
    result = normalize_table(table, today=TODAY, translit=translit or Transliterators(), fast=fast)
    return [r.to_json() for r in result.rows], result.skipped


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_fast_path_equals_row_rules(table):
    assert _run(table, fast=True) == _run(table, fast=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_fast_path_fills_the_other_script_as_the_row_rules_do(table):
    # the installed translators: ICAO Latin from Cyrillic, guessed Cyrillic from Latin
    translit = Transliterators.from_registry()
    assert _run(table, fast=True, translit=translit) == _run(table, fast=False, translit=translit)


def test_regular_rows_skip_the_row_rules(sample_csv, monkeypatch):
    from pipeline.importing.sources import normalize_source
    from pipeline.normalize import rows as rows_module
    from pipeline.types import Source

    slow: list[int] = []
    original = rows_module._RowContext.fill
    monkeypatch.setattr(rows_module._RowContext, "fill", lambda self, res, row: slow.append(res.source_row) or original(self, res, row))
    result = normalize_source(Source.from_path(sample_csv), translit=Transliterators())
    assert len(result.rows) == 26
    # odd dates (01FEB80, 3 апреля 1990 г., 12/09/1975, 31.02), a short passport and a
    # Belarusian one go row by row; titles (IVANOV MR) and a stray * (row 4) do not
    assert slow == [5, 7, 8, 14, 15, 25]
    assert result.rows[3].messages == ['Row 4, column "Фамилия (лат.)", value "SMIRNOVA*": removed \'*\' from the name']


def test_the_property_test_exercises_both_paths():
    table = RawTable(frame=pd.DataFrame([["ФИО", "Дата рожд."], ["Иванов Иван", "14.05.1978"], ["IVANOV MR", "01FEB80"]], dtype=object))
    assert _run(table, fast=True) == _run(table, fast=False)
