"""What the control report holds, before any language: figures, sections, sentences.

Tables keep code keys for their columns and index (``revenue``, ``repeat_pct``); the words
(``report_words``) and units (``report_format``) turn them into headings and printed figures, the
same way for the PDF and the workbook, so the two always show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pipeline.crm.report_format import change


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def previous(self) -> Period:
        """The period just before, as long: whole calendar months go back by months
        (a quarter by the quarter before), any other span by its number of days."""
        after_end = self.end + dt.timedelta(days=1)
        if self.start.day == 1 and after_end.day == 1:
            months = (after_end.year - self.start.year) * 12 + after_end.month - self.start.month
            start = (pd.Timestamp(self.start) - pd.DateOffset(months=months)).date()
            return Period(start, self.start - dt.timedelta(days=1))
        days = (self.end - self.start).days + 1
        return Period(self.start - dt.timedelta(days=days), self.start - dt.timedelta(days=1))


@dataclass(frozen=True)
class Label:
    """A value a sentence names that the words translate: a destination code, a reason category,
    a segment, a manager (``kind`` says which)."""

    kind: str
    value: object


@dataclass(frozen=True)
class Sentence:
    """A sentence to say in the report's language: a template key of ``report_words`` and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """A headline figure with the previous period's value. ``better``: +1 when up is good news,
    -1 when down is, 0 when neither."""

    key: str
    unit: str
    value: object
    previous: object
    better: int = 1

    @property
    def change(self) -> tuple[float | None, str]:
        return change(self.value, self.previous, self.unit)


@dataclass
class Section:
    """One page of the report: a title, a chart, a table and a one-line reading.

    ``table``'s columns are keys of ``report_words.COLUMNS``; ``units`` gives each column's unit;
    ``index`` says what the row labels are (``month``, ``destination``, ``manager``, ...);
    ``total`` is an optional last row (the period as a whole, the agency). ``chart`` holds the
    data the chart draws when it is not the table itself. ``counts`` says which records count.
    """

    key: str
    table: pd.DataFrame
    units: dict[str, str]
    index: str
    reading: Sentence
    counts: Sentence
    total: pd.Series | None = None
    chart: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass
class Report:
    period: Period
    previous: Period
    figures: list[Figure]
    story: list[Sentence]
    sections: list[Section]
    counts: Sentence

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
