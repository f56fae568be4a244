"""Sections about service: why clients leave, NPS by month and by destination, managers, RFM."""

from __future__ import annotations

import math

import pandas as pd

from pipeline.crm import nps, rfm
from pipeline.crm.report_model import Label, Section, Sentence
from pipeline.crm.report_sales import sales_counts
from pipeline.crm.report_scope import Scope

NONE = "—"  # a manager or destination the record does not name
KINDS = ["refusal", "return", "complaint"]
#: an NPS from fewer answers than this is too loose to name a best or a worst
MIN_ANSWERS = 20


def leave_reasons(s: Scope) -> Section:
    """Refusals, returns and complaints by reason, most frequent first, beside the previous period."""
    i = s.incidents(s.period)
    table = pd.crosstab(i["category"].fillna(NONE), i["kind"]).reindex(columns=KINDS, fill_value=0)
    table["total"] = table.sum(axis=1)
    before = s.incidents(s.previous)["category"].fillna(NONE).value_counts()
    table = table.join(before.rename("total_before"), how="outer").fillna(0).astype(int)
    table["share_pct"] = (100 * table["total"] / max(len(i), 1)).round(1)
    table = table.sort_values(["total", "total_before"], ascending=False)[[*KINDS, "total", "share_pct",
                                                                          "total_before"]]  # fmt: skip
    table.index.name = "category"
    total = table.sum()
    total["share_pct"] = 100.0 if len(i) else math.nan
    rise = (table["total"] - table["total_before"]).sort_values(ascending=False)
    values = {"n": len(i), "before": len(s.incidents(s.previous))}
    if len(i):
        values |= {"top": Label("category", table.index[0]), "top_n": table["total"].iloc[0],
                   "top_pct": table["share_pct"].iloc[0], "rise": Label("category", rise.index[0]),
                   "rise_n": rise.iloc[0]}  # fmt: skip
    units = {c: "count" for c in table.columns} | {"share_pct": "pct"}
    counts = Sentence("counts.incidents", {"start": s.period.start, "end": s.period.end, "n": len(i)})
    told_rise = len(i) and rise.iloc[0] > 0 and rise.index[0] != table.index[0]
    key = "reading.leave" + ("+reading.leave.rise" if told_rise else "") if len(i) else "reading.leave_none"
    return Section("leave", table, units, "category", Sentence(key, values), counts, total)


def _by_month(answers: pd.DataFrame) -> pd.DataFrame:
    month = pd.to_datetime(answers["answered_on"]).to_numpy().astype("datetime64[M]")
    t = nps.counts(answers.assign(month=month), ["month"])
    return nps.from_counts(t["promoter"], t["passive"], t["detractor"])


def nps_trend(s: Scope, headline: dict[str, float]) -> Section:
    """NPS by month of answer with its 95% interval (the table) and by week (the chart)."""
    a = s.answers(s.period)
    table = _by_month(a) if len(a) else nps.from_counts(*(pd.Series(dtype="int64"),) * 3)
    months = pd.date_range(pd.Timestamp(s.period.start).to_period("M").to_timestamp(), s.period.end, freq="MS")
    table = table.reindex(months)
    table["answers"] = table["answers"].fillna(0)
    table = table[["answers", "promoters", "passives", "detractors", "nps", "low", "high"]]
    score = nps.summary(a["score"]) if len(a) else None
    total = pd.Series({"answers": len(a), "promoters": score.promoters if score else 0,
                       "passives": score.passives if score else 0, "detractors": score.detractors if score else 0,
                       "nps": headline["nps"], "low": headline["nps_low"], "high": headline["nps_high"]})  # fmt: skip
    scored = table[table["answers"] >= MIN_ANSWERS]["nps"].dropna()
    values = {"nps": headline["nps"], "low": headline["nps_low"], "high": headline["nps_high"], "n": len(a)}
    if len(scored):
        values |= {"worst": scored.idxmin(), "worst_nps": scored.min(), "best": scored.idxmax(),
                   "best_nps": scored.max()}  # fmt: skip
    units = {c: "count" for c in ("answers", "promoters", "passives", "detractors")} | {
        "nps": "nps", "low": "nps", "high": "nps"}  # fmt: skip
    key = "reading.nps" if "worst" in values else "reading.nps_short" if len(a) else "reading.nps_none"
    return Section("nps", table, units, "month", Sentence(key, values), nps_counts(s), total,
                   chart={"weekly": nps.weekly(a)})  # fmt: skip


