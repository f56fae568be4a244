"""The PDF's charts, one per section, drawn with matplotlib into images (no display, no files).

``draw(section, lang, size)`` gives the picture for a section at ``size`` (width, height in mm);
the workbook draws its own native charts from the same tables (``report_xlsx``).
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib
import numpy as np
import pandas as pd
from PIL import Image

from pipeline.crm import report_words as w
from pipeline.crm.report_format import number
from pipeline.crm.report_model import Section

BLUE, LIGHT, RED, GREEN, GREY, SAND = "#2f6690", "#9ec5e8", "#d1495b", "#3a7d44", "#8d99ae", "#edae49"
DPI = 150
SHORT_MONTHS = {"ru": ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
                "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}  # fmt: skip


def _plt():
    matplotlib.use("Agg")  # a server has no display
    # why here: pyplot is the heavy part of matplotlib, and must come after the backend is chosen
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.titlesize": 9, "legend.frameon": False})  # fmt: skip
    return plt


def _month(day: pd.Timestamp, lang: str, year: bool = True) -> str:
    day = pd.Timestamp(day)
    return f"{SHORT_MONTHS[lang][day.month - 1]}\n{day.year}" if year else SHORT_MONTHS[lang][day.month - 1]


def draw(section: Section, lang: str, size: tuple[float, float]):
    """The section's chart as an RGB picture (PIL) ``size`` mm (width, height) at 150 dpi, or None
    when the section has nothing to draw. A picture rather than PNG bytes: the PDF would decode
    the PNG again, and both steps cost more than drawing."""
    paint = PAINTERS[section.key]
    if section.table.empty and not section.chart:
        return None
    plt = _plt()
    fig = plt.figure(figsize=(size[0] / 25.4, size[1] / 25.4), dpi=DPI)
    try:
        paint(fig, section, lang)
        fig.tight_layout(pad=0.6)
        fig.canvas.draw()
        return Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba()).convert("RGB")
    finally:
        plt.close(fig)


def _new_repeat(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    t = s.table
    x = np.arange(len(t))
    new, repeat = t["revenue_new"] / 1e6, t["revenue_repeat"] / 1e6
    ax.bar(x, repeat, color=BLUE, label=w.chart_word("revenue_repeat", lang))
    ax.bar(x, new, bottom=repeat, color=LIGHT, label=w.chart_word("revenue_new", lang))
    ax.set_xticks(x, [_month(m, lang, year=i == 0 or m.month == 1) for i, m in enumerate(t.index)])
    ax.set_ylabel(w.chart_word("mln", lang))
    for i, pct in enumerate(t["repeat_revenue_pct"]):
        if not pd.isna(pct):
            ax.text(i, repeat.iloc[i] / 2, f"{pct:.0f}%", ha="center", va="center", color="white", fontsize=6.5)
    ax.legend(loc="upper left", ncols=2)


def _cohorts(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    t = s.table[[c for c in s.table.columns if c.startswith("m")]]
    values = np.ma.masked_invalid(t.to_numpy(dtype=float))
    ax.imshow(values, aspect="auto", cmap="YlGnBu", vmin=0, vmax=max(40.0, float(np.nanmax(t.to_numpy(float),
                                                                                          initial=0))))  # fmt: skip
    for (r, c), v in np.ndenumerate(t.to_numpy(dtype=float)):
        if not np.isnan(v):
            ax.text(c, r, f"{v:.0f}", ha="center", va="center", fontsize=6, color="white" if v > 30 else "#333")
    ax.set_xticks(range(t.shape[1]), [c[1:] for c in t.columns])
    ax.set_yticks(range(len(t)), [number(m, "month", lang) for m in t.index], fontsize=6.5)
    ax.set_xlabel(w.chart_word("months_after", lang))
    ax.spines[["left", "bottom"]].set_visible(False)


def _pareto(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    c = s.chart["curve"]
    ax.plot(c["clients_pct"], c["revenue_pct"], color=BLUE, lw=2, label=w.chart_word("cum_revenue", lang))
    ax.plot(c["clients_pct"], c["margin_pct"], color=SAND, lw=1.5, ls="--", label=w.chart_word("cum_margin", lang))
    ax.plot([0, 100], [0, 100], color=GREY, lw=0.8, ls=":", label=w.chart_word("equal", lang))
    if 20 in s.table.index and not pd.isna(s.table.loc[20, "revenue_pct"]):
        share = s.table.loc[20, "revenue_pct"]
        ax.axvline(20, color=GREY, lw=0.6)
        ax.annotate(number(share, "pct", lang), (20, share), xytext=(28, share - 12), color=BLUE,
                    arrowprops={"arrowstyle": "->", "color": BLUE})  # fmt: skip
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 101)
    ax.set_xlabel(w.chart_word("clients_pct", lang))
    ax.set_ylabel(w.chart_word("revenue_pct", lang))
    ax.legend(loc="lower right")


def _costs(fig, s: Section, lang: str) -> None:
    per, parts = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1, 1]})
    t = s.table
    x = np.arange(len(t))
    names = [w.label("kind", k, lang) for k in t.index]
    per.bar(x - 0.2, t["per_client_before"], 0.4, color=LIGHT, label=w.chart_word("before", lang))
    per.bar(x + 0.2, t["per_client_now"], 0.4, color=BLUE, label=w.chart_word("now", lang))
    for i, v in enumerate(t["per_client_now"]):
        if not pd.isna(v):
            per.text(i + 0.2, v, number(v, "money", lang), ha="center", va="bottom", fontsize=7)
    per.set_xticks(x, names)
    per.set_ylabel(w.chart_word("per_client", lang))
    per.legend(loc="upper right")
    categories = [c for c in t.columns if c not in ("spent", "clients", "per_client_now", "per_client_before")]
    spent = [(c, k, float(t.loc[k, c])) for k in t.index for c in categories if t.loc[k, c] > 0]
    y = np.arange(len(spent))
    parts.barh(y, [v / 1e3 for _, _, v in spent], color=[BLUE if k == "acquisition" else GREEN for _, k, _ in spent],
               height=0.65)  # fmt: skip
    for i, (_, _, v) in enumerate(spent):
        parts.text(v / 1e3, i, " " + number(v, "money", lang), va="center", fontsize=6.5)
    parts.set_yticks(y, [w.column(c, lang) for c, _, _ in spent])
    parts.invert_yaxis()
    parts.set_xlim(0, max((v for _, _, v in spent), default=1) / 1e3 * 1.3)
    parts.set_xlabel(w.chart_word("spent_k", lang))


def _leave(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    t = s.table.iloc[::-1]
    left = np.zeros(len(t))
    y = np.arange(len(t))
    for kind, color in zip(("refusal", "return", "complaint"), (SAND, GREY, RED), strict=True):
        ax.barh(y, t[kind], left=left, color=color, label=w.column(kind, lang))
        left += t[kind].to_numpy()
    for i, total in enumerate(t["total"]):
        ax.text(total, i, f" {int(total)}", va="center", fontsize=7)
    ax.set_yticks(y, [w.label("category", c, lang) for c in t.index])
    ax.set_xlabel(w.chart_word("cases", lang))
    ax.legend(loc="lower right")


def _nps(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    wk = s.chart.get("weekly", pd.DataFrame())
    if wk.empty:
        return
    ax.fill_between(wk.index, wk["low"], wk["high"], color=LIGHT, alpha=0.45, lw=0, label=w.chart_word("band", lang))
    ax.plot(wk.index, wk["nps"], "o", ms=2.5, color=GREY, label=w.chart_word("week", lang))
    ax.plot(wk.index, wk["r13_nps"], color=BLUE, lw=2, label=w.chart_word("rolling", lang))
    ax.axhline(0, color=GREY, lw=0.5)
    ax.set_ylim(-100, 100)
    ticks = pd.date_range(wk.index.min(), wk.index.max() + pd.Timedelta(days=6), freq="MS")
    ax.set_xticks(ticks, [_month(m, lang, year=i == 0 or m.month == 1) for i, m in enumerate(ticks)])
    ax.set_ylabel("NPS")
    ax.legend(loc="lower left", ncols=3)


def _destinations(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    t = s.table.dropna(subset=["nps"]).sort_values("nps")
    y = np.arange(len(t))
    ax.barh(y, t["nps"], color=[LIGHT if n < 20 else BLUE for n in t["answers"]], height=0.6)
    # the adjusted-Wald interval is centred a little off the NPS itself: with few answers it can
    # leave the NPS just outside, so the whiskers are cut at the bar's end
    ax.errorbar(t["nps"], y, xerr=_whiskers(t), fmt="none", ecolor="#333", lw=0.7, capsize=2)
    if s.total is not None and not pd.isna(s.total["nps"]):
        ax.axvline(s.total["nps"], color=RED, lw=1, ls="--", label=w.chart_word("agency", lang))
        ax.legend(loc="lower right")
    ax.set_yticks(y, [f"{w.label('destination', d, lang)} ({int(n)})" for d, n in zip(t.index, t["answers"],
                                                                                        strict=True)])  # fmt: skip
    ax.set_xlim(-100, 100)
    ax.set_xlabel(w.chart_word("nps_per_manager", lang))


def _whiskers(t: pd.DataFrame) -> list[pd.Series]:
    return [(t["nps"] - t["low"]).clip(lower=0), (t["high"] - t["nps"]).clip(lower=0)]


def _managers(fig, s: Section, lang: str) -> None:
    t = s.table.head(12)
    names = [w.label("manager", m, lang) for m in t.index]
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(len(t))[::-1]
    left.barh(y, t["revenue"] / 1e6, color=BLUE, height=0.6)
    named = s.table[s.table.index != "—"]
    if len(named):
        mean = named["revenue"].mean() / 1e6
        left.axvline(mean, color=RED, ls="--", lw=1, label=w.chart_word("manager_mean", lang))
        left.legend(loc="lower right")
    left.set_yticks(y, names)
    left.set_xlabel(w.chart_word("revenue_per_manager", lang))
    n = s.chart["nps"].reindex(t.index)
    ok = n["nps"].notna().to_numpy()
    right.errorbar(n["nps"][ok], y[ok], xerr=_whiskers(n[ok]), fmt="o", color=BLUE, ms=4, capsize=2, lw=0.8)
    if s.total is not None and not pd.isna(s.total["nps"]):
        right.axvline(s.total["nps"], color=RED, ls="--", lw=1, label=w.chart_word("agency", lang))
        right.legend(loc="lower right")
    right.set_yticks(y, [""] * len(y))
    right.set_xlim(-100, 100)
    right.set_xlabel(w.chart_word("nps_per_manager", lang))


def _segments(fig, s: Section, lang: str) -> None:
    ax = fig.add_subplot()
    t = s.table.iloc[::-1]
    y = np.arange(len(t))
    good = {"Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising"}
    risk = {"At Risk", "Can't Lose Them"}
    colors = [GREEN if x in good else RED if x in risk else GREY for x in t.index]
    ax.barh(y, t["clients"], color=colors, height=0.65)
    for i, (n, m) in enumerate(zip(t["clients"], t["monetary_pct"], strict=True)):
        ax.text(n, i, f" {int(n)} · {m:.0f}%", va="center", fontsize=7)
    ax.set_yticks(y, [w.label("segment", x, lang) for x in t.index])
    ax.set_xlabel(w.chart_word("clients", lang))
    ax.set_xlim(0, t["clients"].max() * 1.25 if len(t) else 1)


PAINTERS: dict[str, Callable] = {
    "new_repeat": _new_repeat, "cohorts": _cohorts, "pareto": _pareto, "costs": _costs, "leave": _leave,
    "nps": _nps, "destinations": _destinations, "managers": _managers, "segments": _segments,
}  # fmt: skip
