"""The workbook's native Excel charts, one per section, drawn from the cells of the section's sheet
(so a changed cell changes the chart). Each ``chart_*(book, sheet, section, placed, lang)``
returns an xlsxwriter chart, or None when the section has nothing to draw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.crm import report_words as w
from pipeline.crm.report_model import Section

BLUE, LIGHT, RED, GREEN, GREY, SAND = "#2F6690", "#9EC5E8", "#D1495B", "#3A7D44", "#8D99AE", "#EDAE49"


@dataclass
class Placed:
    """Where a section's table landed on its sheet, for the chart to point at."""

    sheet: str
    first: int  # first body row
    last: int  # last body row (the total row, if any, is last + 1)
    columns: dict[str, int]
    total: int | None
    extra: dict[str, tuple[int, dict[str, int], int]]  # chart data blocks: name -> (first row, columns, last row)


def _mln(lang: str) -> str:
    """An axis of roubles in millions (each ``,`` after the digits divides by a thousand)."""
    return f'#,##0,, "{w.chart_word("mln", lang)}"'


def _col(p: Placed, key: str) -> list:
    return [p.sheet, p.first, p.columns[key], p.last, p.columns[key]]


def _labels(p: Placed) -> list:
    return [p.sheet, p.first, 0, p.last, 0]


