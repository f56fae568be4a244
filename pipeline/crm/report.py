"""The control report for a period: every figure as a named table, ready for XLSX and PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pipeline.crm import figures, nps, rfm
from pipeline.crm.frames import Frames


@dataclass
class Report:
    start: dt.date
    end: dt.date
    #: headline figures: label -> value
    summary: dict[str, object]
    #: title -> table, in the order the report shows them
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def control_report(f: Frames, start: dt.date, end: dt.date) -> Report:
    """Every figure of the control report over [start, end]."""
    p = f.purchases
    period = figures.in_period(p, "bought_on", start, end)
    answers = figures.in_period(f.answers, "answered_on", start, end)
    score = nps.summary(answers["score"]) if len(answers) else None
    pareto = figures.pareto(p, start, end)
    became = figures.new_to_regular(p, start, end)
    first = figures.first_purchase(p)
    buyers = period["client_id"].unique()
    new = int((first.reindex(buyers) >= pd.Timestamp(start)).sum())
    segments = rfm.rfm_table(p, end)
    summary: dict[str, object] = {
        "Clients who bought": len(buyers),
        "New clients": new,
        "Repeat clients": len(buyers) - new,
        "Trips sold": len(period),
        "Revenue": round(float(period["amount"].sum()), 2),
        "Margin": round(float(period["margin"].sum()), 2),
        "NPS": score.nps if score else None,
        "NPS 95% interval": f"{score.low} … {score.high}" if score else None,
        "NPS answers": score.answers if score else 0,
        "Revenue share of top 20% clients, %": _num(pareto.loc["revenue", "top_share_pct"]),
        "Margin share of top 20% clients, %": _num(pareto.loc["margin", "top_share_pct"]),
        "New clients who became regular, %": _num(became.iloc[0]["became_regular_pct"]),
    }
    tables = {
        "New and repeat clients per year": figures.new_vs_repeat(p),
        "New clients who became regular": became,
        "Trips per client": figures.repeat_frequency(p, start, end),
        "Cohort retention by month of first trip, %": figures.cohort_retention(p, start, end),
        "Pareto: top 20% of clients": pareto,
        "Acquisition and retention cost": figures.costs(f.expenses, p, start, end),
        "Why clients leave": figures.leave_reasons(f.incidents, start, end),
        "NPS by week (and 13 weeks rolling)": nps.weekly(answers),
        "NPS by account manager": nps.by(answers, "manager"),
        "NPS by destination": nps.by(answers, "destination"),
        "NPS trend by account manager": nps.weekly_by(answers, "manager"),
        "NPS trend by destination": nps.weekly_by(answers, "destination"),
        "Account managers": figures.managers(p, f.activities, f.answers, start, end),
        "RFM segments at the end of the period": rfm.segment_counts(segments),
    }
    return Report(start, end, summary, tables)


def _num(value: object) -> float | None:
    """A plain float, or None where the period has nothing to divide by."""
    return None if pd.isna(value) else float(value)