def nps_counts(s: Scope) -> Sentence:
    a = s.answers(s.period)
    return Sentence("counts.nps", {"start": s.period.start, "end": s.period.end, "n": len(a),
                                   "unnamed": int(a["destination"].isna().sum()) if "destination" in a else 0})  # fmt: skip


def nps_destinations(s: Scope, headline: dict[str, float]) -> Section:
    """NPS per destination of the period, with its interval and the previous period's NPS."""
    a = s.answers(s.period)
    table = nps.by(a.assign(destination=a["destination"].fillna(NONE)), "destination")
    before = s.answers(s.previous)
    prev = nps.by(before.assign(destination=before["destination"].fillna(NONE)), "destination")
    table = table[["answers", "nps", "low", "high"]].assign(nps_before=prev["nps"].reindex(table.index))
    table.index.name = "destination"
    total = pd.Series({"answers": len(a), "nps": headline["nps"], "low": headline["nps_low"],
                       "high": headline["nps_high"], "nps_before": math.nan})  # fmt: skip
    named = table[(table["answers"] >= MIN_ANSWERS) & (table.index != NONE)]["nps"].dropna()
    values = {"nps": headline["nps"]}
    if len(named):
        values |= {"worst": Label("destination", named.idxmin()), "worst_nps": named.min(),
                   "worst_n": table.loc[named.idxmin(), "answers"], "best": Label("destination", named.idxmax()),
                   "best_nps": named.max()}
    units = {"answers": "count", "nps": "nps", "low": "nps", "high": "nps", "nps_before": "nps"}
    key = "reading.destinations" if len(named) else "reading.nps_none"
    return Section("destinations", table, units, "destination", Sentence(key, values), nps_counts(s), total)


