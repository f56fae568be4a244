"""The control report's figures, each a plain function over DataFrames (vectorized, no row loops).

``purchases`` has client_id, bought_on (datetime64), amount, margin, paid, manager, destination.
A client is *new* in the period where their first purchase ever falls, *repeat* otherwise.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd


def in_period(frame: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows whose ``column`` falls within [start, end], both days included."""
    day = frame[column]
    return frame[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]


def first_purchase(purchases: pd.DataFrame) -> pd.Series:
    """Each client's first purchase date, over all history."""
    return purchases.groupby("client_id")["bought_on"].min()


def pareto(purchases: pd.DataFrame, start: dt.date, end: dt.date, top: float = 0.2) -> pd.DataFrame:
    """Share of revenue (and of margin) brought by the top ``top`` of the period's clients.

    The top is ceil(top × clients), ranked by the measure itself: the top-20% by margin need not
    be the top-20% by revenue.
    """
    p = in_period(purchases, "bought_on", start, end)
    per_client = p.groupby("client_id")[["amount", "margin"]].sum().astype(float)
    rows = []
    k = math.ceil(top * len(per_client))
    for measure, label in (("amount", "revenue"), ("margin", "margin")):
        values = per_client[measure].sort_values(ascending=False)
        total = float(values.sum())
        top_sum = float(values.iloc[:k].sum())
        rows.append({"measure": label, "clients": len(values), "top_clients": k, "total": round(total, 2),
                     "top_total": round(top_sum, 2),
                     "top_share_pct": round(100 * top_sum / total, 1) if total else np.nan})  # fmt: skip
    return pd.DataFrame(rows).set_index("measure")


def _month_index(day: pd.Series) -> pd.Series:
    return day.dt.year * 12 + day.dt.month - 1


def cohort_retention(purchases: pd.DataFrame, start: dt.date, end: dt.date, months: int = 12) -> pd.DataFrame:
    """Share of each first-trip month's clients (cohorts starting in the period) who bought again
    N months later (N = 0..months; month 0 is 100% by definition). Later months the data does
    not reach yet stay empty rather than counting as zero."""
    first = first_purchase(purchases)
    cohort = _month_index(first).rename("cohort")
    p = purchases[["client_id", "bought_on"]].join(cohort, on="client_id")
    p["offset"] = _month_index(p["bought_on"]) - p["cohort"]
    lo, hi = _month_index(pd.Series([pd.Timestamp(start), pd.Timestamp(end)]))
    p = p[(p["cohort"] >= lo) & (p["cohort"] <= hi) & (p["offset"] <= months)]
    active = p.drop_duplicates(["client_id", "offset"]).groupby(["cohort", "offset"]).size().unstack(fill_value=0)
    active = active.reindex(columns=range(months + 1), fill_value=0)
    size = active[0]
    table = active.div(size, axis=0).mul(100).round(1)
    last = _month_index(pd.Series([purchases["bought_on"].max()])).iloc[0]
    reach = last - table.index.to_numpy()[:, None]
    table = table.where(np.arange(months + 1)[None, :] <= reach)
    table.index = [f"{i // 12}-{i % 12 + 1:02d}" for i in table.index]
    table.index.name = "first trip"
    table.insert(0, "clients", size.to_numpy())
    return table


