"""Page 1's sentences: what moved most since the previous period, and where it came from.

Revenue comes first, whatever it did. The other candidates get a weight (how far the figure
moved: % for counts and money, points ×2 for shares and the NPS, less for the noisier cost per
client and average price); the four heaviest follow, heaviest first. A change of the NPS smaller
than the survey can tell apart from chance (95%) is said to be so.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pipeline.crm import nps
from pipeline.crm.report_format import change, missing
from pipeline.crm.report_model import Label, Sentence
from pipeline.crm.report_scope import Scope
from pipeline.crm.report_service import NONE

MAX_SENTENCES = 5
#: a month of one destination needs this many answers before a sentence names it
MIN_MONTH_ANSWERS = 10


def _way(delta: float | None) -> str:
    if delta is None or round(delta, 1) == 0:
        return "same"
    return "up" if delta > 0 else "down"


def _moved(key: str, unit: str, now: dict, before: dict, weight: float = 1.0, **extra) -> tuple[float, Sentence]:
    """The sentence on how ``key`` moved, with the clauses its extra values allow:
    ``dest`` (where it came from), ``month`` (when), ``top`` (the first reason), ``sure``."""
    delta, _ = change(now[key], before[key], unit)
    way = _way(delta) if not missing(before[key]) else "alone"
    if missing(now[key]):
        return 0.0, Sentence("reading.none")
    clauses = [f"story.{key}.{way}"]
    if way in ("up", "down"):
        clauses += [f"story.{key}.{part}.{way}" for part in ("dest", "month") if part in extra]
        if extra.get("sure") is False:
            clauses.append(f"story.{key}.chance")
    if "top" in extra:
        clauses.append(f"story.{key}.top")
    values = {"now": now[key], "before": before[key], "delta": delta if delta is not None else math.nan, **extra}
    return (abs(delta) * weight if delta is not None else 0.0), Sentence("+".join(clauses), values)


def story(s: Scope, now: dict[str, float], before: dict[str, float]) -> list[Sentence]:
    """Three to five sentences, the biggest moves first."""
    told = [
        _moved("revenue", "money", now, before, **_revenue_driver(s, now["revenue"] - before["revenue"])),
        _moved("repeat_revenue_pct", "pct", now, before, weight=2),
        _moved("nps", "nps", now, before, weight=2, **_nps_driver(s, now, before)),
        _moved("new_clients", "count", now, before),
        _moved("incidents", "count", now, before, **_incident_driver(s)),
        _moved("acquisition_per_client", "money", now, before, weight=0.3),
        _moved("average_check", "money", now, before, weight=0.5),
    ]
    told = [pair for pair in told if pair[1].key != "reading.none"]
    # revenue first, whatever it did: the figure an owner looks for; then the biggest moves
    rest = sorted(told[1:], key=lambda pair: -pair[0])
    return [sentence for _, sentence in [*told[:1], *rest][:MAX_SENTENCES]]


def _revenue_driver(s: Scope, delta: float) -> dict:
    """The destination whose revenue moved most the same way as the whole."""
    if missing(delta) or delta == 0:
        return {}
    now = s.bought(s.period)
    before = s.bought(s.previous)
    by = (now.groupby(now["destination"].fillna(NONE))["amount"].sum()
          .sub(before.groupby(before["destination"].fillna(NONE))["amount"].sum(), fill_value=0))  # fmt: skip
    by = by[np.sign(by) == np.sign(delta)]
    if by.empty:
        return {}
    top = by.abs().idxmax()
    return {"dest": Label("destination", top), "dest_delta": abs(float(by[top]))}


def _nps_driver(s: Scope, now: dict, before: dict) -> dict:
    """Where the NPS moved: the destination that pulled the whole most, and its worst (or best) month;
    whether the move is beyond the survey's chance."""
    a, b = s.answers(s.period), s.answers(s.previous)
    if not len(a) or not len(b):
        return {}
    out: dict = {"sure": bool(_beyond_chance(a["score"], b["score"]))}
    delta = now["nps"] - before["nps"]
    pull = (_net(a).div(len(a)) - _net(b).div(len(b))).mul(100).dropna()  # points of the whole per destination
    pull = pull[(np.sign(pull) == np.sign(delta)) & (pull.index != NONE)]
    if pull.empty or delta == 0:
        return out
    dest = pull.abs().idxmax()
    out |= {"dest": Label("destination", dest), "dest_pull": abs(float(pull[dest]))}
    mine = a[a["destination"] == dest]
    t = nps.counts(mine.assign(month=pd.to_datetime(mine["answered_on"]).to_numpy().astype("datetime64[M]")),
                   ["month"])  # fmt: skip
    monthly = nps.from_counts(t["promoter"], t["passive"], t["detractor"])
    monthly = monthly[monthly["answers"] >= MIN_MONTH_ANSWERS]
    if len(monthly) > 1:
        pick = monthly["nps"].idxmin() if delta < 0 else monthly["nps"].idxmax()
        out |= {"month": pick, "month_nps": monthly.loc[pick, "nps"], "month_n": monthly.loc[pick, "answers"]}
    return out


def _net(answers: pd.DataFrame) -> pd.Series:
    """Promoters minus detractors per destination."""
    net = np.where(answers["score"] >= 9, 1, np.where(answers["score"] <= 6, -1, 0))
    return pd.Series(net, index=answers.index).groupby(answers["destination"].fillna(NONE)).sum()


def _beyond_chance(a: pd.Series, b: pd.Series) -> bool:
    """Whether two periods' NPS differ by more than 1.96 standard errors of the difference."""
    def parts(s: pd.Series) -> tuple[float, float]:
        p, d = (s >= 9).mean(), (s <= 6).mean()
        return p - d, (p + d - (p - d) ** 2) / len(s)

    (x, vx), (y, vy) = parts(a), parts(b)
    return abs(x - y) > 1.959964 * math.sqrt(vx + vy)


def _incident_driver(s: Scope) -> dict:
    now = s.incidents(s.period)["category"].fillna(NONE).value_counts()
    if now.empty:
        return {}
    return {"top": Label("category", now.index[0]), "top_n": int(now.iloc[0])}