def managers(s: Scope, headline: dict[str, float]) -> Section:
    """Each account manager's KPIs beside the agency's: sales of the period, calls, offers that
    became contracts, debts outstanding at the period's end, NPS of the answers about them."""
    p = s.bought(s.period).assign(manager=lambda f: f["manager"].fillna(NONE))
    g = p.groupby("manager")
    out = pd.DataFrame({"clients": g["client_id"].nunique(), "trips": g.size(), "revenue": g["amount"].sum(),
                        "margin": g["margin"].sum()})  # fmt: skip
    a = s.frames.activities
    if "happened_on" in a:
        a = a[(a["happened_on"] >= pd.Timestamp(s.period.start)) & (a["happened_on"] <= pd.Timestamp(s.period.end))]
    weight = a["n"] if "n" in a else pd.Series(1, index=a.index)
    acts = weight.groupby([a["manager"].fillna(NONE), a["kind"]]).sum().unstack(fill_value=0)
    acts = acts.reindex(columns=["call", "meeting", "offer", "contract"], fill_value=0)
    out = out.join(acts, how="outer").fillna(0)
    owing = s.purchases[s.purchases["amount"] > s.purchases["paid"]]
    debt = (owing["amount"] - owing["paid"]).groupby(owing["manager"].fillna(NONE)).sum()
    out["debts"] = debt.reindex(out.index).fillna(0.0)
    answers = s.answers(s.period)
    scored = nps.by(answers, "manager")
    out = out.join(scored[["answers", "nps", "low", "high"]].rename(columns={"answers": "nps_answers"}), how="left")
    out["nps_answers"] = out["nps_answers"].fillna(0)
    revenue = float(p["amount"].sum())
    out["revenue_pct"] = (100 * out["revenue"] / revenue).round(1) if revenue else math.nan
    out["average_check"] = out["revenue"] / out["trips"].where(out["trips"] > 0)
    out["offer_to_contract_pct"] = (100 * out["contract"] / out["offer"].where(out["offer"] > 0)).round(1)
    out = out.sort_values("revenue", ascending=False)
    out.index.name = "manager"
    total = out.sum(numeric_only=True)
    total["clients"] = p["client_id"].nunique()
    total["revenue_pct"] = 100.0 if revenue else math.nan
    total["average_check"] = revenue / len(p) if len(p) else math.nan
    total["offer_to_contract_pct"] = round(100 * total["contract"] / total["offer"], 1) if total["offer"] else math.nan
    total["nps"], total["low"], total["high"] = headline["nps"], headline["nps_low"], headline["nps_high"]
    total["nps_answers"] = len(answers)
    cols = ["clients", "trips", "revenue", "revenue_pct", "margin", "average_check", "call", "meeting", "offer",
            "contract", "offer_to_contract_pct", "debts", "nps", "nps_answers"]  # fmt: skip
    table, total = out[cols], total[cols]
    units = {c: "count" for c in cols} | {c: "money" for c in ("revenue", "margin", "average_check", "debts")} | {
        "revenue_pct": "pct", "offer_to_contract_pct": "pct", "nps": "nps"}  # fmt: skip
    named = out[(out.index != NONE)]
    values = {"n": len(named), "agency_check": total["average_check"], "agency_nps": headline["nps"]}
    if len(named):
        lead = named.index[0]
        values |= {"lead": Label("manager", lead), "lead_pct": named.loc[lead, "revenue_pct"], "lead_revenue": named.loc[lead, "revenue"]}
        rated = named[named["nps_answers"] >= MIN_ANSWERS]["nps"].dropna()
        if len(rated):
            values |= {"low_nps": Label("manager", rated.idxmin()), "low_nps_value": rated.min()}
    key = "reading.managers" if "low_nps" in values else "reading.managers_short" if len(named) else "reading.none"
    counts = sales_counts(s, "counts.managers")
    return Section("managers", table, units, "manager", Sentence(key, values), counts, total,
                   chart={"nps": out[["nps", "low", "high", "nps_answers"]]})  # fmt: skip


def segments(s: Scope) -> Section:
    """Clients by RFM segment at the period's end: how many, what they spent in all, how long ago
    they last bought."""
    t = rfm.rfm_table(s.purchases, s.period.end)
    g = t.groupby("segment")
    table = pd.DataFrame({"clients": g.size(), "monetary": g["monetary"].sum(), "recency": g["recency_days"].median()})
    table = table.reindex([x for x in rfm.SEGMENTS if x in table.index])
    table.insert(1, "clients_pct", (100 * table["clients"] / max(len(t), 1)).round(1))
    table.insert(3, "monetary_pct", (100 * table["monetary"] / (t["monetary"].sum() or 1)).round(1))
    table.index.name = "segment"
    total = table.sum()
    total["clients_pct"] = total["monetary_pct"] = 100.0 if len(t) else math.nan
    total["recency"] = t["recency_days"].median() if len(t) else math.nan
    values = {"clients": len(t)}
    for name, key in (("Champions", "champions"), ("Can't Lose Them", "cant_lose"), ("At Risk", "at_risk")):
        row = table.loc[name] if name in table.index else None
        values[key] = 0 if row is None else row["clients"]
        values[f"{key}_money"] = math.nan if row is None else row["monetary_pct"]
    units = {"clients": "count", "clients_pct": "pct", "monetary": "money", "monetary_pct": "pct", "recency": "days"}
    counts = Sentence("counts.segments", {"end": s.period.end, "clients": len(t), "trips": len(s.purchases)})
    return Section("segments", table, units, "segment", Sentence("reading.segments", values), counts, total)
