"""The records each figure counts, prepared once for the period and the one before it.

Definitions, used by every section and by ``tourdesk crm nps report``:

- sales (clients, trips, revenue, margin, managers' sales): purchases whose day of purchase
  falls in the period;
- a client is *new* in a period when their first purchase ever falls in it, *repeat* when they
  had bought before it; their revenue is the new or repeat clients' revenue;
- NPS: survey answers whose day of answer falls in the period, whatever trip they are about,
  with or without a manager or destination (``nps.answers_in``);
- refusals, returns, complaints: by the day they happened; expenses by the day they were paid;
- nothing after the period's last day is counted, so a past period's report stays the same.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.crm import nps
from pipeline.crm.figures import in_period
from pipeline.crm.frames import Frames
from pipeline.crm.report_model import Period


@dataclass
class Scope:
    period: Period
    previous: Period
    frames: Frames
    #: every purchase up to the period's end, with ``first_on``: the client's first purchase ever
    purchases: pd.DataFrame
    #: each client's first and second purchase day (NaT when there is none yet)
    first: pd.Series
    second: pd.Series

    #: the records of each period, cut once (a million purchases are not filtered twelve times)
    cut: dict[tuple[str, Period], pd.DataFrame] = dataclasses.field(default_factory=dict)

    def _cut(self, what: str, period: Period, make) -> pd.DataFrame:
        key = (what, period)
        if key not in self.cut:
            self.cut[key] = make()
        return self.cut[key]

    def bought(self, period: Period) -> pd.DataFrame:
        """Purchases made in ``period``, each marked ``new`` when its client is new in it."""

        def make() -> pd.DataFrame:
            p = in_period(self.purchases, "bought_on", period.start, period.end)
            return p.assign(new=(p["first_on"] >= pd.Timestamp(period.start)).to_numpy())

        return self._cut("bought", period, make)

    def answers(self, period: Period) -> pd.DataFrame:
        return self._cut("answers", period, lambda: nps.answers_in(self.frames.answers, period.start, period.end))

    def incidents(self, period: Period) -> pd.DataFrame:
        f = self.frames.incidents
        return self._cut("incidents", period, lambda: in_period(f, "occurred_on", period.start, period.end))

    def expenses(self, period: Period) -> pd.DataFrame:
        return self._cut("expenses", period, lambda: in_period(self.frames.expenses, "spent_on", period.start,
                                                                period.end))  # fmt: skip

    def new_clients(self, period: Period) -> pd.Series:
        """First purchase day of the clients new in ``period``."""
        f = self.first
        return f[(f >= pd.Timestamp(period.start)) & (f <= pd.Timestamp(period.end))]


def scope(frames: Frames, period: Period) -> Scope:
    # an empty table comes out of the database without types: money and counts are numbers
    frames = dataclasses.replace(
        frames,
        purchases=frames.purchases.astype({"amount": float, "margin": float, "paid": float}),
        expenses=frames.expenses.astype({"amount": float}),
        activities=frames.activities.astype({"n": float}) if "n" in frames.activities else frames.activities,
        answers=frames.answers.astype({"score": int}),
    )
    p = frames.purchases
    p = p[p["bought_on"] <= pd.Timestamp(period.end)]
    first, second = _first_two(p)
    p = p.assign(first_on=first.reindex(p["client_id"].to_numpy()).to_numpy())
    return Scope(period, period.previous(), frames, p, first, second)


def _first_two(p: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each client's first and second purchase day, by one sort of the purchases."""
    client = p["client_id"].to_numpy()
    day = p["bought_on"].to_numpy()
    order = np.lexsort((day, client))
    client, day = client[order], day[order]
    starts = np.flatnonzero(np.r_[True, client[1:] != client[:-1]]) if len(client) else np.array([], int)
    first = pd.Series(day[starts], index=client[starts], dtype="datetime64[ns]")
    has_second = np.r_[starts[1:], len(client)] - starts > 1
    second = np.full(len(starts), np.datetime64("NaT"), dtype=day.dtype)
    second[has_second] = day[starts[has_second] + 1]
    return first, pd.Series(second, index=client[starts], dtype="datetime64[ns]")