def new_vs_repeat(purchases: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year: clients who bought, of them new and repeat, and the revenue of each."""
    first_year = first_purchase(purchases).dt.year.rename("first_year")
    p = purchases[["client_id", "bought_on", "amount"]].join(first_year, on="client_id")
    p["year"] = p["bought_on"].dt.year
    p["kind"] = np.where(p["year"] == p["first_year"], "new", "repeat")
    clients = p.drop_duplicates(["year", "client_id"]).groupby(["year", "kind"]).size().unstack(fill_value=0)
    money = p.groupby(["year", "kind"])["amount"].sum().astype(float).unstack(fill_value=0)
    out = clients.reindex(columns=["new", "repeat"], fill_value=0)
    out.insert(0, "clients", out.sum(axis=1))
    out["revenue_new"] = money.get("new", 0)
    out["revenue_repeat"] = money.get("repeat", 0)
    out["repeat_pct"] = (100 * out["repeat"] / out["clients"]).round(1)
    return out


def new_to_regular(purchases: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Of the clients new in the period, how many bought again by ``end`` and how fast."""
    p = purchases[purchases["bought_on"] <= pd.Timestamp(end)][["client_id", "bought_on"]]
    ranked = p.sort_values(["client_id", "bought_on"])
    nth = ranked.groupby("client_id").cumcount()
    first = ranked[nth == 0].set_index("client_id")["bought_on"]
    second = ranked[nth == 1].set_index("client_id")["bought_on"]
    new = first[(first >= pd.Timestamp(start))]
    days = (second.reindex(new.index) - new).dt.days.dropna()
    n = len(new)
    return pd.DataFrame([{
        "new_clients": n,
        "became_regular": len(days),
        "became_regular_pct": round(100 * len(days) / n, 1) if n else np.nan,
        "within_365_days": int((days <= 365).sum()),
        "median_days_to_second_trip": float(days.median()) if len(days) else np.nan,
    }])  # fmt: skip


def repeat_frequency(purchases: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """How many clients bought 1, 2, 3, 4, 5+ trips in the period."""
    counts = in_period(purchases, "bought_on", start, end).groupby("client_id").size()
    bucket = counts.clip(upper=5).map(lambda n: "5+" if n >= 5 else str(n))
    out = bucket.value_counts().reindex(["1", "2", "3", "4", "5+"], fill_value=0).rename("clients").to_frame()
    out.index.name = "trips"
    out["pct"] = (100 * out["clients"] / max(len(counts), 1)).round(1)
    return out


def costs(expenses: pd.DataFrame, purchases: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """What acquisition and retention cost in the period, in all and per client won or kept."""
    e = in_period(expenses, "spent_on", start, end)
    by_cat = e.groupby(["kind", "category"])["amount"].sum().astype(float)
    p = in_period(purchases, "bought_on", start, end)
    first = first_purchase(purchases)
    buyers = pd.Index(p["client_id"].unique())
    is_new = (first.reindex(buyers) >= pd.Timestamp(start)).to_numpy()
    per = {"acquisition": int(is_new.sum()), "retention": int((~is_new).sum())}
    rows = []
    for kind, clients in per.items():
        spent = float(by_cat.get(kind, pd.Series(dtype=float)).sum())
        rows.append({"kind": kind, "spent": round(spent, 2), "clients": clients,
                     "per_client": round(spent / clients, 2) if clients else np.nan,
                     **{cat: float(v) for (k, cat), v in by_cat.items() if k == kind}})  # fmt: skip
    return pd.DataFrame(rows).set_index("kind").fillna(0)


def leave_reasons(incidents: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Refusals, returns and complaints in the period by reason category, most frequent first."""
    i = in_period(incidents, "occurred_on", start, end)
    table = pd.crosstab(i["category"], i["kind"]).reindex(columns=["refusal", "return", "complaint"], fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False)


def managers(purchases: pd.DataFrame, activities: pd.DataFrame, answers: pd.DataFrame,
             start: dt.date, end: dt.date) -> pd.DataFrame:  # fmt: skip
    """Per account manager: clients handled, revenue and margin, calls and meetings, offers that
    became contracts, debts outstanding at ``end`` (all unpaid purchases so far) and NPS."""
    from pipeline.crm import nps

    p = in_period(purchases, "bought_on", start, end)
    out = p.groupby("manager").agg(clients=("client_id", "nunique"), trips=("client_id", "size"),
                                   revenue=("amount", "sum"), margin=("margin", "sum"))  # fmt: skip
    # activities counted for the period by the database come without days
    a = in_period(activities, "happened_on", start, end) if "happened_on" in activities else activities
    # activities may come pre-counted from the database (column ``n``), else one row each
    weight = a["n"] if "n" in a else pd.Series(1, index=a.index)
    acts = weight.groupby([a["manager"], a["kind"]]).sum().unstack(fill_value=0)
    acts = acts.reindex(columns=["call", "meeting", "offer", "contract"], fill_value=0)
    out = out.join(acts, how="outer").fillna(0)
    out["offer_to_contract_pct"] = (100 * out["contract"] / out["offer"].where(out["offer"] > 0)).round(1)
    so_far = purchases[purchases["bought_on"] <= pd.Timestamp(end)]
    debt = (so_far["amount"] - so_far["paid"]).clip(lower=0).groupby(so_far["manager"]).sum()
    out["debts"] = debt.reindex(out.index).fillna(0).astype(float).round(2)
    scored = nps.by(in_period(answers, "answered_on", start, end), "manager")
    out["nps"] = scored["nps"].reindex(out.index)
    out[["revenue", "margin"]] = out[["revenue", "margin"]].astype(float).round(2)
    return out.sort_values("revenue", ascending=False)
