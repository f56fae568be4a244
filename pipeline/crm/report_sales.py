"""Sections about sales: new and repeat clients by month, cohorts, Pareto, what clients cost."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pipeline.crm.report_model import Section, Sentence
from pipeline.crm.report_scope import Scope


def _month(days: pd.Series) -> np.ndarray:
    return days.to_numpy().astype("datetime64[M]")


def _pct(part, whole):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (100 * part / whole).round(1)


def sales_counts(s: Scope, key: str = "counts.sales") -> Sentence:
    p = s.bought(s.period)
    return Sentence(key, {"start": s.period.start, "end": s.period.end, "trips": len(p),
                          "buyers": p["client_id"].nunique()})  # fmt: skip


def new_repeat(s: Scope, before: dict[str, float]) -> Section:
    """Per month of the period: trips, new and repeat clients, and the revenue each brought."""
    p = s.bought(s.period)
    month = _month(p["bought_on"])
    g = p.groupby(month)
    table = pd.DataFrame({
        "trips": g.size(),
        "new_clients": pd.Series(_month(s.new_clients(s.period))).value_counts(),
        "repeat_clients": p[~p["new"]].groupby(month[~p["new"].to_numpy()])["client_id"].nunique(),
        "revenue": g["amount"].sum(),
        "revenue_new": p["amount"].where(p["new"], 0).groupby(month).sum(),
        "revenue_repeat": p["amount"].where(~p["new"], 0).groupby(month).sum(),
    }).fillna(0)  # fmt: skip
    months = pd.date_range(pd.Timestamp(s.period.start).to_period("M").to_timestamp(), s.period.end, freq="MS")
    table = table.reindex(months, fill_value=0)
    table["repeat_revenue_pct"] = _pct(table["revenue_repeat"], table["revenue"].where(table["revenue"] > 0))
    new = table["new_clients"].sum()
    total = table.sum()
    total["repeat_clients"] = p["client_id"].nunique() - new
    total["repeat_revenue_pct"] = _pct(total["revenue_repeat"], total["revenue"]) if total["revenue"] else math.nan
    best = table["revenue"].idxmax() if len(table) and table["revenue"].max() > 0 else None
    reading = Sentence("reading.new_repeat" if best is not None else "reading.none", {"share": total["repeat_revenue_pct"], "prev": before["repeat_revenue_pct"],
                                              "month": best, "best": table["revenue"].max() if best else 0})  # fmt: skip
    units = {"trips": "count", "new_clients": "count", "repeat_clients": "count", "revenue": "money",
             "revenue_new": "money", "revenue_repeat": "money", "repeat_revenue_pct": "pct"}  # fmt: skip
    return Section("new_repeat", table, units, "month", reading, sales_counts(s, "counts.new_repeat"), total)


COHORT_MONTHS = 18


def cohorts(s: Scope, months: int = 12) -> Section:
    """Of the clients whose first trip fell in each month (the period's months, and at least the
    eighteen months to its end, so that some have had a whole year to come back), the share who
    bought again within N months; months not reached by the period's end stay empty, not zero."""
    end_month = np.datetime64(s.period.end, "M")
    span = max(COHORT_MONTHS, (end_month - np.datetime64(s.period.start, "M")).astype(int) + 1)
    first = s.first[s.first.to_numpy().astype("datetime64[M]") > end_month - span]
    cohort = first.to_numpy().astype("datetime64[M]")
    second = s.second.reindex(first.index).to_numpy().astype("datetime64[M]")
    offset = np.where(np.isnat(second), np.nan, (second - cohort).astype("int64"))  # NaN: not back yet
    frame = pd.DataFrame({"cohort": cohort, "offset": offset})
    size = frame.groupby("cohort").size()
    table = pd.DataFrame({"clients": size})
    reach = (end_month - size.index.to_numpy().astype("datetime64[M]")).astype(int)
    for n in range(1, months + 1):
        back = frame[frame["offset"] <= n].groupby("cohort").size().reindex(size.index, fill_value=0)
        table[f"m{n}"] = _pct(back, size).where(reach >= n)
    table.index = pd.DatetimeIndex(table.index)
    table.index.name = "cohort"
    total = pd.Series({"clients": float(size.sum())})
    for n in range(1, months + 1):
        reached = table[f"m{n}"].notna()
        weights = table.loc[reached, "clients"]
        total[f"m{n}"] = round(float((table.loc[reached, f"m{n}"] * weights).sum() / weights.sum()), 1) if (
            weights.sum()) else math.nan
    full = table[f"m{months}"].dropna()
    three = table["m3"].dropna()
    key = "reading.none" if not len(three) else "reading.cohorts" if len(full) else "reading.cohorts_short"
    reading = Sentence(key, {"m3": total["m3"], "m12": total[f"m{months}"], "best": three.idxmax() if len(three) else None,
                             "best_m3": three.max() if len(three) else math.nan})  # fmt: skip
    counts = Sentence("counts.cohorts", {"first": table.index.min() if len(table) else s.period.start,
                                         "last": s.period.end, "clients": len(first)})  # fmt: skip
    units = {"clients": "count", **{f"m{n}": "pct" for n in range(1, months + 1)}}
    return Section("cohorts", table, units, "month", reading, counts, total)


