"""Page 1: the period's headline figures beside the previous period's."""

from __future__ import annotations

import math

import pandas as pd

from pipeline.crm import nps
from pipeline.crm.report_model import Figure, Period
from pipeline.crm.report_scope import Scope

#: key, unit, better (+1 up is good news, -1 down is, 0 neither)
HEADLINE = (
    ("buyers", "count", 1),
    ("new_clients", "count", 1),
    ("repeat_clients", "count", 1),
    ("trips", "count", 1),
    ("revenue", "money", 1),
    ("margin", "money", 1),
    ("average_check", "money", 1),
    ("repeat_revenue_pct", "pct", 1),
    ("top20_revenue_pct", "pct", 0),
    ("became_regular_pct", "pct", 1),
    ("nps", "nps", 1),
    ("nps_answers", "count", 0),
    ("incidents", "count", -1),
    ("acquisition_per_client", "money", -1),
)


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole else math.nan


def values(s: Scope, period: Period) -> dict[str, float]:
    """Every headline figure of ``period`` (NaN where there is nothing to count)."""
    p = s.bought(period)
    buyers = p["client_id"].nunique()
    new = s.new_clients(period)
    revenue = float(p["amount"].sum())
    per_client = p.groupby("client_id")["amount"].sum().sort_values(ascending=False)
    top = math.ceil(0.2 * len(per_client))
    second = s.second.reindex(new.index)
    answers = s.answers(period)
    score = nps.summary(answers["score"]) if len(answers) else None
    spent = s.expenses(period)
    acquisition = float(spent.loc[spent["kind"] == "acquisition", "amount"].sum())
    return {
        "buyers": buyers,
        "new_clients": len(new),
        "repeat_clients": buyers - len(new),
        "trips": len(p),
        "revenue": revenue,
        "margin": float(p["margin"].sum()),
        "average_check": revenue / len(p) if len(p) else math.nan,
        "repeat_revenue_pct": _share(float(p.loc[~p["new"], "amount"].sum()), revenue),
        "top20_revenue_pct": _share(float(per_client.iloc[:top].sum()), revenue),
        "became_regular_pct": _share(int((second <= pd.Timestamp(period.end)).sum()), len(new)),
        "nps": score.nps if score else math.nan,
        "nps_low": score.low if score else math.nan,
        "nps_high": score.high if score else math.nan,
        "nps_answers": len(answers),
        "incidents": len(s.incidents(period)),
        "acquisition_per_client": acquisition / len(new) if len(new) else math.nan,
    }


def figures(now: dict[str, float], before: dict[str, float]) -> list[Figure]:
    return [Figure(key, unit, now[key], before[key], better) for key, unit, better in HEADLINE]
