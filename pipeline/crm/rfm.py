"""RFM: recency, frequency and money scored 1-5, and the standard segment names.

Scores are by share of clients, ties kept together: a client's score is 1 + how many fifths of
the clients do strictly worse (so every one-trip client gets the same F). Recency counts days
from the last purchase to ``as_of`` (fewer is better). FM is the rounded mean of F and M.

Segment grid (rows R 5..1, columns FM 1..5), the usual eleven names:

    R5: New Customers, Potential Loyalist, Potential Loyalist, Champions,        Champions
    R4: Promising,     Potential Loyalist, Loyal Customers,    Loyal Customers,  Champions
    R3: About To Sleep, About To Sleep,    Need Attention,     Loyal Customers,  Loyal Customers
    R2: Hibernating,   Hibernating,        At Risk,            At Risk,          Can't Lose Them
    R1: Lost,          Hibernating,        At Risk,            Can't Lose Them,  Can't Lose Them
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

SEGMENTS = (
    "Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising", "Need Attention",
    "About To Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost",
)  # fmt: skip

_GRID = {
    5: ["New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
    4: ["Promising", "Potential Loyalist", "Loyal Customers", "Loyal Customers", "Champions"],
    3: ["About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"],
    2: ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    1: ["Lost", "Hibernating", "At Risk", "Can't Lose Them", "Can't Lose Them"],
}
_LOOKUP = np.array([[_GRID[r][fm - 1] for fm in range(1, 6)] for r in range(1, 6)], dtype=object)


def score(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """1-5 by the share of clients strictly worse; equal values get equal scores."""
    v = values if higher_is_better else -values
    below = v.rank(method="min") - 1
    return (1 + np.floor(5 * below / len(v))).clip(1, 5).astype("int64")


def segment_of(r: int, fm: int) -> str:
    """The segment name for an R score and an FM score (both 1-5)."""
    return _GRID[r][fm - 1]


def rfm_table(purchases: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per client of ``purchases`` (client_id, bought_on, amount) up to ``as_of``."""
    p = purchases[pd.to_datetime(purchases["bought_on"]) <= pd.Timestamp(as_of)]
    g = p.groupby("client_id").agg(last=("bought_on", "max"), frequency=("bought_on", "size"),
                                   monetary=("amount", "sum"))  # fmt: skip
    g["recency_days"] = (pd.Timestamp(as_of) - pd.to_datetime(g["last"])).dt.days
    g["R"] = score(g["recency_days"], higher_is_better=False)
    g["F"] = score(g["frequency"])
    g["M"] = score(g["monetary"].astype(float))
    g["FM"] = np.floor((g["F"] + g["M"]) / 2 + 0.5).astype("int64")
    g["segment"] = _LOOKUP[g["R"].to_numpy() - 1, g["FM"].to_numpy() - 1] if len(g) else []
    return g.drop(columns="last")


def segment_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Clients and money per segment, in the standard order."""
    out = table.groupby("segment").agg(clients=("R", "size"), monetary=("monetary", "sum"))
    return out.reindex([s for s in SEGMENTS if s in out.index])