TOPS = (1, 5, 10, 20, 50)


def pareto(s: Scope) -> Section:
    """How much of the revenue and margin the best 1, 5, 10, 20, 50% of the period's clients brought;
    the curve of the whole is drawn (clients ranked by revenue)."""
    p = s.bought(s.period)
    per = p.groupby("client_id")[["amount", "margin"]].sum()
    n = len(per)
    revenue = np.sort(per["amount"].to_numpy())[::-1]
    margin = np.sort(per["margin"].to_numpy())[::-1]
    rows = {}
    for share in TOPS:
        k = math.ceil(share / 100 * n)
        rows[share] = {"clients": k, "revenue": revenue[:k].sum(),
                       "revenue_pct": 100 * revenue[:k].sum() / revenue.sum() if n and revenue.sum() else math.nan,
                       "margin_pct": 100 * margin[:k].sum() / margin.sum() if n and margin.sum() else math.nan}  # fmt: skip
    table = pd.DataFrame.from_dict(rows, orient="index").round({"revenue_pct": 1, "margin_pct": 1})
    table.index.name = "top"
    points = np.unique(np.linspace(0, n, min(n, 200) + 1).astype(int)) if n else np.array([0])
    cum_rev = np.r_[0, np.cumsum(revenue)] / (revenue.sum() or 1)
    cum_mar = np.r_[0, np.cumsum(margin)] / (margin.sum() or 1)
    curve = pd.DataFrame({"clients_pct": 100 * points / max(n, 1), "revenue_pct": 100 * cum_rev[points],
                          "margin_pct": 100 * cum_mar[points]})  # fmt: skip
    half = int(np.searchsorted(cum_rev, 0.5)) if n else 0
    reading = Sentence("reading.pareto", {"top": table.loc[20, "clients"] if n else 0,
                                          "share": table.loc[20, "revenue_pct"] if n else math.nan,
                                          "margin": table.loc[20, "margin_pct"] if n else math.nan,
                                          "half": half, "half_pct": 100 * half / n if n else math.nan})  # fmt: skip
    units = {"clients": "count", "revenue": "money", "revenue_pct": "pct", "margin_pct": "pct"}
    return Section("pareto", table, units, "top", reading, sales_counts(s), chart={"curve": curve})


def costs(s: Scope) -> Section:
    """Acquisition and retention spending of the period, in all and per client won or kept, beside
    the previous period's."""
    rows = {}
    for label, period in (("now", s.period), ("before", s.previous)):
        e = s.expenses(period)
        p = s.bought(period)
        won = int(p.loc[p["new"], "client_id"].nunique())
        kept = int(p.loc[~p["new"], "client_id"].nunique())
        for kind, clients in (("acquisition", won), ("retention", kept)):
            spent = e[e["kind"] == kind]
            row = rows.setdefault(kind, {})
            if label == "now":
                row.update({"spent": float(spent["amount"].sum()), "clients": clients,
                            **spent.groupby("category")["amount"].sum().astype(float).to_dict()})  # fmt: skip
            per = float(spent["amount"].sum()) / clients if clients else math.nan
            row[f"per_client_{label}"] = per
    table = pd.DataFrame.from_dict(rows, orient="index").fillna({c: 0.0 for c in _categories(rows)})
    table = table[["spent", "clients", "per_client_now", "per_client_before", *_categories(rows)]]
    table.index.name = "kind"
    acq, ret = table.loc["acquisition", "per_client_now"], table.loc["retention", "per_client_now"]
    times = acq / ret if ret and not math.isnan(ret) else math.nan
    key = "reading.costs" if times >= 1 else "reading.costs_more" if not (math.isnan(acq) and math.isnan(ret)) else (
        "reading.none")
    reading = Sentence(key, {"acq": acq, "ret": ret, "times": times})
    units = {c: "money" for c in table.columns} | {"clients": "count"}
    counts = Sentence("counts.costs", {"start": s.period.start, "end": s.period.end,
                                       "expenses": len(s.expenses(s.period))})  # fmt: skip
    return Section("costs", table, units, "kind", reading, counts)


def _categories(rows: dict) -> list[str]:
    fixed = {"spent", "clients", "per_client_now", "per_client_before"}
    return sorted({c for row in rows.values() for c in row} - fixed)