def _base(book, kind: str, section: Section, lang: str, subtype: str | None = None):
    chart = book.add_chart({"type": kind, **({"subtype": subtype} if subtype else {})})
    chart.set_title({"name": w.title(section.key, lang), "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 340})
    return chart


def chart_new_repeat(book, sheet, s: Section, p: Placed, lang: str):
    if s.table.empty:
        return None
    chart = _base(book, "column", s, lang, "stacked")
    for key, color in (("revenue_repeat", BLUE), ("revenue_new", LIGHT)):
        chart.add_series({"name": w.chart_word(key, lang), "categories": _labels(p), "values": _col(p, key),
                          "fill": {"color": color}, "gap": 60})  # fmt: skip
    chart.set_x_axis({"num_format": "mm.yyyy", "date_axis": False})
    chart.set_y_axis({"num_format": _mln(lang), "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    return chart


def chart_cohorts(book, sheet, s: Section, p: Placed, lang: str):
    months = [k for k in s.table.columns if k.startswith("m")]
    if s.table.empty or p.total is None:
        return None
    first, last = p.columns[months[0]], p.columns[months[-1]]
    # the heat map is the table itself: a colour scale over the shares
    sheet.conditional_format(p.first, first, p.last, last, {"type": "3_color_scale", "min_color": "#F7FCF0",
                                                             "mid_color": "#7BCCC4", "max_color": "#084081"})  # fmt: skip
    chart = _base(book, "line", s, lang)
    chart.add_series({"name": w.total_label(s, lang), "categories": [p.sheet, p.first - 1, first, p.first - 1, last],
                      "values": [p.sheet, p.total, first, p.total, last], "marker": {"type": "circle"},
                      "line": {"color": BLUE, "width": 2.25}})  # fmt: skip
    chart.set_y_axis({"num_format": "0%", "min": 0})
    return chart


def chart_pareto(book, sheet, s: Section, p: Placed, lang: str):
    if "curve" not in p.extra:
        return None
    first, cols, last = p.extra["curve"]
    chart = _base(book, "scatter", s, lang, "straight")
    x = [p.sheet, first, cols["clients_pct"], last, cols["clients_pct"]]
    for key, name, color in (("revenue_pct", "cum_revenue", BLUE), ("margin_pct", "cum_margin", SAND)):
        chart.add_series({"name": w.chart_word(name, lang), "categories": x,
                          "values": [p.sheet, first, cols[key], last, cols[key]], "line": {"color": color}})
    chart.set_x_axis({"name": w.chart_word("clients_pct", lang), "min": 0, "max": 100})
    chart.set_y_axis({"name": w.chart_word("revenue_pct", lang), "min": 0, "max": 100})
    return chart


def chart_costs(book, sheet, s: Section, p: Placed, lang: str):
    chart = _base(book, "column", s, lang)
    for key, name, color in (("per_client_before", "before", LIGHT), ("per_client_now", "now", BLUE)):
        chart.add_series({"name": w.chart_word(name, lang), "categories": _labels(p), "values": _col(p, key),
                          "fill": {"color": color}, "data_labels": {"value": key == "per_client_now"}})  # fmt: skip
    chart.set_y_axis({"name": w.chart_word("per_client", lang), "num_format": '#,##0 "₽"'})
    return chart


def chart_leave(book, sheet, s: Section, p: Placed, lang: str):
    if s.table.empty:
        return None
    chart = _base(book, "bar", s, lang, "stacked")
    for key, color in (("refusal", SAND), ("return", GREY), ("complaint", RED)):
        chart.add_series({"name": w.column(key, lang), "categories": _labels(p), "values": _col(p, key),
                          "fill": {"color": color}, "gap": 50})  # fmt: skip
    chart.set_y_axis({"reverse": True})  # the most frequent reason on top, as in the table
    return chart


def chart_nps(book, sheet, s: Section, p: Placed, lang: str):
    if "weekly" not in p.extra:
        return None
    first, cols, last = p.extra["weekly"]
    dates = [p.sheet, first, 0, last, 0]
    band = _base(book, "area", s, lang, "stacked")
    band.add_series({"name": "", "categories": dates, "values": [p.sheet, first, cols["low"], last, cols["low"]],
                     "fill": {"none": True}, "border": {"none": True}})  # fmt: skip
    band.add_series({"name": w.chart_word("band", lang), "categories": dates,
                     "values": [p.sheet, first, cols["band"], last, cols["band"]],
                     "fill": {"color": LIGHT, "transparency": 40}, "border": {"none": True}})  # fmt: skip
    line = book.add_chart({"type": "line"})
    line.add_series({"name": w.chart_word("week", lang), "categories": dates,
                     "values": [p.sheet, first, cols["nps"], last, cols["nps"]], "line": {"none": True},
                     "marker": {"type": "circle", "size": 3, "fill": {"color": GREY}, "border": {"none": True}}})
    line.add_series({"name": w.chart_word("rolling", lang), "categories": dates,
                     "values": [p.sheet, first, cols["r13_nps"], last, cols["r13_nps"]],
                     "line": {"color": BLUE, "width": 2.25}})  # fmt: skip
    band.combine(line)
    band.set_legend({"position": "bottom", "delete_series": [0]})
    band.set_x_axis({"date_axis": True, "num_format": "mm.yyyy"})
    band.set_y_axis({"min": -100, "max": 100})
    band.show_blanks_as("gap")
    return band


def chart_destinations(book, sheet, s: Section, p: Placed, lang: str):
    t = s.table
    if t.empty:
        return None
    chart = _base(book, "bar", s, lang)
    plus = (t["high"] - t["nps"]).clip(lower=0).fillna(0).round(1).tolist()
    minus = (t["nps"] - t["low"]).clip(lower=0).fillna(0).round(1).tolist()
    chart.add_series({"name": "NPS", "categories": _labels(p), "values": _col(p, "nps"), "fill": {"color": BLUE},
                      "y_error_bars": {"type": "custom", "plus_values": plus, "minus_values": minus}})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"min": -100, "max": 100, "name": w.chart_word("nps_per_manager", lang)})
    chart.set_legend({"none": True})
    return chart


def chart_managers(book, sheet, s: Section, p: Placed, lang: str):
    if s.table.empty:
        return None
    chart = _base(book, "column", s, lang)
    chart.add_series({"name": w.column("revenue", lang), "categories": _labels(p), "values": _col(p, "revenue"),
                      "fill": {"color": BLUE}})  # fmt: skip
    line = book.add_chart({"type": "line"})
    line.add_series({"name": "NPS", "categories": _labels(p), "values": _col(p, "nps"), "y2_axis": True,
                     "line": {"none": True}, "marker": {"type": "diamond", "size": 8, "fill": {"color": RED}}})
    chart.combine(line)
    chart.set_y_axis({"num_format": _mln(lang)})
    line.set_y2_axis({"min": -100, "max": 100, "name": "NPS"})
    return chart


def chart_segments(book, sheet, s: Section, p: Placed, lang: str):
    if s.table.empty:
        return None
    chart = _base(book, "bar", s, lang)
    chart.add_series({"name": w.column("clients", lang), "categories": _labels(p), "values": _col(p, "clients"),
                      "fill": {"color": GREEN}, "data_labels": {"value": True}})  # fmt: skip
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return chart


def data_blocks(s: Section) -> dict[str, pd.DataFrame]:
    """The chart data the sheet gets below its table: the Pareto curve, the weekly NPS (with the
    interval's width, which the band is drawn from)."""
    out = {}
    if "curve" in s.chart:
        out["curve"] = s.chart["curve"].set_index("clients_pct")
    weekly = s.chart.get("weekly")
    if weekly is not None and not weekly.empty:
        out["weekly"] = weekly.assign(band=weekly["high"] - weekly["low"]).rename_axis("week")
    return out


CHARTS: dict[str, Callable] = {
    "new_repeat": chart_new_repeat, "cohorts": chart_cohorts, "pareto": chart_pareto, "costs": chart_costs,
    "leave": chart_leave, "nps": chart_nps, "destinations": chart_destinations, "managers": chart_managers,
    "segments": chart_segments,
}  # fmt: skip
