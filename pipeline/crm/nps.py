"""Net Promoter Score with its 95% adjusted-Wald interval, by week, by manager, by destination.

NPS = %promoters (9-10) − %detractors (0-6), from −100 to +100.

The interval is the adjusted-Wald one for NPS (Sauro & Lewis, *Quantifying the User
Experience*, 2nd ed.; MeasuringU "Confidence intervals for Net Promoter Scores"): add 3/4 of
a promoter and 3/4 of a detractor (3 answers in all, the rest passives) before computing

    n' = n + 3,   p' = (P + 0.75) / n',   d' = (D + 0.75) / n',   NPS' = p' − d'
    var = (p' + d' − NPS'^2) / n'
    interval = NPS' ± 1.96 · sqrt(var), clipped to [−1, 1], shown ×100

so a week with ten answers shows how little it says, and a week with none is not an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959964


def answers_in(answers: pd.DataFrame, start, end) -> pd.DataFrame:
    """The answers an NPS for [start, end] counts: those given on a day of the period (both ends
    included), whatever trip they are about, with or without a manager or a destination.

    The one definition behind ``tourdesk crm nps report`` and the control report's NPS.
    """
    day = pd.to_datetime(answers["answered_on"])
    return answers[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]


def category(score: pd.Series) -> pd.Series:
    """promoter / passive / detractor for each 0-10 score."""
    return pd.Series(
        np.select([score >= 9, score >= 7], ["promoter", "passive"], "detractor"), index=score.index
    )


def from_counts(promoters: pd.Series, passives: pd.Series, detractors: pd.Series) -> pd.DataFrame:
    """NPS and its interval from per-group counts, vectorized over the groups."""
    n = promoters + passives + detractors
    with np.errstate(divide="ignore", invalid="ignore"):
        nps = (promoters - detractors) / n.where(n > 0)
    n_adj = n + 3
    p = (promoters + 0.75) / n_adj
    d = (detractors + 0.75) / n_adj
    centre = p - d
    # no answers, no interval: a blank cell says more than a made-up −80..80
    half = (Z95 * np.sqrt((p + d - centre**2) / n_adj)).where(n > 0)
    return pd.DataFrame(
        {
            "answers": n,
            "promoters": promoters,
            "passives": passives,
            "detractors": detractors,
            "nps": (nps * 100).round(1),
            "low": (np.clip(centre - half, -1, 1) * 100).round(1),
            "high": (np.clip(centre + half, -1, 1) * 100).round(1),
        }
    )


@dataclass(frozen=True)
class Nps:
    answers: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    low: float
    high: float


def summary(scores: pd.Series | list[int]) -> Nps:
    """The NPS of a set of answers, with its interval."""
    s = pd.Series(scores, dtype="int64")
    row = from_counts(
        pd.Series([int((s >= 9).sum())]),
        pd.Series([int(((s >= 7) & (s <= 8)).sum())]),
        pd.Series([int((s <= 6).sum())]),
    ).iloc[0]
    return Nps(**{k: (int(v) if k in ("answers", "promoters", "passives", "detractors") else float(v))
                  for k, v in row.items()})  # fmt: skip


def counts(answers: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Promoters, passives and detractors per value of ``keys`` (a group-by: crosstab costs ten
    times as much on a few hundred thousand answers)."""
    cat = category(answers["score"]).rename("category")
    table = answers[keys].assign(category=cat).groupby([*keys, "category"]).size().unstack(fill_value=0)
    return table.reindex(columns=["promoter", "passive", "detractor"], fill_value=0)


def by(answers: pd.DataFrame, key: str) -> pd.DataFrame:
    """NPS per value of ``key`` (``manager``, ``destination``): one row each, most answers first."""
    if answers.empty:
        return from_counts(*(pd.Series(dtype="int64"),) * 3)
    t = counts(answers.assign(**{key: answers[key].fillna("—")}), [key])
    out = from_counts(t["promoter"], t["passive"], t["detractor"])
    return out.sort_values("answers", ascending=False)


def weekly(answers: pd.DataFrame, rolling_weeks: int = 13) -> pd.DataFrame:
    """NPS per week (weeks start on Monday) and over the ``rolling_weeks`` weeks ending with it.

    Weeks without answers are kept (NPS empty) so the trend's time axis has no gaps.
    """
    if answers.empty:
        return pd.DataFrame()
    day = pd.to_datetime(answers["answered_on"])
    week = (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).dt.normalize()
    t = counts(answers.assign(week=week), ["week"])
    full = pd.date_range(t.index.min(), t.index.max(), freq="7D")
    t = t.reindex(full, fill_value=0)[["promoter", "passive", "detractor"]]
    t.index.name = "week"
    week_fig = from_counts(t["promoter"], t["passive"], t["detractor"])
    roll = t.rolling(rolling_weeks, min_periods=1).sum()
    roll_fig = from_counts(roll["promoter"], roll["passive"], roll["detractor"])
    out = week_fig[["answers", "nps", "low", "high"]].join(
        roll_fig[["answers", "nps", "low", "high"]].add_prefix(f"r{rolling_weeks}_")
    )
    return out


def weekly_by(answers: pd.DataFrame, key: str, rolling_weeks: int = 13) -> pd.DataFrame:
    """The weekly and rolling trend for each value of ``key`` (manager, destination): one row per
    value and week, every week from the first answer to the last kept for every value."""
    if answers.empty:
        return pd.DataFrame()
    day = pd.to_datetime(answers["answered_on"])
    week = (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).dt.normalize()
    t = counts(answers.assign(week=week, **{key: answers[key].fillna("—")}), [key, "week"])
    t = t[["promoter", "passive", "detractor"]]
    weeks = pd.date_range(week.min(), week.max(), freq="7D")
    full = pd.MultiIndex.from_product([t.index.levels[0], weeks], names=[key, "week"])
    t = t.reindex(full, fill_value=0)
    roll = t.groupby(level=0).rolling(rolling_weeks, min_periods=1).sum().droplevel(0)
    week_fig = from_counts(t["promoter"], t["passive"], t["detractor"])[["answers", "nps"]]
    roll_fig = from_counts(roll["promoter"], roll["passive"], roll["detractor"])[["answers", "nps", "low", "high"]]
    return week_fig.join(roll_fig.add_prefix(f"r{rolling_weeks}_"))
